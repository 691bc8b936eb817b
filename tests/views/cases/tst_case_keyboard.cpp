// The Cases area under the keyboard, against the real server: j/k move the selection and the
// detail pane follows, Enter gives the pane the focus, '/' goes to the search, letters typed
// in a text field stay letters, c/d/w reach the pane's case, Ctrl+K lists every action and
// view with a fuzzy filter and runs one with Enter, '?' shows the shortcut sheet.
// Screenshots: palette, shortcut sheet.
#include "casequeuetestsupport.h"
#include "guitest.h"

#include "models/casequeuemodel.h"
#include "views/cases/casespage.h"
#include "views/cases/detail/casedetailpane.h"
#include "views/cases/palette/casekeyboard.h"
#include "views/cases/palette/commandpalette.h"
#include "views/cases/palette/fuzzymatch.h"
#include "views/cases/palette/shortcutsheet.h"
#include "views/cases/queue/casequeueview.h"
#include "views/cases/queue/queuefilterbar.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace skillex;
using namespace skillex::tests;
using namespace skillex::tests::casequeue;
using views::QueueTab;

class TestCaseKeyboard : public QObject {
    Q_OBJECT
    ConsoleHarness m_harness;
    std::unique_ptr<StaffConsole> m_console;
    std::unique_ptr<views::CasesPage> m_page;

