// ConnectionState: the transition table and the words for each state.
#include "client/connection/connectionstate.h"

#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "common/logging.h"

#include <QLocale>

namespace skillex::client {

using State = ConnectionState::State;

ConnectionState::ConnectionState(QObject *parent)
    : QObject(parent)
{}

bool ConnectionState::allowed(State from, State to)
{
    if (from == to)
        return false;
    // Signing out (or a new sign-in) is possible from anywhere.
    if (to == State::SignedOut || to == State::Connecting)
        return true;
    switch (from) {
    case State::SignedOut:
        return false;
    case State::Connecting:
        return to == State::Syncing || to == State::Live || to == State::ServerUnavailable ||
               to == State::Offline || to == State::SessionExpired;
    case State::Syncing:
    case State::Live:
        return to == State::Syncing || to == State::Live || to == State::Offline ||
               to == State::ServerUnavailable || to == State::SessionExpired;
    case State::Offline:
    case State::ServerUnavailable:
        return to == State::Syncing || to == State::Live || to == State::Offline ||
               to == State::ServerUnavailable || to == State::SessionExpired;
    case State::SessionExpired:
        return false; // only a new sign-in (Connecting) or SignedOut leaves it
    }
    return false;
}

bool ConnectionState::moveTo(State next, const ApiError &error)
{
    if (!allowed(m_state, next))
        return false;
    logging::logger("client.connection")
        ->info("{} -> {}", logging::str(stateName(m_state)), logging::str(stateName(next)));
    m_state = next;
    m_since = QDateTime::currentDateTime();
    m_lastError = error;
    emit changed(m_state);
    return true;
}

void ConnectionState::follow(AuthSession *session, ApiClient *api)
{
    connect(session, &AuthSession::signingIn, this, [this] { moveTo(State::Connecting); });
    // Nothing syncs yet, so a finished sign-in is live at once; the sync engine will put
    // Syncing between the two.
    connect(session, &AuthSession::signedIn, this, [this] { moveTo(State::Live); });
    connect(session, &AuthSession::signInFailed, this, [this] { moveTo(State::SignedOut); });
    connect(session, &AuthSession::signedOut, this, [this] { moveTo(State::SignedOut); });
    connect(session, &AuthSession::sessionExpired, this,
            [this](const ApiError &error) { moveTo(State::SessionExpired, error); });
    connect(api, &ApiClient::serverUnreachable, this, [this, session](const ApiError &error) {
        if (session->isSignedIn())
            moveTo(State::ServerUnavailable, error);
    });
    connect(api, &ApiClient::serverReachable, this, [this, session] {
        if (session->isSignedIn() &&
            (m_state == State::ServerUnavailable || m_state == State::Offline))
            moveTo(State::Live);
    });
}

QString ConnectionState::stateName(State state)
{
    switch (state) {
    case State::SignedOut:
        return QStringLiteral("signed-out");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Syncing:
        return QStringLiteral("syncing");
    case State::Live:
        return QStringLiteral("live");
    case State::Offline:
        return QStringLiteral("offline");
    case State::ServerUnavailable:
        return QStringLiteral("server-unavailable");
    case State::SessionExpired:
        return QStringLiteral("session-expired");
    }
    return {};
}

QString ConnectionState::displayText() const
{
    const QString time = QLocale().toString(m_since.time(), QLocale::ShortFormat);
    switch (m_state) {
    case State::SignedOut:
        return tr("Signed out");
    case State::Connecting:
        return tr("Connecting\u2026");
    case State::Syncing:
        return tr("Syncing");
    case State::Live:
        return tr("Live");
    case State::Offline:
        return tr("Offline since %1").arg(time);
    case State::ServerUnavailable:
        return tr("Server unavailable since %1").arg(time);
    case State::SessionExpired:
        return tr("Session expired");
    }
    return {};
}

} // namespace skillex::client
