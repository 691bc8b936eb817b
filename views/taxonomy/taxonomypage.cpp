// TaxonomyPage: composes the area and routes what the admin asks (tree keys, drops, pane
// buttons, dialogs) to TaxonomyCommands and the outbox. Nothing here changes the cache: the
// tree follows the server's events.
#include "views/taxonomy/taxonomypage.h"

#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/outbox/taxonomyactions.h"
#include "client/workspace/workspace.h"
#include "models/taxonomymodel.h"
#include "views/taxonomy/moveskilldialog.h"
#include "views/taxonomy/namesgrid.h"
#include "views/taxonomy/newnodedialog.h"
#include "views/taxonomy/nodedetailpane.h"
#include "views/taxonomy/skillmergedialog.h"
#include "views/taxonomy/taxonomycommands.h"
#include "views/taxonomy/taxonomyconflictbar.h"
#include "views/taxonomy/taxonomycsv.h"
#include "views/taxonomy/taxonomyfilterproxy.h"
#include "views/taxonomy/taxonomytree.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace skillex::views {

using models::TaxonomyModel;

TaxonomyPage::TaxonomyPage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("taxonomyPage"));
    m_editable =
        workspace->hasPermission(protocol::Permission::ManageTaxonomy) && workspace->outbox();

    m_model = new TaxonomyModel(workspace->cache(), this);
    m_model->setDragDropEnabled(m_editable);
    m_proxy = new TaxonomyFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_commands = new TaxonomyCommands(workspace->outbox(), m_model, this);

    // Top row: filter, creation (admins), export.
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("taxonomyFilter"));
    m_filter->setAccessibleName(tr("Filter the taxonomy"));
    m_filter->setPlaceholderText(tr("Filter by name in any language, slug or alias (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(focusFilter);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        // Dropping into a filtered tree would aim at rows the admin cannot see.
        m_tree->setEditable(m_editable && text.trimmed().isEmpty());
        m_tree->expandAll();
        updateEmptyState();
    });
    auto *exportButton = new QPushButton(tr("E&xport CSV…"), this);
    exportButton->setObjectName(QStringLiteral("taxonomyExport"));
    exportButton->setToolTip(tr("Save every category and skill, with names, aliases and status, "
                                "as a CSV file"));
    connect(exportButton, &QPushButton::clicked, this, &TaxonomyPage::exportWithDialog);
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    if (m_editable) {
        auto *newCategory = new QPushButton(tr("New &category…"), this);
        auto *newSkill = new QPushButton(tr("&New skill…"), this);
        newSkill->setObjectName(QStringLiteral("taxonomyNewSkill"));
        connect(newCategory, &QPushButton::clicked, this, &TaxonomyPage::newCategory);
        connect(newSkill, &QPushButton::clicked, this, &TaxonomyPage::newSkill);
        top->addWidget(newCategory);
        top->addWidget(newSkill);
    }
    top->addWidget(exportButton);

    auto *readOnly =
        new QLabel(tr("<b>Read only:</b> changing the taxonomy needs the admin role."), this);
    readOnly->setObjectName(QStringLiteral("taxonomyReadOnly"));
    readOnly->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    readOnly->setVisible(!m_editable);

    m_conflicts = new TaxonomyConflictBar(
        workspace->outbox(), [this](const QString &kind, qint64 id) { return nameOf(kind, id); },
        this);

    m_tree = new TaxonomyTree(this);
    m_tree->setModel(m_proxy);
    m_tree->setEditable(m_editable);
    // Sections exist once the model is set: the name takes the room, the rest keep theirs.
    m_tree->header()->setSectionResizeMode(TaxonomyModel::Name, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(TaxonomyModel::Slug, QHeaderView::Interactive);
    m_tree->setColumnWidth(TaxonomyModel::Slug, 150);
    m_tree->setColumnWidth(TaxonomyModel::Status, 90);
    m_tree->setColumnWidth(TaxonomyModel::Skills, 60);
    m_tree->expandAll();
    m_expandedOnce = m_proxy->rowCount() > 0;
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("taxonomyEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: palette(placeholder-text); padding: 24px;"));

    m_detail = new NodeDetailPane(workspace->api(), m_model, m_editable, this);
    connect(m_detail, &NodeDetailPane::actionRequested, this, &TaxonomyPage::enqueue);
    connect(m_detail, &NodeDetailPane::moveRequested, this, &TaxonomyPage::openMoveTo);
    connect(m_detail, &NodeDetailPane::mergeRequested, this, &TaxonomyPage::openMerge);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("taxonomySplitter"));
    m_treeStack = new QStackedWidget(this);
    m_treeStack->addWidget(m_tree);
    m_treeStack->addWidget(m_empty);
    splitter->addWidget(m_treeStack);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 4);
    splitter->setChildrenCollapsible(false);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("taxonomyMessage"));
    m_message->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addWidget(readOnly);
    layout->addWidget(m_conflicts);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_tree, &TaxonomyTree::reorderRequested, this, &TaxonomyPage::onReorderRequested);
    connect(m_model, &TaxonomyModel::dropRequested, this,
            [this](const QString &kind, qint64 id, qint64 categoryId, int row) {
                // Queued: the drop finishes (and the view forgets its drag) before anything.
                QTimer::singleShot(0, this, [this, kind, id, categoryId, row] {
                    m_commands->drop(kind, id, categoryId, row);
                });
            });
    connect(m_commands, &TaxonomyCommands::message, this, &TaxonomyPage::showMessage);
    connect(workspace->outbox(), &client::Outbox::entriesChanged, this,
            [this](const QList<qint64> &ids) {
                for (qint64 id : ids)
                    if (const auto entry = m_workspace->outbox()->entry(id))
                        m_detail->noteOutcome(*entry);
            });
    connect(m_model, &QAbstractItemModel::layoutChanged, this, [this] {
        m_detail->refreshFromModel();
        updateEmptyState();
        if (!m_expandedOnce && m_tree->model()->rowCount() > 0) {
            m_expandedOnce = true; // after that, what the admin folded stays folded
            m_tree->expandAll();
        }
    });

    // The tree's context menu holds every keyboard action, with its shortcut shown.
    if (m_editable) {
        m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
        const auto add = [this](const QString &text, const QKeySequence &key, auto slot) {
            auto *action = new QAction(text, m_tree);
            action->setShortcut(key);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            connect(action, &QAction::triggered, this, slot);
            m_tree->addAction(action);
        };
        // Alt+Up/Down are the tree's own keys (TaxonomyTree); the menu only names them.
        add(tr("Move up") + QStringLiteral("\t") +
                QKeySequence(Qt::ALT | Qt::Key_Up).toString(QKeySequence::NativeText),
            QKeySequence(), [this] { onReorderRequested(m_tree->currentIndex(), -1); });
        add(tr("Move down") + QStringLiteral("\t") +
                QKeySequence(Qt::ALT | Qt::Key_Down).toString(QKeySequence::NativeText),
            QKeySequence(), [this] { onReorderRequested(m_tree->currentIndex(), +1); });
        add(tr("Move to…"), QKeySequence(Qt::CTRL | Qt::Key_M), [this] {
            if (m_detail->kind() == QLatin1String("skill"))
                openMoveTo(m_detail->nodeId());
        });
        add(tr("Merge…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), [this] {
            if (m_detail->kind() == QLatin1String("skill"))
                openMerge(m_detail->nodeId());
        });
        add(tr("Rename"), QKeySequence(Qt::Key_F2), [this] {
            if (m_detail->nodeId() > 0) {
                m_detail->names()->setFocus();
                if (auto *en = m_detail->findChild<QLineEdit *>(QStringLiteral("name_en"))) {
                    en->setFocus();
                    en->selectAll();
                }
            }
        });
    }
    updateEmptyState();
}

