// Every socket lives on the HTTP thread; the database is read by the EventReader's thread.
// A client is either replaying (its own pages, paced by its socket's buffer) or live (fed from
// the shared tail); it goes live only when its cursor has reached the tail, and drops back to
// replaying whenever a live batch does not follow on from its cursor, so no seq is skipped or
// sent twice however replay and live overlap.
#include "server/http/stream/eventstreamhub.h"

#include "common/logging.h"
#include "protocol/streammessages.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <utility>

namespace skillex::server {
namespace {

using protocol::StreamMessage;
namespace pt = protocol::problemtype;

const QString kStreamPath = QStringLiteral("/api/v1/admin/events");
constexpr qsizetype kRecentWindow = 4096;
constexpr int kMaxViewing = 100;
constexpr qint64 kMaxFrameBytes = 64 * 1024;
constexpr qint64 kCloseGraceMs = 10000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The "exp" of a JWT the hub has already verified, in ms; 0 when it cannot be read.
qint64 tokenExpiryMs(const QString &token)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return 0;
    const QByteArray payload = QByteArray::fromBase64(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(payload).object().value(QStringLiteral("exp")).toInteger(0) *
           1000;
}

} // namespace

EventStreamHub::EventStreamHub(Database &db, AuthService &auth, StreamSettings settings,
                               QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_auth(auth)
    , m_settings(settings)
{
    if (m_settings.pollIntervalMs <= 0)
        m_settings.pollIntervalMs = db.dialect() == Dialect::Sqlite ? 100 : 500;
    m_readerThread.setObjectName(QStringLiteral("event-reader"));
    m_reader = new EventReader(
        db, m_settings.pollIntervalMs, this,
        {[this](quint64 id, EventBatch events, bool full) { onPage(id, events, full); },
         [this](EventBatch events) { onLive(events); }});
    m_reader->moveToThread(&m_readerThread);
    m_readerThread.start();
    QMetaObject::invokeMethod(
        m_reader, [r = m_reader] { r->start(); }, Qt::QueuedConnection);

    m_tick = new QTimer(this);
    connect(m_tick, &QTimer::timeout, this, &EventStreamHub::tick);
    const int shortest = std::min(
        {m_settings.pingIntervalMs, m_settings.silenceTimeoutMs, m_settings.authTimeoutMs});
    m_tick->start(std::clamp(shortest / 4, 10, 1000));
}

EventStreamHub::~EventStreamHub()
{
    for (auto &[id, client] : m_clients) {
        client->socket->disconnect(this);
        client->socket->abort();
        delete client->socket;
    }
    m_clients.clear();
    *m_clientCount = 0;
    QMetaObject::invokeMethod(
        m_reader, [r = m_reader] { r->stop(); }, Qt::BlockingQueuedConnection);
    m_readerThread.quit();
    m_readerThread.wait();
    delete m_reader;
}

void EventStreamHub::attach(QAbstractHttpServer &server)
{
    connect(&server, &QAbstractHttpServer::newWebSocketConnection, this, [this, &server] {
        while (server.hasPendingWebSocketConnections())
            accept(server.nextPendingWebSocketConnection().release());
    });
}

void EventStreamHub::accept(QWebSocket *socket)
{
    socket->setParent(this);
    const QString path = socket->requestUrl().path();
    if (!path.isEmpty() && path != kStreamPath) {
        socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("no such stream"));
        socket->deleteLater();
        return;
    }
    socket->setMaxAllowedIncomingMessageSize(kMaxFrameBytes);
    socket->setMaxAllowedIncomingFrameSize(kMaxFrameBytes);
    auto client = std::make_unique<Client>();
    client->id = m_nextId++;
    client->socket = socket;
    client->connectedMs = client->lastHeardMs = client->lastPingMs = nowMs();
    const quint64 id = client->id;
    connect(socket, &QWebSocket::textMessageReceived, this, [this, id](const QString &frame) {
        if (Client *c = find(id))
            onMessage(*c, frame);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, id] {
        if (Client *c = find(id))
            c->lastHeardMs = nowMs();
    });
    connect(socket, &QWebSocket::pong, this, [this, id] {
        if (Client *c = find(id))
            c->lastHeardMs = nowMs();
    });
    connect(socket, &QWebSocket::bytesWritten, this, [this, id] {
        const auto it = m_clients.find(id);
        if (it == m_clients.end())
            return;
        Client &c = *it->second;
        c.lastFlushMs = nowMs();
        if (c.state == Client::State::Draining) {
            // Qt drops what is unsent when a socket closes, so resync is sent only once
            // everything before it is out: the client then has no gap before the resync.
            if (c.socket->bytesToWrite() == 0)
                closeWith(c, StreamMessage::resync(protocol::kResyncBacklog),
                          protocol::streamclose::kResync, QStringLiteral("resync"));
        } else if (c.state != Client::State::Closing) {
            onBytesWritten(c);
        }
    });
    connect(socket, &QWebSocket::disconnected, this, [this, id] {
        // Deferred: disconnected can fire inside close(), in the middle of a loop over clients.
        QMetaObject::invokeMethod(
            this, [this, id] { onDisconnected(id); }, Qt::QueuedConnection);
    });
    m_clients.emplace(id, std::move(client));
    *m_clientCount = int(m_clients.size());
}

EventStreamHub::Client *EventStreamHub::find(quint64 id)
{
    const auto it = m_clients.find(id);
    if (it == m_clients.end() || it->second->state == Client::State::Closing)
        return nullptr;
    return it->second.get();
}

void EventStreamHub::onMessage(Client &client, const QString &frame)
{
    client.lastHeardMs = nowMs(); // any message counts as alive
    const auto decoded = StreamMessage::decode(frame);
    if (client.state == Client::State::AwaitingAuth) {
        if (!decoded || decoded.value().op != StreamMessage::Op::Auth) {
            closeWithProblem(client, 401, pt::kUnauthenticated,
                             QStringLiteral("Authentication required"),
                             QStringLiteral("The first message must be {\"op\": \"auth\", "
                                            "\"token\": <access token>, \"after\": <seq>}."),
                             protocol::streamclose::kUnauthenticated);
            return;
        }
        onAuth(client, decoded.value());
        return;
    }
    if (!decoded) {
        // Not fatal: a newer console may send ops this server does not know.
        protocol::Problem p;
        p.status = 400;
        p.type = pt::kStreamProtocol;
        p.title = QStringLiteral("Not a stream message");
        p.detail = decoded.error();
        client.socket->sendTextMessage(StreamMessage::error(p).encode());
        return;
    }
    if (decoded.value().op == StreamMessage::Op::Presence &&
        client.state != Client::State::Draining)
        onPresence(client, decoded.value());
}

void EventStreamHub::onAuth(Client &client, const StreamMessage &message)
{
    qint64 head = 0;
    qint64 oldest = 0;
    try {
        const Principal principal = m_auth.authenticate("Bearer " + message.token.toLatin1());
        if (!principal.isStaff() || !principal.can(protocol::Permission::ViewDashboards)) {
            closeWithProblem(client, 403, pt::kForbidden, QStringLiteral("Forbidden"),
                             QStringLiteral("The event stream is for staff."),
                             protocol::streamclose::kForbidden);
            return;
        }
        client.staffId = principal.userId;
        client.staffName = principal.name;
        client.token = message.token;
        client.tokenExpiresMs = tokenExpiryMs(message.token);
        client.nextRecheckMs = nowMs() + m_settings.recheckIntervalMs;
        // Two indexed lookups; the HTTP thread can afford them once per connection.
        m_db.read([&](QSqlDatabase &db) {
            SqlQuery q(db, QStringLiteral("SELECT COALESCE(MAX(seq), 0), COALESCE(MIN(seq), 0) "
                                          "FROM events"));
            q.exec();
            if (q.next()) {
                head = q.int64(0);
                oldest = q.int64(1);
            }
        });
    } catch (const DomainError &e) {
        closeWith(client, StreamMessage::error(e.problem()),
                  e.problem().status == 403 ? protocol::streamclose::kForbidden
                                            : protocol::streamclose::kUnauthenticated,
                  e.problem().title);
        return;
    } catch (const DbError &e) {
        logging::logger("server.stream")->error("stream sign-in failed: {}", e.what());
        closeWithProblem(client, 503, pt::kUnavailable, QStringLiteral("Service unavailable"),
                         QStringLiteral("The database cannot be reached. Try again shortly."),
                         QWebSocketProtocol::CloseCodeBadOperation);
        return;
    }
    head = std::max(head, m_liveLast);
    // Events are never pruned today; the oldest check keeps resync right if an operator
    // archives old rows.
    const bool unknown = message.after > head || (oldest > 1 && message.after < oldest - 1);
    if (unknown || head - message.after > m_settings.maxReplayEvents) {
        closeWith(client,
                  StreamMessage::resync(unknown ? protocol::kResyncCursorUnknown
                                                : protocol::kResyncBacklog),
                  protocol::streamclose::kResync, QStringLiteral("resync"));
        return;
    }
    client.cursor = message.after;
    client.state = Client::State::Replaying;
    client.lastPingMs = nowMs();
    client.socket->sendTextMessage(StreamMessage::ready(head).encode());
    // Who is viewing what right now, from the others.
    for (const auto &[id, other] : m_clients) {
        if (other.get() == &client || other->state == Client::State::AwaitingAuth ||
            other->state == Client::State::Closing)
            continue;
        for (const qint64 caseId : other->viewing)
            client.socket->sendTextMessage(StreamMessage::presence(caseId,
                                                                   protocol::kPresenceViewing,
                                                                   other->staffId, other->staffName)
                                               .encode());
    }
    continueReplay(client);
}

void EventStreamHub::onPresence(Client &client, const StreamMessage &message)
{
    const bool viewing = message.state == protocol::kPresenceViewing;
    if (viewing) {
        if (client.viewing.contains(message.caseId) || client.viewing.size() >= kMaxViewing)
            return;
        client.viewing.insert(message.caseId);
    } else if (!client.viewing.remove(message.caseId)) {
        return;
    }
    relayPresence(client, message.caseId, message.state);
}

void EventStreamHub::relayPresence(const Client &from, qint64 caseId, const QString &state)
{
    const QString frame =
        StreamMessage::presence(caseId, state, from.staffId, from.staffName).encode();
    for (const auto &[id, other] : m_clients) {
        if (other.get() == &from || other->state == Client::State::AwaitingAuth ||
            other->state == Client::State::Closing || other->state == Client::State::Draining)
            continue;
        other->socket->sendTextMessage(frame);
    }
}

void EventStreamHub::onDisconnected(quint64 id)
{
    const auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    std::unique_ptr<Client> client = std::move(it->second);
    m_clients.erase(it);
    *m_clientCount = int(m_clients.size());
    for (const qint64 caseId : std::as_const(client->viewing))
        relayPresence(*client, caseId, protocol::kPresenceLeft);
    client->socket->disconnect(this);
    client->socket->deleteLater();
}

bool EventStreamHub::send(Client &client, const EventBatch &events)
{
    for (const EncodedEvent &e : events) {
        if (e.seq <= client.cursor)
            continue;
        if (e.seq != client.cursor + 1)
            return false;
        client.socket->sendTextMessage(e.frame);
        client.cursor = e.seq;
    }
    return true;
}

bool EventStreamHub::overBacklog(const Client &client) const
{
    return client.socket->bytesToWrite() > m_settings.maxBacklogBytes;
}

bool EventStreamHub::serveFromRecent(Client &client)
{
    if (m_recent.empty() || client.cursor + 1 < m_recent.front().seq)
        return false;
    // m_recent is contiguous and ends at m_liveLast.
    const qint64 first = m_recent.front().seq;
    for (auto i = std::size_t(std::max<qint64>(0, client.cursor + 1 - first)); i < m_recent.size();
         ++i) {
        client.socket->sendTextMessage(m_recent[i].frame);
        client.cursor = m_recent[i].seq;
    }
    return true;
}

void EventStreamHub::continueReplay(Client &client)
{
    if (client.state != Client::State::Replaying || client.pageInFlight)
        return;
    if (client.socket->bytesToWrite() > m_settings.maxBacklogBytes / 2) {
        client.waitingForDrain = true; // resumed by onBytesWritten
        return;
    }
    if (client.cursor >= m_liveLast || serveFromRecent(client)) {
        client.state = Client::State::Live;
        return;
    }
    client.pageInFlight = true;
    const quint64 id = client.id;
    const qint64 after = client.cursor;
    const int limit = m_settings.pageSize;
    QMetaObject::invokeMethod(
        m_reader, [r = m_reader, id, after, limit] { r->readPage(id, after, limit); },
        Qt::QueuedConnection);
}

void EventStreamHub::onPage(quint64 id, const EventBatch &events, bool full)
{
    Client *client = find(id);
    if (!client)
        return;
    client->pageInFlight = false;
    // Pages are read from the table and are complete up to where they stop.
    for (const EncodedEvent &e : events) {
        if (e.seq <= client->cursor)
            continue;
        client->socket->sendTextMessage(e.frame);
        client->cursor = e.seq;
    }
    if (!full && client->cursor >= m_liveLast) {
        client->state = Client::State::Live;
        return;
    }
    continueReplay(*client);
}

void EventStreamHub::onLive(const EventBatch &events)
{
    if (events.isEmpty())
        return;
    m_liveLast = events.back().seq;
    for (const EncodedEvent &e : events) {
        if (!m_recent.empty() && e.seq != m_recent.back().seq + 1)
            m_recent.clear(); // keep the window contiguous
        m_recent.push_back(e);
    }
    while (qsizetype(m_recent.size()) > kRecentWindow)
        m_recent.pop_front();
    for (auto &[id, client] : m_clients) {
        if (client->state != Client::State::Live)
            continue;
        // Judged before this batch: what is still unsent from earlier ones is what the client
        // failed to read, so one large batch alone does not count against a fast client.
        if (overBacklog(*client)) {
            client->state = Client::State::Draining; // resync follows once the backlog is out
            client->closingSinceMs = nowMs();
            continue;
        }
        if (!send(*client, events)) {
            client->state = Client::State::Replaying;
            continueReplay(*client);
        }
    }
}

void EventStreamHub::onBytesWritten(Client &client)
{
    if (client.waitingForDrain && client.socket->bytesToWrite() <= m_settings.maxBacklogBytes / 4) {
        client.waitingForDrain = false;
        continueReplay(client);
    }
}

void EventStreamHub::tick()
{
    const qint64 now = nowMs();
    const QString ping = StreamMessage::ping().encode();
    for (auto &[id, client] : m_clients) {
        Client &c = *client;
        if (c.state == Client::State::Closing || c.state == Client::State::Draining) {
            // A peer still reading gets its backlog and then the resync; one that has stopped
            // reading altogether is cut off.
            if (now - std::max(c.closingSinceMs, c.lastFlushMs) > kCloseGraceMs) {
                logging::logger("server.stream")
                    ->warn("stream client {} stopped reading; cut off with {} bytes unsent", c.id,
                           c.socket->bytesToWrite());
                c.socket->abort();
            }
            continue;
        }
        if (c.state == Client::State::AwaitingAuth) {
            if (now - c.connectedMs > m_settings.authTimeoutMs)
                closeWithProblem(c, 401, pt::kStreamTimeout, QStringLiteral("No auth message"),
                                 QStringLiteral("Send {\"op\": \"auth\"} first, within %1 ms.")
                                     .arg(m_settings.authTimeoutMs),
                                 protocol::streamclose::kUnauthenticated);
            continue;
        }
        if (now - c.lastHeardMs > m_settings.silenceTimeoutMs) {
            closeWithProblem(c, 408, pt::kStreamTimeout, QStringLiteral("Silent too long"),
                             QStringLiteral("Nothing was heard for %1 ms; answer pings with "
                                            "{\"op\": \"pong\"}.")
                                 .arg(m_settings.silenceTimeoutMs),
                             protocol::streamclose::kTimeout);
            continue;
        }
        if (now >= c.nextRecheckMs || (c.tokenExpiresMs > 0 && now >= c.tokenExpiresMs)) {
            recheck(c, now);
            if (c.state == Client::State::Closing)
                continue;
        }
        if (now - c.lastPingMs >= m_settings.pingIntervalMs) {
            c.lastPingMs = now;
            c.socket->sendTextMessage(ping);
        }
        // A replay whose page read failed is retried here.
        if (c.state == Client::State::Replaying && !c.pageInFlight && !c.waitingForDrain)
            continueReplay(c);
    }
}

void EventStreamHub::closeWith(Client &client, const StreamMessage &message, int code,
                               const QString &reason)
{
    client.socket->sendTextMessage(message.encode());
    client.state = Client::State::Closing;
    client.closingSinceMs = nowMs();
    client.socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
}

void EventStreamHub::recheck(Client &client, qint64 now)
{
    client.nextRecheckMs = now + m_settings.recheckIntervalMs;
    try {
        // The checks of every HTTP request: signature and expiry, account active, token issued
        // after tokens_valid_after, sign-in (token family) not revoked, roles as stored now. A
        // few indexed reads per client per period, so the hub's thread can afford them.
        const Principal principal = m_auth.authenticate("Bearer " + client.token.toLatin1());
        if (!principal.can(protocol::Permission::ViewDashboards))
            closeWithProblem(client, 403, pt::kForbidden, QStringLiteral("Forbidden"),
                             QStringLiteral("Your role no longer allows the event stream."),
                             protocol::streamclose::kForbidden);
    } catch (const DomainError &e) {
        closeWith(client, StreamMessage::error(e.problem()),
                  e.problem().status == 403 ? protocol::streamclose::kForbidden
                                            : protocol::streamclose::kUnauthenticated,
                  e.problem().title);
    } catch (const DbError &e) {
        // Keep streaming; the next period tries again.
        logging::logger("server.stream")
            ->warn("stream client {}: access recheck failed: {}", client.id, e.what());
    }
}

void EventStreamHub::closeWithProblem(Client &client, int status, const QString &type,
                                      const QString &title, const QString &detail, int code)
{
    protocol::Problem p;
    p.status = status;
    p.type = type;
    p.title = title;
    p.detail = detail;
    closeWith(client, StreamMessage::error(p), code, title);
}

} // namespace skillex::server
