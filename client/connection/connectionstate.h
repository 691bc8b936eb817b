// ConnectionState: the console's one answer to "am I live?", shown in the status bar.
#pragma once

#include "client/api/apierror.h"

#include <QDateTime>
#include <QObject>

namespace skillex::client {

class ApiClient;
class AuthSession;

class ConnectionState : public QObject {
    Q_OBJECT

public:
    enum class State {
        SignedOut,
        Connecting,
        Syncing,
        Live,
        Offline,
        ServerUnavailable,
        SessionExpired,
    };
    Q_ENUM(State)

    explicit ConnectionState(QObject *parent = nullptr);

    // Moves with the session (sign-in, expiry, sign-out) and the client (reachability).
    void follow(AuthSession *session, ApiClient *api);

    State state() const { return m_state; }
    // When the current state began; "Offline since 12:03" reads it.
    QDateTime since() const { return m_since; }
    const ApiError &lastError() const { return m_lastError; }

    // "Live", "Connecting…", "Server unavailable since 12:03", "Session expired".
    QString displayText() const;
    static QString stateName(State state);

    // Whether the fixed transition table allows from -> to. One place, tested move by move.
    static bool allowed(State from, State to);

    // Returns false (and stays put) when the move is not allowed.
    bool moveTo(State next, const ApiError &error = {});

    // Whether the outbox may send in this state: live, syncing, or probing an outage (a
    // retry is how the console finds out the server is back).
    static bool allowsSending(State state);

    // The rest of the status bar: the outbox, the age of the last event, sync progress.
    void setOutbox(int queued, int conflicts);
    int outboxQueued() const { return m_outboxQueued; }
    int outboxConflicts() const { return m_outboxConflicts; }
    // When the last applied event happened (the event's own time, from the server).
    void noteEvent(const QDateTime &at);
    QDateTime lastEventAt() const { return m_lastEventAt; }
    // Seconds since the last event, or -1 before the first.
    qint64 lastEventAgeSeconds(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // 0-100 while syncing; -1 when unknown.
    void setSyncProgress(int percent);
    int syncProgress() const { return m_syncProgress; }

    // "Live · last event 2 s ago · outbox 3, 1 conflict". Age is computed at `now`, so the
    // status bar refreshes it on a timer without any state changing.
    QString statusText(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // "2 s ago", "5 min ago", "3 h ago", "2 days ago".
    static QString ageText(qint64 seconds);

signals:
    void changed(skillex::client::ConnectionState::State state);
    // Any of the status bar's facts changed (state, outbox, last event, progress).
    void statusChanged();

private:
    State m_state = State::SignedOut;
    QDateTime m_since = QDateTime::currentDateTime();
    ApiError m_lastError;
    int m_outboxQueued = 0;
    int m_outboxConflicts = 0;
    QDateTime m_lastEventAt;
    int m_syncProgress = -1;
};

} // namespace skillex::client
