// financetable: the Finance area's tables set up alike — 24 px rows, whole-row selection,
// columns as wide as their contents with one column taking the rest, keyboard reachable.
#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace skillex::views::finance {

// stretchColumn: the column that takes the spare width (-1: the last).
QTableView *makeFinanceTable(QAbstractItemModel *model, const QString &accessibleName,
                             QWidget *parent, int stretchColumn = -1);

} // namespace skillex::views::finance
