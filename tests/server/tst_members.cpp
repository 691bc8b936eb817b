// Member sign-up against the real server: the starter and referral bonuses land in the ledger,
// email verification works once, bad input is a clear 400, and members cannot reach staff APIs.
#include "protocol/problem.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QJsonDocument>
#include <QTest>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

class TestMembers : public QObject {
    Q_OBJECT
    TestServer m_server;

    TestResponse registerMember(const QString &email, const QString &referral = {})
    {
        QJsonObject body{{QStringLiteral("email"), email},
                         {QStringLiteral("password"), QStringLiteral("learning-is-fun")},
                         {QStringLiteral("name"), QStringLiteral("Priya Sharma")}};
        if (!referral.isEmpty())
            body.insert(QStringLiteral("referral_code"), referral);
        return TestHttp(m_server.baseUrl()).post(QStringLiteral("/api/v1/auth/register"), body);
    }

    qint64 walletCredits(qint64 userId)
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral("SELECT credits_posted - debits_posted - debits_pending "
                                        "FROM ledger_accounts WHERE id = :a"),
                         {{QStringLiteral(":a"), QStringLiteral("user:%1").arg(userId)}})
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.error())); }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void registrationGrantsTheStarterBonus()
    {
        const auto r = registerMember(QStringLiteral("priya@example.com"));
        QCOMPARE(r.status, 201);
        const qint64 id = r.json().value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(r.json().value(QStringLiteral("referral_code")).toString().size(), 8);
        QCOMPARE(walletCredits(id), 50);
        // The bonus is a ledger transfer from the starter-bonus expense account, with a lot.
        QCOMPARE(
            sqlScalar(m_server.databaseUrl(),
                      QStringLiteral("SELECT debit_account FROM ledger_transfers WHERE id = :id"),
                      {{QStringLiteral(":id"), QStringLiteral("bonus:starter:%1").arg(id)}})
                .toString(),
            QStringLiteral("expense:bonus:starter"));
        QCOMPARE(sqlScalar(m_server.databaseUrl(),
                           QStringLiteral("SELECT remaining FROM credit_lots WHERE user_id = :u"),
                           {{QStringLiteral(":u"), id}})
                     .toLongLong(),
                 50);
        QCOMPARE(sqlScalar(m_server.databaseUrl(),
                           QStringLiteral("SELECT COUNT(*) FROM events WHERE type = "
                                          "'member.registered' AND subject_id = :s"),
                           {{QStringLiteral(":s"), QString::number(id)}})
                     .toInt(),
                 1);
    }

    void referralPaysBothSides()
    {
        const auto referrer = registerMember(QStringLiteral("ravi@example.com"));
        const qint64 referrerId = referrer.json().value(QStringLiteral("id")).toInteger();
        const QString code = referrer.json().value(QStringLiteral("referral_code")).toString();
        const auto referred = registerMember(QStringLiteral("anika@example.com"),
                                             code.toLower()); // codes are case-insensitive
        QCOMPARE(referred.status, 201);
        QCOMPARE(walletCredits(referred.json().value(QStringLiteral("id")).toInteger()), 50 + 25);
        QCOMPARE(walletCredits(referrerId), 50 + 25);
    }

    void unknownReferralAndDuplicateEmailAreRefusedAndMoveNothing()
    {
        const auto transfersBefore =
            sqlScalar(m_server.databaseUrl(),
                      QStringLiteral("SELECT COUNT(*) FROM ledger_transfers"))
                .toInt();
        const auto badCode =
            registerMember(QStringLiteral("new@example.com"), QStringLiteral("NOPE1234"));
        QCOMPARE(badCode.status, 400);
        QVERIFY(badCode.json()
                    .value(QStringLiteral("errors"))
                    .toObject()
                    .contains(QStringLiteral("referral_code")));
        const auto duplicate = registerMember(QStringLiteral("PRIYA@example.com"));
        QCOMPARE(duplicate.status, 409);
        QCOMPARE(duplicate.problemType(), pt::kConflict);
        QCOMPARE(sqlScalar(m_server.databaseUrl(),
                           QStringLiteral("SELECT COUNT(*) FROM ledger_transfers"))
                     .toInt(),
                 transfersBefore);
        QCOMPARE(
            sqlScalar(m_server.databaseUrl(),
                      QStringLiteral("SELECT COUNT(*) FROM users WHERE email = 'new@example.com'"))
                .toInt(),
            0);
    }

    void badRegistrationsAre400_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no email") << QByteArray(R"({"password":"long enough pw","name":"A"})")
                                  << QStringLiteral("email");
        QTest::newRow("bad email")
            << QByteArray(R"({"email":"nope","password":"long enough pw","name":"A"})")
            << QStringLiteral("email");
        QTest::newRow("short password")
            << QByteArray(R"({"email":"a@b.example","password":"short","name":"A"})")
            << QStringLiteral("password");
        QTest::newRow("empty name")
            << QByteArray(R"({"email":"a@b.example","password":"long enough pw","name":"  "})")
            << QStringLiteral("name");
        QTest::newRow("unknown field")
            << QByteArray(
                   R"({"email":"a@b.example","password":"long enough pw","name":"A","role":"admin"})")
            << QStringLiteral("role");
        QTest::newRow("number name")
            << QByteArray(R"({"email":"a@b.example","password":"long enough pw","name":7})")
            << QStringLiteral("name");
    }

    void badRegistrationsAre400()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const auto r = TestHttp(m_server.baseUrl())
                           .send("POST", QStringLiteral("/api/v1/auth/register"), body,
                                 {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.problemType(), pt::kValidation);
        QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                 r.body.constData());
    }

    void emailVerificationWorksOnce()
    {
        const auto r = registerMember(QStringLiteral("verify@example.com"));
        const qint64 id = r.json().value(QStringLiteral("id")).toInteger();
        const QString payload = sqlScalar(m_server.databaseUrl(),
                                          QStringLiteral("SELECT payload FROM notifications WHERE "
                                                         "user_id = :u AND kind = 'verify_email'"),
                                          {{QStringLiteral(":u"), id}})
                                    .toString();
        const QString token = QJsonDocument::fromJson(payload.toUtf8())
                                  .object()
                                  .value(QStringLiteral("token"))
                                  .toString();
        QVERIFY(!token.isEmpty());
        TestHttp http(m_server.baseUrl());
        QCOMPARE(http.post(QStringLiteral("/api/v1/auth/verify-email"),
                           {{QStringLiteral("token"), token}})
                     .status,
                 200);
        QVERIFY(!sqlScalar(m_server.databaseUrl(),
                           QStringLiteral(
                               "SELECT email_verified_at FROM member_profiles WHERE user_id = :u"),
                           {{QStringLiteral(":u"), id}})
                     .isNull());
        const auto again = http.post(QStringLiteral("/api/v1/auth/verify-email"),
                                     {{QStringLiteral("token"), token}});
        QCOMPARE(again.status, 400);
        QCOMPARE(http.post(QStringLiteral("/api/v1/auth/verify-email"),
                           {{QStringLiteral("token"), QStringLiteral("forged")}})
                     .status,
                 400);
    }

    void membersSignInButCannotUseStaffEndpoints()
    {
        TestHttp http(m_server.baseUrl());
        const auto login =
            http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), QStringLiteral("priya@example.com")},
                       {QStringLiteral("password"), QStringLiteral("learning-is-fun")}});
        QCOMPARE(login.status, 200);
        http.setBearer(login.json().value(QStringLiteral("access_token")).toString());
        const auto me = http.get(QStringLiteral("/api/v1/me"));
        QCOMPARE(me.json().value(QStringLiteral("kind")).toString(), QStringLiteral("member"));
        QCOMPARE(http.get(QStringLiteral("/api/v1/admin/staff")).status, 403);
    }
};

QTEST_GUILESS_MAIN(TestMembers)
#include "tst_members.moc"
