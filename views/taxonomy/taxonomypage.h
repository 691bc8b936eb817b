// TaxonomyPage: the Taxonomy area — the tree of categories and skills on the left (filter,
// drag and drop, Alt+Up/Down), the selected node's names, aliases and status on the right,
// a conflict bar for edits someone else overtook, and CSV export. Admins edit; every other
// role reads.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QStackedWidget;

namespace skillex::client {
class Workspace;
struct Action;
} // namespace skillex::client
namespace skillex::models {
class TaxonomyModel;
}

namespace skillex::views {

class TaxonomyConflictBar;
class SkillMergeDialog;
class MoveSkillDialog;
class NodeDetailPane;
class TaxonomyCommands;
class TaxonomyFilterProxy;
class TaxonomyTree;

class TaxonomyPage : public QWidget {
    Q_OBJECT

public:
    explicit TaxonomyPage(client::Workspace *workspace, QWidget *parent = nullptr);

    bool isEditable() const { return m_editable; }
    models::TaxonomyModel *model() const { return m_model; }
    TaxonomyTree *tree() const { return m_tree; }
    NodeDetailPane *detail() const { return m_detail; }
    TaxonomyConflictBar *conflictBar() const { return m_conflicts; }
    TaxonomyCommands *commands() const { return m_commands; }

    // Selects a node in the tree (clearing a filter that hides it).
    bool select(const QString &kind, qint64 id);
    // The dialogs open window-modal and are returned so a caller (or a test) can drive them.
    SkillMergeDialog *openMerge(qint64 skillId);
    MoveSkillDialog *openMoveTo(qint64 skillId);
    bool exportCsv(const QString &path, QString *error);

private:
    void onCurrentChanged(const QModelIndex &current);
    void onReorderRequested(const QModelIndex &proxyIndex, int delta);
    void exportWithDialog();
    void newCategory();
    void newSkill();
    void updateEmptyState();
    void showMessage(const QString &text);
    QString nameOf(const QString &kind, qint64 id) const;
    void enqueue(const client::Action &action);

    client::Workspace *m_workspace = nullptr;
    bool m_editable = false;
    models::TaxonomyModel *m_model = nullptr;
    TaxonomyFilterProxy *m_proxy = nullptr;
    TaxonomyCommands *m_commands = nullptr;
    TaxonomyTree *m_tree = nullptr;
    NodeDetailPane *m_detail = nullptr;
    TaxonomyConflictBar *m_conflicts = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_empty = nullptr;
    QStackedWidget *m_treeStack = nullptr;
    bool m_expandedOnce = false;
};

} // namespace skillex::views
