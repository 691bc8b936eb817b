// The Audit area against the real server: the list filtered by actor holds exactly the server's
// entries for that actor; an entry's before and after side by side; CSV export of the filtered
// list; "Verify chain" says ok, then names the row someone edited in the database, selected.
#include "consoleharness.h"
#include "guitest.h"
#include "tests/testutils/testsql.h"

#include "models/auditfetcher.h"
#include "models/auditmodel.h"
#include "views/audit/auditdetailview.h"
#include "views/audit/auditpage.h"

#include <QFile>
#include <QLabel>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace skillex;
using skillex::testutils::sqlExec;
using skillex::testutils::sqlScalar;

namespace {

QSet<qint64> serverIds(const QString &url, const QString &where, const QVariantMap &bind)
{
    // group_concat / string_agg differ; SQLite is the database here (DATABASES sqlite).
    const QString ids =
        sqlScalar(url, QStringLiteral("SELECT group_concat(id) FROM audit_log WHERE ") + where,
                  bind)
            .toString();
    QSet<qint64> out;
    for (const QString &id : ids.split(u',', Qt::SkipEmptyParts))
        out.insert(id.toLongLong());
    return out;
}

QSet<qint64> shownIds(models::AuditModel *model)
{
    QSet<qint64> out;
    for (int r = 0; r < model->rowCount(); ++r)
        out.insert(model->idAt(r));
    return out;
}

} // namespace

class TestAuditView : public QObject {
    Q_OBJECT

    tests::ConsoleHarness m_harness;
    std::unique_ptr<tests::StaffConsole> m_actorConsole;

private slots:
    void initTestCase()
    {
        tests::applyConsoleLook();
        QVERIFY2(m_harness.start(80, 4, 5), qPrintable(m_harness.error()));
        // A moderator whose sign-in leaves an entry under their id (actor filter below).
        m_actorConsole = m_harness.openConsole(QStringLiteral("moderator"));
        QVERIFY2(m_actorConsole, qPrintable(m_harness.error()));
    }

    void listFilteredByActorIsTheServersEntries()
    {
        auto console = m_harness.openConsole(QStringLiteral("viewer"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        views::AuditPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(!page.fetcher()->isRunning(), 30000);
        QTRY_VERIFY(page.model()->rowCount() > 0);
        tests::saveScreenshot(&page, QStringLiteral("audit-list"));

        const qint64 actor = m_actorConsole->workspace.me().id;
        QVERIFY(actor > 0);
        const QSet<qint64> expected =
            serverIds(m_harness.databaseUrl(), QStringLiteral("actor_id = :a"),
                      {{QStringLiteral(":a"), actor}});
        QVERIFY(!expected.isEmpty());

        models::AuditFilter filter;
        filter.actorId = actor;
        QSignalSpy done(page.fetcher(), &models::AuditFetcher::finished);
        page.applyFilter(filter);
        QVERIFY(done.wait(30000));
        QTRY_COMPARE(shownIds(page.model()), expected);
        // The newest entry's before and after, side by side.
        page.table()->setCurrentIndex(page.model()->index(0, 0));
        QTRY_VERIFY(page.detail()
                        ->findChild<QLabel *>(QStringLiteral("auditEntryHeader"))
                        ->text()
                        .contains(QString::number(page.model()->idAt(0))));
        tests::saveScreenshot(&page, QStringLiteral("audit-filtered-by-actor"));

        // CSV of the filtered list: a header and one line per entry, the ids of the server's.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.csv"));
        QString error;
        QVERIFY2(page.exportCsv(path, &error), qPrintable(error));
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines.first().trimmed(), QByteArray("id,at,actor,action,target,reason"));
        QSet<qint64> csvIds;
        for (int i = 1; i < lines.size(); ++i)
            if (!lines.at(i).trimmed().isEmpty())
                csvIds.insert(lines.at(i).split(',').first().toLongLong());
        QCOMPARE(csvIds, expected);
    }

    void beforeAndAfterSideBySide()
    {
        auto console = m_harness.openConsole(QStringLiteral("admin"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        views::AuditPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        // staff.created holds an after (the account); a moderator was created in initTestCase.
        models::AuditFilter filter;
        filter.action = QStringLiteral("staff.created");
        QSignalSpy done(page.fetcher(), &models::AuditFetcher::finished);
        page.applyFilter(filter);
        QVERIFY(done.wait(30000));
        QTRY_VERIFY(page.model()->rowCount() > 0);
        page.table()->setCurrentIndex(page.model()->index(0, 0));
        QTreeWidget *diff = page.detail()->diffTree();
        QTRY_VERIFY(diff->topLevelItemCount() > 0);
        bool emailShown = false;
        for (int i = 0; i < diff->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = diff->topLevelItem(i);
            if (item->text(0).startsWith(QStringLiteral("email"))) {
                emailShown = item->text(2).contains(u'@') && item->text(1) == QStringLiteral("—");
                QVERIFY(item->text(0).contains(QStringLiteral("changed")));
            }
        }
        QVERIFY(emailShown);
        tests::saveScreenshot(&page, QStringLiteral("audit-before-after"));
    }

    void verifyChainOkThenBroken()
    {
        auto console = m_harness.openConsole(QStringLiteral("viewer"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        views::AuditPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        QSignalSpy verified(&page, &views::AuditPage::verified);
        page.verifyChain();
        QVERIFY(verified.wait(30000));
        QCOMPARE(verified.last().at(0).toBool(), true);
        QVERIFY(page.banner()->isVisible());
        QVERIFY(page.banner()->text().contains(QStringLiteral("verified")));
        tests::saveScreenshot(&page, QStringLiteral("audit-verify-ok"));

        // Someone with database access rewrites one reason in the middle of the log.
        const QString url = m_harness.databaseUrl();
        const qint64 victim =
            sqlScalar(url, QStringLiteral("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 5"))
                .toLongLong();
        QVERIFY(victim > 0);
        QVERIFY(sqlExec(url,
                        QStringLiteral("UPDATE audit_log SET reason = 'nothing to see' WHERE id "
                                       "= :id"),
                        {{QStringLiteral(":id"), victim}}));
        page.verifyChain();
        QVERIFY(verified.wait(30000));
        QCOMPARE(verified.last().at(0).toBool(), false);
        QCOMPARE(verified.last().at(1).toLongLong(), victim);
        QVERIFY(page.banner()->text().contains(QStringLiteral("#%1").arg(victim)));
        QTRY_COMPARE(page.selectedId(), victim);
        // The list shows the row as the server holds it now.
        QTRY_VERIFY(page.detail()
                        ->findChild<QLabel *>(QStringLiteral("auditEntryHeader"))
                        ->text()
                        .contains(QStringLiteral("nothing to see")));
        tests::saveScreenshot(&page, QStringLiteral("audit-verify-broken"));
    }
};

QTEST_MAIN(TestAuditView)
#include "tst_audit_view.moc"
