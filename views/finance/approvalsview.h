// ApprovalsView: credit adjustments, by default those waiting for a second approver: maker,
// amount, member, reason and linked case, with Approve and Reject. The maker's own requests
// have Approve disabled with a tooltip saying why (the server refuses with four-eyes anyway).
#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class ActionRunner;
class JsonRowsModel;

class ApprovalsView : public QWidget {
    Q_OBJECT

public:
    explicit ApprovalsView(client::Workspace *workspace, QWidget *parent = nullptr);

    void reload();
    // "pending_approval" (default), "posted", "rejected" or "" for all.
    void setStatusFilter(const QString &status);
    bool selectAdjustment(qint64 id);
    QJsonObject current() const;
    void approve();
    void reject();
    bool isLoading() const { return m_loading; }
    JsonRowsModel *model() const { return m_model; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QString messageText() const;

signals:
    // How many wait for a decision this person may make (not their own).
    void waitingChanged(int count);
    void decided(const QJsonObject &adjustment);

private:
    void updateButtons();
    void showCurrent();
    QString decisionBlocker(const QJsonObject &adjustment) const;

    client::Workspace *m_workspace = nullptr;
    ActionRunner *m_runner = nullptr;
    QComboBox *m_status = nullptr;
    JsonRowsModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_detail = nullptr;
    QLineEdit *m_decisionReason = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QLabel *m_message = nullptr;
    bool m_loading = false;
    quint64 m_generation = 0;
    qint64 m_selectAfterLoad = 0;
};

} // namespace skillex::views::finance
