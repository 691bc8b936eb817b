// ApiClient: every HTTP call of the console goes through here (headers, time-out, errors, refresh).
#pragma once

#include "client/api/apiresult.h"
#include "protocol/auth.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace skillex::client {

class ApiClient : public QObject {
    Q_OBJECT

public:
    struct Options {
        // Send the access token. Off for login and refresh, which carry their own credentials.
        bool authenticate = true;
        // On a 401, refresh the tokens once and send the request again.
        bool refreshOn401 = true;
        // A file is expected (an attachment): a 2xx body that is not JSON is kept in
        // ApiResult::body. Otherwise it is an invalid response (a proxy's or portal's page).
        bool rawBody = false;
    };

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // The longest silence allowed while a request is in flight (nothing sent or received).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }

    void setTokens(const protocol::TokenResponse &tokens);
    void setAccessToken(const QString &token) { m_accessToken = token; }
    void setRefreshToken(const QString &token) { m_refreshToken = token; }
    void clearTokens();
    QString accessToken() const { return m_accessToken; }
    QString refreshToken() const { return m_refreshToken; }

    // Callbacks run on this thread. With a context, the callback is dropped once the context
    // is gone, so a closed window never receives an answer meant for it.
    void get(const QString &path, QObject *context, ApiCallback callback);
    void get(const QString &path, QObject *context, const Options &options, ApiCallback callback);
    void post(const QString &path, const QJsonObject &body, QObject *context, ApiCallback callback);
    void post(const QString &path, const QJsonObject &body, QObject *context,
              const Options &options, ApiCallback callback);

    // Any method, with extra headers (Idempotency-Key, If-Match). A body is sent as JSON when
    // given; PATCH and POST always send one ("{}" when empty).
    struct Call {
        QByteArray method = QByteArrayLiteral("GET");
        QString path;
        std::optional<QJsonObject> body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    void request(const Call &call, QObject *context, ApiCallback callback);
    void request(const Call &call, QObject *context, const Options &options, ApiCallback callback);

    // Exchanges the refresh token for a new pair (the old refresh token is then spent).
    // Concurrent callers share one exchange: a second exchange of the same token would
    // look like token theft to the server and end the session.
    void refreshTokens(QObject *context, ApiCallback callback);

    // Builds the full URL for an API path such as "/api/v1/me" or "/health".
    QUrl urlFor(const QString &path) const;

signals:
    void tokensRefreshed(const skillex::protocol::TokenResponse &tokens);
    // The refresh token was refused: the person has to sign in again.
    void sessionExpired(const skillex::client::ApiError &error);
    // Any answer arrived (the server is reachable) or none did (it is not).
    void serverReachable();
    void serverUnreachable(const skillex::client::ApiError &error);

private:
    struct Request;
    void send(const std::shared_ptr<Request> &request);
    void finish(const std::shared_ptr<Request> &request, QNetworkReply *reply, bool timedOut);
    void deliver(const std::shared_ptr<Request> &request, const ApiResult &result);
    void retryAfterRefresh(const std::shared_ptr<Request> &request, const ApiResult &failed);
    void finishRefresh(const ApiResult &result, quint64 generation);
    ApiResult makeResult(const Request &request, QNetworkReply *reply, bool timedOut) const;
    QUrl serverUrl() const;

    QNetworkAccessManager *m_network = nullptr;
    QUrl m_baseUrl;
    int m_timeoutMs = 10'000;
    QString m_accessToken;
    QString m_refreshToken;
    bool m_refreshing = false;
    quint64 m_tokenGeneration = 0; // bumped whenever the tokens are replaced or cleared
    QList<ApiCallback> m_refreshWaiters;
};

} // namespace skillex::client
