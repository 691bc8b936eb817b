// ApiClient: builds requests, times them out, turns answers into ApiResult, refreshes tokens once.
#include "client/api/apiclient.h"

#include "client/api/serverurl.h"
#include "common/logging.h"
#include "protocol/version.h"

#include <QElapsedTimer>
#include <QJsonParseError>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

#include <utility>

namespace skillex::client {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("client.api");
    return logger;
}

// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 10.2.3).
std::optional<int> parseRetryAfter(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int seconds = trimmed.toInt(&ok);
    if (ok)
        return qMax(0, seconds);
    const QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                                 QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!at.isValid())
        return std::nullopt;
    const QDateTime utc(at.date(), at.time(), Qt::UTC);
    return qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(utc));
}

QByteArray newRequestId()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

} // namespace

struct ApiClient::Request {
    QByteArray method;
    QString path;
    QByteArray body;
    bool hasBody = false;
    QList<QPair<QByteArray, QByteArray>> headers;
    Options options;
    QPointer<QObject> context;
    bool hasContext = false;
    // Set when the context is being destroyed: a QWidget announces destroyed() before
    // QObject's destructor clears the QPointer, and the abort below answers synchronously.
    bool contextGone = false;
    ApiCallback callback;
    QByteArray requestId;
    QString sentAccessToken;
    bool retried = false;
    QElapsedTimer elapsed;
};

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{}

ApiClient::~ApiClient() = default;

void ApiClient::setBaseUrl(const QUrl &url)
{
    if (url != m_baseUrl)
        m_network->clearConnectionCache();
    m_baseUrl = url;
}

void ApiClient::setTokens(const protocol::TokenResponse &tokens)
{
    m_accessToken = tokens.accessToken;
    m_refreshToken = tokens.refreshToken;
    ++m_tokenGeneration;
}

void ApiClient::clearTokens()
{
    m_accessToken.clear();
    m_refreshToken.clear();
    ++m_tokenGeneration;
}

QUrl ApiClient::urlFor(const QString &path) const
{
    QUrl url = m_baseUrl;
    if (url.isEmpty() || !url.isValid())
        return {};
    QString relative = path;
    QString query;
    const qsizetype mark = relative.indexOf(QLatin1Char('?'));
    if (mark >= 0) {
        query = relative.mid(mark + 1);
        relative.truncate(mark);
    }
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + relative);
    url.setQuery(query.isEmpty() ? QString() : query);
    return url;
}

QUrl ApiClient::serverUrl() const
{
    return m_baseUrl;
}

void ApiClient::get(const QString &path, QObject *context, ApiCallback callback)
{
    get(path, context, Options{}, std::move(callback));
}

void ApiClient::get(const QString &path, QObject *context, const Options &options,
                    ApiCallback callback)
{
    auto request = std::make_shared<Request>();
    request->method = QByteArrayLiteral("GET");
    request->path = path;
    request->options = options;
    request->context = context;
    request->hasContext = context != nullptr;
    request->callback = std::move(callback);
    send(request);
}

void ApiClient::post(const QString &path, const QJsonObject &body, QObject *context,
                     ApiCallback callback)
{
    post(path, body, context, Options{}, std::move(callback));
}

void ApiClient::post(const QString &path, const QJsonObject &body, QObject *context,
                     const Options &options, ApiCallback callback)
{
    auto request = std::make_shared<Request>();
    request->method = QByteArrayLiteral("POST");
    request->path = path;
    request->body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request->hasBody = true;
    request->options = options;
    request->context = context;
    request->hasContext = context != nullptr;
    request->callback = std::move(callback);
    send(request);
}

void ApiClient::request(const Call &call, QObject *context, ApiCallback callback)
{
    request(call, context, Options{}, std::move(callback));
}

void ApiClient::request(const Call &call, QObject *context, const Options &options,
                        ApiCallback callback)
{
    auto request = std::make_shared<Request>();
    request->method = call.method;
    request->path = call.path;
    if (call.body || call.method == "POST" || call.method == "PATCH" || call.method == "PUT") {
        request->body =
            QJsonDocument(call.body.value_or(QJsonObject())).toJson(QJsonDocument::Compact);
        request->hasBody = true;
    }
    request->headers = call.headers;
    request->options = options;
    request->context = context;
    request->hasContext = context != nullptr;
    request->callback = std::move(callback);
    send(request);
}

