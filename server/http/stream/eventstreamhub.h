// The admin event stream (/api/v1/admin/events): authenticates each WebSocket with its first
// message, replays the event log from the client's cursor, then streams live events in seq
// order; heartbeats, resync for cursors it cannot serve, and presence relayed between staff.
#pragma once

#include "server/domain/auth/authservice.h"
#include "server/http/stream/eventreader.h"
#include "server/http/stream/streamsettings.h"
#include "server/storage/database.h"

#include <QObject>
#include <QSet>
#include <QThread>

#include <atomic>
#include <deque>
#include <map>
#include <memory>

class QAbstractHttpServer;
class QTimer;
class QWebSocket;

namespace skillex::protocol {
struct StreamMessage;
struct Problem;
} // namespace skillex::protocol

namespace skillex::server {

class EventStreamHub : public QObject {
    Q_OBJECT
public:
    EventStreamHub(Database &db, AuthService &auth, StreamSettings settings,
                   QObject *parent = nullptr);
    ~EventStreamHub() override;

    // Takes every WebSocket the server upgrades (the only WebSocket route is the stream).
    void attach(QAbstractHttpServer &server);
    void accept(QWebSocket *socket);

    // Open sockets, signed in or not (for the metrics gauge).
    int connectedClients() const { return m_clientCount->load(std::memory_order_relaxed); }
    // The same count for the metrics gauge, which reads it on request threads and may do so
    // while the server shuts down: shared, so it outlives the hub.
    std::shared_ptr<const std::atomic<int>> clientCounter() const { return m_clientCount; }

private:
    struct Client {
        // Draining: too far behind; sent nothing more until its backlog is out, then resync.
        enum class State { AwaitingAuth, Replaying, Live, Draining, Closing };
        quint64 id = 0;
        QWebSocket *socket = nullptr;
        State state = State::AwaitingAuth;
        qint64 connectedMs = 0;
        qint64 lastHeardMs = 0;
        qint64 lastPingMs = 0;
        qint64 closingSinceMs = 0;
        qint64 lastFlushMs = 0; // when the socket last passed bytes to the network
        qint64 cursor = 0;      // the last seq sent
        bool pageInFlight = false;
        bool waitingForDrain = false; // replay paused until the socket's buffer empties
        qint64 staffId = 0;
        QString staffName;
        QString token; // the access token it signed in with, checked again periodically
        qint64 nextRecheckMs = 0;
        qint64 tokenExpiresMs = 0; // the token's exp; 0 when unknown
        QSet<qint64> viewing;      // cases, for presence; never stored
    };

    void onMessage(Client &client, const QString &frame);
    void onAuth(Client &client, const protocol::StreamMessage &message);
    void onPresence(Client &client, const protocol::StreamMessage &message);
    void onDisconnected(quint64 id);
    void onPage(quint64 id, const EventBatch &events, bool full);
    void onLive(const EventBatch &events);
    void onBytesWritten(Client &client);
    void tick();
    // Authenticates the client's token again; closes 4401 (expired, revoked, disabled) or 4403.
    void recheck(Client &client, qint64 now);

    // Sends events after the client's cursor; false when it hit a hole (the client is behind).
    bool send(Client &client, const EventBatch &events);
    // Next step for a replaying client: from memory if the recent window covers it, else a page.
    void continueReplay(Client &client);
    bool serveFromRecent(Client &client);
    bool overBacklog(const Client &client) const;
    void relayPresence(const Client &from, qint64 caseId, const QString &state);
    void closeWith(Client &client, const protocol::StreamMessage &message, int code,
                   const QString &reason);
    void closeWithProblem(Client &client, int status, const QString &type, const QString &title,
                          const QString &detail, int code);
    Client *find(quint64 id);

    Database &m_db;
    AuthService &m_auth;
    StreamSettings m_settings;
    QThread m_readerThread;
    EventReader *m_reader = nullptr;
    QTimer *m_tick = nullptr;
    std::map<quint64, std::unique_ptr<Client>> m_clients;
    std::shared_ptr<std::atomic<int>> m_clientCount = std::make_shared<std::atomic<int>>(0);
    quint64 m_nextId = 1;
    qint64 m_liveLast = 0;             // the last seq the reader delivered
    std::deque<EncodedEvent> m_recent; // the latest live events, to catch clients up from memory
};

} // namespace skillex::server
