// BanApprovalsView: the "Ban approvals" tab of the Cases area — proposed bans waiting for a
// second, senior approver (not the proposer), with the proposer, the reason and the case.
#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

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

    // Selects the proposal with this id; false when it is not listed.
    bool selectApproval(qint64 approvalId);
    qint64 selectedApproval() const;
    // Why the selected proposal cannot be approved by the signed-in person (empty: it can).
    QString approveBlockedReason() const;
    bool isLoading() const { return m_loading; }

public slots:
    void approveSelected();
    void rejectSelected();

signals:
    void pendingCountChanged(int count);
    // The person wants to read the case a proposal is about.
    void openCaseRequested(qint64 caseId);

private:
    void showItems(const QJsonArray &items);
    void updateButtons();
    QJsonObject selectedItem() const;

    client::Workspace *m_workspace = nullptr;
    int m_pending = 0;
    bool m_loading = false;
    QJsonArray m_items;
    QLabel *m_status = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_reason = nullptr;
    QLineEdit *m_decisionReason = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QPushButton *m_openCase = nullptr;
    QPushButton *m_refresh = nullptr;
};

} // namespace skillex::views
