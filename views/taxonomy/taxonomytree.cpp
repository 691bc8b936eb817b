// TaxonomyTree: Alt+Up/Down asks for a reorder; the tree itself changes only when the
// server's answer reaches the cache, so the list never moves under a stale order.
#include "views/taxonomy/taxonomytree.h"

#include "views/taxonomy/taxonomyitemdelegate.h"

#include <QHeaderView>
#include <QKeyEvent>

namespace skillex::views {

TaxonomyTree::TaxonomyTree(QWidget *parent)
    : QTreeView(parent)
{
    setObjectName(QStringLiteral("taxonomyTree"));
    setAccessibleName(tr("Categories and skills"));
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::NoDragDrop);
    header()->setStretchLastSection(false);
    setItemDelegate(new TaxonomyItemDelegate(this));
}

void TaxonomyTree::setEditable(bool editable)
{
    m_editable = editable;
    setDragEnabled(editable);
    setAcceptDrops(editable);
    setDragDropMode(editable ? QAbstractItemView::InternalMove : QAbstractItemView::NoDragDrop);
    setDefaultDropAction(Qt::MoveAction);
}

void TaxonomyTree::keyPressEvent(QKeyEvent *event)
{
    if (m_editable && event->modifiers() == Qt::AltModifier &&
        (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down) && currentIndex().isValid()) {
        emit reorderRequested(currentIndex(), event->key() == Qt::Key_Up ? -1 : +1);
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}

} // namespace skillex::views
