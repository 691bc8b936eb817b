// ConnectionState: the transition table and the words for each state.
#include "client/connection/connectionstate.h"

#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "common/logging.h"

#include <QLocale>
#include <QStringList>

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
        // --offline: the cache opens without a sign-in.
        return to == State::Offline;
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
    if (next != State::Syncing)
        m_syncProgress = -1;
    emit changed(m_state);
    emit statusChanged();
    return true;
}

bool ConnectionState::allowsSending(State state)
{
    return state == State::Live || state == State::Syncing || state == State::ServerUnavailable;
}

void ConnectionState::setOutbox(int queued, int conflicts)
{
    if (queued == m_outboxQueued && conflicts == m_outboxConflicts)
        return;
    m_outboxQueued = queued;
    m_outboxConflicts = conflicts;
    emit statusChanged();
}

void ConnectionState::noteEvent(const QDateTime &at)
{
    if (!at.isValid() || (m_lastEventAt.isValid() && at <= m_lastEventAt))
        return;
    m_lastEventAt = at;
    emit statusChanged();
}

qint64 ConnectionState::lastEventAgeSeconds(const QDateTime &now) const
{
    if (!m_lastEventAt.isValid())
        return -1;
    return qMax<qint64>(0, m_lastEventAt.secsTo(now));
}

void ConnectionState::setSyncProgress(int percent)
{
    const int bounded = percent < 0 ? -1 : qMin(percent, 100);
    if (bounded == m_syncProgress)
        return;
    m_syncProgress = bounded;
    emit statusChanged();
}

QString ConnectionState::ageText(qint64 seconds)
{
    if (seconds < 60)
        return tr("%1 s ago").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min ago").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return tr("%1 h ago").arg(seconds / 3600);
    return tr("%1 days ago").arg(seconds / 86400);
}

QString ConnectionState::statusText(const QDateTime &now) const
{
    QStringList parts{displayText()};
    const qint64 age = lastEventAgeSeconds(now);
    if (age >= 0)
        parts << tr("last event %1").arg(ageText(age));
    else if (m_state == State::Live || m_state == State::Syncing)
        parts << tr("no events yet");
    QString outbox = tr("outbox %1").arg(m_outboxQueued);
    if (m_outboxConflicts == 1)
        outbox += tr(", 1 conflict");
    else if (m_outboxConflicts > 1)
        outbox += tr(", %1 conflicts").arg(m_outboxConflicts);
    parts << outbox;
    return parts.join(QStringLiteral(" \u00b7 "));
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
        return m_syncProgress >= 0 ? tr("Syncing %1%").arg(m_syncProgress) : tr("Syncing");
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
