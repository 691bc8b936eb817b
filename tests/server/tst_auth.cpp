// Sign-in against the real server: right and wrong passwords, lockout, token rotation and reuse
// detection, sign-out, 401 and 403, and the audit entries these leave.
#include "protocol/problem.h"
#include "server/domain/auth/jwt.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

using namespace skillex;
using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

class TestAuth : public QObject {
    Q_OBJECT

    TestServer m_server;
    StaffAccount m_admin;
    StaffAccount m_viewer;

    TestResponse login(const QString &email, const QString &password)
    {
        TestHttp http(m_server.baseUrl());
        return http.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    }

    // Counts audit rows with this action, read straight from the server's database.
    int auditCount(const QString &action)
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = :a"),
                         {{QStringLiteral(":a"), action}})
            .toInt();
    }

private Q_SLOTS:
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_admin = m_server.createStaff(QStringLiteral("admin"));
        QVERIFY2(!m_admin.email.isEmpty(), qPrintable(m_server.error()));
        m_viewer = m_server.createStaff(QStringLiteral("viewer"));
        QVERIFY2(!m_viewer.email.isEmpty(), qPrintable(m_server.error()));
        qInfo() << "backend:" << m_server.backendName();
    }

    void loginWithRightPasswordReturnsTokensAndMe()
    {
        const auto r =
            login(m_admin.email.toUpper(), m_admin.password); // emails are case-insensitive
        QCOMPARE(r.status, 200);
        const auto body = r.json();
        QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 900);
        QVERIFY(!body.value(QStringLiteral("refresh_token")).toString().isEmpty());

        TestHttp http(m_server.baseUrl());
        http.setBearer(body.value(QStringLiteral("access_token")).toString());
        const auto me = http.get(QStringLiteral("/api/v1/me"));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("email")).toString(), m_admin.email);
        QCOMPARE(me.json().value(QStringLiteral("roles")).toArray(),
                 QJsonArray{QStringLiteral("admin")});
        QVERIFY(auditCount(QStringLiteral("auth.login")) >= 1);
    }

    void wrongPasswordAndUnknownEmailAreTheSame401()
    {
        const int before = auditCount(QStringLiteral("auth.login_failed"));
        const auto wrong = login(m_viewer.email, QStringLiteral("not the password"));
        QCOMPARE(wrong.status, 401);
        QVERIFY(wrong.isProblem());
        QCOMPARE(wrong.problemType(), pt::kInvalidCredentials);
        const auto unknown =
            login(QStringLiteral("nobody@test.skillex.local"), QStringLiteral("whatever-password"));
        QCOMPARE(unknown.status, 401);
        QCOMPARE(unknown.problemType(), pt::kInvalidCredentials);
        QCOMPARE(unknown.json().value(QStringLiteral("detail")),
                 wrong.json().value(QStringLiteral("detail")));
        QCOMPARE(auditCount(QStringLiteral("auth.login_failed")), before + 2);
    }

    void fiveFailuresLockTheAccountEvenForTheRightPassword()
    {
        const auto victim = m_server.createStaff(QStringLiteral("moderator"));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(login(victim.email, QStringLiteral("guess-%1").arg(i)).status, 401);
        const auto locked = login(victim.email, victim.password);
        QCOMPARE(locked.status, 429);
        QCOMPARE(locked.problemType(), pt::kRateLimited);
        const int retryAfter = locked.header("retry-after").toInt();
        QVERIFY2(retryAfter > 800 && retryAfter <= 900, locked.header("retry-after").constData());
        QVERIFY(auditCount(QStringLiteral("auth.login_throttled")) >= 1);
        // Other accounts from the same address are not locked by this one.
        QCOMPARE(login(m_admin.email, m_admin.password).status, 200);
    }

    void refreshRotatesAndTheOldTokenStopsWorking()
    {
        const auto first = login(m_admin.email, m_admin.password).json();
        TestHttp http(m_server.baseUrl());
        const QString r1 = first.value(QStringLiteral("refresh_token")).toString();
        const auto second = http.post(QStringLiteral("/api/v1/auth/refresh"),
                                      {{QStringLiteral("refresh_token"), r1}});
        QCOMPARE(second.status, 200);
        const QString r2 = second.json().value(QStringLiteral("refresh_token")).toString();
        QVERIFY(r2 != r1);
        http.setBearer(second.json().value(QStringLiteral("access_token")).toString());
        QCOMPARE(http.get(QStringLiteral("/api/v1/me")).status, 200);
        const auto third = TestHttp(m_server.baseUrl())
                               .post(QStringLiteral("/api/v1/auth/refresh"),
                                     {{QStringLiteral("refresh_token"), r2}});
        QCOMPARE(third.status, 200);
    }

    void reusingARotatedTokenRevokesTheWholeFamily()
    {
        const auto first = login(m_admin.email, m_admin.password).json();
        TestHttp anon(m_server.baseUrl());
        const QString r1 = first.value(QStringLiteral("refresh_token")).toString();
        const auto rotated = anon.post(QStringLiteral("/api/v1/auth/refresh"),
                                       {{QStringLiteral("refresh_token"), r1}});
        QCOMPARE(rotated.status, 200);
        const QString r2 = rotated.json().value(QStringLiteral("refresh_token")).toString();
        const QString access2 = rotated.json().value(QStringLiteral("access_token")).toString();

        // An attacker replays r1: refused as reuse, and the legitimate r2 and access token die too.
        const auto replay = anon.post(QStringLiteral("/api/v1/auth/refresh"),
                                      {{QStringLiteral("refresh_token"), r1}});
        QCOMPARE(replay.status, 401);
        QCOMPARE(replay.problemType(), pt::kRefreshTokenReused);
        const auto afterReuse = anon.post(QStringLiteral("/api/v1/auth/refresh"),
                                          {{QStringLiteral("refresh_token"), r2}});
        QCOMPARE(afterReuse.status, 401);
        QCOMPARE(afterReuse.problemType(), pt::kInvalidRefreshToken);
        TestHttp authed(m_server.baseUrl());
        authed.setBearer(access2);
        QCOMPARE(authed.get(QStringLiteral("/api/v1/me")).status, 401);
        QVERIFY(auditCount(QStringLiteral("auth.refresh_reused")) >= 1);
    }

    void unknownRefreshTokenIs401()
    {
        const auto r = TestHttp(m_server.baseUrl())
                           .post(QStringLiteral("/api/v1/auth/refresh"),
                                 {{QStringLiteral("refresh_token"), QStringLiteral("made-up")}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), pt::kInvalidRefreshToken);
    }

    void logoutEndsAccessAndRefresh()
    {
        const auto tokens = login(m_admin.email, m_admin.password).json();
        TestHttp http(m_server.baseUrl());
        http.setBearer(tokens.value(QStringLiteral("access_token")).toString());
        QCOMPARE(http.post(QStringLiteral("/api/v1/auth/logout"), {}).status, 204);
        QCOMPARE(http.get(QStringLiteral("/api/v1/me")).status, 401);
        const auto refresh =
            TestHttp(m_server.baseUrl())
                .post(QStringLiteral("/api/v1/auth/refresh"),
                      {{QStringLiteral("refresh_token"),
                        tokens.value(QStringLiteral("refresh_token")).toString()}});
        QCOMPARE(refresh.status, 401);
        QVERIFY(auditCount(QStringLiteral("auth.logout")) >= 1);
    }

    void missingMalformedForgedAndExpiredTokensAre401()
    {
        TestHttp http(m_server.baseUrl());
        auto r = http.get(QStringLiteral("/api/v1/me"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), pt::kUnauthenticated);
        QCOMPARE(r.header("www-authenticate"), QByteArray("Bearer"));

        r = http.get(QStringLiteral("/api/v1/me"), {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
        QCOMPARE(r.status, 401);

        const auto tokens = login(m_admin.email, m_admin.password).json();
        QString access = tokens.value(QStringLiteral("access_token")).toString();
        access.chop(2);
        access += QStringLiteral("AA");
        r = http.get(QStringLiteral("/api/v1/me"),
                     {{"Authorization", "Bearer " + access.toLatin1()}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), pt::kUnauthenticated);

        // A token signed with another key is refused; so is "alg": "none".
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QJsonObject claims{{QStringLiteral("sub"), QStringLiteral("1")},
                           {QStringLiteral("fam"), QStringLiteral("x")},
                           {QStringLiteral("iat_ms"), now * 1000},
                           {QStringLiteral("exp"), now + 600}};
        r = http.get(
            QStringLiteral("/api/v1/me"),
            {{"Authorization",
              "Bearer " +
                  server::jwt::sign(claims, "another key of sufficient length....").toLatin1()}});
        QCOMPARE(r.status, 401);
        const QByteArray noneToken =
            QByteArray(R"({"alg":"none","typ":"JWT"})")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
            '.' +
            QJsonDocument(claims)
                .toJson(QJsonDocument::Compact)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
            '.';
        r = http.get(QStringLiteral("/api/v1/me"), {{"Authorization", "Bearer " + noneToken}});
        QCOMPARE(r.status, 401);

        // Expired: signed with the server's own key, but exp in the past.
        claims.insert(QStringLiteral("exp"), now - 5);
        r = http.get(QStringLiteral("/api/v1/me"),
                     {{"Authorization",
                       "Bearer " + server::jwt::sign(claims, m_server.jwtSecret()).toLatin1()}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), pt::kTokenExpired);
    }

    void roleChecksGive403()
    {
        TestHttp viewer(m_server.baseUrl());
        viewer.setBearer(login(m_viewer.email, m_viewer.password)
                             .json()
                             .value(QStringLiteral("access_token"))
                             .toString());
        const auto refused = viewer.get(QStringLiteral("/api/v1/admin/staff"));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.problemType(), pt::kForbidden);

        TestHttp admin(m_server.baseUrl());
        admin.setBearer(login(m_admin.email, m_admin.password)
                            .json()
                            .value(QStringLiteral("access_token"))
                            .toString());
        const auto allowed = admin.get(QStringLiteral("/api/v1/admin/staff?limit=2"));
        QCOMPARE(allowed.status, 200);
        const auto items = allowed.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        QVERIFY(allowed.json().value(QStringLiteral("next")).isString());
        const auto page2 = admin.get(QStringLiteral("/api/v1/admin/staff?limit=2&after=") +
                                     allowed.json().value(QStringLiteral("next")).toString());
        QCOMPARE(page2.status, 200);
        QVERIFY(page2.json()
                    .value(QStringLiteral("items"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("id"))
                    .toInt() > items.last().toObject().value(QStringLiteral("id")).toInt());
        const auto unknownParam = admin.get(QStringLiteral("/api/v1/admin/staff?sort=name"));
        QCOMPARE(unknownParam.status, 400);
        QVERIFY(unknownParam.json()
                    .value(QStringLiteral("errors"))
                    .toObject()
                    .contains(QStringLiteral("sort")));
    }

    void addressThrottleStopsSprayingAcrossAccounts()
    {
        // 20 failures from one address across different emails lock the address.
        int lastStatus = 0;
        for (int i = 0; i < 25 && lastStatus != 429; ++i)
            lastStatus = login(QStringLiteral("spray%1@test.skillex.local").arg(i),
                               QStringLiteral("password-%1").arg(i))
                             .status;
        QCOMPARE(lastStatus, 429);
        const auto r = login(m_admin.email, m_admin.password);
        QCOMPARE(r.status, 429);
        QVERIFY(r.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("address")));
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
