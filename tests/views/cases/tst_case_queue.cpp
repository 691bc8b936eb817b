// The Cases queue against the real server: tab counts equal the server's counts, sorting and
// filtering give the server's order, text search finds a case by its subject, a live arrival
// waits in the banner until asked for, and a bulk action says what it will do and changes the
// cases on the server (a simulated marketplace of 1,500 members over 20 days: ~80 open
// cases). Screenshots: queue, banner, empty, bulk confirmation, offline.
#include "casequeuetestsupport.h"
#include "guitest.h"

#include "client/cache/cachedb.h"
#include "client/sync/syncengine.h"
#include "client/cache/cachereader.h"
#include "models/casequeuemodel.h"
#include "views/cases/acting/banapprovalsview.h"
#include "views/cases/casespage.h"
#include "views/cases/detail/casedetailpane.h"
#include "views/cases/queue/arrivalwatch.h"
#include "views/cases/queue/bulkconfirmdialog.h"
#include "views/cases/queue/casequeueview.h"
#include "views/cases/queue/queuefilterbar.h"
#include "views/cases/queue/queuecsvexport.h"
#include "views/cases/queue/queueofflinebar.h"
#include "views/cases/queue/queuetabcounts.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace skillex;
using namespace skillex::tests;
using namespace skillex::tests::casequeue;
using models::CaseQueueModel;
using views::QueueTab;

class TestCaseQueue : public QObject {
    Q_OBJECT
    ConsoleHarness m_harness;
    std::unique_ptr<StaffConsole> m_console;
    testutils::Actor m_reader; // another moderator, for the server's answers
    std::unique_ptr<views::CasesPage> m_page;
    qint64 m_arrived = 0;

    views::CaseQueueView *queue() { return m_page->queue(); }
    CaseQueueModel *model() { return queue()->model(); }

    QList<qint64> shownIds(int limit)
    {
        QList<qint64> ids;
        for (int row = 0; row < model()->rowCount() && row < limit; ++row)
            ids << model()->idAt(row);
        return ids;
    }

    // The tab's number, as the tab bar shows it.
    qint64 tabNumber(QueueTab tab)
    {
        QTabBar *bar = queue()->tabBar();
        for (int i = 0; i < bar->count(); ++i)
            if (bar->tabData(i).toInt() == int(tab)) {
                const QStringList parts = bar->tabText(i).split(u' ');
                return parts.size() < 2 ? -1 : QLocale().toLongLong(parts.last());
            }
        return -1;
    }

