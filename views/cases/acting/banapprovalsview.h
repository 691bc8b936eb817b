// BanApprovalsView: the "Ban approvals" tab of the Cases area — proposed bans waiting for a
// second, senior approver (not the proposer), with the proposer, the reason and the case.
#pragma once

#include <QWidget>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class BanApprovalsView : public QWidget {
    Q_OBJECT

public:
    explicit BanApprovalsView(client::Workspace *workspace, QWidget *parent = nullptr);

    // Fetches the pending approvals again (the tab shows it when chosen).
    void refresh();
    int pendingCount() const { return m_pending; }

signals:
    void pendingCountChanged(int count);
    // The person wants to read the case a proposal is about.
    void openCaseRequested(qint64 caseId);

private:
    client::Workspace *m_workspace = nullptr;
    int m_pending = 0;
};

} // namespace skillex::views
