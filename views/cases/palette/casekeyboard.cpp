// CaseKeyboard: the command table, and shortcuts made from it.
#include "views/cases/palette/casekeyboard.h"

#include "models/casequeuemodel.h"
#include "views/cases/detail/casedetailpane.h"
#include "views/cases/palette/commandpalette.h"
#include "views/cases/palette/shortcutsheet.h"
#include "views/cases/queue/casequeueview.h"
#include "views/cases/queue/queuefilterbar.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTextEdit>

#include <utility>

namespace skillex::views {

namespace {
constexpr int kNoBulk = -1;
}

CaseKeyboard::CaseKeyboard(QWidget *host, CaseQueueView *queue, CaseDetailPane *pane)
    : QObject(host)
    , m_host(host)
    , m_queue(queue)
    , m_pane(pane)
{
    buildCommands();
    addShortcuts();
}

bool CaseKeyboard::typingInTextField()
{
    QWidget *focus = QApplication::focusWidget();
    if (!focus)
        return false;
    if (auto *line = qobject_cast<QLineEdit *>(focus))
        return !line->isReadOnly();
    if (auto *text = qobject_cast<QTextEdit *>(focus))
        return !text->isReadOnly();
    if (auto *plain = qobject_cast<QPlainTextEdit *>(focus))
        return !plain->isReadOnly();
    if (qobject_cast<QAbstractSpinBox *>(focus))
        return true;
    if (auto *combo = qobject_cast<QComboBox *>(focus))
        return combo->isEditable();
    return false;
}

void CaseKeyboard::caseVerb(void (CaseDetailPane::*slot)(), int bulkVerb)
{
    if (bulkVerb != kNoBulk && m_queue->selectedCases().size() > 1) {
        m_queue->requestBulk(BulkVerb(bulkVerb));
        return;
    }
    // The pane acts on the case it shows: make sure it is the one under the cursor.
    const qint64 id = m_queue->currentCase();
    if (id > 0 && m_pane->currentCase() != id)
        m_pane->showCase(id);
    (m_pane->*slot)();
}

void CaseKeyboard::openCase(qint64 caseId)
{
    if (caseId <= 0)
        return;
    if (m_pane->currentCase() != caseId)
        m_pane->showCase(caseId);
    // The first control of the pane that takes focus; the pane itself when it has none.
    for (QWidget *child : m_pane->findChildren<QWidget *>()) {
        if ((child->focusPolicy() & Qt::TabFocus) && child->isVisibleTo(m_pane) &&
            child->isEnabled()) {
            child->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    if (m_pane->focusPolicy() == Qt::NoFocus)
        m_pane->setFocusPolicy(Qt::StrongFocus);
    m_pane->setFocus(Qt::OtherFocusReason);
}

void CaseKeyboard::buildCommands()
{
    const QString queueGroup = tr("Queue");
    const QString caseGroup = tr("Case");
    const QString viewGroup = tr("Views");
    const QString selectionGroup = tr("Selection");
    const QString helpGroup = tr("Help");
    auto add = [this](const QString &id, const QString &title, const QString &group,
                      const QKeySequence &key, std::function<void()> run) {
        m_commands.append({id, title, group, key, std::move(run)});
    };

    add(QStringLiteral("queue.next"), tr("Next case"), queueGroup, QKeySequence(Qt::Key_J),
        [this] { m_queue->moveSelection(1); });
    add(QStringLiteral("queue.previous"), tr("Previous case"), queueGroup, QKeySequence(Qt::Key_K),
        [this] { m_queue->moveSelection(-1); });
    add(QStringLiteral("queue.open"), tr("Open the case (focus to the detail)"), queueGroup,
        QKeySequence(Qt::Key_Return), [this] { openCase(m_queue->currentCase()); });
    add(QStringLiteral("queue.back"), tr("Back to the list"), queueGroup,
        QKeySequence(Qt::Key_Escape), [this] { m_queue->focusTable(); });
    add(QStringLiteral("queue.search"), tr("Search cases"), queueGroup,
        QKeySequence(Qt::Key_Slash), [this] { m_queue->focusSearch(); });
    add(QStringLiteral("queue.arrivals"), tr("Show new cases"), queueGroup,
        QKeySequence(Qt::Key_Period), [this] { m_queue->showArrivals(); });
    add(QStringLiteral("queue.clearFilters"), tr("Clear filters and search"), queueGroup, {},
        [this] { m_queue->filterBar()->clear(); });

    add(QStringLiteral("case.claim"), tr("Claim case"), caseGroup, QKeySequence(Qt::Key_C),
        [this] { caseVerb(&CaseDetailPane::claim, int(BulkVerb::Claim)); });
    add(QStringLiteral("case.release"), tr("Release case"), caseGroup, {},
        [this] { caseVerb(&CaseDetailPane::release, int(BulkVerb::Release)); });
    add(QStringLiteral("case.note"), tr("Add a note"), caseGroup, QKeySequence(Qt::Key_N),
        [this] { caseVerb(&CaseDetailPane::addNote, kNoBulk); });
    add(QStringLiteral("case.dismiss"), tr("Dismiss case"), caseGroup, QKeySequence(Qt::Key_D),
        [this] { caseVerb(&CaseDetailPane::dismiss, int(BulkVerb::Dismiss)); });
    add(QStringLiteral("case.warn"), tr("Warn member"), caseGroup, QKeySequence(Qt::Key_W),
        [this] { caseVerb(&CaseDetailPane::warn, int(BulkVerb::Warn)); });
    add(QStringLiteral("case.remove"), tr("Remove content"), caseGroup, QKeySequence(Qt::Key_R),
        [this] { caseVerb(&CaseDetailPane::removeContent, kNoBulk); });
    add(QStringLiteral("case.suspend"), tr("Suspend member"), caseGroup, QKeySequence(Qt::Key_S),
        [this] { caseVerb(&CaseDetailPane::suspend, kNoBulk); });
    add(QStringLiteral("case.ban"), tr("Propose a ban"), caseGroup, QKeySequence(Qt::Key_B),
        [this] { caseVerb(&CaseDetailPane::ban, kNoBulk); });
    add(QStringLiteral("case.escalate"), tr("Escalate case"), caseGroup, QKeySequence(Qt::Key_E),
        [this] { caseVerb(&CaseDetailPane::escalate, int(BulkVerb::Escalate)); });
    add(QStringLiteral("case.appeal"), tr("Decide the appeal"), caseGroup, {},
        [this] { caseVerb(&CaseDetailPane::decideAppeal, kNoBulk); });

    const BulkVerb bulk[] = {BulkVerb::Claim, BulkVerb::Release, BulkVerb::Dismiss, BulkVerb::Warn,
                             BulkVerb::Escalate};
    for (BulkVerb verb : bulk)
        add(QStringLiteral("selection.%1").arg(bulkactions::verbTitle(verb).toLower()),
            tr("%1 the selected cases…").arg(bulkactions::verbTitle(verb)), selectionGroup, {},
            [this, verb] { m_queue->requestBulk(verb); });

    int number = 1;
    for (const QueueTabSpec &spec : queueTabs()) {
        const QKeySequence key(QStringLiteral("Alt+%1").arg(number++));
        add(QStringLiteral("view.%1").arg(spec.objectName.mid(3).toLower()),
            tr("Show %1").arg(spec.title), viewGroup, key,
            [this, tab = spec.tab] { m_queue->showTab(tab); });
    }
    add(QStringLiteral("view.sortPriority"), tr("Sort by priority"), viewGroup, {},
        [this] { m_queue->model()->sort(models::CaseQueueModel::Priority, Qt::DescendingOrder); });
    add(QStringLiteral("view.sortSla"), tr("Sort by SLA (soonest due first)"), viewGroup, {},
        [this] { m_queue->model()->sort(models::CaseQueueModel::Sla, Qt::AscendingOrder); });
    add(QStringLiteral("view.sortAge"), tr("Sort by age (oldest first)"), viewGroup, {},
        [this] { m_queue->model()->sort(models::CaseQueueModel::Age, Qt::AscendingOrder); });

    add(QStringLiteral("view.columns"), tr("Choose the columns…"), viewGroup, {},
        [this] { m_queue->chooseColumns(); });
    add(QStringLiteral("view.exportCsv"), tr("Export the list to CSV…"), viewGroup, {},
        [this] { m_queue->exportCsv(); });

    add(QStringLiteral("help.palette"), tr("Command palette"), helpGroup,
        QKeySequence(Qt::CTRL | Qt::Key_K), [this] { openPalette(); });
    add(QStringLiteral("help.shortcuts"), tr("Keyboard shortcuts"), helpGroup,
        QKeySequence(Qt::Key_Question), [this] { openSheet(); });
}

void CaseKeyboard::addShortcuts()
{
    for (const CaseCommand &command : std::as_const(m_commands)) {
        // Enter belongs to the table (a dialog's default button must keep it elsewhere).
        if (command.key.isEmpty() || command.key == QKeySequence(Qt::Key_Return))
            continue;
        auto *shortcut = new QShortcut(command.key, m_host);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        shortcut->setObjectName(QStringLiteral("shortcut:") + command.id);
        // A key that types a character (j, /, ?): Escape and chords are not text.
        const bool printable = command.key[0].keyboardModifiers() == Qt::NoModifier &&
                               command.key[0].key() < Qt::Key_Escape;
        connect(shortcut, &QShortcut::activated, this, [this, id = command.id, printable] {
            // Text fields take their letters (they also claim them first; this is the guard
            // for fields that do not). Escape still leaves a field for the list.
            if (printable && typingInTextField())
                return;
            run(id);
        });
        m_shortcuts << shortcut;
    }
}

bool CaseKeyboard::run(const QString &id)
{
    for (const CaseCommand &command : std::as_const(m_commands)) {
        if (command.id == id) {
            if (command.run)
                command.run();
            return true;
        }
    }
    return false;
}

void CaseKeyboard::openPalette()
{
    if (m_palette) {
        m_palette->raise();
        m_palette->activateWindow();
        return;
    }
    m_palette = new CommandPalette(m_commands, m_host);
    m_palette->setAttribute(Qt::WA_DeleteOnClose);
    m_palette->open();
}

void CaseKeyboard::openSheet()
{
    if (m_sheet) {
        m_sheet->raise();
        return;
    }
    m_sheet = new ShortcutSheet(m_commands, m_host);
    m_sheet->setAttribute(Qt::WA_DeleteOnClose);
    m_sheet->open();
}

} // namespace skillex::views
