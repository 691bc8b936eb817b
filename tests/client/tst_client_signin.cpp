// AuthSession and ApiClient against the real skillex-server: sign-in, wrong password, throttling,
// refresh rotation and reuse, automatic refresh of an expired access token, sign-out, resume.
#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "client/auth/tokenstore.h"
#include "client/connection/connectionstate.h"
#include "tests/testutils/testserver.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace skillex;
using client::ApiClient;
using client::ApiResult;
using client::AuthSession;

namespace {

ApiResult await(const std::function<void(client::ApiCallback)> &start)
{
    std::optional<ApiResult> result;
    start([&](const ApiResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return ApiResult{false, -1, {}, {}, QStringLiteral("no callback"), {}};
    return *result;
}

// The same access token with "exp" a minute in the past, signed with the server's secret: what a
// console that slept through its 15 minutes holds.
QString expiredCopy(const QString &token, const QByteArray &secret)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return {};
    const auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts[1].toLatin1(), options)).object();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    claims.insert(QStringLiteral("exp"), now - 60);
    const QByteArray signingInput =
        parts[0].toLatin1() + '.' +
        QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(options);
    const QByteArray signature =
        QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256)
            .toBase64(options);
    return QString::fromLatin1(signingInput + '.' + signature);
}

ApiClient::Options noRefresh()
{
    ApiClient::Options options;
    options.refreshOn401 = false;
    return options;
}

} // namespace

class TestClientSignIn : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void rightPasswordGivesMeWithRoles();
    void wrongPasswordSaysSo();
    void tooManyFailuresAreThrottled();
    void refreshRotatesAndReuseEndsTheSession();
    void expiredAccessTokenIsRefreshedAutomatically();
    void signOutRevokesTheRefreshToken();
    void keptSessionResumesAndFollowsRotation();

private:
    bool signIn(AuthSession &session, const testutils::StaffAccount &account, bool keep = false);

    testutils::TestServer m_server;
};

void TestClientSignIn::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
}

bool TestClientSignIn::signIn(AuthSession &session, const testutils::StaffAccount &account,
                              bool keep)
{
    QSignalSpy signedIn(&session, &AuthSession::signedIn);
    QSignalSpy failed(&session, &AuthSession::signInFailed);
    session.signIn(
        {m_server.baseUrl(), QStringLiteral("Test"), account.email, account.password, keep});
    if (!QTest::qWaitFor([&] { return signedIn.count() + failed.count() > 0; }, 20000))
        return false;
    if (!failed.isEmpty())
        qWarning("sign-in failed: %s",
                 qPrintable(failed.first().first().value<client::ApiError>().message()));
    return signedIn.count() == 1;
}

void TestClientSignIn::rightPasswordGivesMeWithRoles()
{
    const auto account = m_server.createStaff(QStringLiteral("moderator"));
    QVERIFY2(!account.email.isEmpty(), qPrintable(m_server.error()));
    ApiClient api;
    AuthSession session(&api, nullptr);
    client::ConnectionState state;
    state.follow(&session, &api);
    QVERIFY(signIn(session, account));
    QVERIFY(session.isSignedIn());
    QCOMPARE(session.me().email, account.email);
    QCOMPARE(session.me().kind, QStringLiteral("staff"));
    QCOMPARE(session.me().roles, QList<protocol::Role>{protocol::Role::Moderator});
    QVERIFY(session.me().id > 0);
    QVERIFY(!api.accessToken().isEmpty());
    QVERIFY(!api.refreshToken().isEmpty());
    QCOMPARE(state.state(), client::ConnectionState::State::Live);
    QCOMPARE(state.displayText(), QStringLiteral("Live"));
}

