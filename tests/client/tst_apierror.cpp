// ApiClient + ApiError against real sockets: every failure kind ends in one ApiError with a clear
// sentence, and requests carry the headers the API requires.
#include "client/api/apiclient.h"
#include "support/cannedhttpserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace skillex;
using client::ApiClient;
using client::ApiError;
using client::ApiResult;
using tests::CannedHttpServer;
using tests::CannedRequest;
using tests::CannedResponse;

namespace {

QByteArray problemBody(const QString &type, int status, const QString &title)
{
    protocol::Problem problem;
    problem.type = type;
    problem.status = status;
    problem.title = title;
    problem.requestId = QStringLiteral("req-from-problem");
    return problem.toBytes();
}

// Runs one call and waits for its callback; fails the test if none arrives.
ApiResult await(const std::function<void(client::ApiCallback)> &start, int timeoutMs = 20000)
{
    std::optional<ApiResult> result;
    start([&](const ApiResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs))
        return ApiResult{false, -1, {}, {}, QStringLiteral("no callback"), {}};
    return *result;
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

class TestApiError : public QObject {
    Q_OBJECT

private slots:
    void connectionRefused();
    void timeoutWhenServerNeverAnswers();
    void invalidCredentials401();
    void rateLimitedWithRetryAfter();
    void rateLimitedElsewhere();
    void nonJson502();
    void nonJsonSuccessIsInvalidResponse();
    void invalidBaseUrl();
    void requestHeaders();
    void waitText_data();
    void waitText();
    void refreshOnceOn401ThenRetry();
    void concurrent401sShareOneRefresh();
    void refusedRefreshExpiresSession();
    void contextGoneDropsCallback();
};

void TestApiError::connectionRefused()
{
    const quint16 port = closedPort();
    ApiClient api;
    api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    QSignalSpy unreachable(&api, &ApiClient::serverUnreachable);
    const auto result = await([&](auto cb) { api.get(QStringLiteral("/health"), nullptr, cb); });
    QVERIFY(!result.ok);
    QCOMPARE(result.status, 0);
    QCOMPARE(result.error.kind(), ApiError::Kind::Network);
    QCOMPARE(result.error.networkError(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(result.error.message(),
             QStringLiteral("Could not connect to http://127.0.0.1:%1: connection refused. "
                            "Is the server running?")
                 .arg(port));
    QVERIFY(result.error.isConnectivityProblem());
    QCOMPARE(unreachable.count(), 1);
}

void TestApiError::timeoutWhenServerNeverAnswers()
{
    CannedHttpServer server([](const CannedRequest &) { return CannedResponse::hang(); });
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    api.setTimeout(1000);
    QElapsedTimer clock;
    clock.start();
    const auto result = await([&](auto cb) { api.get(QStringLiteral("/health"), nullptr, cb); });
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(result.error.kind(), ApiError::Kind::Timeout);
    QCOMPARE(result.error.message(), QStringLiteral("The server did not answer within 1 second."));
    QVERIFY2(elapsed >= 900 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    QCOMPARE(server.requests().size(), 1);

    // The sentence follows the configured time-out.
    api.setTimeout(10'000);
    QCOMPARE(ApiError::timeout(server.url(), api.timeout()).message(),
             QStringLiteral("The server did not answer within 10 seconds."));
}

void TestApiError::invalidCredentials401()
{
    CannedHttpServer server([](const CannedRequest &) {
        return CannedResponse::json(401, "Unauthorized",
                                    problemBody(protocol::problemtype::kInvalidCredentials, 401,
                                                QStringLiteral("Invalid credentials")),
                                    "application/problem+json");
    });
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    ApiClient::Options options;
    options.authenticate = false;
    const auto result = await([&](auto cb) {
        api.post(QStringLiteral("/api/v1/auth/login"),
                 protocol::LoginRequest{QStringLiteral("a@b.c"), QStringLiteral("nope")}.toJson(),
                 nullptr, options, cb);
    });
    QCOMPARE(result.error.kind(), ApiError::Kind::Http);
    QCOMPARE(result.error.httpStatus(), 401);
    QCOMPARE(result.error.problemType(), protocol::problemtype::kInvalidCredentials);
    QCOMPARE(result.error.message(), QStringLiteral("Email or password is wrong."));
    QCOMPARE(result.error.requestId(), QStringLiteral("req-from-problem"));
    QVERIFY(!result.error.isSessionProblem());
    // A failed login must not trigger a token refresh.
    QCOMPARE(server.count("/api/v1/auth/refresh"), 0);
}

void TestApiError::rateLimitedWithRetryAfter()
{
    CannedHttpServer server([](const CannedRequest &) {
        auto r = CannedResponse::json(429, "Too Many Requests",
                                      problemBody(protocol::problemtype::kRateLimited, 429,
                                                  QStringLiteral("Too many attempts")),
                                      "application/problem+json");
        r.headers.push_back(qMakePair(QByteArray("Retry-After"), QByteArray("900")));
        return r;
    });
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    const auto result =
        await([&](auto cb) { api.post(QStringLiteral("/api/v1/auth/login"), {}, nullptr, cb); });
    QCOMPARE(result.error.httpStatus(), 429);
    QCOMPARE(result.error.retryAfterSeconds(), std::optional<int>(900));
    QCOMPARE(result.error.message(),
             QStringLiteral("Too many failed sign-ins. Try again in 15 minutes."));
}

void TestApiError::rateLimitedElsewhere()
{
    CannedHttpServer server([](const CannedRequest &) {
        auto r = CannedResponse::json(429, "Too Many Requests", "{}");
        r.headers.push_back(qMakePair(QByteArray("Retry-After"), QByteArray("30")));
        return r;
    });
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    const auto result =
        await([&](auto cb) { api.get(QStringLiteral("/api/v1/admin/cases"), nullptr, cb); });
    QVERIFY(!result.error.problem().has_value());
    QCOMPARE(result.error.message(), QStringLiteral("Too many requests. Try again in 30 seconds."));
}

void TestApiError::nonJson502()
{
    CannedHttpServer server([](const CannedRequest &) {
        return CannedResponse::json(
            502, "Bad Gateway", "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");
    });
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    QSignalSpy unreachable(&api, &ApiClient::serverUnreachable);
    const auto result = await([&](auto cb) { api.get(QStringLiteral("/health"), nullptr, cb); });
    QCOMPARE(result.error.kind(), ApiError::Kind::Http);
    QCOMPARE(result.error.httpStatus(), 502);
    QVERIFY(!result.error.problem().has_value());
    QCOMPARE(result.error.requestId(), QStringLiteral("srv-502"));
    QCOMPARE(result.error.message(),
             QStringLiteral("%1 is not available at the moment (HTTP 502). Try again in a moment.")
                 .arg(server.url().toString()));
    QVERIFY(result.error.isConnectivityProblem());
    QCOMPARE(unreachable.count(), 1);
}

void TestApiError::nonJsonSuccessIsInvalidResponse()
{
    CannedHttpServer server([](const CannedRequest &) {
        return CannedResponse::json(200, "OK", "hello, I am a web page", "text/plain");
    });
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    const auto result = await([&](auto cb) { api.get(QStringLiteral("/api/v1/me"), nullptr, cb); });
    QVERIFY(!result.ok);
    QCOMPARE(result.error.kind(), ApiError::Kind::InvalidResponse);
    QVERIFY2(result.error.message().contains(QStringLiteral("does not understand")),
             qPrintable(result.error.message()));
}

void TestApiError::invalidBaseUrl()
{
    ApiClient api;
    api.setBaseUrl(QUrl(QStringLiteral("ftp://example.com")));
    const auto result = await([&](auto cb) { api.get(QStringLiteral("/health"), nullptr, cb); });
    QCOMPARE(result.error.kind(), ApiError::Kind::InvalidUrl);
    QCOMPARE(result.error.message(),
             QStringLiteral("The server address \u201cftp://example.com\u201d cannot be used: "
                            "The address must start with http:// or https://."));
}

void TestApiError::requestHeaders()
{
    CannedHttpServer server(
        [](const CannedRequest &) { return CannedResponse::json(200, "OK", "{\"ok\":true}"); });
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    api.setAccessToken(QStringLiteral("access-1"));
    const auto result = await([&](auto cb) {
        api.post(QStringLiteral("/api/v1/things?x=1"), {{QStringLiteral("a"), 1}}, nullptr, cb);
    });
    QVERIFY(result.ok);
    QCOMPARE(result.object().value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(server.requests().size(), 1);
    const auto &request = server.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/api/v1/things?x=1"));
    QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer access-1"));
    QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
    QVERIFY(request.headers.value("accept").contains("application/json"));
    QVERIFY(request.headers.value("accept").contains("application/problem+json"));
    QCOMPARE(request.headers.value("x-request-id").size(), 36); // a UUID
    QCOMPARE(request.body, QByteArray("{\"a\":1}"));
    // The answer's own request id wins over the one we sent.
    QCOMPARE(result.requestId, QStringLiteral("srv-200"));
}

void TestApiError::waitText_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("one second") << 1 << QStringLiteral("1 second");
    QTest::newRow("zero rounds to one") << 0 << QStringLiteral("1 second");
    QTest::newRow("seconds") << 59 << QStringLiteral("59 seconds");
    QTest::newRow("one minute") << 60 << QStringLiteral("1 minute");
    QTest::newRow("rounds up") << 61 << QStringLiteral("2 minutes");
    QTest::newRow("fifteen minutes") << 900 << QStringLiteral("15 minutes");
    QTest::newRow("hours") << 3 * 3600 << QStringLiteral("3 hours");
}

void TestApiError::waitText()
{
    QFETCH(int, seconds);
    QFETCH(QString, text);
    QCOMPARE(ApiError::waitText(seconds), text);
}

namespace {

QByteArray tokensBody(const QString &access, const QString &refresh)
{
    return QJsonDocument(
               protocol::TokenResponse{access, refresh, QStringLiteral("Bearer"), 900}.toJson())
        .toJson(QJsonDocument::Compact);
}

// /me answers 200 only to "Bearer fresh"; /auth/refresh hands out "fresh" for "r1".
CannedResponse refreshingServer(const CannedRequest &request)
{
    if (request.path == "/api/v1/auth/refresh") {
        const auto body = QJsonDocument::fromJson(request.body).object();
        if (body.value(QStringLiteral("refresh_token")).toString() == QLatin1String("r1"))
            return CannedResponse::json(200, "OK",
                                        tokensBody(QStringLiteral("fresh"), QStringLiteral("r2")));
        return CannedResponse::json(
            401, "Unauthorized",
            problemBody(protocol::problemtype::kRefreshTokenReused, 401, QStringLiteral("Reused")),
            "application/problem+json");
    }
    if (request.headers.value("authorization") == "Bearer fresh")
        return CannedResponse::json(200, "OK", "{\"me\":1}");
    return CannedResponse::json(
        401, "Unauthorized",
        problemBody(protocol::problemtype::kTokenExpired, 401, QStringLiteral("Expired")),
        "application/problem+json");
}

} // namespace

void TestApiError::refreshOnceOn401ThenRetry()
{
    CannedHttpServer server(refreshingServer);
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    api.setAccessToken(QStringLiteral("stale"));
    api.setRefreshToken(QStringLiteral("r1"));
    QSignalSpy refreshed(&api, &ApiClient::tokensRefreshed);
    QSignalSpy expired(&api, &ApiClient::sessionExpired);
    const auto result = await([&](auto cb) { api.get(QStringLiteral("/api/v1/me"), nullptr, cb); });
    QVERIFY2(result.ok, qPrintable(result.error.message()));
    QCOMPARE(server.count("/api/v1/me"), 2);
    QCOMPARE(server.count("/api/v1/auth/refresh"), 1);
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(expired.count(), 0);
    QCOMPARE(api.accessToken(), QStringLiteral("fresh"));
    QCOMPARE(api.refreshToken(), QStringLiteral("r2"));
    // Refresh requests carry no bearer token: the refresh token is the credential.
    for (const auto &request : server.requests()) {
        if (request.path == "/api/v1/auth/refresh")
            QVERIFY(!request.headers.contains("authorization"));
    }
}

void TestApiError::concurrent401sShareOneRefresh()
{
    CannedHttpServer server(refreshingServer);
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    api.setAccessToken(QStringLiteral("stale"));
    api.setRefreshToken(QStringLiteral("r1"));
    int ok = 0;
    int done = 0;
    for (int i = 0; i < 3; ++i) {
        api.get(QStringLiteral("/api/v1/me"), nullptr, [&](const ApiResult &r) {
            ++done;
            ok += r.ok ? 1 : 0;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 3, 20000);
    QCOMPARE(ok, 3);
    // A second refresh with r1 would be a reuse, which ends the whole session on a real server.
    QCOMPARE(server.count("/api/v1/auth/refresh"), 1);
}

void TestApiError::refusedRefreshExpiresSession()
{
    CannedHttpServer server(refreshingServer);
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    api.setAccessToken(QStringLiteral("stale"));
    api.setRefreshToken(QStringLiteral("spent"));
    QSignalSpy expired(&api, &ApiClient::sessionExpired);
    const auto result = await([&](auto cb) { api.get(QStringLiteral("/api/v1/me"), nullptr, cb); });
    QVERIFY(!result.ok);
    QCOMPARE(result.error.httpStatus(), 401);
    QVERIFY(result.error.isSessionProblem());
    QCOMPARE(expired.count(), 1);
    QVERIFY(api.refreshToken().isEmpty());
    QVERIFY(api.accessToken().isEmpty());
    // The request is retried at most once: one /me, one refresh, no loop.
    QCOMPARE(server.count("/api/v1/me"), 1);
    QCOMPARE(server.count("/api/v1/auth/refresh"), 1);

    protocol::Problem expiredProblem;
    expiredProblem.type = protocol::problemtype::kTokenExpired;
    expiredProblem.status = 401;
    QCOMPARE(ApiError::http(server.url(), 401, expiredProblem, {}).message(),
             QStringLiteral("Your session has expired. Sign in again."));
}

void TestApiError::contextGoneDropsCallback()
{
    CannedHttpServer server([](const CannedRequest &) { return CannedResponse::hang(); });
    QVERIFY(server.listen());
    ApiClient api;
    api.setBaseUrl(server.url());
    bool called = false;
    {
        QObject context;
        api.get(QStringLiteral("/health"), &context, [&](const ApiResult &) { called = true; });
        QTRY_COMPARE(server.requests().size(), 1);
    }
    QTest::qWait(200);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
