// ShortcutSheet: '?' — every key of the Cases area on one sheet, grouped, so nobody has to
// remember them.
#pragma once

#include "views/cases/palette/casecommand.h"

#include <QDialog>

class QTableWidget;

namespace skillex::views {

class ShortcutSheet : public QDialog {
    Q_OBJECT

public:
    ShortcutSheet(const QList<CaseCommand> &commands, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table = nullptr;
};

} // namespace skillex::views
