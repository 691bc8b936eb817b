// Sessions against the real server: the state machine move by move, escrow on booking, the
// cancellation policy, completion paying the teacher less the fee, no-shows, reviews and the
// rating, the last seat under concurrent bookings, and bad input.
#include "protocol/problem.h"
#include "server/domain/sessions/sessionstates.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QFutureSynchronizer>
#include <QJsonArray>
#include <QTest>
#include <QtConcurrent>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;
namespace st = skillex::server::sessionstates;

namespace {

struct Member {
    qint64 id = 0;
    QString token;
};

QString wireTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

constexpr qint64 kHour = 3600 * 1000;

} // namespace

class TestSessions : public QObject {
    Q_OBJECT
    TestServer m_server;
    qint64 m_skill = 0;
    int m_counter = 0;

    Member newMember()
    {
        const QString email = QStringLiteral("member%1@sessions.test").arg(++m_counter);
        TestHttp http(m_server.baseUrl());
        const auto reg =
            http.post(QStringLiteral("/api/v1/auth/register"),
                      {{QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("teach-and-learn")},
                       {QStringLiteral("name"), QStringLiteral("Member %1").arg(m_counter)}});
        const auto login =
            http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("teach-and-learn")}});
        return {reg.json().value(QStringLiteral("id")).toInteger(),
                login.json().value(QStringLiteral("access_token")).toString()};
    }

    TestResponse as(const Member &m, const QByteArray &method, const QString &path,
                    const QJsonObject &body = {})
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        if (method == "GET")
            return http.get(path);
        return http.send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                         {{"Content-Type", "application/json"}});
    }

    qint64 offer(const Member &teacher, qint64 startsInMs, int capacity = 1)
    {
        const auto r = as(teacher, "POST", QStringLiteral("/api/v1/sessions"),
                          {{QStringLiteral("skill_id"), m_skill},
                           {QStringLiteral("starts_at"),
                            wireTime(QDateTime::currentMSecsSinceEpoch() + startsInMs)},
                           {QStringLiteral("duration_minutes"), 60},
                           {QStringLiteral("capacity"), capacity},
                           {QStringLiteral("title"), QStringLiteral("Intro")}});
        if (r.status != 201)
            qWarning() << r.body;
        return r.json().value(QStringLiteral("id")).toInteger();
    }

    qint64 available(const Member &m)
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral("SELECT credits_posted - debits_posted - debits_pending "
                                        "FROM ledger_accounts WHERE id = :a"),
                         {{QStringLiteral(":a"), QStringLiteral("user:%1").arg(m.id)}})
            .toLongLong();
    }
    qint64 escrowHeld()
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral(
                             "SELECT credits_pending FROM ledger_accounts WHERE id = 'escrow'"))
            .toLongLong();
    }
    qint64 fees()
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral("SELECT COALESCE(credits_posted, 0) FROM ledger_accounts "
                                        "WHERE id = 'income:fees'"))
            .toLongLong();
    }
    QString sessionStatus(qint64 id)
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral("SELECT status FROM sessions WHERE id = :id"),
                         {{QStringLiteral(":id"), id}})
            .toString();
    }
    // Time passes: the session's start moves into the past.
    void startInThePast(qint64 sessionId)
    {
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE sessions SET starts_at = :t WHERE id = :id"),
                        {{QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch() - kHour},
                         {QStringLiteral(":id"), sessionId}}));
    }
    // The ledger's own invariants, via the ledger check, as a cross-check after money moved.
    void verifyEscrowMatchesBookings()
    {
        const qint64 booked =
            sqlScalar(m_server.databaseUrl(),
                      QStringLiteral(
                          "SELECT COALESCE(SUM(price), 0) FROM bookings WHERE status = 'booked'"))
                .toLongLong();
        QCOMPARE(escrowHeld(), booked);
        const qint64 debits =
            sqlScalar(m_server.databaseUrl(),
                      QStringLiteral("SELECT SUM(debits_posted) FROM ledger_accounts"))
                .toLongLong();
        const qint64 credits =
            sqlScalar(m_server.databaseUrl(),
                      QStringLiteral("SELECT SUM(credits_posted) FROM ledger_accounts"))
                .toLongLong();
        QCOMPARE(debits, credits);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        // A skill to teach: the seeded taxonomy when present, else one made for this test.
        m_skill = sqlScalar(m_server.databaseUrl(),
                            QStringLiteral("SELECT MIN(id) FROM skills WHERE status = 'active'"))
                      .toLongLong();
        if (m_skill == 0) {
            QVERIFY(sqlExec(
                m_server.databaseUrl(),
                QStringLiteral(
                    "INSERT INTO skill_categories (slug, name_en) VALUES ('test-cat', 'Test')")));
            QVERIFY(sqlExec(
                m_server.databaseUrl(),
                QStringLiteral(
                    "INSERT INTO skills (category_id, slug, name_en) SELECT id, 'test-skill', "
                    "'Test skill' FROM skill_categories WHERE slug = 'test-cat'")));
            m_skill = sqlScalar(m_server.databaseUrl(),
                                QStringLiteral("SELECT id FROM skills WHERE slug = 'test-skill'"))
                          .toLongLong();
        }
        QVERIFY(m_skill > 0);
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void stateTableAllowsOnlyTheDomainMoves()
    {
        const QStringList all{st::kScheduled, st::kBooked, st::kCompleted, st::kCancelled,
                              st::kNoShow};
        const QList<QPair<QString, QString>> allowed{
            {st::kScheduled, st::kBooked}, {st::kScheduled, st::kCancelled},
            {st::kBooked, st::kScheduled}, {st::kBooked, st::kCompleted},
            {st::kBooked, st::kCancelled}, {st::kBooked, st::kNoShow}};
        for (const QString &from : all) {
            for (const QString &to : all)
                QCOMPARE(st::allowed(from, to), allowed.contains({from, to}));
        }
        QVERIFY(st::isFinal(st::kCompleted) && st::isFinal(st::kCancelled) &&
                st::isFinal(st::kNoShow));
        QVERIFY(!st::isFinal(st::kBooked));
    }

    void bookingHoldsThePriceInEscrowAndGivesAMeetingLink()
    {
        const Member teacher = newMember(), learner = newMember(), stranger = newMember();
        const qint64 session = offer(teacher, 48 * kHour);
        QVERIFY(session > 0);
        QCOMPARE(sessionStatus(session), st::kScheduled);
        const qint64 escrowBefore = escrowHeld();
        const auto booking =
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session));
        QCOMPARE(booking.status, 201);
        QCOMPARE(available(learner), 50 - 10);
        QCOMPARE(escrowHeld(), escrowBefore + 10);
        QCOMPARE(sessionStatus(session), st::kBooked);
        const auto seenByLearner =
            as(learner, "GET", QStringLiteral("/api/v1/sessions/%1").arg(session)).json();
        QVERIFY(seenByLearner.value(QStringLiteral("meeting_url"))
                    .toString()
                    .startsWith(QStringLiteral("https://meet.jit.si/skillex-")));
        QVERIFY(!as(stranger, "GET", QStringLiteral("/api/v1/sessions/%1").arg(session))
                     .json()
                     .contains(QStringLiteral("meeting_url")));
        // Full (one-on-one), and not bookable twice or by its teacher.
        QCOMPARE(
            as(stranger, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
            409);
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
            409);
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
            409);
        verifyEscrowMatchesBookings();
    }

    void shortWalletIsRefusedAndMovesNothing()
    {
        const Member teacher = newMember(), learner = newMember();
        // Five bookings of 10 hold the whole starter bonus of 50; the sixth must be refused.
        QList<qint64> sessions;
        for (int i = 0; i < 6; ++i)
            sessions.push_back(offer(teacher, (30 + 2 * i) * kHour));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(
                as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(sessions[i]))
                    .status,
                201);
        QCOMPARE(available(learner), 0);
        const qint64 escrowBefore = escrowHeld();
        const auto refused =
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(sessions[5]));
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.problemType(), pt::kInsufficientCredits);
        QCOMPARE(escrowHeld(), escrowBefore);
        QCOMPARE(sqlScalar(m_server.databaseUrl(),
                           QStringLiteral("SELECT COUNT(*) FROM bookings WHERE session_id = :s"),
                           {{QStringLiteral(":s"), sessions[5]}})
                     .toInt(),
                 0);
        QCOMPARE(sessionStatus(sessions[5]), st::kScheduled);
    }

    void overlappingBookingIsRefused()
    {
        const Member teacherA = newMember(), teacherB = newMember(), learner = newMember();
        const qint64 a = offer(teacherA, 72 * kHour);
        const qint64 b = offer(teacherB, 72 * kHour + 30 * 60 * 1000); // starts half-way through a
        QCOMPARE(as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(a)).status,
                 201);
        const auto clash = as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(b));
        QCOMPARE(clash.status, 409);
        QVERIFY(clash.json()
                    .value(QStringLiteral("title"))
                    .toString()
                    .contains(QStringLiteral("Overlapping")));
    }

    void earlyCancellationRefundsEverythingAndReopensTheSeat()
    {
        const Member teacher = newMember(), learner = newMember(), other = newMember();
        const qint64 session = offer(teacher, 48 * kHour);
        const qint64 booking =
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session))
                .json()
                .value(QStringLiteral("id"))
                .toInteger();
        QCOMPARE(
            as(other, "POST", QStringLiteral("/api/v1/bookings/%1/cancel").arg(booking)).status,
            404); // not theirs
        const auto cancelled =
            as(learner, "POST", QStringLiteral("/api/v1/bookings/%1/cancel").arg(booking));
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(cancelled.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("cancelled"));
        QCOMPARE(available(learner), 50);
        QCOMPARE(available(teacher), 50);
        QCOMPARE(sessionStatus(session), st::kScheduled);
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/bookings/%1/cancel").arg(booking)).status,
            409); // twice
        // The seat is free again, and the same learner may book again.
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
            201);
        verifyEscrowMatchesBookings();
    }

    void lateCancellationPaysTheTeacherHalf()
    {
        const Member teacher = newMember(), learner = newMember();
        const qint64 session = offer(teacher, 2 * kHour); // within 24 h
        const qint64 booking =
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session))
                .json()
                .value(QStringLiteral("id"))
                .toInteger();
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/bookings/%1/cancel").arg(booking)).status,
            200);
        QCOMPARE(available(learner), 50 - 5);
        QCOMPARE(available(teacher), 50 + 5);
        verifyEscrowMatchesBookings();
    }

    void teacherCancellationRefundsEveryLearnerInFull()
    {
        const Member teacher = newMember(), a = newMember(), b = newMember();
        const qint64 session =
            offer(teacher, 3 * kHour, 4); // a group, and late: teachers always refund in full
        QCOMPARE(as(a, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
                 201);
        QCOMPARE(as(b, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
                 201);
        QCOMPARE(as(a, "POST", QStringLiteral("/api/v1/sessions/%1/cancel").arg(session)).status,
                 404); // only the teacher
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/cancel").arg(session)).status,
            200);
        QCOMPARE(sessionStatus(session), st::kCancelled);
        QCOMPARE(available(a), 50);
        QCOMPARE(available(b), 50);
        const auto again =
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/cancel").arg(session));
        QCOMPARE(again.status, 409);
        QCOMPARE(again.problemType(), pt::kInvalidState);
        QCOMPARE(again.json().value(QStringLiteral("current_state")).toString(), st::kCancelled);
        verifyEscrowMatchesBookings();
    }

    void completionPaysTheTeacherLessTheFee()
    {
        const Member teacher = newMember(), a = newMember(), b = newMember();
        const qint64 session = offer(teacher, 48 * kHour, 3);
        QCOMPARE(as(a, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
                 201);
        QCOMPARE(as(b, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
                 201);
        const auto early =
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/complete").arg(session));
        QCOMPARE(early.status, 409); // not started yet
        startInThePast(session);
        const qint64 feesBefore = fees();
        QCOMPARE(as(a, "POST", QStringLiteral("/api/v1/sessions/%1/complete").arg(session)).status,
                 404); // a learner cannot
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/complete").arg(session)).status,
            200);
        QCOMPARE(sessionStatus(session), st::kCompleted);
        QCOMPARE(available(teacher), 50 + 2 * (10 - 1));
        QCOMPARE(fees(), feesBefore + 2);
        QCOMPARE(available(a), 40);
        QCOMPARE(as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/complete").arg(session))
                     .problemType(),
                 pt::kInvalidState);
        verifyEscrowMatchesBookings();
    }

    void learnerNoShowIsPaidLikeACompletion()
    {
        const Member teacher = newMember(), learner = newMember();
        const qint64 session = offer(teacher, 48 * kHour);
        const qint64 booking =
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session))
                .json()
                .value(QStringLiteral("id"))
                .toInteger();
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/bookings/%1/no-show").arg(booking)).status,
            409); // not started
        startInThePast(session);
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/bookings/%1/no-show").arg(booking)).status,
            404); // only the teacher
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/bookings/%1/no-show").arg(booking)).status,
            200);
        QCOMPARE(sessionStatus(session), st::kNoShow);
        QCOMPARE(available(teacher), 50 + 9);
        QCOMPARE(available(learner), 40);
        verifyEscrowMatchesBookings();
    }

    void reviewsAfterCompletionAndTheRating()
    {
        const Member teacher = newMember(), learner = newMember(), stranger = newMember();
        const qint64 session = offer(teacher, 48 * kHour);
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
            201);
        const QJsonObject review{{QStringLiteral("knowledge"), 5},
                                 {QStringLiteral("communication"), 4},
                                 {QStringLiteral("professionalism"), 3},
                                 {QStringLiteral("body"), QStringLiteral("Clear and patient.")}};
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/reviews").arg(session), review)
                .problemType(),
            pt::kInvalidState);
        startInThePast(session);
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/complete").arg(session)).status,
            200);
        QCOMPARE(
            as(stranger, "POST", QStringLiteral("/api/v1/sessions/%1/reviews").arg(session), review)
                .status,
            404);
        const auto created =
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/reviews").arg(session), review);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QStringLiteral("reviewee_id")).toInteger(), teacher.id);
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/reviews").arg(session), review)
                .status,
            409);
        const auto listed =
            as(stranger, "GET", QStringLiteral("/api/v1/users/%1/reviews").arg(teacher.id)).json();
        QCOMPARE(listed.value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(listed.value(QStringLiteral("rating"))
                     .toObject()
                     .value(QStringLiteral("mean"))
                     .toDouble(),
                 4.0);
        QCOMPARE(listed.value(QStringLiteral("rating"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 1);
        // The teacher reviews the learner of a one-on-one session, naming them.
        QJsonObject back = review;
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/reviews").arg(session), back)
                .status,
            400);
        back.insert(QStringLiteral("reviewee_id"), learner.id);
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/reviews").arg(session), back)
                .status,
            201);
        // Deleting one's own review takes it out of the rating.
        const qint64 reviewId = created.json().value(QStringLiteral("id")).toInteger();
        QCOMPARE(as(stranger, "DELETE", QStringLiteral("/api/v1/reviews/%1").arg(reviewId)).status,
                 404);
        QCOMPARE(as(learner, "DELETE", QStringLiteral("/api/v1/reviews/%1").arg(reviewId)).status,
                 204);
        QCOMPARE(as(stranger, "GET", QStringLiteral("/api/v1/users/%1/reviews").arg(teacher.id))
                     .json()
                     .value(QStringLiteral("rating"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 0);
    }

    void suspendedMembersCannotBookOrTeach()
    {
        const Member teacher = newMember(), learner = newMember();
        const qint64 session = offer(teacher, 48 * kHour);
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE users SET status = 'suspended' WHERE id = :u"),
                        {{QStringLiteral(":u"), teacher.id}}));
        const auto r = as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.problemType(), pt::kAccountDisabled);
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE users SET status = 'active' WHERE id = :u"),
                        {{QStringLiteral(":u"), teacher.id}}));
        QCOMPARE(
            as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
            201);
    }

    void onlyOneOfManyConcurrentBookingsGetsTheLastSeat()
    {
        const Member teacher = newMember();
        const qint64 session = offer(teacher, 96 * kHour, 2);
        QList<Member> learners;
        for (int i = 0; i < 8; ++i)
            learners.push_back(newMember());
        QCOMPARE(
            as(learners[0], "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session)).status,
            201); // one seat left
        // Seven learners race for the last seat, each on its own connection and thread.
        QList<int> statuses =
            QtConcurrent::blockingMapped(learners.mid(1), [this, session](const Member &m) {
                TestHttp http(m_server.baseUrl());
                http.setBearer(m.token);
                return http
                    .send("POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session), "{}",
                          {{"Content-Type", "application/json"}})
                    .status;
            });
        QCOMPARE(statuses.count(201), 1);
        QCOMPARE(statuses.count(409), 6);
        QCOMPARE(
            sqlScalar(
                m_server.databaseUrl(),
                QStringLiteral(
                    "SELECT COUNT(*) FROM bookings WHERE session_id = :s AND status = 'booked'"),
                {{QStringLiteral(":s"), session}})
                .toInt(),
            2);
        verifyEscrowMatchesBookings();
    }

    void searchFiltersAndPages()
    {
        const Member teacher = newMember(), viewer = newMember();
        for (int i = 0; i < 3; ++i)
            offer(teacher, (200 + i) * kHour);
        const auto page1 =
            as(viewer, "GET", QStringLiteral("/api/v1/sessions?teacher=%1&limit=2").arg(teacher.id))
                .json();
        QCOMPARE(page1.value(QStringLiteral("items")).toArray().size(), 2);
        const QString next = page1.value(QStringLiteral("next")).toString();
        QVERIFY(!next.isEmpty());
        const auto page2 = as(viewer, "GET",
                              QStringLiteral("/api/v1/sessions?teacher=%1&limit=2&after=%2")
                                  .arg(teacher.id)
                                  .arg(next))
                               .json();
        QCOMPARE(page2.value(QStringLiteral("items")).toArray().size(), 1);
        QVERIFY(page2.value(QStringLiteral("next")).isNull());
        QCOMPARE(as(viewer, "GET", QStringLiteral("/api/v1/sessions?status=maybe")).status, 400);
        QCOMPARE(as(viewer, "GET", QStringLiteral("/api/v1/sessions?from=yesterday")).status, 400);
        QCOMPARE(as(viewer, "GET", QStringLiteral("/api/v1/sessions?colour=red")).status, 400);
    }

    void badOffersAre400_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        const QString later = wireTime(QDateTime::currentMSecsSinceEpoch() + 48 * kHour);
        const QJsonObject ok{{QStringLiteral("skill_id"), 1}, {QStringLiteral("starts_at"), later}};
        auto with = [&](const QString &k, const QJsonValue &v) {
            QJsonObject o = ok;
            o.insert(k, v);
            return o;
        };
        QTest::newRow("in the past") << with(QStringLiteral("starts_at"),
                                             wireTime(QDateTime::currentMSecsSinceEpoch() - kHour))
                                     << QStringLiteral("starts_at");
        QTest::newRow("not a time") << with(QStringLiteral("starts_at"), QStringLiteral("tomorrow"))
                                    << QStringLiteral("starts_at");
        QTest::newRow("too long") << with(QStringLiteral("duration_minutes"), 1000)
                                  << QStringLiteral("duration_minutes");
        QTest::newRow("group of 9")
            << with(QStringLiteral("capacity"), 9) << QStringLiteral("capacity");
        QTest::newRow("premium price")
            << with(QStringLiteral("price"), 18) << QStringLiteral("price");
        QTest::newRow("odd price") << with(QStringLiteral("price"), 12) << QStringLiteral("price");
        QTest::newRow("unknown skill")
            << with(QStringLiteral("skill_id"), 999999) << QStringLiteral("skill_id");
        QTest::newRow("unknown field")
            << with(QStringLiteral("discount"), 5) << QStringLiteral("discount");
        QTest::newRow("string capacity") << with(QStringLiteral("capacity"), QStringLiteral("two"))
                                         << QStringLiteral("capacity");
    }

    void badOffersAre400()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        if (body.value(QStringLiteral("skill_id")).toInt() == 1)
            body.insert(QStringLiteral("skill_id"), m_skill);
        const auto r = as(newMember(), "POST", QStringLiteral("/api/v1/sessions"), body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                 r.body.constData());
    }

    void staffCannotBookAndIdsAreChecked()
    {
        const auto staff = m_server.createStaff(QStringLiteral("admin"));
        TestHttp http(m_server.baseUrl());
        const auto login = http.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), staff.email}, {QStringLiteral("password"), staff.password}});
        http.setBearer(login.json().value(QStringLiteral("access_token")).toString());
        QCOMPARE(http.send("POST", QStringLiteral("/api/v1/sessions/1/book"), "{}",
                           {{"Content-Type", "application/json"}})
                     .status,
                 403);
        const Member m = newMember();
        QCOMPARE(as(m, "POST", QStringLiteral("/api/v1/sessions/abc/book")).status, 404);
        QCOMPARE(as(m, "POST", QStringLiteral("/api/v1/sessions/-4/book")).status, 404);
        QCOMPARE(as(m, "POST", QStringLiteral("/api/v1/sessions/99999999/book")).status, 404);
        QCOMPARE(as(m, "POST", QStringLiteral("/api/v1/bookings/99999999/cancel")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
