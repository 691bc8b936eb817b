// StaffPanel: staff management for admins — the staff accounts from the cache, invite, change
// roles, disable and enable. Role and status changes go through the outbox with the account's
// version (If-Match); an invitation goes directly (see StaffInviteDialog).
#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace skillex::client {
class Workspace;
struct TableChange;
} // namespace skillex::client

namespace skillex::views {

class StaffInviteDialog;

class StaffPanel : public QWidget {
    Q_OBJECT

public:
    explicit StaffPanel(client::Workspace *workspace, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // Opens the invitation dialog (non-modal, returned for tests).
    StaffInviteDialog *invite();
    // Selects the account with this id; false when it is not listed.
    bool select(qint64 staffId);
    // For the selected account: queue a roles change / a status change ("active", "disabled").
    // The account's version is read from the server first (it is the If-Match).
    void changeRoles(const QStringList &roles);
    void setStatus(const QString &status);

signals:
    void queued(qint64 outboxId);

private:
    void reload();
    void onCacheChanged(const client::TableChange &change);
    qint64 selectedId() const;
    QString selectedValue(int column) const;
    void updateButtons();
    void askRoles();
    void askDisable();
    void enqueueWithVersion(qint64 staffId, const std::optional<QStringList> &roles,
                            const std::optional<QString> &status);
    void setNotice(const QString &text, const QString &color = {});

    client::Workspace *m_workspace = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_invite = nullptr;
    QPushButton *m_roles = nullptr;
    QPushButton *m_disable = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_empty = nullptr;
    qint64 m_pendingOutboxId = 0;
};

} // namespace skillex::views
