// AuthSession: the sign-in sequence and the session's lifetime, including the kept refresh token.
#include "client/auth/authsession.h"

#include "client/api/apiclient.h"
#include "client/api/serverurl.h"
#include "client/auth/tokenstore.h"
#include "common/logging.h"

#include <QTimer>

namespace skillex::client {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("client.auth");
    return logger;
}

ApiClient::Options credentialsOnly()
{
    ApiClient::Options options;
    options.authenticate = false;
    options.refreshOn401 = false;
    return options;
}

} // namespace

AuthSession::AuthSession(ApiClient *api, TokenStore *store, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_store(store)
{
    connect(m_api, &ApiClient::tokensRefreshed, this, &AuthSession::onTokensRefreshed);
    connect(m_api, &ApiClient::sessionExpired, this, &AuthSession::onSessionExpired);
}

void AuthSession::start(const SignInRequest &request)
{
    ++m_attempt;
    m_signedIn = false;
    m_busy = true;
    m_me = {};
    m_server = request.server;
    m_profile = request.profile;
    m_email = request.email.trimmed();
    m_keepSignedIn = request.keepSignedIn;
    m_api->clearTokens();
    m_api->setBaseUrl(request.server);
}

void AuthSession::signIn(const SignInRequest &request)
{
    start(request);
    const quint64 attempt = m_attempt;
    const QString urlProblem = ServerUrl::problem(request.server);
    if (!urlProblem.isEmpty()) {
        const auto error = ApiError::invalidUrl(request.server.toString(), urlProblem);
        QTimer::singleShot(0, this, [this, attempt, error] { fail(attempt, error); });
        return;
    }
    log()->info("signing in to {} as {}", logging::str(request.server.toString()),
                logging::str(m_email));
    emit signingIn(request.server);
    m_api->post(QStringLiteral("/api/v1/auth/login"),
                protocol::LoginRequest{m_email, request.password}.toJson(), this, credentialsOnly(),
                [this, attempt](const ApiResult &result) {
                    if (attempt != m_attempt)
                        return;
                    if (!result.ok) {
                        fail(attempt, result.error);
                        return;
                    }
                    auto tokens = protocol::TokenResponse::fromJson(result.object());
                    if (!tokens) {
                        fail(attempt,
                             ApiError::invalidResponse(m_server, result.status, tokens.error()));
                        return;
                    }
                    m_api->setTokens(tokens.value());
                    fetchMe(attempt);
                });
}

void AuthSession::resume(const QUrl &server, const QString &profile, const QString &email,
                         const QString &refreshToken)
{
    start(SignInRequest{server, profile, email, {}, true});
    const quint64 attempt = m_attempt;
    log()->info("resuming the kept session on {} for {}", logging::str(server.toString()),
                logging::str(m_email));
    emit signingIn(server);
    m_api->setRefreshToken(refreshToken);
    m_api->refreshTokens(this, [this, attempt](const ApiResult &result) {
        if (attempt != m_attempt)
            return;
        if (!result.ok) {
            // A refused token is spent for good; a network failure may pass, so keep it then.
            if (result.error.kind() == ApiError::Kind::Http)
                forgetToken();
            fail(attempt, result.error);
            return;
        }
        fetchMe(attempt);
    });
}

void AuthSession::fetchMe(quint64 attempt)
{
    m_api->get(QStringLiteral("/api/v1/me"), this, [this, attempt](const ApiResult &result) {
        if (attempt != m_attempt)
            return;
        if (!result.ok) {
            fail(attempt, result.error);
            return;
        }
        auto me = protocol::Me::fromJson(result.object());
        if (!me) {
            fail(attempt, ApiError::invalidResponse(m_server, result.status, me.error()));
            return;
        }
        if (me.value().kind != QLatin1String("staff")) {
            // Member accounts exist on the same server but have no business in the console.
            protocol::Problem problem;
            problem.type = protocol::problemtype::kForbidden;
            problem.title = QStringLiteral("Not a staff account");
            problem.status = 403;
            fail(attempt, ApiError::http(m_server, 403, problem, {}));
            return;
        }
        m_me = std::move(me).value();
        m_busy = false;
        m_signedIn = true;
        if (m_keepSignedIn)
            keepToken(m_api->refreshToken());
        else
            forgetToken();
        log()->info("signed in as {} ({}) on {}", logging::str(m_me.email),
                    logging::str(protocol::roleNames(m_me.roles).join(QLatin1Char(','))),
                    logging::str(m_server.toString()));
        emit signedIn(m_me);
    });
}

void AuthSession::fail(quint64 attempt, const ApiError &error)
{
    if (attempt != m_attempt)
        return;
    m_busy = false;
    m_signedIn = false;
    m_api->clearTokens();
    log()->warn("sign-in failed: {}", logging::str(error.logText()));
    emit signInFailed(error);
}

void AuthSession::cancel()
{
    if (!m_busy)
        return;
    ++m_attempt;
    m_busy = false;
    m_api->clearTokens();
    log()->info("sign-in cancelled");
}

void AuthSession::refresh()
{
    m_api->refreshTokens(this, [this](const ApiResult &result) {
        if (result.ok)
            emit refreshed();
        else
            emit refreshFailed(result.error);
    });
}

void AuthSession::signOut()
{
    ++m_attempt;
    const bool wasSignedIn = m_signedIn;
    const QString refreshToken = m_api->refreshToken();
    if (!refreshToken.isEmpty()) {
        ApiClient::Options options;
        options.refreshOn401 = false;
        // The request captures the access token now, so clearing the tokens below is safe.
        m_api->post(QStringLiteral("/api/v1/auth/logout"),
                    protocol::RefreshRequest{refreshToken}.toJson(), nullptr, options,
                    [](const ApiResult &result) {
                        if (!result.ok)
                            log()->warn("logout not confirmed by the server: {}",
                                        logging::str(result.error.logText()));
                    });
    }
    forgetToken();
    m_api->clearTokens();
    m_signedIn = false;
    m_busy = false;
    m_me = {};
    if (wasSignedIn) {
        log()->info("signed out");
        emit signedOut();
    }
}

void AuthSession::keepToken(const QString &refreshToken)
{
    if (!m_store || m_profile.isEmpty() || refreshToken.isEmpty())
        return;
    m_store->save(m_profile, m_email, refreshToken, this, [](bool ok, const QString &error) {
        if (!ok)
            log()->warn("could not keep the session: {}", logging::str(error));
    });
}

void AuthSession::forgetToken()
{
    if (!m_store || m_profile.isEmpty() || m_email.isEmpty())
        return;
    m_store->remove(m_profile, m_email, this, nullptr);
}

void AuthSession::onTokensRefreshed(const protocol::TokenResponse &tokens)
{
    // Rotation spends the old refresh token: the kept one must follow, or the next start fails.
    if (m_keepSignedIn && (m_signedIn || m_busy))
        keepToken(tokens.refreshToken);
}

void AuthSession::onSessionExpired(const ApiError &error)
{
    if (!m_signedIn)
        return;
    m_signedIn = false;
    forgetToken();
    log()->warn("session expired: {}", logging::str(error.logText()));
    emit sessionExpired(error);
}

} // namespace skillex::client
