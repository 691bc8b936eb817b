// CaseQueueView: wiring of tabs, filters, arrivals and the table; the rows themselves come from
// CaseQueueModel (windowed, so a million cases scroll as fast as ten).
#include "views/cases/queue/casequeueview.h"

#include "client/sync/syncengine.h"
#include "client/workspace/workspace.h"
#include "models/casequeuemodel.h"
#include "views/cases/acting/banapprovalsview.h"
#include "views/cases/queue/arrivalwatch.h"
#include "views/cases/queue/bulkconfirmdialog.h"
#include "views/cases/queue/casequeuedelegate.h"
#include "views/cases/queue/queuecsvexport.h"
#include "views/cases/queue/queuefilterbar.h"
#include "views/cases/queue/queuetabcounts.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace skillex::views {

using models::CaseQueueModel;

namespace {

const QString kHeaderKey = QStringLiteral("cases/queue/header");
const QString kTabKey = QStringLiteral("cases/queue/tab");

QWidget *centredState(QWidget *parent, const QString &name, QLabel **text)
{
    auto *page = new QWidget(parent);
    page->setObjectName(name);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    *text = new QLabel(page);
    (*text)->setAlignment(Qt::AlignCenter);
    (*text)->setWordWrap(true);
    (*text)->setObjectName(name + QStringLiteral("Text"));
    layout->addWidget(*text);
    return page;
}

} // namespace

