// EventStream: the admin event stream WebSocket. Signs in with its first message, resumes after
// the last applied event, answers pings, notices a silent server, reconnects with backoff and
// jitter, and carries presence both ways.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <functional>

class QWebSocket;

namespace skillex::protocol {
struct StreamMessage;
struct Problem;
} // namespace skillex::protocol

namespace skillex::client {

class EventStream : public QObject {
    Q_OBJECT

public:
    enum class State { Stopped, Connecting, Authenticating, Streaming, Waiting };
    Q_ENUM(State)

    struct Options {
        // No frame for this long (the server pings every 15 s) and the connection is dead.
        int silenceTimeoutMs = 45'000;
        // Connected and signed in within this, or the attempt is abandoned (a proxy that
        // accepts the connection and never answers the handshake).
        int connectTimeoutMs = 15'000;
        int reconnectBaseMs = 1'000;
        int reconnectMaxMs = 60'000;
    };

    explicit EventStream(QObject *parent = nullptr);
    ~EventStream() override;

    void setOptions(const Options &options) { m_options = options; }
    // The server's base URL (http or https); the stream is ws or wss on the same host.
    void setServer(const QUrl &baseUrl);
    // Asked at every (re)connection: the access token, and the last seq the cache holds.
    void setTokenProvider(std::function<QString()> provider) { m_token = std::move(provider); }
    void setCursorProvider(std::function<qint64()> provider) { m_cursor = std::move(provider); }

    void start();
    void stop();
    // Reconnects now (after a token refresh, or "Try now"), resetting the backoff.
    void reconnectNow();
    State state() const { return m_state; }
    int reconnectAttempts() const { return m_attempts; }

    // "I am looking at case 812" / "I left it"; kept and sent again after a reconnection.
    void setViewing(qint64 caseId, bool viewing);

    static QUrl streamUrl(const QUrl &baseUrl);

signals:
    void stateChanged(skillex::client::EventStream::State state);
    // Signed in; replay of the events after the cursor follows.
    void ready(qint64 head);
    // One event, in seq order, as the wire has it: {seq, type, at, actor, subject, data}.
    void eventReceived(const QJsonObject &event);
    void presence(qint64 staffId, const QString &staffName, qint64 caseId, const QString &state);
    // The server cannot replay from the cursor: take a snapshot, then stream again.
    void resyncRequested(const QString &reason);
    // The token was refused (4401): refresh it and call reconnectNow().
    void authenticationRequired();
    // The account may not watch the stream (4403); the stream stops.
    void forbidden();
    // The connection dropped; a reconnection is due in `inMs`.
    void disconnectedFor(const QString &why, int inMs);

private:
    void open();
    void onConnected();
    void onText(const QString &frame);
    void onDisconnected();
    void handle(const protocol::StreamMessage &message);
    void send(const protocol::StreamMessage &message);
    void scheduleReconnect(const QString &why);
    void setState(State state);
    void dropSocket();

    Options m_options;
    QUrl m_url;
    std::function<QString()> m_token;
    std::function<qint64()> m_cursor;
    QWebSocket *m_socket = nullptr;
    State m_state = State::Stopped;
    int m_attempts = 0;
    bool m_resyncPending = false;
    QTimer m_silence;
    QTimer m_reconnect;
    QSet<qint64> m_viewing;
};

} // namespace skillex::client