    qint64 me() { return m_console->workspace.me().id; }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_case_queue");
        applyConsoleLook();
        QVERIFY2(m_harness.start(1500, 20, 7), qPrintable(m_harness.error()));
        m_console = m_harness.openConsole(QStringLiteral("moderator"));
        QVERIFY2(m_console, qPrintable(m_harness.error()));
        m_reader = testutils::signInStaff(m_harness.server(), QStringLiteral("moderator"));
        QVERIFY(m_reader.isValid());
        m_page = std::make_unique<views::CasesPage>(&m_console->workspace);
        // The page's share of a 1280x800 window (rail, header and status bar taken off).
        m_page->resize(1188, 724);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        queue()->showTab(QueueTab::Unassigned);
        QTRY_VERIFY(model()->rowCount() > 10);
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_console.reset();
    }

    void tabCountsEqualTheServers()
    {
        const QJsonObject counts =
            getJson(m_harness, m_reader, QStringLiteral("/api/v1/admin/cases/counts"));
        QVERIFY(!counts.isEmpty());
        qint64 all = 0;
        const QJsonObject byStatus = counts.value(QStringLiteral("by_status")).toObject();
        for (auto it = byStatus.begin(); it != byStatus.end(); ++it)
            all += it.value().toInteger();
        queue()->tabCounts()->refresh();
        QCOMPARE(tabNumber(QueueTab::Unassigned), counts.value(QStringLiteral("unassigned")).toInteger());
        QVERIFY(tabNumber(QueueTab::Unassigned) > 0);
        QCOMPARE(tabNumber(QueueTab::High), counts.value(QStringLiteral("high_severity")).toInteger());
        QCOMPARE(tabNumber(QueueTab::Escalated), counts.value(QStringLiteral("escalated")).toInteger());
        QCOMPARE(tabNumber(QueueTab::Appeals), counts.value(QStringLiteral("appealed")).toInteger());
        QCOMPARE(tabNumber(QueueTab::SlaBreached), counts.value(QStringLiteral("sla_breached")).toInteger());
        QCOMPARE(tabNumber(QueueTab::All), all);
        // "mine" is per person: the console's own count against the database.
        QCOMPARE(tabNumber(QueueTab::Mine),
                 sql(m_harness, QStringLiteral("SELECT COUNT(*) FROM cases WHERE assignee_id = :a "
                                               "AND status IN ('assigned','escalated','appealed')"),
                     {{QStringLiteral(":a"), me()}})
                     .toLongLong());
        // The table of a tab holds exactly the tab's number of rows.
        QCOMPARE(qint64(model()->rowCount()), tabNumber(QueueTab::Unassigned));
        // Ban approvals: the number BanApprovalsView reports (the server's pending proposals).
        const qint64 pending = counts.value(QStringLiteral("ban_approvals_pending")).toInteger();
        emit m_page->banApprovals()->pendingCountChanged(int(pending) + 1);
        QCOMPARE(tabNumber(QueueTab::BanApprovals), pending + 1);
        emit m_page->banApprovals()->pendingCountChanged(int(pending));
        QCOMPARE(tabNumber(QueueTab::BanApprovals), pending);
        QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("cases-queue")));
    }

    void sortsAsTheServer()
    {
        queue()->showTab(QueueTab::Unassigned);
        QHeaderView *header = queue()->table()->horizontalHeader();
        // Priority, highest first (the default).
        QCOMPARE(shownIds(25), serverCaseIds(m_harness, m_reader,
                                             QStringLiteral("status=open&sort=priority"), 25));
        // A click on SLA: soonest due first.
        header->setSortIndicator(CaseQueueModel::Sla, Qt::AscendingOrder);
        QVERIFY(model()->caseSort() == models::CaseSort::Sla);
        QCOMPARE(shownIds(25),
                 serverCaseIds(m_harness, m_reader, QStringLiteral("status=open&sort=sla"), 25));
        // Age: oldest first.
        header->setSortIndicator(CaseQueueModel::Age, Qt::AscendingOrder);
        QCOMPARE(shownIds(25),
                 serverCaseIds(m_harness, m_reader, QStringLiteral("status=open&sort=age"), 25));
        // A column without an index keeps the order (and the indicator stays on Age).
        header->setSortIndicator(CaseQueueModel::Category, Qt::AscendingOrder);
        QCOMPARE(header->sortIndicatorSection(), int(CaseQueueModel::Age));
        QVERIFY(model()->caseSort() == models::CaseSort::Age);
        header->setSortIndicator(CaseQueueModel::Priority, Qt::DescendingOrder);
    }

    void filtersAsTheServer()
    {
        views::QueueFilterBar *filters = queue()->filterBar();
        queue()->showTab(QueueTab::All);
        filters->categoryBox()->setCurrentIndex(
            filters->categoryBox()->findData(QStringLiteral("harassment")));
        QCOMPARE(qint64(model()->rowCount()),
                 sql(m_harness, QStringLiteral("SELECT COUNT(*) FROM cases WHERE category = "
                                               "'harassment'"))
                     .toLongLong());
        QCOMPARE(shownIds(25), serverCaseIds(m_harness, m_reader,
                                             QStringLiteral("category=harassment&sort=priority"),
                                             25));
        filters->categoryBox()->setCurrentIndex(0);
        filters->severityBox()->setCurrentIndex(
            filters->severityBox()->findData(QStringLiteral("low")));
        queue()->showTab(QueueTab::Unassigned);
        QCOMPARE(shownIds(25), serverCaseIds(m_harness, m_reader,
                                             QStringLiteral("status=open&severity=low&sort=priority"),
                                             25));
        // Assignee: nobody holds an open case.
        filters->assigneeBox()->setCurrentIndex(
            filters->assigneeBox()->findData(QStringLiteral("none")));
        QCOMPARE(shownIds(25), serverCaseIds(m_harness, m_reader,
                                             QStringLiteral("status=open&severity=low&assignee="
                                                            "none&sort=priority"),
                                             25));
        // A filter that matches nothing shows the empty state with a way back.
        filters->searchField()->setText(QStringLiteral("qqqzzznothing"));
        QTRY_COMPARE(model()->rowCount(), 0);
        auto *stack = queue()->findChild<QStackedWidget *>();
        QTRY_COMPARE(stack->currentWidget()->objectName(), QStringLiteral("queueEmpty"));
        auto *clear = queue()->findChild<QPushButton *>(QStringLiteral("clearFilters"));
        QVERIFY(clear->isVisible());
        QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("cases-queue-empty")));
        QTest::mouseClick(clear, Qt::LeftButton);
        QTRY_VERIFY(model()->rowCount() > 0);
        QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(queue()->table()));
    }

    void csvExportIsTheListAsShown()
    {
        queue()->showTab(QueueTab::High);
        QTRY_VERIFY(model()->rowCount() > 0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("high.csv"));
        QString error;
        QVERIFY2(views::queuecsv::write(queue()->table(), path, nullptr, &error),
                 qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), model()->rowCount() + 1);
        // The columns in the order shown (status and assignee after the subject).
        QCOMPARE(lines.first(), QStringLiteral("Case,Priority,SLA,Category,Severity,Subject,Status,"
                                               "Assignee,Reports,Age"));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("#%1,").arg(model()->idAt(0))));
        QCOMPARE(views::queuecsv::field(QStringLiteral("a \"b\", c")),
                 QStringLiteral("\"a \"\"b\"\", c\""));
        // Each row is a high-severity case, as the server's count of the tab says.
        for (int i = 1; i < lines.size(); ++i)
            QVERIFY2(lines.at(i).contains(QStringLiteral(",high,")), qPrintable(lines.at(i)));
    }

    void liveArrivalWaitsInTheBanner()
    {
        queue()->showTab(QueueTab::Unassigned);
        queue()->table()->setFocus();
        queue()->moveSelection(0);
        const qint64 selected = queue()->currentCase();
        QVERIFY(selected > 0);
        QVERIFY(queue()->arrivals()->isHolding());
        const qint64 before = tabNumber(QueueTab::Unassigned);
        const int rowsBefore = model()->rowCount();

        m_arrived = reportNewMember(m_harness, QStringLiteral("Quillon Zephyrine"),
                                    QStringLiteral("harassment"));
        QVERIFY(m_arrived > 0);
        // The event reaches the cache; the banner counts it; the count on the tab moves.
        auto *bannerText = queue()->findChild<QLabel *>(QStringLiteral("arrivalsText"));
        QTRY_VERIFY_WITH_TIMEOUT(bannerText->isVisible(), 20'000);
        QCOMPARE(bannerText->text(), QStringLiteral("1 new - press . to show"));
        QTRY_COMPARE(tabNumber(QueueTab::Unassigned), before + 1);
        // ...but the list did not move: the new case is not in it, the cursor stays.
        model()->flushPendingChanges();
        QCOMPARE(model()->rowCount(), rowsBefore);
        QCOMPARE(model()->rowOfId(m_arrived), -1);
        QCOMPARE(queue()->currentCase(), selected);
        QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("cases-queue-banner")));

        // '.' shows it; the selection stays on the case it was on.
        QTest::keyClick(queue()->table(), Qt::Key_Period);
        QTRY_VERIFY(model()->rowOfId(m_arrived) >= 0);
        QCOMPARE(model()->rowCount(), rowsBefore + 1);
        QVERIFY(!bannerText->isVisible());
        QCOMPARE(queue()->currentCase(), selected);
    }

    void textSearchFindsTheSubject()
    {
        QVERIFY(m_arrived > 0);
        queue()->showTab(QueueTab::All);
        QLineEdit *search = queue()->filterBar()->searchField();
        search->setText(QStringLiteral("Zephyrine"));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 1);
        QCOMPARE(model()->idAt(0), m_arrived);
        QCOMPARE(model()->index(0, CaseQueueModel::Subject).data().toString(),
                 QStringLiteral("Quillon Zephyrine"));
        // A prefix finds it too.
        search->setText(QStringLiteral("quill"));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY(model()->rowCount() >= 1);
        QVERIFY(model()->rowOfId(m_arrived) >= 0);
        search->clear();
        QTest::keyClick(search, Qt::Key_Return);
    }

    void bulkDismissSaysWhatAndChangesTheServer()
    {
        queue()->showTab(QueueTab::Unassigned);
        QTRY_VERIFY(model()->rowCount() >= 3);
        QTableView *table = queue()->table();
        table->setFocus();
        table->clearSelection();
        const QList<qint64> ids{model()->idAt(0), model()->idAt(1), model()->idAt(2)};
        auto *selection = table->selectionModel();
        for (int row = 0; row < 3; ++row)
            selection->select(model()->index(row, 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(queue()->selectedCases(), ids);
        auto *bulkBar = queue()->findChild<QWidget *>(QStringLiteral("bulkBar"));
        QVERIFY(bulkBar->isVisible());

        // 'd' with three selected asks about all three.
        QTest::keyClick(table, Qt::Key_D);
        views::BulkConfirmDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = queue()->bulkDialog()) != nullptr);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->summary(), QStringLiteral("Dismiss 3 cases: #%1, #%2, #%3")
                                        .arg(ids.at(0))
                                        .arg(ids.at(1))
                                        .arg(ids.at(2)));
        QVERIFY(!dialog->confirmButton()->isEnabled()); // a reason first
        QTest::keyClicks(dialog->reasonField(), QStringLiteral("Duplicate reports, no breach."));
        QVERIFY(dialog->confirmButton()->isEnabled());
        QVERIFY(saveScreenshot(dialog, QStringLiteral("cases-queue-bulk-confirmation")));
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

        // Each case dismissed on the server, by this moderator, with the reason in the audit log.
        for (qint64 id : ids) {
            QTRY_COMPARE_WITH_TIMEOUT(
                sql(m_harness, QStringLiteral("SELECT status FROM cases WHERE id = :id"),
                    {{QStringLiteral(":id"), id}})
                    .toString(),
                QStringLiteral("dismissed"), 20'000);
            QCOMPARE(sql(m_harness,
                         QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE target_type = 'case' "
                                        "AND target_id = :id AND actor_id = :a AND reason LIKE "
                                        "'%Duplicate reports%'"),
                         {{QStringLiteral(":id"), QString::number(id)},
                          {QStringLiteral(":a"), me()}})
                         .toLongLong(),
                     qint64(1));
        }
        // ...and they leave the Unassigned list as the events come back.
        for (qint64 id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(model()->rowOfId(id), -1, 20'000);
    }

    void bulkClaimFillsMyCases()
    {
        queue()->showTab(QueueTab::Unassigned);
        QTableView *table = queue()->table();
        table->clearSelection();
        const QList<qint64> ids{model()->idAt(0), model()->idAt(1)};
        for (int row = 0; row < 2; ++row)
            table->selectionModel()->select(model()->index(row, 0), QItemSelectionModel::Select |
                                                                        QItemSelectionModel::Rows);
        auto *claim = queue()->findChild<QPushButton *>(QStringLiteral("bulkClaim"));
        QTest::mouseClick(claim, Qt::LeftButton);
        views::BulkConfirmDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = queue()->bulkDialog()) != nullptr);
        QCOMPARE(dialog->summary(),
                 QStringLiteral("Claim 2 cases: #%1, #%2").arg(ids.at(0)).arg(ids.at(1)));
        QVERIFY(dialog->confirmButton()->isEnabled());
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        for (qint64 id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(
                sql(m_harness, QStringLiteral("SELECT assignee_id FROM cases WHERE id = :id"),
                    {{QStringLiteral(":id"), id}})
                    .toLongLong(),
                me(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(tabNumber(QueueTab::Mine), qint64(2), 20'000);
        queue()->showTab(QueueTab::Mine);
        QTRY_COMPARE(model()->rowCount(), 2);
    }

    void loadingShowsTheSyncProgress()
    {
        // A view with nothing in it yet while a (re)sync runs: progress, not an empty list.
        queue()->showTab(QueueTab::Escalated);
        QTRY_COMPARE(model()->rowCount(), 0);
        auto *stack = queue()->findChild<QStackedWidget *>();
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("queueEmpty"));
        client::SyncEngine *sync = m_console->workspace.sync();
        emit sync->progress(42, QStringLiteral("Syncing cases: 4200 items"));
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("queueLoading"));
        auto *bar = queue()->findChild<QProgressBar *>(QStringLiteral("syncProgress"));
        QCOMPARE(bar->value(), 42);
        QCOMPARE(queue()->findChild<QLabel *>(QStringLiteral("queueLoadingText"))->text(),
                 QStringLiteral("Syncing cases: 4200 items"));
        QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("cases-queue-loading")));
        emit sync->snapshotFinished(4200, 900);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("queueEmpty"));
        QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("cases-queue-empty-view")));
    }

    void offlineBarShows()
    {
        auto *bar = m_page->offlineBar();
        QVERIFY(!bar->isVisible());
        QVERIFY(m_console->connection.moveTo(client::ConnectionState::State::Offline));
        QTRY_VERIFY(bar->isVisible());
        QVERIFY(bar->text().startsWith(QStringLiteral("Offline since")));
        QVERIFY(bar->text().contains(QStringLiteral("Actions are kept")));
        // An act while offline is kept: its row says so, the server has not seen it.
        queue()->showTab(QueueTab::Mine);
        QTRY_COMPARE(model()->rowCount(), 2);
        const qint64 id = model()->idAt(0);
        queue()->table()->selectionModel()->setCurrentIndex(
            model()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        queue()->requestBulk(views::BulkVerb::Release);
        views::BulkConfirmDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = queue()->bulkDialog()) != nullptr);
        QCOMPARE(dialog->summary(), QStringLiteral("Release 1 case: #%1").arg(id));
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QTRY_COMPARE(model()->index(model()->rowOfId(id), CaseQueueModel::Status)
                         .data(CaseQueueModel::OverlayTextRole)
                         .toString(),
                     QStringLiteral("releasing, queued"));
        QCOMPARE(model()->index(model()->rowOfId(id), CaseQueueModel::Status)
                     .data(CaseQueueModel::OverlayStateRole)
                     .toString(),
                 QStringLiteral("queued"));
        QCOMPARE(sql(m_harness, QStringLiteral("SELECT status FROM cases WHERE id = :id"),
                     {{QStringLiteral(":id"), id}})
                     .toString(),
                 QStringLiteral("assigned"));
        QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("cases-queue-offline")));
    }
};

QTEST_MAIN(TestCaseQueue)
#include "tst_case_queue.moc"