CaseQueueView::CaseQueueView(client::Workspace *workspace, BanApprovalsView *banApprovals,
                             QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_banApprovals(banApprovals)
{
    setObjectName(QStringLiteral("caseQueueView"));
    const qint64 me = workspace->me().id;
    m_model = new CaseQueueModel(workspace->cache(), me, this);
    m_counts = new QueueTabCounts(workspace->cache(), me, this);
    m_arrivals = new ArrivalWatch(workspace->cache(), me, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(QStringLiteral("queueTabs"));
    m_tabs->setAccessibleName(tr("Queue views"));
    m_tabs->setExpanding(false);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setDrawBase(false);
    m_tabs->setElideMode(Qt::ElideNone);
    // Eight tabs share the queue pane: Fusion's roomy tab padding would push the last ones
    // behind the scroll arrows at 1280 px.
    m_tabs->setStyleSheet(QStringLiteral(
        "QTabBar::tab { padding: 4px 6px; border: 1px solid palette(mid); border-bottom: none;"
        " border-top-left-radius: 4px; border-top-right-radius: 4px; margin-right: 2px;"
        " background: palette(button); }"
        "QTabBar::tab:selected { background: palette(base); font-weight: 600; }"
        "QTabBar::tab:hover:!selected { background: palette(light); }"));
    for (const QueueTabSpec &spec : queueTabs()) {
        const int i = m_tabs->addTab(spec.shortTitle);
        m_tabs->setTabData(i, int(spec.tab));
        m_tabs->setTabToolTip(i, spec.title);
    }
    layout->addWidget(m_tabs);

    m_filters = new QueueFilterBar(workspace->cache(), this);
    layout->addWidget(m_filters);

    // The arrivals banner: live cases wait here; the list never moves under the cursor.
    m_banner = new QWidget(this);
    m_banner->setObjectName(QStringLiteral("arrivalsBanner"));
    m_banner->setAutoFillBackground(true);
    {
        QPalette p = m_banner->palette();
        p.setColor(QPalette::Window, QColor(0xe3, 0xf0, 0xfb));
        p.setColor(QPalette::WindowText, QColor(0x0d, 0x47, 0xa1));
        m_banner->setPalette(p);
        auto *row = new QHBoxLayout(m_banner);
        row->setContentsMargins(8, 3, 8, 3);
        m_bannerText = new QLabel(m_banner);
        m_bannerText->setObjectName(QStringLiteral("arrivalsText"));
        m_bannerButton = new QPushButton(tr("Show"), m_banner);
        m_bannerButton->setObjectName(QStringLiteral("showArrivals"));
        m_bannerButton->setAccessibleName(tr("Show new cases"));
        m_bannerButton->setToolTip(tr("Add the new cases to the list (.)"));
        row->addWidget(m_bannerText, 1);
        row->addWidget(m_bannerButton);
        connect(m_bannerButton, &QPushButton::clicked, this, &CaseQueueView::showArrivals);
    }
    m_banner->hide();
    layout->addWidget(m_banner);

    m_stack = new QStackedWidget(this);
    buildTable();
    m_stack->addWidget(m_table);

    m_empty = centredState(m_stack, QStringLiteral("queueEmpty"), &m_emptyText);
    m_clearFilters = new QPushButton(tr("Clear filters"), m_empty);
    m_clearFilters->setObjectName(QStringLiteral("clearFilters"));
    m_clearFilters->setAccessibleName(tr("Clear filters"));
    static_cast<QVBoxLayout *>(m_empty->layout())->addWidget(m_clearFilters, 0, Qt::AlignCenter);
    static_cast<QVBoxLayout *>(m_empty->layout())->addStretch(2);
    connect(m_clearFilters, &QPushButton::clicked, m_filters, &QueueFilterBar::clear);
    m_stack->addWidget(m_empty);

    m_loading = centredState(m_stack, QStringLiteral("queueLoading"), &m_progressText);
    m_progress = new QProgressBar(m_loading);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setAccessibleName(tr("First sync progress"));
    m_progress->setRange(0, 100);
    m_progress->setMinimumWidth(280);
    m_progress->setMaximumWidth(360);
    static_cast<QVBoxLayout *>(m_loading->layout())->addWidget(m_progress, 0, Qt::AlignCenter);
    static_cast<QVBoxLayout *>(m_loading->layout())->addStretch(2);
    m_progressText->setText(tr("Fetching the cases for the first time…"));
    m_stack->addWidget(m_loading);

    if (m_banApprovals)
        m_stack->addWidget(m_banApprovals);
    layout->addWidget(m_stack, 1);

    // The bulk bar: two or more cases selected.
    m_bulkBar = new QWidget(this);
    m_bulkBar->setObjectName(QStringLiteral("bulkBar"));
    {
        auto *row = new QHBoxLayout(m_bulkBar);
        row->setContentsMargins(0, 0, 0, 0);
        m_bulkText = new QLabel(m_bulkBar);
        m_bulkText->setObjectName(QStringLiteral("bulkText"));
        row->addWidget(m_bulkText, 1);
        const std::pair<BulkVerb, QString> verbs[] = {
            {BulkVerb::Claim, QStringLiteral("bulkClaim")},
            {BulkVerb::Release, QStringLiteral("bulkRelease")},
            {BulkVerb::Dismiss, QStringLiteral("bulkDismiss")},
            {BulkVerb::Warn, QStringLiteral("bulkWarn")},
            {BulkVerb::Escalate, QStringLiteral("bulkEscalate")}};
        for (const auto &[verb, name] : verbs) {
            const QString title = bulkactions::verbTitle(verb);
            auto *button = new QPushButton(
                bulkactions::needsReason(verb) ? title + QStringLiteral("…") : title, m_bulkBar);
            button->setObjectName(name);
            button->setAccessibleName(tr("%1 the selected cases").arg(title));
            button->setToolTip(tr("%1 every selected case (asks first)").arg(title));
            connect(button, &QPushButton::clicked, this, [this, v = verb] { requestBulk(v); });
            row->addWidget(button);
        }
    }
    m_bulkBar->hide();
    layout->addWidget(m_bulkBar);

    // Wiring.
    connect(m_tabs, &QTabBar::currentChanged, this, [this] {
        QSettings().setValue(kTabKey, int(currentTab()));
        applyFilter();
    });
    connect(m_filters, &QueueFilterBar::changed, this, &CaseQueueView::applyFilter);
    connect(m_counts, &QueueTabCounts::changed, this, &CaseQueueView::updateTabTitles);
    connect(m_arrivals, &ArrivalWatch::pendingChanged, this, &CaseQueueView::updateBanner);
    if (m_banApprovals) {
        connect(m_banApprovals, &BanApprovalsView::pendingCountChanged, this,
                [this](int n) { m_counts->setBanApprovals(n); });
        m_counts->setBanApprovals(m_banApprovals->pendingCount());
    }
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_selectedBeforeReset = currentCase(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateState();
        if (m_selectedBeforeReset > 0)
            selectCase(m_selectedBeforeReset);
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &CaseQueueView::updateState);
    connect(m_model, &models::WindowedSqlModel::reloaded, this, &CaseQueueView::updateState);

    if (client::SyncEngine *sync = workspace->sync()) {
        connect(sync, &client::SyncEngine::progress, this, [this](int percent, const QString &text) {
            m_snapshotRunning = true;
            m_progress->setValue(percent);
            m_progressText->setText(text.isEmpty() ? tr("Fetching the cases for the first time…")
                                                   : text);
            updateState();
            updateHolding();
        });
        connect(sync, &client::SyncEngine::snapshotFinished, this, [this] {
            m_snapshotRunning = false;
            m_filters->reloadStaff();
            updateState();
            updateHolding();
        });
        connect(sync, &client::SyncEngine::live, this, &CaseQueueView::updateHolding);
        m_snapshotRunning = sync->phase() == client::SyncEngine::Phase::Snapshot;
    }

    // SLA countdowns move with the clock.
    m_clock = new QTimer(this);
    m_clock->setInterval(30'000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        if (isVisible())
            m_model->refreshText();
    });
    m_clock->start();

    {
        const QSignalBlocker block(m_tabs);
        const int saved = QSettings().value(kTabKey, int(QueueTab::Unassigned)).toInt();
        for (int i = 0; i < m_tabs->count(); ++i)
            if (m_tabs->tabData(i).toInt() == saved)
                m_tabs->setCurrentIndex(i);
    }
    m_arrivals->setHolding(workspace->sync() &&
                           workspace->sync()->phase() == client::SyncEngine::Phase::Streaming);
    applyFilter();
    updateTabTitles();
    setTabOrder(m_tabs, m_filters->categoryBox());
    setTabOrder(m_filters->categoryBox(), m_filters->severityBox());
    setTabOrder(m_filters->severityBox(), m_filters->assigneeBox());
    setTabOrder(m_filters->assigneeBox(), m_filters->searchField());
    setTabOrder(m_filters->searchField(), m_bannerButton);
    setTabOrder(m_bannerButton, m_table);
}

CaseQueueView::~CaseQueueView()
{
    saveColumns();
}

void CaseQueueView::buildTable()
{
    m_table = new QTableView(m_stack);
    m_table->setObjectName(QStringLiteral("caseTable"));
    m_table->setAccessibleName(tr("Case queue"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new CaseQueueDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->installEventFilter(this);

    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setToolTip(tr("Click Priority, SLA or Age to sort; right-click to choose columns"));
    // Dense enough for a 1280 px window's queue pane; the layout the person makes is kept.
    const std::pair<int, int> widths[] = {
        {CaseQueueModel::Id, 50},       {CaseQueueModel::Priority, 62},
        {CaseQueueModel::Sla, 84},      {CaseQueueModel::Category, 96},
        {CaseQueueModel::Severity, 64}, {CaseQueueModel::Subject, 104},
        {CaseQueueModel::Reports, 56},  {CaseQueueModel::Age, 44},
        {CaseQueueModel::Assignee, 64}, {CaseQueueModel::Status, 120}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);
    // What a moderator reads first comes first: the status (with a queued action) and the
    // assignee before the counts, so a narrow pane cuts the least useful columns.
    header->moveSection(header->visualIndex(CaseQueueModel::Status),
                        header->visualIndex(CaseQueueModel::Reports));
    header->moveSection(header->visualIndex(CaseQueueModel::Assignee),
                        header->visualIndex(CaseQueueModel::Reports));
    header->setSortIndicator(CaseQueueModel::Priority, Qt::DescendingOrder);
    restoreColumns();
    connect(header, &QHeaderView::customContextMenuRequested, this,
            &CaseQueueView::showColumnMenu);
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            [this, header](int column, Qt::SortOrder order) {
                // Only indexed sorts (priority, SLA, age): others keep the current order.
                if (column != CaseQueueModel::Priority && column != CaseQueueModel::Sla &&
                    column != CaseQueueModel::Age) {
                    const QSignalBlocker block(header);
                    const int shown = m_model->caseSort() == models::CaseSort::Priority
                                          ? CaseQueueModel::Priority
                                      : m_model->caseSort() == models::CaseSort::Sla
                                          ? CaseQueueModel::Sla
                                          : CaseQueueModel::Age;
                    header->setSortIndicator(shown, header->sortIndicatorOrder());
                    return;
                }
                m_model->sort(column, order);
            });
    for (auto signal : {&QHeaderView::sectionMoved, &QHeaderView::sectionResized})
        connect(header, signal, this, [this] { saveColumns(); });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                emit currentCaseChanged(current.isValid() ? m_model->idAt(current.row()) : 0);
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CaseQueueView::updateBulkBar);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        emit openRequested(m_model->idAt(index.row()));
    });
}