void ApiClient::send(const std::shared_ptr<Request> &request)
{
    // A fresh id per attempt, so a retried request is told apart in the server's logs.
    request->requestId = newRequestId();
    request->elapsed.start();

    const QString urlProblem = ServerUrl::problem(m_baseUrl);
    if (!urlProblem.isEmpty()) {
        ApiResult result;
        result.error = ApiError::invalidUrl(m_baseUrl.toString(), urlProblem);
        result.error.setPath(request->path);
        // Always answer asynchronously, so callers see one behaviour whatever fails.
        QTimer::singleShot(0, this, [this, request, result] { deliver(request, result); });
        return;
    }

    QNetworkRequest networkRequest(urlFor(request->path));
    networkRequest.setRawHeader("Accept", "application/json, application/problem+json");
    networkRequest.setRawHeader("X-Request-Id", request->requestId);
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader,
                             QByteArray("skillex-console/") + protocol::kProductVersion);
    if (request->hasBody)
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, protocol::kJsonContentType);
    for (const auto &[name, value] : request->headers)
        networkRequest.setRawHeader(name, value);
    request->sentAccessToken.clear();
    if (request->options.authenticate && !m_accessToken.isEmpty()) {
        request->sentAccessToken = m_accessToken;
        networkRequest.setRawHeader("Authorization", "Bearer " + m_accessToken.toUtf8());
    }

    QNetworkReply *reply =
        request->hasBody
            ? m_network->sendCustomRequest(networkRequest, request->method, request->body)
            : m_network->sendCustomRequest(networkRequest, request->method);

    // An inactivity timer rather than a deadline: a slow but moving transfer is fine, a
    // silent server is not. Restarted on every byte in either direction.
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setInterval(m_timeoutMs);
    auto timedOut = std::make_shared<bool>(false);
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    connect(reply, &QNetworkReply::downloadProgress, timer, qOverload<>(&QTimer::start));
    connect(reply, &QNetworkReply::uploadProgress, timer, qOverload<>(&QTimer::start));
    if (request->hasContext && request->context)
        connect(request->context, &QObject::destroyed, reply,
                [weak = std::weak_ptr<Request>(request), reply] {
                    if (const auto alive = weak.lock())
                        alive->contextGone = true;
                    reply->abort();
                });
    connect(reply, &QNetworkReply::finished, this,
            [this, request, reply, timedOut] { finish(request, reply, *timedOut); });
    timer->start();
}