void TaxonomyPage::enqueue(const client::Action &action)
{
    m_commands->enqueue(action);
    const QString subject =
        action.targetType == QLatin1String("skill")
            ? nameOf(QStringLiteral("skill"), action.targetId)
            : (action.targetId > 0 ? nameOf(QStringLiteral("category"), action.targetId)
                                   : tr("the taxonomy"));
    showMessage(tr("Queued: %1 %2. It is sent now, or when the connection returns.")
                    .arg(client::actions::progressiveVerb(action.kind), subject));
}

void TaxonomyPage::showMessage(const QString &text)
{
    m_message->setText(text);
}

void TaxonomyPage::updateEmptyState()
{
    const bool empty = m_proxy->rowCount() == 0;
    if (empty)
        m_empty->setText(m_model->rowCount() == 0
                             ? tr("No categories yet. The taxonomy appears here once the console "
                                  "has synced with the server.")
                             : tr("Nothing matches \"%1\". Clear the filter to see every "
                                  "category and skill.")
                                   .arg(m_filter->text()));
    m_treeStack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_tree);
}

void TaxonomyPage::onCurrentChanged(const QModelIndex &proxyIndex)
{
    const QModelIndex i = m_proxy->mapToSource(proxyIndex);
    if (!i.isValid()) {
        m_detail->showNode({}, 0);
        return;
    }
    m_detail->showNode(i.data(TaxonomyModel::KindRole).toString(),
                       i.data(TaxonomyModel::IdRole).toLongLong());
}