void CaseQueueView::saveColumns() const
{
    QSettings().setValue(kHeaderKey, m_table->horizontalHeader()->saveState());
}

void CaseQueueView::restoreColumns()
{
    const QByteArray state = QSettings().value(kHeaderKey).toByteArray();
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
}

void CaseQueueView::showColumnMenu(const QPoint &at)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    menu.setAccessibleName(tr("Columns"));
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QAction *action =
            menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The case id always stays: it is how a row is named.
        action->setEnabled(column != CaseQueueModel::Id);
        connect(action, &QAction::toggled, this, [this, header, column](bool on) {
            header->setSectionHidden(column, !on);
            saveColumns();
        });
    }
    menu.exec(header->mapToGlobal(at));
}

void CaseQueueView::chooseColumns()
{
    showColumnMenu(QPoint(0, m_table->horizontalHeader()->height()));
}

void CaseQueueView::exportCsv()
{
    if (currentTab() == QueueTab::BanApprovals)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the cases to CSV"),
        QStringLiteral("cases-%1.csv").arg(queueTab(currentTab()).objectName.mid(3).toLower()),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!queuecsv::write(m_table, path, this, &error))
        QMessageBox::warning(this, tr("Export the cases to CSV"), error);
}

QueueTab CaseQueueView::currentTab() const
{
    return QueueTab(m_tabs->tabData(m_tabs->currentIndex()).toInt());
}

