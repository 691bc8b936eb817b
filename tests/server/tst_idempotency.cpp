// Idempotency-Key on mutations (API.md): a retry with the same key and body gets the stored
// answer and changes nothing twice; the same key with another body is a 422; keys are per caller.
#include "protocol/problem.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTest>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

class TestIdempotency : public QObject {
    Q_OBJECT
    TestServer m_server;
    QString m_teacher, m_learner, m_other;
    qint64 m_skill = 0;

    QString member(const QString &email)
    {
        TestHttp http(m_server.baseUrl());
        http.post(QStringLiteral("/api/v1/auth/register"),
                  {{QStringLiteral("email"), email},
                   {QStringLiteral("password"), QStringLiteral("retry-safely-1")},
                   {QStringLiteral("name"), QStringLiteral("Retry")}});
        return http
            .post(QStringLiteral("/api/v1/auth/login"),
                  {{QStringLiteral("email"), email},
                   {QStringLiteral("password"), QStringLiteral("retry-safely-1")}})
            .json()
            .value(QStringLiteral("access_token"))
            .toString();
    }
    TestResponse post(const QString &token, const QString &path, const QJsonObject &body,
                      const QByteArray &key)
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(token);
        QHash<QByteArray, QByteArray> headers{{"Content-Type", "application/json"}};
        if (!key.isEmpty())
            headers.insert("Idempotency-Key", key);
        return http.send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }
    QJsonObject offerBody(int hoursAhead)
    {
        return {{QStringLiteral("skill_id"), m_skill},
                {QStringLiteral("starts_at"), QDateTime::currentDateTimeUtc()
                                                  .addSecs(hoursAhead * 3600)
                                                  .toString(Qt::ISODateWithMs)}};
    }
    int count(const QString &sql) { return sqlScalar(m_server.databaseUrl(), sql).toInt(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_teacher = member(QStringLiteral("teacher@idem.test"));
        m_learner = member(QStringLiteral("learner@idem.test"));
        m_other = member(QStringLiteral("other@idem.test"));
        m_skill = sqlScalar(m_server.databaseUrl(),
                            QStringLiteral("SELECT MIN(id) FROM skills WHERE status = 'active'"))
                      .toLongLong();
        QVERIFY(m_skill > 0);
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void aRetryReplaysTheFirstAnswerAndChangesNothingTwice()
    {
        const QJsonObject body = offerBody(50);
        const auto first = post(m_teacher, QStringLiteral("/api/v1/sessions"), body, "offer-7f3a");
        QCOMPARE(first.status, 201);
        const auto retry = post(m_teacher, QStringLiteral("/api/v1/sessions"), body, "offer-7f3a");
        QCOMPARE(retry.status, 201);
        QCOMPARE(retry.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(retry.json().value(QStringLiteral("id")),
                 first.json().value(QStringLiteral("id")));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sessions")), 1);

        // A booking retried after a lost answer moves the credits once.
        const qint64 session = first.json().value(QStringLiteral("id")).toInteger();
        const QString path = QStringLiteral("/api/v1/sessions/%1/book").arg(session);
        QCOMPARE(post(m_learner, path, {}, "book-1").status, 201);
        QCOMPARE(post(m_learner, path, {}, "book-1").status, 201);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM bookings")), 1);
        QCOMPARE(count(QStringLiteral(
                     "SELECT credits_pending FROM ledger_accounts WHERE id = 'escrow'")),
                 10);
        // Without a key, the second attempt is a new request, and is refused as a double booking.
        QCOMPARE(post(m_learner, path, {}, {}).status, 409);
    }

    void theSameKeyWithAnotherBodyIs422()
    {
        QCOMPARE(
            post(m_teacher, QStringLiteral("/api/v1/sessions"), offerBody(60), "offer-x").status,
            201);
        const auto other =
            post(m_teacher, QStringLiteral("/api/v1/sessions"), offerBody(70), "offer-x");
        QCOMPARE(other.status, 422);
        QCOMPARE(other.problemType(), pt::kIdempotencyMismatch);
    }

    void aRefusalIsReplayedToo()
    {
        QJsonObject bad = offerBody(80);
        bad.insert(QStringLiteral("capacity"), 99);
        const auto first = post(m_teacher, QStringLiteral("/api/v1/sessions"), bad, "bad-offer");
        QCOMPARE(first.status, 400);
        const auto retry = post(m_teacher, QStringLiteral("/api/v1/sessions"), bad, "bad-offer");
        QCOMPARE(retry.status, 400);
        QCOMPARE(retry.header("idempotent-replayed"), QByteArray("true"));
    }

    void keysBelongToTheirCaller()
    {
        QCOMPARE(
            post(m_teacher, QStringLiteral("/api/v1/sessions"), offerBody(90), "shared-key").status,
            201);
        // Another member's request with the same key is not a replay of the teacher's.
        const auto other =
            post(m_other, QStringLiteral("/api/v1/sessions"), offerBody(91), "shared-key");
        QCOMPARE(other.status, 201);
        QVERIFY(other.header("idempotent-replayed").isEmpty());
    }

    void malformedKeysAre400()
    {
        QCOMPARE(post(m_teacher, QStringLiteral("/api/v1/sessions"), offerBody(100),
                      QByteArray(129, 'k'))
                     .status,
                 400);
        QCOMPARE(
            post(m_teacher, QStringLiteral("/api/v1/sessions"), offerBody(100), "spaces are bad")
                .status,
            400);
    }

    // The admin API keeps the same promise: a finance clerk's adjustment retried after a lost
    // answer posts once; the same key with another amount is refused.
    void staffMutationsReplayToo()
    {
        const Actor finance = signInStaff(m_server, QStringLiteral("finance"));
        const Actor member = signUpMember(m_server);
        QVERIFY(finance.isValid() && member.isValid());
        const QJsonObject body{
            {QStringLiteral("user_id"), member.id},
            {QStringLiteral("amount"), 40},
            {QStringLiteral("reason"), QStringLiteral("Goodwill after an outage")}};
        const auto first =
            post(finance.accessToken, QStringLiteral("/api/v1/admin/adjustments"), body, "adj-1");
        QCOMPARE(first.status, 201);
        const auto retry =
            post(finance.accessToken, QStringLiteral("/api/v1/admin/adjustments"), body, "adj-1");
        QCOMPARE(retry.status, 201);
        QCOMPARE(retry.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(retry.json().value(QStringLiteral("id")),
                 first.json().value(QStringLiteral("id")));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM credit_adjustments WHERE user_id = %1")
                           .arg(member.id)),
                 1);
        QJsonObject more = body;
        more.insert(QStringLiteral("amount"), 41);
        const auto other =
            post(finance.accessToken, QStringLiteral("/api/v1/admin/adjustments"), more, "adj-1");
        QCOMPARE(other.status, 422);
        QCOMPARE(other.problemType(), pt::kIdempotencyMismatch);
    }
};

QTEST_GUILESS_MAIN(TestIdempotency)
#include "tst_idempotency.moc"