void TestClientSignIn::wrongPasswordSaysSo()
{
    const auto account = m_server.createStaff(QStringLiteral("viewer"));
    QVERIFY2(!account.email.isEmpty(), qPrintable(m_server.error()));
    ApiClient api;
    AuthSession session(&api, nullptr);
    QSignalSpy failed(&session, &AuthSession::signInFailed);
    session.signIn({m_server.baseUrl(), QStringLiteral("Test"), account.email,
                    account.password + QStringLiteral("-wrong"), false});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    const auto error = failed.first().first().value<client::ApiError>();
    QCOMPARE(error.httpStatus(), 401);
    QCOMPARE(error.problemType(), protocol::problemtype::kInvalidCredentials);
    QCOMPARE(error.message(), QStringLiteral("Email or password is wrong."));
    QVERIFY(!error.requestId().isEmpty());
    QVERIFY(!session.isSignedIn());
    QVERIFY(api.accessToken().isEmpty());
}

void TestClientSignIn::tooManyFailuresAreThrottled()
{
    const auto account = m_server.createStaff(QStringLiteral("viewer"));
    QVERIFY2(!account.email.isEmpty(), qPrintable(m_server.error()));
    ApiClient api;
    AuthSession session(&api, nullptr);
    QSignalSpy failed(&session, &AuthSession::signInFailed);
    client::ApiError last;
    for (int attempt = 0; attempt < 8 && last.httpStatus() != 429; ++attempt) {
        session.signIn({m_server.baseUrl(), QStringLiteral("Test"), account.email,
                        QStringLiteral("not-the-password-%1").arg(attempt), false});
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), attempt + 1, 20000);
        last = failed.last().first().value<client::ApiError>();
    }
    QCOMPARE(last.httpStatus(), 429);
    QCOMPARE(last.problemType(), protocol::problemtype::kRateLimited);
    QVERIFY(last.retryAfterSeconds().has_value());
    QVERIFY(*last.retryAfterSeconds() > 0);
    QCOMPARE(last.message(), QStringLiteral("Too many failed sign-ins. Try again in %1.")
                                 .arg(client::ApiError::waitText(*last.retryAfterSeconds())));
}

void TestClientSignIn::refreshRotatesAndReuseEndsTheSession()
{
    const auto account = m_server.createStaff(QStringLiteral("finance"));
    ApiClient api;
    AuthSession session(&api, nullptr);
    QVERIFY(signIn(session, account));
    const QString firstRefresh = api.refreshToken();
    const QString firstAccess = api.accessToken();

    QSignalSpy refreshed(&session, &AuthSession::refreshed);
    session.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);
    QVERIFY(api.refreshToken() != firstRefresh);
    QVERIFY(api.accessToken() != firstAccess);
    QVERIFY(await([&](auto cb) { api.get(QStringLiteral("/api/v1/me"), nullptr, cb); }).ok);

    // Presenting the spent token again is reuse: refused, and the whole family is revoked.
    ApiClient thief;
    thief.setBaseUrl(m_server.baseUrl());
    ApiClient::Options credentialsOnly;
    credentialsOnly.authenticate = false;
    credentialsOnly.refreshOn401 = false;
    const auto reuse = await([&](auto cb) {
        thief.post(QStringLiteral("/api/v1/auth/refresh"),
                   protocol::RefreshRequest{firstRefresh}.toJson(), nullptr, credentialsOnly, cb);
    });
    QCOMPARE(reuse.status, 401);
    QCOMPARE(reuse.error.problemType(), protocol::problemtype::kRefreshTokenReused);

    QSignalSpy expired(&session, &AuthSession::sessionExpired);
    QSignalSpy refreshFailed(&session, &AuthSession::refreshFailed);
    session.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refreshFailed.count(), 1, 20000);
    QCOMPARE(expired.count(), 1);
    QVERIFY(!session.isSignedIn());
    QVERIFY(expired.first().first().value<client::ApiError>().isSessionProblem());
}