void CaseQueueView::showTab(QueueTab tab)
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->tabData(i).toInt() == int(tab))
            m_tabs->setCurrentIndex(i);
}

void CaseQueueView::applyFilter()
{
    const QueueTab tab = currentTab();
    const bool approvals = tab == QueueTab::BanApprovals;
    m_filters->setEnabled(!approvals);
    if (approvals) {
        m_banner->hide();
        if (m_banApprovals) {
            m_banApprovals->refresh();
            m_stack->setCurrentWidget(m_banApprovals);
        }
        updateBulkBar();
        return;
    }
    const models::CaseFilter filter = m_filters->narrow(queueTab(tab).filter);
    m_model->setFilter(m_arrivals->markedFilter(filter));
    updateState();
}

void CaseQueueView::updateHolding()
{
    const bool holding = m_workspace->sync() &&
                         m_workspace->sync()->phase() == client::SyncEngine::Phase::Streaming;
    if (holding == m_arrivals->isHolding())
        return;
    m_arrivals->setHolding(holding);
    applyFilter();
}

void CaseQueueView::showArrivals()
{
    if (m_arrivals->pending() == 0 || currentTab() == QueueTab::BanApprovals)
        return;
    // The person asked: the list is rebuilt with the new mark (the selection is kept).
    applyFilter();
}