void TaxonomyPage::onReorderRequested(const QModelIndex &proxyIndex, int delta)
{
    if (!m_editable)
        return;
    const QModelIndex i = m_proxy->mapToSource(proxyIndex).siblingAtColumn(0);
    if (!i.isValid())
        return;
    const bool skill = i.data(TaxonomyModel::KindRole).toString() == QLatin1String("skill");
    m_commands->reorder(skill ? i.data(TaxonomyModel::CategoryIdRole).toLongLong() : 0,
                        i.data(TaxonomyModel::IdRole).toLongLong(), delta);
}

bool TaxonomyPage::select(const QString &kind, qint64 id)
{
    const QModelIndex source =
        kind == QLatin1String("skill") ? m_model->skillIndex(id) : m_model->categoryIndex(id);
    if (!source.isValid())
        return false;
    QModelIndex proxy = m_proxy->mapFromSource(source);
    if (!proxy.isValid()) {
        m_filter->clear();
        proxy = m_proxy->mapFromSource(source);
    }
    m_tree->setCurrentIndex(proxy);
    m_tree->scrollTo(proxy);
    return true;
}

SkillMergeDialog *TaxonomyPage::openMerge(qint64 skillId)
{
    const QModelIndex skill = m_model->skillIndex(skillId);
    if (!m_editable || !skill.isValid())
        return nullptr;
    auto *dialog = new SkillMergeDialog(m_workspace->api(), m_model, skillId,
                                        skill.data().toString(), window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The version the admin saw when opening the merge is the If-Match of the merge.
    const int version = skill.data(TaxonomyModel::VersionRole).toInt();
    connect(dialog, &SkillMergeDialog::mergeConfirmed, this,
            [this, version](qint64 from, qint64 into, const QJsonObject &) {
                enqueue(client::actions::mergeSkill(from, version, into));
            });
    dialog->open();
    return dialog;
}

MoveSkillDialog *TaxonomyPage::openMoveTo(qint64 skillId)
{
    const QModelIndex skill = m_model->skillIndex(skillId);
    if (!m_editable || !skill.isValid())
        return nullptr;
    auto *dialog =
        new MoveSkillDialog(m_model, skill.data(TaxonomyModel::CategoryIdRole).toLongLong(),
                            skill.data().toString(), window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MoveSkillDialog::categoryChosen, this,
            [this, skillId](qint64 categoryId) { m_commands->moveSkill(skillId, categoryId); });
    dialog->open();
    return dialog;
}

void TaxonomyPage::newCategory()
{
    auto *dialog = new NewNodeDialog(nullptr, 0, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewNodeDialog::created, this,
            [this](qint64, const QString &slug, const QString &name) {
                enqueue(client::actions::createCategory(slug,
                                                        QJsonObject{{QStringLiteral("en"), name}}));
            });
    dialog->open();
}

void TaxonomyPage::newSkill()
{
    qint64 categoryId = 0;
    if (m_detail->nodeId() > 0) {
        const QModelIndex node = m_detail->kind() == QLatin1String("skill")
                                     ? m_model->skillIndex(m_detail->nodeId())
                                     : m_model->categoryIndex(m_detail->nodeId());
        categoryId = node.data(TaxonomyModel::CategoryIdRole).toLongLong();
    }
    auto *dialog = new NewNodeDialog(m_model, categoryId, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewNodeDialog::created, this,
            [this](qint64 category, const QString &slug, const QString &name) {
                enqueue(client::actions::createSkill(category, slug,
                                                     QJsonObject{{QStringLiteral("en"), name}}));
            });
    dialog->open();
}

bool TaxonomyPage::exportCsv(const QString &path, QString *error)
{
    return writeTaxonomyCsv(*m_model, path, error);
}

void TaxonomyPage::exportWithDialog()
{
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(QStringLiteral("skillex-taxonomy.csv"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the taxonomy"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportCsv(path, &error))
        showMessage(tr("Exported the taxonomy to %1.").arg(QDir::toNativeSeparators(path)));
    else
        showMessage(tr("\u2716 The export failed: %1").arg(error));
}

QString TaxonomyPage::nameOf(const QString &kind, qint64 id) const
{
    const QModelIndex i =
        kind == QLatin1String("skill") ? m_model->skillIndex(id) : m_model->categoryIndex(id);
    return i.isValid() ? i.data().toString() : QStringLiteral("#%1").arg(id);
}

} // namespace skillex::views
