// CommandPalette: Ctrl+K — every action and view of the Cases area by name, filtered fuzzily
// as the person types; Enter runs the highlighted one, Escape closes.
#pragma once

#include "views/cases/palette/casecommand.h"

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace skillex::views {

class CommandPalette : public QDialog {
    Q_OBJECT

public:
    CommandPalette(QList<CaseCommand> commands, QWidget *parent = nullptr);

    QLineEdit *filterField() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    // The ids shown now, best match first.
    QStringList shownIds() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refilter();
    void runCurrent();

    QList<CaseCommand> m_commands;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
};

} // namespace skillex::views