    views::CaseQueueView *queue() { return m_page->queue(); }
    views::CaseDetailPane *pane() { return m_page->detail(); }
    QTableView *table() { return queue()->table(); }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_case_keyboard");
        applyConsoleLook();
        QVERIFY2(m_harness.start(1500, 20, 11), qPrintable(m_harness.error()));
        m_console = m_harness.openConsole(QStringLiteral("moderator"));
        QVERIFY2(m_console, qPrintable(m_harness.error()));
        m_page = std::make_unique<views::CasesPage>(&m_console->workspace);
        // The page's share of a 1280x800 window (rail, header and status bar taken off).
        m_page->resize(1188, 724);
        m_page->show();
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
        queue()->showTab(QueueTab::Unassigned);
        QTRY_VERIFY(queue()->model()->rowCount() > 5);
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_console.reset();
    }

    void fuzzyMatchScores()
    {
        QVERIFY(views::fuzzyMatch(QStringLiteral("dis"), QStringLiteral("Dismiss case")));
        QVERIFY(views::fuzzyMatch(QStringLiteral("dsc"), QStringLiteral("Dismiss case")));
        QVERIFY(!views::fuzzyMatch(QStringLiteral("xyz"), QStringLiteral("Dismiss case")));
        // Word starts beat letters scattered inside words.
        QVERIFY(*views::fuzzyMatch(QStringLiteral("sc"), QStringLiteral("Search cases")) >
                *views::fuzzyMatch(QStringLiteral("sc"), QStringLiteral("Discard changes")));
    }

    void jAndKMoveTheSelectionAndTheDetailFollows()
    {
        table()->setFocus();
        table()->selectionModel()->clear();
        QTest::keyClick(table(), Qt::Key_J);
        const qint64 first = queue()->model()->idAt(0);
        QCOMPARE(queue()->currentCase(), first);
        QCOMPARE(pane()->currentCase(), first);
        QTest::keyClick(table(), Qt::Key_J);
        QTest::keyClick(table(), Qt::Key_J);
        const qint64 third = queue()->model()->idAt(2);
        QCOMPARE(queue()->currentCase(), third);
        QCOMPARE(pane()->currentCase(), third);
        QTest::keyClick(table(), Qt::Key_K);
        QCOMPARE(queue()->currentCase(), queue()->model()->idAt(1));
        QCOMPARE(pane()->currentCase(), queue()->model()->idAt(1));
        // k at the top stays at the top.
        QTest::keyClick(table(), Qt::Key_K);
        QTest::keyClick(table(), Qt::Key_K);
        QCOMPARE(queue()->currentCase(), first);
        QCOMPARE(table()->selectionModel()->selectedRows().size(), 1);
    }

    void enterGivesTheDetailTheFocus()
    {
        table()->setFocus();
        QTest::keyClick(table(), Qt::Key_J);
        const qint64 id = queue()->currentCase();
        QTest::keyClick(table(), Qt::Key_Return);
        QTRY_VERIFY(QApplication::focusWidget() == pane() ||
                    pane()->isAncestorOf(QApplication::focusWidget()));
        QCOMPARE(pane()->currentCase(), id);
        // Letters still work from the pane, and Escape goes back to the list.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
        QCOMPARE(pane()->currentCase(), queue()->currentCase());
        QVERIFY(pane()->currentCase() != id);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table()));
    }

    void slashSearchesAndLettersStayLetters()
    {
        table()->setFocus();
        const qint64 before = queue()->currentCase();
        QTest::keyClick(table(), Qt::Key_Slash);
        QLineEdit *search = queue()->filterBar()->searchField();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(search));
        // j, k, d, c typed into the search are text, not commands.
        QTest::keyClicks(search, QStringLiteral("jkdc"));
        QCOMPARE(search->text(), QStringLiteral("jkdc"));
        QCOMPARE(queue()->currentCase(), before);
        QVERIFY(!m_page->findChild<QDialog *>());
        search->clear();
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY(queue()->model()->rowCount() > 5);
        // Escape leaves the search for the list.
        QTest::keyClick(search, Qt::Key_Escape);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table()));
    }

    void verbKeysReachThePanesCase()
    {
        table()->setFocus();
        QTest::keyClick(table(), Qt::Key_J);
        const qint64 id = queue()->currentCase();
        // The pane may have been showing another case (e.g. from a ban approval): the verb
        // keys first point it at the case under the cursor.
        pane()->showCase(0);
        QTest::keyClick(table(), Qt::Key_C);
        QCOMPARE(pane()->currentCase(), id);
        pane()->showCase(0);
        QTest::keyClick(table(), Qt::Key_D);
        QCOMPARE(pane()->currentCase(), id);
        pane()->showCase(0);
        QTest::keyClick(table(), Qt::Key_W);
        QCOMPARE(pane()->currentCase(), id);
        // Each verb key is a registered shortcut naming the pane's slot in the palette.
        for (const char *verb : {"c", "n", "d", "w", "r", "s", "b", "e"}) {
            bool found = false;
            for (const views::CaseCommand &c : m_page->keyboard()->commands())
                found |= c.key == QKeySequence(QString::fromLatin1(verb).toUpper()) &&
                         c.group == QStringLiteral("Case");
            QVERIFY2(found, verb);
        }
        // Dismissing with the key did not act behind the pane's back: nothing queued.
        QCOMPARE(sql(m_harness, QStringLiteral("SELECT status FROM cases WHERE id = :id"),
                     {{QStringLiteral(":id"), id}})
                     .toString(),
                 QStringLiteral("open"));
    }

    void paletteListsEveryActionAndViewAndRuns()
    {
        table()->setFocus();
        QTest::keyClick(table(), Qt::Key_K, Qt::ControlModifier);
        views::CommandPalette *palette = nullptr;
        QTRY_VERIFY((palette = m_page->keyboard()->palette()) != nullptr);
        QTRY_VERIFY(palette->isVisible());
        const QStringList ids = palette->shownIds();
        for (const char *id : {"case.claim", "case.release", "case.note", "case.dismiss",
                               "case.warn", "case.remove", "case.suspend", "case.ban",
                               "case.escalate", "case.appeal", "queue.next", "queue.search",
                               "queue.arrivals", "view.mine", "view.unassigned", "view.high",
                               "view.escalated", "view.appeals", "view.banapprovals",
                               "view.slabreached", "view.all", "selection.dismiss",
                               "help.shortcuts"})
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
        // Fuzzy: "dsms" finds Dismiss first.
        QTest::keyClicks(palette->filterField(), QStringLiteral("dsms"));
        QCOMPARE(palette->shownIds().value(0), QStringLiteral("case.dismiss"));
        palette->filterField()->clear();
        QTest::keyClicks(palette->filterField(), QStringLiteral("escal"));
        QVERIFY(palette->shownIds().contains(QStringLiteral("view.escalated")));
        QVERIFY(saveScreenshot(palette, QStringLiteral("cases-command-palette")));
        // Choose "Show Escalated" and Enter: the view changes.
        palette->filterField()->clear();
        QTest::keyClicks(palette->filterField(), QStringLiteral("show escalated"));
        QCOMPARE(palette->shownIds().value(0), QStringLiteral("view.escalated"));
        QTest::keyClick(palette->filterField(), Qt::Key_Return);
        QTRY_VERIFY(!m_page->keyboard()->palette());
        QVERIFY(queue()->currentTab() == QueueTab::Escalated);
        queue()->showTab(QueueTab::Unassigned);
    }

    void questionMarkShowsTheSheet()
    {
        // The palette's window closed: the page is the active window again (a window manager
        // does this; offscreen it is done here).
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
        table()->setFocus();
        QTest::keyClick(table(), Qt::Key_Question);
        views::ShortcutSheet *sheet = nullptr;
        QTRY_VERIFY((sheet = m_page->keyboard()->sheet()) != nullptr);
        QTRY_VERIFY(sheet->isVisible());
        int keyed = 0;
        for (const views::CaseCommand &c : m_page->keyboard()->commands())
            keyed += c.key.isEmpty() ? 0 : 1;
        QCOMPARE(sheet->table()->rowCount(), keyed);
        QVERIFY(sheet->table()->findItems(QStringLiteral("Dismiss case"), Qt::MatchExactly).size() ==
                1);
        QVERIFY(saveScreenshot(sheet, QStringLiteral("cases-shortcut-sheet")));
        sheet->close();
    }

    void tabOrderGoesDownThePane()
    {
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
        views::QueueFilterBar *filters = queue()->filterBar();
        const QList<QWidget *> order{queue()->tabBar(), filters->categoryBox(),
                                     filters->severityBox(), filters->assigneeBox(),
                                     filters->searchField(), table()};
        order.first()->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), order.first());
        for (int i = 1; i < order.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QTRY_COMPARE(QApplication::focusWidget(), order.at(i));
        }
        // Alt+3 shows the third view from anywhere on the page.
        QTest::keyClick(table(), Qt::Key_3, Qt::AltModifier);
        QVERIFY(queue()->currentTab() == QueueTab::High);
        QTest::keyClick(table(), Qt::Key_2, Qt::AltModifier);
        QVERIFY(queue()->currentTab() == QueueTab::Unassigned);
    }

    void everyControlHasAnAccessibleName()
    {
        for (QWidget *w : queue()->findChildren<QWidget *>()) {
            const bool control = w->inherits("QAbstractButton") || w->inherits("QComboBox") ||
                                 w->inherits("QLineEdit") || w->inherits("QAbstractItemView") ||
                                 w->inherits("QTabBar");
            if (!control || w->inherits("QHeaderView") || !w->isVisibleTo(queue()))
                continue;
            if (w->parentWidget() && w->parentWidget()->inherits("QAbstractSpinBox"))
                continue;
            // QLineEdit's clear button and the tab bar's scroll arrows are Qt's own.
            if (w->objectName().startsWith(QStringLiteral("qt_")) ||
                w->inherits("QToolButton"))
                continue;
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
    }
};

QTEST_MAIN(TestCaseKeyboard)
#include "tst_case_keyboard.moc"
