// Turning a failed call into the sentence a person sees; the wording lives here and nowhere else.
#include "client/api/apierror.h"

#include <QStringList>

namespace skillex::client {

namespace pt = protocol::problemtype;

ApiError ApiError::network(const QUrl &server, QNetworkReply::NetworkError code,
                           const QString &detail)
{
    ApiError e;
    e.m_kind = Kind::Network;
    e.m_server = server;
    e.m_networkError = code;
    e.m_detail = detail;
    return e;
}

ApiError ApiError::timeout(const QUrl &server, int timeoutMs)
{
    ApiError e;
    e.m_kind = Kind::Timeout;
    e.m_server = server;
    e.m_timeoutMs = timeoutMs;
    e.m_networkError = QNetworkReply::TimeoutError;
    return e;
}

ApiError ApiError::http(const QUrl &server, int status, std::optional<protocol::Problem> problem,
                        const QString &reasonPhrase)
{
    ApiError e;
    e.m_kind = Kind::Http;
    e.m_server = server;
    e.m_status = status;
    e.m_problem = std::move(problem);
    e.m_detail = reasonPhrase;
    if (e.m_problem && !e.m_problem->requestId.isEmpty())
        e.m_requestId = e.m_problem->requestId;
    return e;
}

ApiError ApiError::invalidResponse(const QUrl &server, int status, const QString &detail)
{
    ApiError e;
    e.m_kind = Kind::InvalidResponse;
    e.m_server = server;
    e.m_status = status;
    e.m_detail = detail;
    return e;
}

ApiError ApiError::invalidUrl(const QString &address, const QString &detail)
{
    ApiError e;
    e.m_kind = Kind::InvalidUrl;
    e.m_address = address;
    e.m_detail = detail;
    return e;
}

QString ApiError::problemType() const
{
    return m_problem ? m_problem->type : QString();
}

bool ApiError::isConnectivityProblem() const
{
    if (m_kind == Kind::Network || m_kind == Kind::Timeout)
        return true;
    // A gateway in front of the server answers for it when the server is down.
    return m_kind == Kind::Http && (m_status == 502 || m_status == 503 || m_status == 504);
}

bool ApiError::isSessionProblem() const
{
    if (m_kind != Kind::Http || m_status != 401)
        return false;
    const QString type = problemType();
    return type != pt::kInvalidCredentials;
}

QString ApiError::serverText() const
{
    if (!m_server.isValid() || m_server.isEmpty())
        return tr("the server");
    return m_server.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                             QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

// Plain singular/plural strings rather than %n: without an English .qm loaded, %n forms would
// read "second(s)", and tests run without any translator.
QString ApiError::secondsText(int seconds)
{
    return seconds == 1 ? tr("1 second") : tr("%1 seconds").arg(seconds);
}

QString ApiError::waitText(int seconds)
{
    if (seconds < 60)
        return secondsText(qMax(1, seconds));
    if (seconds < 2 * 3600) {
        const int minutes = (seconds + 59) / 60;
        return minutes == 1 ? tr("1 minute") : tr("%1 minutes").arg(minutes);
    }
    return tr("%1 hours").arg((seconds + 3599) / 3600);
}

QString ApiError::networkMessage() const
{
    const QString server = serverText();
    switch (m_networkError) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("Could not connect to %1: connection refused. Is the server running?")
            .arg(server);
    case QNetworkReply::HostNotFoundError:
        return tr("Could not find the server %1. Check the server address and your network.")
            .arg(server);
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return tr("The connection to %1 was lost. Check your network and try again.").arg(server);
    case QNetworkReply::SslHandshakeFailedError:
        return tr("A secure connection to %1 could not be set up: %2").arg(server, m_detail);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return tr("Could not reach %1 through the proxy: %2").arg(server, m_detail);
    case QNetworkReply::OperationCanceledError:
        return tr("The request to %1 was cancelled.").arg(server);
    default:
        return tr("Could not reach %1: %2").arg(server, m_detail);
    }
}

QString ApiError::httpMessage() const
{
    const QString type = problemType();
    const bool signingIn = m_path.contains(QStringLiteral("/auth/login"));

    if (type == pt::kInvalidCredentials)
        return tr("Email or password is wrong.");
    if (type == pt::kAccountDisabled)
        return tr("This account is disabled. Ask an administrator to enable it.");
    if (type == pt::kRateLimited || m_status == 429) {
        if (signingIn) {
            return m_retryAfterSeconds ? tr("Too many failed sign-ins. Try again in %1.")
                                             .arg(waitText(*m_retryAfterSeconds))
                                       : tr("Too many failed sign-ins. Try again later.");
        }
        return m_retryAfterSeconds
                   ? tr("Too many requests. Try again in %1.").arg(waitText(*m_retryAfterSeconds))
                   : tr("Too many requests. Try again later.");
    }
    if (type == pt::kRefreshTokenReused)
        return tr("Your session was ended because its sign-in was used from two places. "
                  "Sign in again.");
    if (m_status == 401 || type == pt::kTokenExpired || type == pt::kUnauthenticated ||
        type == pt::kInvalidRefreshToken)
        return tr("Your session has expired. Sign in again.");
    if (m_status == 403 || type == pt::kForbidden)
        return tr("Your role does not allow this.");
    if (type == pt::kValidation && m_problem && !m_problem->errors.isEmpty()) {
        QStringList parts;
        for (auto it = m_problem->errors.begin(); it != m_problem->errors.end(); ++it)
            parts << tr("%1: %2").arg(it.key(), it.value());
        return tr("Some fields are not valid. %1").arg(parts.join(QStringLiteral("; ")));
    }
    if (m_status == 404 || type == pt::kNotFound)
        return tr("The server does not know this item (HTTP 404). It may have been removed.");
    if (m_status == 409 || m_status == 412)
        return tr("Someone else changed this in the meantime. Reload and try again.");
    if (m_status == 502 || m_status == 503 || m_status == 504)
        return tr("%1 is not available at the moment (HTTP %2). Try again in a moment.")
            .arg(serverText())
            .arg(m_status);
    if (m_status >= 500)
        return tr("The server had a problem (HTTP %1). Try again in a moment; if it keeps "
                  "happening, report request id %2.")
            .arg(m_status)
            .arg(m_requestId.isEmpty() ? tr("(none)") : m_requestId);
    // A problem we have no sentence for: the server's own words are the best we have.
    const QString said =
        m_problem ? (m_problem->detail.isEmpty() ? m_problem->title : m_problem->detail) : m_detail;
    if (said.isEmpty())
        return tr("The server refused the request (HTTP %1).").arg(m_status);
    return tr("The server refused the request (HTTP %1): %2").arg(m_status).arg(said);
}

QString ApiError::message() const
{
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Network:
        return networkMessage();
    case Kind::Timeout: {
        const int seconds = qMax(1, (m_timeoutMs + 999) / 1000);
        return tr("The server did not answer within %1.").arg(secondsText(seconds));
    }
    case Kind::Http:
        return httpMessage();
    case Kind::InvalidResponse:
        return tr("The server at %1 sent an answer the console does not understand (%2). "
                  "Is this a Skillex server?")
            .arg(serverText(), m_detail);
    case Kind::InvalidUrl:
        return m_address.isEmpty() ? tr("No server address is set. %1").arg(m_detail)
                                   : tr("The server address \u201c%1\u201d cannot be used: %2")
                                         .arg(m_address, m_detail);
    }
    return {};
}

QString ApiError::logText() const
{
    static const char *const kinds[] = {"none", "network",          "timeout",
                                        "http", "invalid-response", "invalid-url"};
    QString text = QString::fromLatin1(kinds[static_cast<int>(m_kind)]);
    if (m_status)
        text += QStringLiteral(" status=%1").arg(m_status);
    if (m_networkError != QNetworkReply::NoError)
        text += QStringLiteral(" network=%1").arg(int(m_networkError));
    if (m_problem)
        text += QStringLiteral(" type=") + m_problem->type;
    if (!m_detail.isEmpty())
        text += QStringLiteral(" detail=\"%1\"").arg(m_detail);
    if (!m_requestId.isEmpty())
        text += QStringLiteral(" request_id=") + m_requestId;
    return text;
}

} // namespace skillex::client
