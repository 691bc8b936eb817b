// EventStream: the stream's connection life cycle; decoding is protocol/streammessages.
#include "client/stream/eventstream.h"

#include "common/logging.h"
#include "protocol/streammessages.h"

#include <QRandomGenerator>
#include <QSet>
#include <QWebSocket>

namespace skillex::client {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("client.stream");
    return logger;
}

} // namespace

EventStream::EventStream(QObject *parent)
    : QObject(parent)
{
    m_silence.setSingleShot(true);
    connect(&m_silence, &QTimer::timeout, this, [this] {
        log()->warn("event stream silent for {} ms: reconnecting", m_options.silenceTimeoutMs);
        dropSocket();
        scheduleReconnect(tr("The server stopped answering."));
    });
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &EventStream::open);
}

EventStream::~EventStream()
{
    stop();
}

QUrl EventStream::streamUrl(const QUrl &baseUrl)
{
    QUrl url = baseUrl;
    url.setScheme(baseUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                             : QStringLiteral("ws"));
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/api/v1/admin/events"));
    url.setQuery(QString());
    return url;
}

void EventStream::setServer(const QUrl &baseUrl)
{
    m_url = streamUrl(baseUrl);
}

void EventStream::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void EventStream::start()
{
    m_attempts = 0;
    open();
}

void EventStream::stop()
{
    m_reconnect.stop();
    m_silence.stop();
    dropSocket();
    setState(State::Stopped);
}

void EventStream::reconnectNow()
{
    m_attempts = 0;
    m_reconnect.stop();
    dropSocket();
    open();
}

void EventStream::dropSocket()
{
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void EventStream::open()
{
    dropSocket();
    m_resyncPending = false;
    setState(State::Connecting);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &EventStream::onConnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &EventStream::onText);
    connect(m_socket, &QWebSocket::disconnected, this, &EventStream::onDisconnected);
    // Qt 6.4 has error(), not errorOccurred(); a failed connect also ends in disconnected().
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket)
                    log()->info("event stream: {}", logging::str(m_socket->errorString()));
            });
    m_silence.start(m_options.connectTimeoutMs);
    m_socket->open(m_url);
}

void EventStream::onConnected()
{
    setState(State::Authenticating);
    const qint64 after = m_cursor ? m_cursor() : 0;
    log()->info("event stream connected to {}, resuming after {}", logging::str(m_url.toString()),
                after);
    send(protocol::StreamMessage::auth(m_token ? m_token() : QString(), after));
}

void EventStream::send(const protocol::StreamMessage &message)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->sendTextMessage(message.encode());
}

void EventStream::onText(const QString &frame)
{
    if (m_state == State::Streaming)
        m_silence.start(m_options.silenceTimeoutMs);
    const auto decoded = protocol::StreamMessage::decode(frame);
    if (!decoded) {
        log()->warn("event stream: unreadable frame ({})", logging::str(decoded.error()));
        return;
    }
    handle(decoded.value());
}

void EventStream::handle(const protocol::StreamMessage &message)
{
    using Op = protocol::StreamMessage::Op;
    switch (message.op) {
    case Op::Ready:
        m_attempts = 0;
        m_silence.start(m_options.silenceTimeoutMs);
        setState(State::Streaming);
        for (const qint64 caseId : std::as_const(m_viewing))
            send(protocol::StreamMessage::presence(caseId, protocol::kPresenceViewing));
        emit ready(message.head);
        break;
    case Op::Event:
        emit eventReceived(message.event.toJson());
        break;
    case Op::Ping:
        send(protocol::StreamMessage::pong());
        break;
    case Op::Presence:
        emit presence(message.staffId, message.staffName, message.caseId, message.state);
        break;
    case Op::Resync:
        log()->info("event stream: resync ({})", logging::str(message.reason));
        m_resyncPending = true;
        emit resyncRequested(message.reason);
        break;
    case Op::Error:
        log()->warn("event stream error: {} {}", logging::str(message.problem.type),
                    logging::str(message.problem.detail));
        break;
    case Op::Auth:
    case Op::Pong:
        break;
    }
}

void EventStream::onDisconnected()
{
    if (!m_socket)
        return;
    const int code = int(m_socket->closeCode());
    const QString reason = m_socket->closeReason();
    const QString error = m_socket->errorString();
    dropSocket();
    m_silence.stop();
    if (code == protocol::streamclose::kUnauthenticated) {
        log()->info("event stream: token refused (4401)");
        setState(State::Waiting);
        emit authenticationRequired();
        return;
    }
    if (code == protocol::streamclose::kForbidden) {
        setState(State::Stopped);
        emit forbidden();
        return;
    }
    if (code == protocol::streamclose::kResync || m_resyncPending) {
        // The owner takes a snapshot and starts the stream again.
        setState(State::Waiting);
        return;
    }
    scheduleReconnect(reason.isEmpty() ? error : reason);
}

void EventStream::scheduleReconnect(const QString &why)
{
    ++m_attempts;
    const int exponent = qMin(m_attempts - 1, 16);
    const qint64 raw =
        qMin<qint64>(qint64(m_options.reconnectBaseMs) << exponent, m_options.reconnectMaxMs);
    // Equal jitter: a whole team's consoles do not come back in step after an outage.
    const int wait = int(raw / 2 + QRandomGenerator::global()->bounded(int(raw / 2) + 1));
    log()->info("event stream closed ({}); reconnecting in {} ms", logging::str(why), wait);
    setState(State::Waiting);
    emit disconnectedFor(why, wait);
    m_reconnect.start(wait);
}

void EventStream::setViewing(qint64 caseId, bool viewing)
{
    if (viewing)
        m_viewing.insert(caseId);
    else
        m_viewing.remove(caseId);
    if (m_state == State::Streaming)
        send(protocol::StreamMessage::presence(caseId, viewing ? protocol::kPresenceViewing
                                                               : protocol::kPresenceLeft));
}

} // namespace skillex::client
