// A moderator triages a case with the keyboard alone, on the whole Cases page against the real
// server: j moves to an open unassigned case, Enter opens it, c claims it, w opens the warning
// with its canned reasons, Down picks one, Ctrl+Enter applies it. Then the server holds the
// case resolved by a warning from this moderator, with one claim and one warning in the audit
// log. No mouse event and no slot call: only key presses to whatever has the focus.
#include "casequeuetestsupport.h"
#include "guitest.h"

#include "models/casequeuemodel.h"
#include "views/cases/casespage.h"
#include "views/cases/detail/casedetailpane.h"
#include "views/cases/queue/casequeueview.h"

#include <QApplication>
#include <QComboBox>
#include <QTableView>
#include <QTest>

using namespace skillex;
using namespace skillex::tests;
using namespace skillex::tests::casequeue;

namespace {

// Keys go where a person's keys go: to the focused widget.
void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, Qt::Key(key), modifiers);
}

} // namespace

class TestCaseTriage : public QObject {
    Q_OBJECT
    ConsoleHarness m_harness;
    std::unique_ptr<StaffConsole> m_console;
    std::unique_ptr<views::CasesPage> m_page;

private slots:
    void initTestCase()
    {
        isolateSettings("tst_case_triage");
        applyConsoleLook();
        QVERIFY2(m_harness.start(400, 14, 17), qPrintable(m_harness.error()));
        m_console = m_harness.openConsole(QStringLiteral("moderator"));
        QVERIFY2(m_console, qPrintable(m_harness.error()));
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_console.reset();
    }

    void triageByKeyboardOnly()
    {
        m_page = std::make_unique<views::CasesPage>(&m_console->workspace);
        m_page->detail()->setUndoWindow(600);
        m_page->resize(1188, 724);
        m_page->show();
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
        views::CaseQueueView *queue = m_page->queue();
        // The All tab: a claimed case leaves Unassigned, and the queue's selection (and with it
        // the pane) would move on to the next case while the moderator is still on this one.
        queue->showTab(views::QueueTab::All);
        QTRY_VERIFY(queue->model()->rowCount() > 0);
        queue->table()->setFocus();
        queue->table()->selectionModel()->clear();

        // j until an open, unassigned case is under the cursor; the pane follows it.
        qint64 caseId = 0;
        for (int i = 0; i < 50 && caseId == 0; ++i) {
            press(Qt::Key_J);
            const qint64 candidate = queue->currentCase();
            if (sql(m_harness,
                    QStringLiteral("SELECT COUNT(*) FROM cases WHERE id = :id AND status = 'open' "
                                   "AND assignee_id IS NULL"),
                    {{QStringLiteral(":id"), candidate}})
                    .toInt() == 1)
                caseId = candidate;
        }
        QVERIFY(caseId > 0);
        QTRY_COMPARE(m_page->detail()->currentCase(), caseId);
        const QString status =
            sql(m_harness, QStringLiteral("SELECT status FROM cases WHERE id = :id"),
                {{QStringLiteral(":id"), caseId}})
                .toString();
        QCOMPARE(status, QStringLiteral("open"));

        // Enter: into the case. c: claim (sent once its undo window has passed).
        press(Qt::Key_Return);
        QTRY_VERIFY(m_page->detail()->isAncestorOf(QApplication::focusWidget()));
        const qint64 me = m_console->workspace.me().id;
        press(Qt::Key_C);
        QTRY_COMPARE_WITH_TIMEOUT(
            sql(m_harness, QStringLiteral("SELECT assignee_id FROM cases WHERE id = :id"),
                {{QStringLiteral(":id"), caseId}})
                .toLongLong(),
            me, 20'000);

        // w: the warning form, its canned reasons; Down picks the first one; Ctrl+Enter applies.
        press(Qt::Key_W);
        auto *canned = m_page->detail()->findChild<QComboBox *>(QStringLiteral("cannedReason"));
        QVERIFY(canned);
        QTRY_VERIFY(canned->isVisible() && canned->count() > 1);
        QTRY_VERIFY(QApplication::focusWidget() != nullptr);
        if (QApplication::focusWidget() != canned) {
            // The form puts the focus on its first field; Tab order reaches the reason from there.
            for (int i = 0; i < 5 && QApplication::focusWidget() != canned; ++i)
                press(Qt::Key_Tab);
        }
        QCOMPARE(QApplication::focusWidget(), canned);
        press(Qt::Key_Down);
        QVERIFY(canned->currentIndex() > 0);
        const QString reason = canned->currentText();
        QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("cases-triage-warn-form")));
        press(Qt::Key_Return, Qt::ControlModifier);

        QTRY_COMPARE_WITH_TIMEOUT(
            sql(m_harness, QStringLiteral("SELECT resolution FROM cases WHERE id = :id"),
                {{QStringLiteral(":id"), caseId}})
                .toString(),
            QStringLiteral("warn"), 20'000);
        const QVariantMap bind{{QStringLiteral(":id"), QString::number(caseId)}};
        QCOMPARE(sql(m_harness,
                     QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'case.claim' "
                                    "AND target_id = :id"),
                     bind)
                     .toInt(),
                 1);
        QCOMPARE(sql(m_harness,
                     QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'case.warn' "
                                    "AND target_id = :id"),
                     bind)
                     .toInt(),
                 1);
        QCOMPARE(sql(m_harness,
                     QStringLiteral("SELECT actor_id FROM audit_log WHERE action = 'case.warn' AND "
                                    "target_id = :id"),
                     bind)
                     .toLongLong(),
                 me);
        qInfo("case #%lld warned with the canned reason \"%s\"", caseId, qPrintable(reason));
        QTRY_VERIFY(queue->model()->rowCount() >= 0);
        QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("cases-triage-done")));
    }
};

QTEST_MAIN(TestCaseTriage)
#include "tst_case_triage.moc"
