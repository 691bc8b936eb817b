// CaseQueueView: the left pane of the Cases area — the saved views as tabs with live counts,
// the filter bar and search, the "3 new" banner, the windowed table of cases (or its empty /
// loading state, or the ban approvals), and the bulk bar for a multi-selection.
#pragma once

#include "views/cases/queue/bulkactions.h"
#include "views/cases/queue/bulkconfirmdialog.h"
#include "views/cases/queue/queuetabs.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabBar;
class QTableView;
class QTimer;

namespace skillex::client {
class Workspace;
}
namespace skillex::models {
class CaseQueueModel;
}

namespace skillex::views {

class ArrivalWatch;
class BanApprovalsView;
class QueueFilterBar;
class QueueTabCounts;

class CaseQueueView : public QWidget {
    Q_OBJECT

public:
    CaseQueueView(client::Workspace *workspace, BanApprovalsView *banApprovals,
                  QWidget *parent = nullptr);
    ~CaseQueueView() override;

    models::CaseQueueModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QTabBar *tabBar() const { return m_tabs; }
    QueueFilterBar *filterBar() const { return m_filters; }
    QueueTabCounts *tabCounts() const { return m_counts; }
    ArrivalWatch *arrivals() const { return m_arrivals; }

    QueueTab currentTab() const;
    void showTab(QueueTab tab);
    qint64 currentCase() const;
    // The selected cases in the order shown (at most kMaxBulk).
    QList<qint64> selectedCases() const;
    static constexpr int kMaxBulk = 200;
    // The confirmation asked last, while it is open.
    BulkConfirmDialog *bulkDialog() const { return m_bulkDialog; }

public slots:
    // j / k: the selection moves one row; the detail pane follows.
    void moveSelection(int delta);
    // '/': the cursor goes to the search.
    void focusSearch();
    void focusTable();
    // '.': the held arrivals join the list.
    void showArrivals();
    // Asks for confirmation, then queues the verb on every selected case.
    void requestBulk(BulkVerb verb);
    void selectCase(qint64 id);
    // The columns menu (also on a right-click of the header), under the header's left end.
    void chooseColumns();
    // Asks where, then writes the list as shown to CSV.
    void exportCsv();

signals:
    void currentCaseChanged(qint64 caseId);
    // Enter / double-click on a row: read it (focus to the detail pane).
    void openRequested(qint64 caseId);
    void bulkQueued(BulkVerb verb, int count);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildTable();
    void applyFilter();
    void updateTabTitles();
    void updateBanner(int pending);
    void updateState();
    void updateBulkBar();
    void updateHolding();
    void saveColumns() const;
    void restoreColumns();
    void showColumnMenu(const QPoint &at);

    client::Workspace *m_workspace = nullptr;
    models::CaseQueueModel *m_model = nullptr;
    QueueTabCounts *m_counts = nullptr;
    ArrivalWatch *m_arrivals = nullptr;
    BanApprovalsView *m_banApprovals = nullptr;

    QTabBar *m_tabs = nullptr;
    QueueFilterBar *m_filters = nullptr;
    QWidget *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_bannerButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QWidget *m_empty = nullptr;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_clearFilters = nullptr;
    QWidget *m_loading = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QWidget *m_bulkBar = nullptr;
    QLabel *m_bulkText = nullptr;
    QTimer *m_clock = nullptr;
    bool m_snapshotRunning = false;
    qint64 m_selectedBeforeReset = 0;
    QPointer<BulkConfirmDialog> m_bulkDialog;
};

} // namespace skillex::views