void CaseQueueView::updateTabTitles()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QueueTabSpec spec = queueTab(QueueTab(m_tabs->tabData(i).toInt()));
        const qint64 n = m_counts->count(spec.tab);
        const QString number = n < 0 ? QString() : QLocale().toString(n);
        m_tabs->setTabText(i, number.isEmpty()
                                  ? spec.shortTitle
                                  : QStringLiteral("%1 %2").arg(spec.shortTitle, number));
        m_tabs->setAccessibleTabName(
            i, n < 0 ? spec.title : (n == 1 ? tr("%1, 1 case").arg(spec.title)
                                    : tr("%1, %n cases", nullptr, int(n)).arg(spec.title)));
        m_tabs->setTabToolTip(i, m_tabs->accessibleTabName(i));
    }
}

void CaseQueueView::updateBanner(int pending)
{
    m_banner->setVisible(pending > 0 && currentTab() != QueueTab::BanApprovals);
    m_bannerText->setText(tr("%n new - press . to show", nullptr, pending));
    m_banner->setAccessibleName(m_bannerText->text());
}

void CaseQueueView::updateState()
{
    if (currentTab() == QueueTab::BanApprovals)
        return;
    QWidget *page = m_table;
    if (m_model->rowCount() == 0) {
        if (m_snapshotRunning) {
            page = m_loading;
        } else {
            page = m_empty;
            const bool narrowed = m_filters->narrow({}) != models::CaseFilter{};
            m_clearFilters->setVisible(narrowed);
            m_emptyText->setText(
                narrowed ? tr("No cases match these filters.\nClear them to see the whole view.")
                         : tr("Nothing here right now.\nCases appear in this view as members "
                              "report and moderators work; new ones show in a banner above."));
        }
    }
    if (m_stack->currentWidget() != page) {
        const bool hadFocus = m_stack->currentWidget() && m_stack->currentWidget()->hasFocus();
        m_stack->setCurrentWidget(page);
        if (hadFocus)
            page->setFocus();
    }
}

void CaseQueueView::updateBulkBar()
{
    const QList<qint64> ids = selectedCases();
    const bool show = ids.size() > 1 && currentTab() != QueueTab::BanApprovals;
    m_bulkBar->setVisible(show);
    if (show)
        m_bulkText->setText(tr("%n cases selected", nullptr, int(ids.size())));
}

qint64 CaseQueueView::currentCase() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->idAt(current.row()) : 0;
}

QList<qint64> CaseQueueView::selectedCases() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex &row : rows) {
        if (ids.size() >= kMaxBulk)
            break;
        ids << m_model->idAt(row.row());
    }
    return ids;
}

void CaseQueueView::moveSelection(int delta)
{
    if (m_stack->currentWidget() != m_table || m_model->rowCount() == 0)
        return;
    const QModelIndex current = m_table->currentIndex();
    const int row = current.isValid()
                        ? qBound(0, current.row() + delta, m_model->rowCount() - 1)
                        : 0;
    const QModelIndex next = m_model->index(row, CaseQueueModel::Id);
    m_table->selectionModel()->setCurrentIndex(
        next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(next);
}

void CaseQueueView::selectCase(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, CaseQueueModel::Id);
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void CaseQueueView::focusSearch()
{
    m_filters->searchField()->setFocus(Qt::ShortcutFocusReason);
    m_filters->searchField()->selectAll();
}

void CaseQueueView::focusTable()
{
    m_table->setFocus(Qt::OtherFocusReason);
    if (!m_table->currentIndex().isValid())
        moveSelection(0);
}

bool CaseQueueView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers() == Qt::NoModifier) {
            if (const qint64 id = currentCase())
                emit openRequested(id);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CaseQueueView::requestBulk(BulkVerb verb)
{
    const QList<qint64> ids = selectedCases();
    if (ids.isEmpty())
        return;
    auto *dialog = new BulkConfirmDialog(verb, ids, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, verb, ids] {
        const int queued = bulkactions::enqueue(m_workspace, verb, ids, dialog->reason());
        emit bulkQueued(verb, queued);
    });
    m_bulkDialog = dialog;
    dialog->open();
}

} // namespace skillex::views
