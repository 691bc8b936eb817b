// The console's workspace against the real server: first sync into the cache, "prepare for
// offline" (the queue with its evidence and attachment bytes, readable with the server gone),
// and reopening from the cache alone with the identity kept there, an action queued offline
// and applied once when the console is back online.
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/sync/syncengine.h"
#include "client/workspace/offlinepreparer.h"
#include "consoleharness.h"
#include "tests/testutils/testevidence.h"
#include "tests/testutils/testsql.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace skillex;
using namespace skillex::testutils;

class TestWorkspaceE2E : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void firstSyncFillsTheCache();
    void preparedQueueIsReadableWithTheServerGone();
    void offlineReopensWithTheKeptIdentity();
    void cleanupTestCase();

private:
    qint64 serverCount(const QString &sql) const
    {
        return sqlScalar(m_harness.databaseUrl(), sql).toLongLong();
    }

    tests::ConsoleHarness m_harness;
    std::unique_ptr<tests::StaffConsole> m_console;
    ReportedImage m_image;
    QList<qint64> m_prepared;
};

void TestWorkspaceE2E::initTestCase()
{
    QVERIFY2(m_harness.start(120, 7, 5), qPrintable(m_harness.error()));
    m_image = reportImageMessage(m_harness.server(), testPng());
    QVERIFY(m_image.isValid());
}

void TestWorkspaceE2E::cleanupTestCase()
{
    m_console.reset();
}

void TestWorkspaceE2E::firstSyncFillsTheCache()
{
    m_console = m_harness.openConsole(QStringLiteral("moderator"));
    QVERIFY2(m_console, qPrintable(m_harness.error()));
    client::CacheReader *reader = m_console->workspace.cache()->reader();
    QTRY_COMPARE(reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toLongLong(),
                 serverCount(QStringLiteral("SELECT COUNT(*) FROM cases")));
    QCOMPARE(reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases WHERE id = ?"),
                            {m_image.caseId})
                 .toInt(),
             1);
    QCOMPARE(m_console->connection.state(), client::ConnectionState::State::Live);
}

void TestWorkspaceE2E::preparedQueueIsReadableWithTheServerGone()
{
    client::Workspace &workspace = m_console->workspace;
    client::OfflinePreparer preparer(&workspace);
    m_prepared = preparer.chooseCases(1000);
    QVERIFY(m_prepared.contains(m_image.caseId));
    QSignalSpy finished(&preparer, &client::OfflinePreparer::finished);
    QSignalSpy progress(&preparer, &client::OfflinePreparer::progress);
    preparer.start(1000);
    QVERIFY(finished.wait(120'000));
    const auto summary = finished.first().first().value<client::OfflinePreparer::Summary>();
    qInfo("prepare for offline: %s", qPrintable(summary.line()));
    QCOMPARE(summary.failures, 0);
    QCOMPARE(summary.cases, int(m_prepared.size()));
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.last().at(0).toInt(), int(m_prepared.size()));

    // Evidence items and files as the server holds them for those cases.
    QStringList ids;
    for (qint64 id : m_prepared)
        ids << QString::number(id);
    const QString in = ids.join(QLatin1Char(','));
    QCOMPARE(qint64(summary.evidenceItems),
             serverCount(QStringLiteral("SELECT COUNT(*) FROM evidence WHERE case_id IN (%1)")
                             .arg(in)));
    QCOMPARE(qint64(summary.attachments),
             serverCount(QStringLiteral("SELECT COUNT(DISTINCT ea.sha256) FROM evidence e JOIN "
                                        "evidence_attachments ea ON ea.evidence_id = e.id WHERE "
                                        "e.case_id IN (%1)")
                             .arg(in)));
    QVERIFY(summary.attachments >= 1);
    QVERIFY(summary.bytes >= m_image.bytes.size());

    // The server goes away; the image case still opens from the cache, bytes and all.
    QVERIFY(m_harness.server().stop());
    client::CacheReader *reader = workspace.cache()->reader();
    const QJsonObject detail =
        QJsonDocument::fromJson(reader
                                    ->scalar(QStringLiteral("SELECT detail FROM cases WHERE id = ?"),
                                             {m_image.caseId})
                                    .toByteArray())
            .object();
    QCOMPARE(qint64(detail.value(QStringLiteral("id")).toDouble()), m_image.caseId);
    QVERIFY(!detail.value(QStringLiteral("evidence")).toArray().isEmpty());
    const QByteArray bytes =
        reader
            ->scalar(QStringLiteral("SELECT bytes FROM attachment_blobs WHERE sha256 = ?"),
                     {m_image.sha256})
            .toByteArray();
    QCOMPARE(bytes, m_image.bytes);
    QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
             m_image.sha256);
}

