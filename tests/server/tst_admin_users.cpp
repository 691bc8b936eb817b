// Admin users and sessions against the real server: who may read them; user search by name,
// email and id in pages with no gap or duplicate; a member's file (sessions, wallet, a report
// against them, a sanction); session search and detail; cancellation by moderation refunding
// every booking through the ledger (and refused once the session is final).
#include "protocol/problem.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

namespace {

constexpr qint64 kHour = 3600 * 1000;

QString wireTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

class TestAdminUsers : public QObject {
    Q_OBJECT
    TestServer m_server;
    Actor m_moderator;
    Actor m_finance;
    Actor m_viewer;
    qint64 m_skill = 0;

    TestResponse as(const Actor &a, const QByteArray &method, const QString &path,
                    const QJsonObject &body = {})
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(a.accessToken);
        if (method == "GET")
            return http.get(path);
        return http.send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                         {{"Content-Type", "application/json"}});
    }
    qint64 offer(const Actor &teacher, qint64 startsInMs, int capacity = 1)
    {
        const auto r = as(teacher, "POST", QStringLiteral("/api/v1/sessions"),
                          {{QStringLiteral("skill_id"), m_skill},
                           {QStringLiteral("starts_at"),
                            wireTime(QDateTime::currentMSecsSinceEpoch() + startsInMs)},
                           {QStringLiteral("duration_minutes"), 60},
                           {QStringLiteral("capacity"), capacity},
                           {QStringLiteral("title"), QStringLiteral("Admin test")}});
        if (r.status != 201)
            qWarning() << r.body;
        return r.json().value(QStringLiteral("id")).toInteger();
    }
    bool book(const Actor &learner, qint64 session)
    {
        const auto r = as(learner, "POST", QStringLiteral("/api/v1/sessions/%1/book").arg(session));
        if (r.status != 201 && r.status != 200)
            qWarning() << r.status << r.body;
        return r.status == 201 || r.status == 200;
    }
    qint64 available(qint64 userId)
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral("SELECT credits_posted - debits_posted - debits_pending "
                                        "FROM ledger_accounts WHERE id = :a"),
                         {{QStringLiteral(":a"), QStringLiteral("user:%1").arg(userId)}})
            .toLongLong();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_moderator = signInStaff(m_server, QStringLiteral("moderator"));
        m_finance = signInStaff(m_server, QStringLiteral("finance"));
        m_viewer = signInStaff(m_server, QStringLiteral("viewer"));
        QVERIFY(m_moderator.isValid() && m_finance.isValid() && m_viewer.isValid());
        m_skill = sqlScalar(m_server.databaseUrl(),
                            QStringLiteral("SELECT MIN(id) FROM skills WHERE status = 'active'"))
                      .toLongLong();
        QVERIFY(m_skill > 0);
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void rolesThatMayReadAndAct()
    {
        const Actor member = signUpMember(m_server);
        const QString user = QStringLiteral("/api/v1/admin/users/%1").arg(member.id);
        // Users: moderators and finance; sessions: moderators only.
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users")).status, 200);
        QCOMPARE(as(m_finance, "GET", QStringLiteral("/api/v1/admin/users")).status, 200);
        QCOMPARE(as(m_finance, "GET", user).status, 200);
        QCOMPARE(as(m_viewer, "GET", QStringLiteral("/api/v1/admin/users")).status, 403);
        QCOMPARE(as(m_viewer, "GET", user).status, 403);
        QCOMPARE(as(member, "GET", user).status, 403);
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/sessions")).status, 200);
        QCOMPARE(as(m_finance, "GET", QStringLiteral("/api/v1/admin/sessions")).status, 403);
        QCOMPARE(as(m_viewer, "GET", QStringLiteral("/api/v1/admin/sessions/1")).status, 403);
        QCOMPARE(as(m_finance, "POST", QStringLiteral("/api/v1/admin/sessions/1/cancel"),
                    {{QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 403);
        QCOMPARE(as(member, "POST", QStringLiteral("/api/v1/admin/sessions/1/cancel"),
                    {{QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 403);
        QCOMPARE(TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/admin/users")).status,
                 401);
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users/999999999")).status,
                 404);
    }

    void searchByNameEmailAndIdInPages()
    {
        const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
        QList<Actor> zebras;
        for (int i = 0; i < 7; ++i) {
            zebras.push_back(
                signUpMember(m_server, QStringLiteral("Zebra%1 No%2").arg(tag).arg(i)));
            QVERIFY(zebras.last().isValid());
        }
        for (const QString &sort : {QStringLiteral("id"), QStringLiteral("-id"),
                                    QStringLiteral("created_at"), QStringLiteral("-created_at")}) {
            QList<qint64> ids;
            QString path = QStringLiteral("/api/v1/admin/users?q=zebra%1&limit=3&sort=%2")
                               .arg(tag.toUpper(), sort);
            int pages = 0;
            while (true) {
                const auto r = as(m_moderator, "GET", path);
                QCOMPARE(r.status, 200);
                for (const auto &item : r.json().value(QStringLiteral("items")).toArray()) {
                    const QJsonObject o = item.toObject();
                    QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("member"));
                    QCOMPARE(o.value(QStringLiteral("email_verified")).toBool(), false);
                    ids.push_back(o.value(QStringLiteral("id")).toInteger());
                }
                ++pages;
                const QJsonValue next = r.json().value(QStringLiteral("next"));
                if (next.isNull())
                    break;
                path = QStringLiteral("/api/v1/admin/users?q=zebra%1&limit=3&sort=%2&after=%3")
                           .arg(tag, sort, next.toString());
            }
            QCOMPARE(pages, 3);
            QCOMPARE(ids.size(), 7);
            QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), 7);
            if (sort == QStringLiteral("id"))
                QCOMPARE(ids.first(), zebras.first().id);
            if (sort == QStringLiteral("-id"))
                QCOMPARE(ids.first(), zebras.last().id);
        }
        // By email (part of it) and by exact id.
        auto r = as(m_moderator, "GET",
                    QStringLiteral("/api/v1/admin/users?q=") +
                        zebras.at(3).email.left(zebras.at(3).email.indexOf('@')));
        QCOMPARE(r.json().value(QStringLiteral("items")).toArray().size(), 1);
        r = as(m_finance, "GET", QStringLiteral("/api/v1/admin/users?q=%1").arg(zebras.at(2).id));
        bool found = false;
        for (const auto &item : r.json().value(QStringLiteral("items")).toArray())
            found =
                found || item.toObject().value(QStringLiteral("id")).toInteger() == zebras.at(2).id;
        QVERIFY(found);
        // Kind and status filters; staff carry roles.
        r = as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users?kind=staff&limit=500"));
        QCOMPARE(r.status, 200);
        for (const auto &item : r.json().value(QStringLiteral("items")).toArray()) {
            QCOMPARE(item.toObject().value(QStringLiteral("kind")).toString(),
                     QStringLiteral("staff"));
            QVERIFY(item.toObject().value(QStringLiteral("roles")).isArray());
        }
        r = as(m_moderator, "GET",
               QStringLiteral("/api/v1/admin/users?q=zebra%1&status=banned").arg(tag));
        QCOMPARE(r.json().value(QStringLiteral("items")).toArray().size(), 0);
        // LIKE wildcards in q are literal.
        r = as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users?q=%25"));
        QCOMPARE(r.json().value(QStringLiteral("items")).toArray().size(), 0);
        // Bad input: 400.
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users?name=x")).status, 400);
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users?sort=email")).status,
                 400);
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users?kind=robot")).status,
                 400);
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users?after=bm9wZQ")).status,
                 400);
        QCOMPARE(
            as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users?q=") + QString(201, 'a'))
                .status,
            400);
    }

    void aMembersFile()
    {
        const Actor teacher = signUpMember(m_server, QStringLiteral("File Teacher"));
        const Actor learner = signUpMember(m_server, QStringLiteral("File Learner"));
        const qint64 session = offer(teacher, 48 * kHour);
        QVERIFY(book(learner, session));
        // The learner reports the teacher; a moderator warned the teacher earlier (a strike),
        // and an older suspension was lifted.
        auto r =
            as(learner, "POST", QStringLiteral("/api/v1/reports"),
               {{QStringLiteral("subject"),
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                             {QStringLiteral("id"), teacher.id}}},
                {QStringLiteral("category"), QStringLiteral("spam")},
                {QStringLiteral("description"), QStringLiteral("Sends links to another site.")}});
        QVERIFY2(r.status == 201, r.body.constData());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("INSERT INTO sanctions (user_id, kind, strike, reason, "
                                       "created_by, created_at) VALUES (:u, 'warning', 1, "
                                       "'spam links', :by, :t)"),
                        {{QStringLiteral(":u"), teacher.id},
                         {QStringLiteral(":by"), m_moderator.id},
                         {QStringLiteral(":t"), now - 24 * kHour}}));
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("INSERT INTO sanctions (user_id, kind, strike, reason, "
                                       "created_by, created_at, ends_at, lifted_at) VALUES (:u, "
                                       "'suspension', 1, 'old', :by, :t, :e, :l)"),
                        {{QStringLiteral(":u"), teacher.id},
                         {QStringLiteral(":by"), m_moderator.id},
                         {QStringLiteral(":t"), now - 30 * 24 * kHour},
                         {QStringLiteral(":e"), now - 27 * 24 * kHour},
                         {QStringLiteral(":l"), now - 28 * 24 * kHour}}));

        r = as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users/%1").arg(teacher.id));
        QCOMPARE(r.status, 200);
        QJsonObject f = r.json();
        QCOMPARE(f.value(QStringLiteral("name")).toString(), QStringLiteral("File Teacher"));
        QCOMPARE(f.value(QStringLiteral("account_age_days")).toInteger(), 0);
        QVERIFY(f.value(QStringLiteral("profile"))
                    .toObject()
                    .contains(QStringLiteral("referral_code")));
        const QJsonObject sessions = f.value(QStringLiteral("sessions")).toObject();
        QCOMPARE(sessions.value(QStringLiteral("taught"))
                     .toObject()
                     .value(QStringLiteral("booked"))
                     .toInteger(),
                 1);
        QCOMPARE(sessions.value(QStringLiteral("upcoming")).toArray().size(), 1);
        QCOMPARE(sessions.value(QStringLiteral("upcoming"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("role"))
                     .toString(),
                 QStringLiteral("teacher"));
        QCOMPARE(f.value(QStringLiteral("wallet"))
                     .toObject()
                     .value(QStringLiteral("available"))
                     .toInteger(),
                 available(teacher.id));
        QCOMPARE(
            f.value(QStringLiteral("rating")).toObject().value(QStringLiteral("count")).toInteger(),
            0);
        const QJsonObject against = f.value(QStringLiteral("reports_against")).toObject();
        QCOMPARE(against.value(QStringLiteral("count")).toInteger(), 1);
        QCOMPARE(against.value(QStringLiteral("latest"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("reporter_id"))
                     .toInteger(),
                 learner.id);
        QCOMPARE(f.value(QStringLiteral("reports_filed"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInteger(),
                 0);
        QCOMPARE(f.value(QStringLiteral("cases")).toArray().size(), 1);
        // Live strikes: the recent warning only (the suspension was lifted).
        QCOMPARE(
            f.value(QStringLiteral("strikes")).toObject().value(QStringLiteral("live")).toInteger(),
            1);
        const QJsonArray sanctions = f.value(QStringLiteral("sanctions")).toArray();
        QCOMPARE(sanctions.size(), 2);
        QCOMPARE(sanctions.at(0).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("warning"));
        QVERIFY(sanctions.at(1).toObject().value(QStringLiteral("ends_at")).isString());
        QVERIFY(sanctions.at(1).toObject().value(QStringLiteral("lifted_at")).isString());

        // The learner's side: credits held for the booking, the report they filed.
        r = as(m_finance, "GET", QStringLiteral("/api/v1/admin/users/%1").arg(learner.id));
        f = r.json();
        const QJsonObject wallet = f.value(QStringLiteral("wallet")).toObject();
        QVERIFY(wallet.value(QStringLiteral("held")).toInteger() > 0);
        QVERIFY(!wallet.value(QStringLiteral("lots")).toArray().isEmpty());
        QCOMPARE(f.value(QStringLiteral("sessions"))
                     .toObject()
                     .value(QStringLiteral("learned"))
                     .toObject()
                     .value(QStringLiteral("booked"))
                     .toInteger(),
                 1);
        QCOMPARE(f.value(QStringLiteral("reports_filed"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInteger(),
                 1);
        QCOMPARE(
            f.value(QStringLiteral("strikes")).toObject().value(QStringLiteral("live")).toInteger(),
            0);
        // A staff account's file: the account and roles.
        r = as(m_moderator, "GET", QStringLiteral("/api/v1/admin/users/%1").arg(m_finance.id));
        QCOMPARE(r.json().value(QStringLiteral("roles")).toArray(), QJsonArray{"finance"});
    }

    void sessionSearchAndDetail()
    {
        const Actor teacher = signUpMember(m_server);
        const Actor learner = signUpMember(m_server);
        const qint64 a = offer(teacher, 24 * kHour);
        const qint64 b = offer(teacher, 72 * kHour, 2);
        QVERIFY(book(learner, b));
        auto r = as(m_moderator, "GET",
                    QStringLiteral("/api/v1/admin/sessions?teacher=%1").arg(teacher.id));
        QJsonArray items = r.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toInteger(),
                 b); // latest start first
        r = as(m_moderator, "GET",
               QStringLiteral("/api/v1/admin/sessions?learner=%1").arg(learner.id));
        items = r.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 1);
        r = as(m_moderator, "GET",
               QStringLiteral("/api/v1/admin/sessions?teacher=%1&state=scheduled").arg(teacher.id));
        QCOMPARE(r.json().value(QStringLiteral("items")).toArray().size(), 1);
        r = as(m_moderator, "GET",
               QStringLiteral("/api/v1/admin/sessions?teacher=%1&to=%2&limit=1")
                   .arg(teacher.id)
                   .arg(wireTime(QDateTime::currentMSecsSinceEpoch() + 48 * kHour)));
        items = r.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toInteger(), a);
        QVERIFY(r.json().value(QStringLiteral("next")).isNull());
        r = as(m_moderator, "GET",
               QStringLiteral("/api/v1/admin/sessions?teacher=%1&limit=1").arg(teacher.id));
        r = as(m_moderator, "GET",
               QStringLiteral("/api/v1/admin/sessions?teacher=%1&limit=1&after=%2")
                   .arg(teacher.id)
                   .arg(r.json().value(QStringLiteral("next")).toString()));
        QCOMPARE(r.json()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 a);
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/sessions?state=lost")).status,
                 400);
        QCOMPARE(
            as(m_moderator, "GET", QStringLiteral("/api/v1/admin/sessions?status=booked")).status,
            400);

        r = as(m_moderator, "GET", QStringLiteral("/api/v1/admin/sessions/%1").arg(b));
        QCOMPARE(r.status, 200);
        const QJsonArray bookings = r.json().value(QStringLiteral("bookings")).toArray();
        QCOMPARE(bookings.size(), 1);
        const QJsonObject booking = bookings.at(0).toObject();
        QCOMPARE(booking.value(QStringLiteral("learner"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 learner.id);
        const QJsonArray transfers = booking.value(QStringLiteral("transfers")).toArray();
        QCOMPARE(transfers.size(), 1);
        QCOMPARE(transfers.at(0).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("pending"));
        QCOMPARE(transfers.at(0).toObject().value(QStringLiteral("credit")).toString(),
                 QStringLiteral("escrow"));
        QCOMPARE(as(m_moderator, "GET", QStringLiteral("/api/v1/admin/sessions/999999999")).status,
                 404);
    }

    void cancelByModerationRefundsEveryBooking()
    {
        const Actor teacher = signUpMember(m_server);
        QList<Actor> learners;
        QList<qint64> before;
        for (int i = 0; i < 3; ++i) {
            learners.push_back(signUpMember(m_server));
            before.push_back(available(learners.last().id));
        }
        const qint64 session = offer(teacher, 48 * kHour, 4);
        for (const Actor &l : learners)
            QVERIFY(book(l, session));
        for (int i = 0; i < 3; ++i)
            QVERIFY(available(learners.at(i).id) < before.at(i));

        const QString path = QStringLiteral("/api/v1/admin/sessions/%1/cancel").arg(session);
        QCOMPARE(as(m_moderator, "POST", path, {}).status, 400);
        QCOMPARE(as(m_moderator, "POST", path, {{QStringLiteral("reason"), QStringLiteral("  ")}})
                     .status,
                 400);
        auto r = as(m_moderator, "POST", path,
                    {{QStringLiteral("reason"), QStringLiteral("Teacher is under investigation")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        for (const auto &b : r.json().value(QStringLiteral("bookings")).toArray()) {
            QCOMPARE(b.toObject().value(QStringLiteral("status")).toString(),
                     QStringLiteral("cancelled"));
            QCOMPARE(b.toObject().value(QStringLiteral("transfers")).toArray().size(),
                     2); // hold, void
        }
        for (int i = 0; i < 3; ++i)
            QCOMPARE(available(learners.at(i).id), before.at(i));
        QByteArray out, err;
        QCOMPARE(m_server.runCommand({QStringLiteral("admin"), QStringLiteral("check-ledger"),
                                      QStringLiteral("--db"), m_server.databaseUrl()},
                                     {}, &out, &err),
                 0);
        // Audited with the reason and what was refunded; the event carries the session.
        r = as(m_viewer, "GET",
               QStringLiteral(
                   "/api/v1/admin/audit?action=session.cancelled_by_moderation&target_id=%1")
                   .arg(session));
        const QJsonObject entry =
            r.json().value(QStringLiteral("items")).toArray().at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("actor_id")).toInteger(), m_moderator.id);
        QCOMPARE(entry.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("Teacher is under investigation"));
        QCOMPARE(entry.value(QStringLiteral("after"))
                     .toObject()
                     .value(QStringLiteral("refunded"))
                     .toArray()
                     .size(),
                 3);
        const QJsonObject data =
            QJsonDocument::fromJson(
                sqlScalar(m_server.databaseUrl(),
                          QStringLiteral("SELECT data FROM events WHERE type = "
                                         "'session.cancelled' AND subject_id = :s"),
                          {{QStringLiteral(":s"), QString::number(session)}})
                    .toString()
                    .toUtf8())
                .object();
        QCOMPARE(data.value(QStringLiteral("by")).toString(), QStringLiteral("moderation"));
        QCOMPARE(data.value(QStringLiteral("session"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("cancelled"));

        // Again: the session is final now.
        r = as(m_moderator, "POST", path, {{QStringLiteral("reason"), QStringLiteral("again")}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), pt::kInvalidState);
        QCOMPARE(as(m_moderator, "POST", QStringLiteral("/api/v1/admin/sessions/999999999/cancel"),
                    {{QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 404);
    }

    void aCompletedSessionCannotBeCancelled()
    {
        const Actor teacher = signUpMember(m_server);
        const Actor learner = signUpMember(m_server);
        const qint64 session = offer(teacher, 48 * kHour);
        QVERIFY(book(learner, session));
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE sessions SET starts_at = :t WHERE id = :id"),
                        {{QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch() - kHour},
                         {QStringLiteral(":id"), session}}));
        QCOMPARE(
            as(teacher, "POST", QStringLiteral("/api/v1/sessions/%1/complete").arg(session)).status,
            200);
        const qint64 teacherBalance = available(teacher.id);
        const auto r =
            as(m_moderator, "POST", QStringLiteral("/api/v1/admin/sessions/%1/cancel").arg(session),
               {{QStringLiteral("reason"), QStringLiteral("too late")}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), pt::kInvalidState);
        QCOMPARE(available(teacher.id), teacherBalance);
        QCOMPARE(sqlScalar(m_server.databaseUrl(),
                           QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                          "'session.cancelled_by_moderation' AND target_id = :s"),
                           {{QStringLiteral(":s"), QString::number(session)}})
                     .toInt(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestAdminUsers)
#include "tst_admin_users.moc"