void TestClientSignIn::expiredAccessTokenIsRefreshedAutomatically()
{
    const auto account = m_server.createStaff(QStringLiteral("admin"));
    ApiClient api;
    AuthSession session(&api, nullptr);
    QVERIFY(signIn(session, account));
    const QString refreshBefore = api.refreshToken();

    const QString expired = expiredCopy(api.accessToken(), m_server.jwtSecret());
    QVERIFY(!expired.isEmpty());
    api.setAccessToken(expired);
    // Precondition: the server does see this token as expired (not merely malformed).
    const auto refused =
        await([&](auto cb) { api.get(QStringLiteral("/api/v1/me"), nullptr, noRefresh(), cb); });
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.error.problemType(), protocol::problemtype::kTokenExpired);
    QCOMPARE(refused.error.message(), QStringLiteral("Your session has expired. Sign in again."));

    QSignalSpy rotated(&api, &ApiClient::tokensRefreshed);
    QSignalSpy sessionExpired(&api, &ApiClient::sessionExpired);
    const auto result = await([&](auto cb) { api.get(QStringLiteral("/api/v1/me"), nullptr, cb); });
    QVERIFY2(result.ok, qPrintable(result.error.message()));
    QCOMPARE(result.object().value(QStringLiteral("email")).toString(), account.email);
    QCOMPARE(rotated.count(), 1);
    QCOMPARE(sessionExpired.count(), 0);
    QVERIFY(api.refreshToken() != refreshBefore);
    QVERIFY(api.accessToken() != expired);
    QVERIFY(session.isSignedIn());
}

void TestClientSignIn::signOutRevokesTheRefreshToken()
{
    const auto account = m_server.createStaff(QStringLiteral("viewer"));
    ApiClient api;
    AuthSession session(&api, nullptr);
    QVERIFY(signIn(session, account));
    const QString refreshToken = api.refreshToken();
    QSignalSpy signedOut(&session, &AuthSession::signedOut);
    QSignalSpy answered(&api, &ApiClient::serverReachable);
    session.signOut();
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(!session.isSignedIn());
    QVERIFY(api.refreshToken().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, 20000); // the logout call was answered

    ApiClient other;
    other.setBaseUrl(m_server.baseUrl());
    ApiClient::Options credentialsOnly;
    credentialsOnly.authenticate = false;
    const auto result = await([&](auto cb) {
        other.post(QStringLiteral("/api/v1/auth/refresh"),
                   protocol::RefreshRequest{refreshToken}.toJson(), nullptr, credentialsOnly, cb);
    });
    QCOMPARE(result.status, 401);
}

void TestClientSignIn::keptSessionResumesAndFollowsRotation()
{
    QTemporaryDir dir;
    const auto account = m_server.createStaff(QStringLiteral("senior_moderator"));
    client::TokenStore store(dir.path(), client::TokenStore::Backend::File);
    auto stored = [&] {
        std::optional<QString> token;
        bool done = false;
        store.load(QStringLiteral("Test"), account.email, nullptr,
                   [&](std::optional<QString> t, const QString &) {
                       token = std::move(t);
                       done = true;
                   });
        (void)QTest::qWaitFor([&] { return done; }, 5000);
        return token;
    };
    {
        ApiClient api;
        AuthSession session(&api, &store);
        QVERIFY(signIn(session, account, true));
        QTRY_COMPARE(stored(), std::optional<QString>(api.refreshToken()));
    }
    const auto kept = stored();
    QVERIFY(kept.has_value());

    // A new start of the console: no password, only the kept token.
    ApiClient api;
    AuthSession session(&api, &store);
    QSignalSpy signedIn(&session, &AuthSession::signedIn);
    session.resume(m_server.baseUrl(), QStringLiteral("Test"), account.email, *kept);
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
    QCOMPARE(session.me().email, account.email);
    QCOMPARE(session.me().roles, QList<protocol::Role>{protocol::Role::SeniorModerator});
    // Resuming rotated the token; the store must hold the new one, or the next start fails.
    QVERIFY(api.refreshToken() != *kept);
    QTRY_COMPARE(stored(), std::optional<QString>(api.refreshToken()));

    // Signing out forgets the kept token.
    session.signOut();
    QTRY_VERIFY(!stored().has_value());
}

QTEST_GUILESS_MAIN(TestClientSignIn)
#include "tst_client_signin.moc"
