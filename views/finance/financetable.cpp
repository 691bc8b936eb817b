// financetable: ResizeToContents suits these tables (pages of at most a few hundred rows); the
// windowed ledger table sizes its columns itself.
#include "views/finance/financetable.h"

#include <QHeaderView>
#include <QTableView>

namespace skillex::views::finance {

QTableView *makeFinanceTable(QAbstractItemModel *model, const QString &accessibleName,
                             QWidget *parent, int stretchColumn)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->setTabKeyNavigation(false); // Tab leaves the table, arrows move inside it
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(24);
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(stretchColumn < 0);
    if (stretchColumn >= 0)
        header->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    return table;
}

} // namespace skillex::views::finance
