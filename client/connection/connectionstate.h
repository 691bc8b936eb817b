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

signals:
    void changed(skillex::client::ConnectionState::State state);

private:
    State m_state = State::SignedOut;
    QDateTime m_since = QDateTime::currentDateTime();
    ApiError m_lastError;
};

} // namespace skillex::client
