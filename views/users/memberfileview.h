// MemberFileView: one account's page in the Users area — a header card with status and the
// sanction buttons, and the file's tabs. It shows the file kept in the cache at once (with its
// age), fetches a fresh one when online, and queues suspend, ban and reinstate in the outbox.
#pragma once

#include <QJsonObject>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace skillex::client {
class Workspace;
struct TableChange;
} // namespace skillex::client

namespace skillex::models {
class UserDetailFetcher;
}

namespace skillex::views {

class MemberSanctionDialog;

class MemberFileView : public QWidget {
    Q_OBJECT

public:
    explicit MemberFileView(client::Workspace *workspace, QWidget *parent = nullptr);

    void showUser(qint64 userId);
    qint64 userId() const { return m_userId; }
    const QJsonObject &detail() const { return m_detail; }
    // Fetches the file again (the Refresh button).
    void refresh();

    // Tests (and keyboard users) reach the dialogs' outcome through these as well.
    enum class Sanction { Suspend, Ban, Reinstate };
    // Opens the confirmation dialog; when confirmed, the action is queued in the outbox.
    void startSanction(Sanction sanction);

signals:
    // The file shown was (re)loaded from the cache.
    void detailShown(qint64 userId);
    // A sanction was queued (outbox id), for the status line and tests.
    void sanctionQueued(qint64 outboxId);

private:
    void loadFromCache();
    void fill();
    void updateButtons();
    void onCacheChanged(const client::TableChange &change);
    void onFetchFailed(qint64 userId, const QString &message);
    void watchOutbox();
    void setNotice(const QString &text, const QString &color = {});

    client::Workspace *m_workspace = nullptr;
    models::UserDetailFetcher *m_fetcher = nullptr;
    qint64 m_userId = 0;
    QJsonObject m_detail;
    qint64 m_fetchedAt = 0;
    qint64 m_pendingOutboxId = 0;
    // Members whose ban this console proposed: the file does not list pending approvals, and
    // the server would refuse a second proposal (409 ban-pending).
    QSet<qint64> m_banProposed;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_loading = nullptr;
    QWidget *m_error = nullptr;
    QLabel *m_errorText = nullptr;
    QWidget *m_content = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_age = nullptr;
    QLabel *m_notice = nullptr;
    QPushButton *m_suspend = nullptr;
    QPushButton *m_ban = nullptr;
    QPushButton *m_reinstate = nullptr;
    QPushButton *m_refresh = nullptr;
    QTabWidget *m_tabs = nullptr;
};

} // namespace skillex::views