void TestWorkspaceE2E::offlineReopensWithTheKeptIdentity()
{
    const tests::StaffConsole &online = *m_console;
    const QString cacheDir = online.cacheDir;
    const QString profile = online.session.profileName();
    const QUrl server = online.session.server();
    const QString email = online.account.email;
    const QString password = online.account.password;
    const qint64 caseId = m_image.caseId;
    const int version = online.workspace.cache()
                            ->reader()
                            ->scalar(QStringLiteral("SELECT version FROM cases WHERE id = ?"),
                                     {caseId})
                            .toInt();
    m_console.reset(); // the console quits

    // Started again with --offline: no sign-in, the server still down.
    client::ApiClient api;
    client::AuthSession session(&api, nullptr);
    client::ConnectionState connection;
    connection.follow(&session, &api);
    client::Workspace workspace(&session, &api, &connection);
    QVERIFY2(workspace.openOffline(cacheDir, profile, server, email),
             qPrintable(workspace.errorString()));
    QVERIFY(workspace.isOffline());
    QCOMPARE(workspace.me().email, email);
    QCOMPARE(connection.state(), client::ConnectionState::State::Offline);
    // Another account's email finds no cache of this profile.
    {
        client::Workspace other(&session, &api, &connection);
        QVERIFY(!other.openOffline(cacheDir, profile, server, QStringLiteral("nobody@example.org")));
        QVERIFY(!other.errorString().isEmpty());
    }

    // A note written offline waits in the outbox.
    const QString text = QStringLiteral("Written offline %1").arg(QDateTime::currentMSecsSinceEpoch());
    const auto queued = workspace.outbox()->enqueue(client::actions::addCaseNote(caseId, version, text));
    QTRY_VERIFY(queued.isFinished());
    const qint64 actionId = queued.result().value.toLongLong();
    QTest::qWait(500);
    QCOMPARE(workspace.outbox()->entry(actionId)->state, client::OutboxState::Queued);
    QCOMPARE(connection.outboxQueued(), 1);

    // The server is back and the person signs in: the note is sent, once.
    // On the same address, as a real server comes back (the cache is per server address).
    QVERIFY2(m_harness.server().start({QStringLiteral("--port"), QString::number(server.port())}),
             qPrintable(m_harness.server().error()));
    QCOMPARE(m_harness.server().baseUrl().port(), server.port());
    QSignalSpy signedIn(&session, &client::AuthSession::signedIn);
    session.signIn({server, profile, email, password, false});
    QVERIFY(signedIn.wait(30'000));
    workspace.goOnline();
    QTRY_COMPARE_WITH_TIMEOUT(workspace.outbox()->entry(actionId)->state,
                              client::OutboxState::Done, 30'000);
    QCOMPARE(serverCount(QStringLiteral("SELECT COUNT(*) FROM case_history WHERE case_id = %1 "
                                        "AND action = 'note' AND details LIKE '%%2%'")
                             .arg(caseId)
                             .arg(text)),
             1);
    QTRY_COMPARE_WITH_TIMEOUT(workspace.sync()->isLive(), true, 30'000);
    workspace.close();
}

QTEST_GUILESS_MAIN(TestWorkspaceE2E)
#include "tst_workspace_e2e.moc"