ApiResult ApiClient::makeResult(const Request &request, QNetworkReply *reply, bool timedOut) const
{
    ApiResult result;
    result.requestId = QString::fromLatin1(reply->rawHeader("X-Request-Id"));
    if (result.requestId.isEmpty())
        result.requestId = QString::fromLatin1(request.requestId);
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    result.status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const QUrl server = serverUrl();
    // Codes below 100 are transport failures; an HTTP status may still be set if the
    // connection broke half way through the body.
    const bool transportFailed = reply->error() != QNetworkReply::NoError && reply->error() < 100;

    if (timedOut) {
        result.error = ApiError::timeout(server, m_timeoutMs);
    } else if (result.status == 0 || (transportFailed && result.status < 300)) {
        result.error = ApiError::network(server, reply->error(), reply->errorString());
    } else {
        const QByteArray body = reply->readAll();
        if (result.status >= 200 && result.status < 300) {
            const QByteArray contentType =
                reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
            if (body.trimmed().isEmpty()) {
                result.ok = true;
            } else if (request.options.rawBody && !contentType.contains("json")) {
                // A file (an attachment): the bytes as they came.
                result.ok = true;
                result.body = body;
            } else {
                QJsonParseError parseError{};
                result.json = QJsonDocument::fromJson(body, &parseError);
                if (parseError.error == QJsonParseError::NoError) {
                    result.ok = true;
                } else {
                    result.json = {};
                    result.error = ApiError::invalidResponse(
                        server, result.status,
                        ApiError::tr("the body is not JSON: %1").arg(parseError.errorString()));
                }
            }
        } else {
            std::optional<protocol::Problem> problem;
            if (auto decoded = protocol::Problem::fromBytes(body))
                problem = std::move(decoded).value();
            result.error = ApiError::http(
                server, result.status, std::move(problem),
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
            result.error.setRetryAfterSeconds(parseRetryAfter(reply->rawHeader("Retry-After")));
        }
    }
    if (!result.ok) {
        result.error.setPath(request.path);
        if (result.error.requestId().isEmpty())
            result.error.setRequestId(result.requestId);
    }
    return result;
}

void ApiClient::finish(const std::shared_ptr<Request> &request, QNetworkReply *reply, bool timedOut)
{
    reply->deleteLater();
    const ApiResult result = makeResult(*request, reply, timedOut);
    const qint64 ms = request->elapsed.elapsed();
    if (result.ok) {
        log()->info("{} {} -> {} in {} ms [request {}]", request->method.constData(),
                    logging::str(request->path), result.status, ms, logging::str(result.requestId));
    } else {
        log()->warn("{} {} failed in {} ms: {}", request->method.constData(),
                    logging::str(request->path), ms, logging::str(result.error.logText()));
    }

    if (result.error.kind() == ApiError::Kind::Network ||
        result.error.kind() == ApiError::Kind::Timeout) {
        // A cancelled request (its window closed) says nothing about the server.
        if (result.error.networkError() != QNetworkReply::OperationCanceledError || timedOut)
            emit serverUnreachable(result.error);
    } else if (result.status > 0) {
        if (result.error.isConnectivityProblem())
            emit serverUnreachable(result.error);
        else
            emit serverReachable();
    }

    if (!result.ok && result.status == 401 && request->options.authenticate &&
        request->options.refreshOn401 && !request->retried && !m_refreshToken.isEmpty()) {
        retryAfterRefresh(request, result);
        return;
    }
    deliver(request, result);
}

void ApiClient::deliver(const std::shared_ptr<Request> &request, const ApiResult &result)
{
    if (request->hasContext && (!request->context || request->contextGone))
        return;
    if (request->callback)
        request->callback(result);
}

void ApiClient::retryAfterRefresh(const std::shared_ptr<Request> &request, const ApiResult &)
{
    request->retried = true;
    // Another request already refreshed while this one was in flight: just resend.
    if (!m_accessToken.isEmpty() && m_accessToken != request->sentAccessToken) {
        log()->info("{} {}: retrying with the refreshed access token", request->method.constData(),
                    logging::str(request->path));
        send(request);
        return;
    }
    log()->info("{} {}: access token refused, refreshing once", request->method.constData(),
                logging::str(request->path));
    refreshTokens(nullptr, [this, request](const ApiResult &refreshed) {
        if (refreshed.ok)
            send(request);
        else
            deliver(request, refreshed);
    });
}

void ApiClient::refreshTokens(QObject *context, ApiCallback callback)
{
    QPointer<QObject> guard(context);
    const bool guarded = context != nullptr;
    m_refreshWaiters.append([guard, guarded, callback = std::move(callback)](const ApiResult &r) {
        if (guarded && !guard)
            return;
        if (callback)
            callback(r);
    });
    if (m_refreshing)
        return;

    if (m_refreshToken.isEmpty()) {
        ApiResult result;
        protocol::Problem problem;
        problem.type = protocol::problemtype::kInvalidRefreshToken;
        problem.title = QStringLiteral("No refresh token");
        problem.status = 401;
        result.status = 401;
        result.error = ApiError::http(serverUrl(), 401, problem, {});
        QTimer::singleShot(0, this, [this, result] { finishRefresh(result, m_tokenGeneration); });
        m_refreshing = true;
        return;
    }

    m_refreshing = true;
    const quint64 generation = m_tokenGeneration;
    Options options;
    options.authenticate = false;
    options.refreshOn401 = false;
    post(QStringLiteral("/api/v1/auth/refresh"), protocol::RefreshRequest{m_refreshToken}.toJson(),
         this, options,
         [this, generation](const ApiResult &result) { finishRefresh(result, generation); });
}

void ApiClient::finishRefresh(const ApiResult &result, quint64 generation)
{
    m_refreshing = false;
    ApiResult outcome = result;
    if (generation != m_tokenGeneration) {
        // Signed out or signed in anew meanwhile: this answer belongs to a session that is gone.
        outcome.ok = false;
        outcome.error = ApiError::network(serverUrl(), QNetworkReply::OperationCanceledError,
                                          QStringLiteral("session changed during refresh"));
    } else if (result.ok) {
        auto decoded = protocol::TokenResponse::fromJson(result.object());
        if (decoded) {
            setTokens(decoded.value());
            log()->info("tokens refreshed [request {}]", logging::str(result.requestId));
            emit tokensRefreshed(decoded.value());
        } else {
            outcome.ok = false;
            outcome.error = ApiError::invalidResponse(serverUrl(), result.status, decoded.error());
        }
    }
    if (!outcome.ok && generation == m_tokenGeneration &&
        outcome.error.kind() == ApiError::Kind::Http && outcome.status >= 400 &&
        outcome.status < 500 && outcome.status != 429) {
        // The refresh token is spent, revoked or unknown: nothing left to retry with.
        log()->warn("refresh refused, session expired: {}", logging::str(outcome.error.logText()));
        clearTokens();
        emit sessionExpired(outcome.error);
    }
    const auto waiters = std::exchange(m_refreshWaiters, {});
    for (const auto &waiter : waiters)
        waiter(outcome);
}

} // namespace skillex::client
