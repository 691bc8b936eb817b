// LedgerView: the ledger like a bank statement. The table reads the cache's transfers (windowed,
// fast at millions of rows); each filter also fetches pages from the server into the cache
// (read-through), more as the person scrolls to the end. Enter or a double click opens the
// transfer's linked payment, adjustment, session or case.
#pragma once

#include "views/finance/ledgerfilterpanel.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace skillex::client {
class Workspace;
}
namespace skillex::models {
class TransfersModel;
}

namespace skillex::views::finance {

class LinkOpener;

class LedgerView : public QWidget {
    Q_OBJECT

public:
    LedgerView(client::Workspace *workspace, LinkOpener *links, QWidget *parent = nullptr);

    void applyFilter(const LedgerFilter &filter);
    // Fetches the next server page of the current filter (no-op at the end or while fetching).
    void fetchMore();
    bool isFetching() const { return m_fetching; }
    bool atServerEnd() const { return m_next.isEmpty() && m_pagesFetched > 0; }
    models::TransfersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // Opens the linked object of the transfer in that row.
    void openRow(int row);

private:
    void updateStatus();

    client::Workspace *m_workspace = nullptr;
    LinkOpener *m_links = nullptr;
    LedgerFilterPanel *m_filters = nullptr;
    models::TransfersModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_more = nullptr;
    QPushButton *m_open = nullptr;
    LedgerFilter m_filter;
    QString m_next;
    int m_pagesFetched = 0;
    bool m_fetching = false;
    quint64 m_generation = 0; // a new filter drops answers meant for the old one
    QString m_error;
};

} // namespace skillex::views::finance
