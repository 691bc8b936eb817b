// TaxonomyTree: the tree view of categories and skills, with the keyboard's reorder
// (Alt+Up / Alt+Down) alongside drag and drop.
#pragma once

#include <QTreeView>

namespace skillex::views {

class TaxonomyTree : public QTreeView {
    Q_OBJECT

public:
    explicit TaxonomyTree(QWidget *parent = nullptr);

    // Admins may drag and reorder; everyone else reads.
    void setEditable(bool editable);

signals:
    // Move the current node by delta places among its siblings (-1 up, +1 down).
    void reorderRequested(const QModelIndex &index, int delta);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool m_editable = false;
};

} // namespace skillex::views
