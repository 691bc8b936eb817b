// CaseKeyboard: the Cases area under the keyboard — the commands (every action and view), their
// single-key shortcuts on the page (never while the person types in a text field), the Ctrl+K
// command palette and the '?' shortcut sheet.
#pragma once

#include "views/cases/palette/casecommand.h"
#include "views/cases/palette/commandpalette.h"
#include "views/cases/palette/shortcutsheet.h"

#include <QObject>
#include <QPointer>

class QShortcut;
class QWidget;

namespace skillex::views {

class CaseDetailPane;
class CaseQueueView;

class CaseKeyboard : public QObject {
    Q_OBJECT

public:
    // host: the page the shortcuts live on (they work while focus is anywhere inside it).
    CaseKeyboard(QWidget *host, CaseQueueView *queue, CaseDetailPane *pane);

    const QList<CaseCommand> &commands() const { return m_commands; }
    // Runs a command by id (tests, and the palette through its list).
    bool run(const QString &id);
    CommandPalette *palette() const { return m_palette; }
    ShortcutSheet *sheet() const { return m_sheet; }
    // Whether the focus is in a field that takes text, where letters are letters.
    static bool typingInTextField();

public slots:
    void openPalette();
    void openSheet();
    // Enter: the detail pane takes the focus for the case.
    void openCase(qint64 caseId);

private:
    void buildCommands();
    void addShortcuts();
    // A verb: over the multi-selection when it is one (and the verb has a bulk form), else the
    // pane's slot on its case.
    void caseVerb(void (CaseDetailPane::*slot)(), int bulkVerb);

    QWidget *m_host = nullptr;
    CaseQueueView *m_queue = nullptr;
    CaseDetailPane *m_pane = nullptr;
    QList<CaseCommand> m_commands;
    QList<QShortcut *> m_shortcuts;
    QPointer<CommandPalette> m_palette;
    QPointer<ShortcutSheet> m_sheet;
};

} // namespace skillex::views
