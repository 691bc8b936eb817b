// Workspace: everything a signed-in console works with, for one server profile and staff
// account — the cache, the outbox and its dispatcher, the sync engine — opened after sign-in
// (or from the cache alone with --offline) and closed at sign-out. Views read the cache and
// write actions to the outbox; only this object and the sync engine talk to the server for
// them (ARCHITECTURE.md, "one way in, one way out").
#pragma once

#include "protocol/auth.h"
#include "protocol/roles.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace skillex::client {

class ApiClient;
class AuthSession;
class CacheDb;
class CaseDetailFetcher;
class ConnectionState;
class Outbox;
class OutboxDispatcher;
class SyncEngine;

class Workspace : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString cacheBase; // the folder holding every cache (CachePaths::baseDir)
        bool offline = false; // open from the cache only; nothing is sent until goOnline()
    };

    Workspace(AuthSession *session, ApiClient *api, ConnectionState *connection,
              QObject *parent = nullptr);
    ~Workspace() override;

    // After a sign-in: opens this account's cache, remembers who signed in there (for
    // --offline), starts the outbox and, unless offline, the sync. False: errorString() says
    // why (another console holds the cache, a newer console wrote it, ...).
    bool open(const Options &options);
    // --offline, without a sign-in: the cache of the profile's last account, with the identity
    // kept in it. False when there is none yet.
    bool openOffline(const QString &cacheBase, const QString &profile, const QUrl &server,
                     const QString &email);
    // Stops the sync and the dispatcher and closes the cache; the views must be gone first.
    void close();

    // Leaves offline mode: the sync and the dispatcher start (a sign-in must have happened).
    void goOnline();

    bool isOpen() const;
    bool isOffline() const { return m_offline; }
    QString errorString() const { return m_error; }
    QString cachePath() const;

    // The signed-in person, from the session, or from the cache when offline.
    const protocol::Me &me() const { return m_me; }
    QString profileName() const { return m_profile; }
    bool hasPermission(protocol::Permission permission) const;

    CacheDb *cache() const { return m_cache.get(); }
    Outbox *outbox() const { return m_outbox.get(); }
    OutboxDispatcher *dispatcher() const { return m_dispatcher.get(); }
    SyncEngine *sync() const { return m_sync.get(); }
    // Case details, evidence and attachments into the cache (on opening a case, and offline
    // preparation).
    CaseDetailFetcher *caseDetails() const { return m_details.get(); }
    // Direct API use is for reads that are not cached (statements, ledger check, metrics,
    // reconciliation) and for previews (merge dry run); every change goes through the outbox.
    ApiClient *api() const { return m_api; }
    AuthSession *session() const { return m_session; }
    ConnectionState *connection() const { return m_connection; }

signals:
    void opened();
    void closing();

private:
    bool openCache(const QString &path);
    void startServices();
    void storeIdentity();
    void updateConnectionCounts();

    AuthSession *m_session = nullptr;
    ApiClient *m_api = nullptr;
    ConnectionState *m_connection = nullptr;
    std::unique_ptr<CacheDb> m_cache;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<OutboxDispatcher> m_dispatcher;
    std::unique_ptr<SyncEngine> m_sync;
    std::unique_ptr<CaseDetailFetcher> m_details;
    protocol::Me m_me;
    QString m_profile;
    bool m_offline = false;
    bool m_started = false;
    QString m_error;
};

} // namespace skillex::client
