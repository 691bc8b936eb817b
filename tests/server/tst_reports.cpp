// Reports, cases and appeals against the real server: what a member may report, evidence
// snapshotted at filing that survives edits and deletion of the original, one open case per
// subject with counts, severity, SLA and priority kept up to date, a new case after closure
// linked to the old one, and the appeal rules. Also the priority formula, term by term.
#include "protocol/problem.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/moderation/casepriority.h"
#include "server/domain/moderation/cases.h"
#include "server/storage/database.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <map>
#include <memory>

#include <cmath>

using namespace skillex::testutils;
using namespace skillex::server;
using namespace skillex::server::moderation;
namespace pt = skillex::protocol::problemtype;

namespace {

constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kDay = 24 * kHour;

struct Member {
    qint64 id = 0;
    QString token;
};

bool near(double a, double b, double tolerance = 1e-3)
{
    return std::fabs(a - b) <= tolerance;
}

} // namespace

class TestReports : public QObject {
    Q_OBJECT
    TestServer m_server;
    std::map<qint64, std::unique_ptr<TestHttp>> m_clients;
    int m_nextMember = 0;
    qint64 m_skill = 0;
    // The world of the visibility table, by name.
    QHash<QString, Member> m_people;
    QHash<QString, qint64> m_things;

    Member newMember()
    {
        const QString email = QStringLiteral("reports%1@example.com").arg(++m_nextMember);
        TestHttp http(m_server.baseUrl());
        const auto reg =
            http.post(QStringLiteral("/api/v1/auth/register"),
                      {{QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("learning-is-fun")},
                       {QStringLiteral("name"), QStringLiteral("Member %1").arg(m_nextMember)}});
        const auto login =
            http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("learning-is-fun")}});
        return {reg.json().value(QStringLiteral("id")).toInteger(),
                login.json().value(QStringLiteral("access_token")).toString()};
    }

    // One client per member (TestHttp is not copyable), kept for the whole test.
    TestHttp &as(const Member &m)
    {
        auto &client = m_clients[m.id];
        if (!client)
            client = std::make_unique<TestHttp>(m_server.baseUrl());
        client->setBearer(m.token);
        return *client;
    }

    QVariant sql(const QString &statement, const QVariantMap &bindings = {})
    {
        QString error;
        const QVariant v = sqlScalar(m_server.databaseUrl(), statement, bindings, &error);
        if (!error.isEmpty())
            qWarning("sql failed: %s (%s)", qPrintable(error), qPrintable(statement));
        return v;
    }

    bool exec(const QString &statement, const QVariantMap &bindings = {})
    {
        QString error;
        const bool ok = sqlExec(m_server.databaseUrl(), statement, bindings, &error);
        if (!ok)
            qWarning("sql failed: %s (%s)", qPrintable(error), qPrintable(statement));
        return ok;
    }

    TestResponse report(const Member &reporter, const QString &type, qint64 id,
                        const QString &category = QStringLiteral("harassment"),
                        const QString &description = QStringLiteral("This is not okay."))
    {
        return as(reporter).post(
            QStringLiteral("/api/v1/reports"),
            {{QStringLiteral("subject"),
              QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("id"), id}}},
             {QStringLiteral("category"), category},
             {QStringLiteral("description"), description}});
    }

    qint64 caseOfReport(const TestResponse &r)
    {
        return sql(QStringLiteral("SELECT case_id FROM reports WHERE id = :r"),
                   {{QStringLiteral(":r"), r.json().value(QStringLiteral("id")).toInteger()}})
            .toLongLong();
    }

    QVariant caseField(qint64 caseId, const QString &column)
    {
        return sql(QStringLiteral("SELECT %1 FROM cases WHERE id = :c").arg(column),
                   {{QStringLiteral(":c"), caseId}});
    }

    QJsonObject evidenceOf(const TestResponse &r)
    {
        return QJsonDocument::fromJson(
                   sql(QStringLiteral("SELECT snapshot FROM evidence WHERE report_id = :r"),
                       {{QStringLiteral(":r"), r.json().value(QStringLiteral("id")).toInteger()}})
                       .toString()
                       .toUtf8())
            .object();
    }

    QString evidenceText(const TestResponse &r)
    {
        return sql(QStringLiteral("SELECT snapshot FROM evidence WHERE report_id = :r"),
                   {{QStringLiteral(":r"), r.json().value(QStringLiteral("id")).toInteger()}})
            .toString();
    }

    int eventCount(const QString &type, const QString &subject)
    {
        return sql(QStringLiteral(
                       "SELECT COUNT(*) FROM events WHERE type = :t AND subject_id = :s"),
                   {{QStringLiteral(":t"), type}, {QStringLiteral(":s"), subject}})
            .toInt();
    }

    qint64 openConversation(const Member &a, const Member &b)
    {
        return as(a)
            .post(QStringLiteral("/api/v1/conversations"), {{QStringLiteral("member_id"), b.id}})
            .json()
            .value(QStringLiteral("id"))
            .toInteger();
    }

    qint64 sendMessage(const Member &m, qint64 conversation, const QString &body,
                       const QJsonArray &attachments = {})
    {
        QJsonObject json{{QStringLiteral("body"), body}};
        if (!attachments.isEmpty())
            json.insert(QStringLiteral("attachments"), attachments);
        return as(m)
            .post(QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation), json)
            .json()
            .value(QStringLiteral("id"))
            .toInteger();
    }

    qint64 newSession(qint64 teacher, bool hidden = false)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        return sql(QStringLiteral("INSERT INTO sessions (teacher_id, skill_id, title, starts_at, "
                                  "duration_minutes, price, capacity, status, hidden_at, "
                                  "created_at, updated_at) VALUES (:t, :k, 'Intro to knots', :s, "
                                  "60, 10, 1, 'booked', :h, :c, :u) RETURNING id"),
                   {{QStringLiteral(":t"), teacher},
                    {QStringLiteral(":k"), m_skill},
                    {QStringLiteral(":s"), now + kDay},
                    {QStringLiteral(":h"),
                     hidden ? QVariant(now) : QVariant(QMetaType::fromType<qint64>())},
                    {QStringLiteral(":c"), now},
                    {QStringLiteral(":u"), now}})
            .toLongLong();
    }

    // A booking with a real escrow hold, made through the ledger as the sessions code does.
    qint64 newBooking(qint64 session, qint64 learner)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString holdId = QStringLiteral("test-hold:%1:%2").arg(session).arg(learner);
        const qint64 booking =
            sql(QStringLiteral("INSERT INTO bookings (session_id, learner_id, status, price, "
                               "hold_transfer_id, created_at, updated_at) VALUES (:s, :l, "
                               "'booked', 10, :h, :c, :u) RETURNING id"),
                {{QStringLiteral(":s"), session},
                 {QStringLiteral(":l"), learner},
                 {QStringLiteral(":h"), holdId},
                 {QStringLiteral(":c"), now},
                 {QStringLiteral(":u"), now}})
                .toLongLong();
        Database db(DatabaseUrl::parse(m_server.databaseUrl()).value());
        SystemClock clock;
        Ledger ledger(db.dialect(), clock);
        db.write([&](QSqlDatabase &tx) {
            TransferSpec hold;
            hold.id = holdId;
            hold.debit = accounts::user(learner);
            hold.credit = accounts::kEscrow;
            hold.amount = 10;
            hold.code = QStringLiteral("booking_hold");
            hold.refType = QStringLiteral("booking");
            hold.refId = QString::number(booking);
            ledger.hold(tx, hold);
        });
        return booking;
    }

    qint64 newReview(qint64 session, qint64 reviewer, qint64 reviewee, bool hidden = false,
                     bool deleted = false)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QVariant none(QMetaType::fromType<qint64>());
        return sql(QStringLiteral("INSERT INTO reviews (session_id, reviewer_id, reviewee_id, "
                                  "knowledge, communication, professionalism, body, created_at, "
                                  "hidden_at, deleted_at) VALUES (:s, :a, :b, 1, 2, 1, "
                                  "'Never showed the knots, asked me to pay cash.', :c, :h, :d) "
                                  "RETURNING id"),
                   {{QStringLiteral(":s"), session},
                    {QStringLiteral(":a"), reviewer},
                    {QStringLiteral(":b"), reviewee},
                    {QStringLiteral(":c"), now},
                    {QStringLiteral(":h"), hidden ? QVariant(now) : none},
                    {QStringLiteral(":d"), deleted ? QVariant(now) : none}})
            .toLongLong();
    }

    void addSanction(qint64 user, std::optional<qint64> caseId, int strike, qint64 createdAt,
                     bool lifted = false)
    {
        const QVariant none(QMetaType::fromType<qint64>());
        QVERIFY(exec(QStringLiteral("INSERT INTO sanctions (user_id, kind, case_id, strike, "
                                    "reason, created_at, lifted_at) VALUES (:u, 'warning', :c, "
                                    ":s, 'test', :t, :l)"),
                     {{QStringLiteral(":u"), user},
                      {QStringLiteral(":c"), caseId ? QVariant(*caseId) : none},
                      {QStringLiteral(":s"), strike},
                      {QStringLiteral(":t"), createdAt},
                      {QStringLiteral(":l"), lifted ? QVariant(createdAt + 1) : none}}));
    }

    void closeCase(qint64 caseId, const QString &status, qint64 closedAt)
    {
        QVERIFY(exec(QStringLiteral("UPDATE cases SET status = :s, closed_at = :t WHERE id = :c"),
                     {{QStringLiteral(":s"), status},
                      {QStringLiteral(":t"), closedAt},
                      {QStringLiteral(":c"), caseId}}));
    }

    static void verifyProblem(const TestResponse &r, int status, const QString &type)
    {
        QVERIFY2(r.status == status, qPrintable(QStringLiteral("status %1, expected %2: %3")
                                                    .arg(r.status)
                                                    .arg(status)
                                                    .arg(QString::fromUtf8(r.body.left(400)))));
        QVERIFY2(r.isProblem(), r.body.constData());
        QCOMPARE(r.problemType(), type);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QVERIFY(exec(QStringLiteral("INSERT INTO skill_categories (slug, name_en) VALUES "
                                    "('reports-test', 'Reports test')")));
        m_skill =
            sql(QStringLiteral("INSERT INTO skills (category_id, slug, name_en) VALUES "
                               "((SELECT id FROM skill_categories WHERE slug = "
                               "'reports-test'), 'reports-test-knots', 'Knots') RETURNING id"))
                .toLongLong();
        QVERIFY(m_skill > 0);

        // The world of the visibility table.
        for (const char *name : {"ana", "ben", "cleo", "teacher", "learner"})
            m_people.insert(QString::fromLatin1(name), newMember());
        const qint64 conversation = openConversation(m_people["ana"], m_people["ben"]);
        m_things.insert(QStringLiteral("message of ana"),
                        sendMessage(m_people["ana"], conversation, QStringLiteral("hi ben")));
        m_things.insert(QStringLiteral("message of ben"),
                        sendMessage(m_people["ben"], conversation, QStringLiteral("hi ana")));
        const qint64 session = newSession(m_people["teacher"].id);
        newBooking(session, m_people["learner"].id);
        m_things.insert(QStringLiteral("session"), session);
        m_things.insert(QStringLiteral("hidden listing"), newSession(m_people["teacher"].id, true));
        m_things.insert(QStringLiteral("review"),
                        newReview(session, m_people["learner"].id, m_people["teacher"].id));
        m_things.insert(QStringLiteral("hidden review"),
                        newReview(newSession(m_people["teacher"].id), m_people["learner"].id,
                                  m_people["teacher"].id, true));
        m_things.insert(QStringLiteral("deleted review"),
                        newReview(newSession(m_people["teacher"].id), m_people["learner"].id,
                                  m_people["teacher"].id, false, true));
        for (const auto &name : m_people.keys())
            m_things.insert(name, m_people.value(name).id);
        const auto staff = m_server.createStaff(QStringLiteral("viewer"));
        QVERIFY2(!staff.email.isEmpty(), qPrintable(m_server.error()));
        m_things.insert(QStringLiteral("staff"),
                        sql(QStringLiteral("SELECT id FROM users WHERE email = :e"),
                            {{QStringLiteral(":e"), staff.email}})
                            .toLongLong());
        m_things.insert(QStringLiteral("nothing"), 987654321);
    }

    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    // The priority formula, term by term -------------------------------------------------------

    void severityWeightsRankHighOverMediumOverLow()
    {
        QCOMPARE(severityWeight(Severity::High), 60.0);
        QCOMPARE(severityWeight(Severity::Medium), 30.0);
        QCOMPARE(severityWeight(Severity::Low), 10.0);
        PriorityInputs in;
        in.severity = Severity::High;
        const double high = casePriority(in);
        in.severity = Severity::Low;
        QCOMPARE(high / casePriority(in), 6.0);
    }

    void reporterTermIsOnePlusLog2()
    {
        QCOMPARE(reporterTerm(1), 1.0);
        QCOMPARE(reporterTerm(2), 2.0);
        QCOMPARE(reporterTerm(4), 3.0);
        QCOMPARE(reporterTerm(0), 1.0); // never below one reporter's weight
        PriorityInputs in;
        const double one = casePriority(in);
        in.distinctReporters = 8;
        QCOMPARE(casePriority(in), 4 * one);
    }

    void trustMultipliesAndIsBounded()
    {
        PriorityInputs in;
        in.reporterTrust = 1.0;
        const double base = casePriority(in);
        in.reporterTrust = 0.5;
        QCOMPARE(casePriority(in), base * 0.5);
        in.reporterTrust = 100.0; // out of range: clamped to the maximum
        QCOMPARE(casePriority(in), base * kMaxTrust);
        in.reporterTrust = 0.0;
        QCOMPARE(casePriority(in), base * kMinTrust);
    }

    void reporterTrustFromAgeAndOutcomes()
    {
        QCOMPARE(reporterTrust(0, 0, 0), 0.75);
        QCOMPARE(reporterTrust(30 * kDay, 0, 0), 1.0);
        QCOMPARE(reporterTrust(3000 * kDay, 0, 0), 1.0);
        QCOMPARE(reporterTrust(15 * kDay, 0, 0), 0.875);
        QCOMPARE(reporterTrust(15 * kDay + kDay - 1, 0, 0), 0.875); // counted in whole days
        // Outcomes: 0.5 x (confirmed - rejected) / (confirmed + rejected + 2).
        QCOMPARE(reporterTrust(30 * kDay, 2, 0), 1.25);
        QCOMPARE(reporterTrust(30 * kDay, 0, 2), 0.75);
        QVERIFY(reporterTrust(30 * kDay, 1000, 0) <= kMaxTrust);
        QVERIFY(reporterTrust(0, 0, 1000) >= kMinTrust);
        QVERIFY(reporterTrust(-5, -3, -1) >= kMinTrust); // nonsense input stays in bounds
        QCOMPARE(meanTrust({}), 1.0);
        QCOMPARE(meanTrust({0.5, 1.5}), 1.0);
    }

    void strikesAddHalfEach()
    {
        QCOMPARE(strikeTerm(0), 1.0);
        QCOMPARE(strikeTerm(1), 1.5);
        QCOMPARE(strikeTerm(2), 2.0);
        QCOMPARE(strikeTerm(-3), 1.0);
        QCOMPARE(strikeTerm(50), strikeTerm(kMaxCountedStrikes));
        PriorityInputs in;
        const double clean = casePriority(in);
        in.priorStrikes = 2;
        QCOMPARE(casePriority(in), clean * 2.0);
    }

    void ageAddsOnePerWholeHourUpToACap()
    {
        QCOMPARE(ageTerm(0), 0.0);
        QCOMPARE(ageTerm(kHour - 1), 0.0);
        QCOMPARE(ageTerm(kHour), 1.0);
        QCOMPARE(ageTerm(10 * kHour + 5), 10.0);
        QCOMPARE(ageTerm(1000 * kHour), kMaxAgeTerm);
        QCOMPARE(ageTerm(-kHour), 0.0);
        PriorityInputs in;
        const double fresh = casePriority(in);
        in.waitingMs = 5 * kHour;
        QCOMPARE(casePriority(in), fresh + 5.0); // added, not multiplied
        // A two-day-old low case still ranks below a fresh high one.
        in.waitingMs = 1000 * kHour;
        PriorityInputs high;
        high.severity = Severity::High;
        QVERIFY(casePriority(in) < casePriority(high));
    }

    // Filing -------------------------------------------------------------------------------------

    void reportOpensACaseWithEvidence()
    {
        const Member reporter = newMember();
        const Member subject = newMember();
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto r =
            report(reporter, QStringLiteral("user"), subject.id, QStringLiteral("impersonation"));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("category")).toString(),
                 QStringLiteral("impersonation"));
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("received"));
        QVERIFY(!r.json().contains(QStringLiteral("priority"))); // staff matter
        const qint64 caseId = caseOfReport(r);
        QVERIFY(caseId > 0);
        QCOMPARE(caseField(caseId, QStringLiteral("status")).toString(), QStringLiteral("open"));
        QCOMPARE(caseField(caseId, QStringLiteral("severity")).toString(),
                 QStringLiteral("medium"));
        QCOMPARE(caseField(caseId, QStringLiteral("category")).toString(),
                 QStringLiteral("impersonation"));
        QCOMPARE(caseField(caseId, QStringLiteral("subject_user_id")).toLongLong(), subject.id);
        QCOMPARE(caseField(caseId, QStringLiteral("report_count")).toInt(), 1);
        QCOMPARE(caseField(caseId, QStringLiteral("reporter_count")).toInt(), 1);
        QVERIFY(caseField(caseId, QStringLiteral("previous_case_id")).isNull());
        const qint64 opened = caseField(caseId, QStringLiteral("opened_at")).toLongLong();
        QVERIFY(opened >= before);
        QCOMPARE(caseField(caseId, QStringLiteral("sla_due_at")).toLongLong() - opened, 24 * kHour);
        // A new account's report on a member without strikes: 30 x 1 x trust(new) x 1 + 0.
        QVERIFY(near(caseField(caseId, QStringLiteral("priority")).toDouble(),
                     30.0 * reporterTrust(0, 0, 0), 0.01));

        const QJsonObject evidence = evidenceOf(r);
        QCOMPARE(evidence.value(QStringLiteral("subject"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("user"));
        const QJsonObject user = evidence.value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("id")).toInteger(), subject.id);
        QVERIFY(!user.value(QStringLiteral("name")).toString().isEmpty());
        QVERIFY(evidence.value(QStringLiteral("profile")).isObject());
        QVERIFY(evidence.value(QStringLiteral("skills")).isArray());
        QVERIFY(!user.contains(QStringLiteral("password_hash")));
        QCOMPARE(sql(QStringLiteral("SELECT case_id FROM evidence WHERE report_id = :r"),
                     {{QStringLiteral(":r"), r.json().value(QStringLiteral("id")).toInteger()}})
                     .toLongLong(),
                 caseId);
        QCOMPARE(eventCount(QStringLiteral("report.filed"),
                            QString::number(r.json().value(QStringLiteral("id")).toInteger())),
                 1);
        QCOMPARE(eventCount(QStringLiteral("case.opened"), QString::number(caseId)), 1);
        // The case event is the last thing the transaction wrote.
        QCOMPARE(sql(QStringLiteral("SELECT type FROM events WHERE seq = (SELECT MAX(seq) FROM "
                                    "events WHERE subject_id = :c OR subject_id = :r)"),
                     {{QStringLiteral(":c"), QString::number(caseId)},
                      {QStringLiteral(":r"),
                       QString::number(r.json().value(QStringLiteral("id")).toInteger())}})
                     .toString(),
                 QStringLiteral("case.opened"));
    }

    void reportsJoinTheOpenCase()
    {
        const Member first = newMember();
        const Member second = newMember();
        const Member subject = newMember();
        const auto r1 = report(first, QStringLiteral("user"), subject.id, QStringLiteral("scam"));
        const qint64 caseId = caseOfReport(r1);
        const double p1 = caseField(caseId, QStringLiteral("priority")).toDouble();
        const int v1 = caseField(caseId, QStringLiteral("version")).toInt();

        // A second, distinct reporter: same case, two reporters, priority up (x2 by log2).
        const auto r2 = report(second, QStringLiteral("user"), subject.id, QStringLiteral("scam"));
        QCOMPARE(r2.status, 201);
        QCOMPARE(caseOfReport(r2), caseId);
        QCOMPARE(caseField(caseId, QStringLiteral("report_count")).toInt(), 2);
        QCOMPARE(caseField(caseId, QStringLiteral("reporter_count")).toInt(), 2);
        const double p2 = caseField(caseId, QStringLiteral("priority")).toDouble();
        QVERIFY2(p2 > p1, qPrintable(QStringLiteral("%1 -> %2").arg(p1).arg(p2)));
        QVERIFY(near(p2, 2 * p1, 0.01));
        QCOMPARE(caseField(caseId, QStringLiteral("version")).toInt(), v1 + 1);

        // The same reporter again: counted as a report, not as a reporter; priority unchanged.
        const auto r3 = report(second, QStringLiteral("user"), subject.id, QStringLiteral("scam"));
        QCOMPARE(caseOfReport(r3), caseId);
        QCOMPARE(caseField(caseId, QStringLiteral("report_count")).toInt(), 3);
        QCOMPARE(caseField(caseId, QStringLiteral("reporter_count")).toInt(), 2);
        QVERIFY(near(caseField(caseId, QStringLiteral("priority")).toDouble(), p2, 0.01));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM cases WHERE subject_type = 'user' AND "
                                    "subject_id = :s"),
                     {{QStringLiteral(":s"), subject.id}})
                     .toInt(),
                 1);
        QCOMPARE(eventCount(QStringLiteral("case.report_added"), QString::number(caseId)), 2);
        // Each report has its own evidence, all on the one case.
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM evidence WHERE case_id = :c"),
                     {{QStringLiteral(":c"), caseId}})
                     .toInt(),
                 3);
    }

    void risingSeverityTightensTheSla()
    {
        const Member a = newMember();
        const Member b = newMember();
        const Member subject = newMember();
        const qint64 caseId =
            caseOfReport(report(a, QStringLiteral("user"), subject.id, QStringLiteral("spam")));
        const qint64 opened = caseField(caseId, QStringLiteral("opened_at")).toLongLong();
        QCOMPARE(caseField(caseId, QStringLiteral("severity")).toString(), QStringLiteral("low"));
        QCOMPARE(caseField(caseId, QStringLiteral("sla_due_at")).toLongLong(), opened + 72 * kHour);
        const double low = caseField(caseId, QStringLiteral("priority")).toDouble();

        QCOMPARE(caseOfReport(report(b, QStringLiteral("user"), subject.id,
                                     QStringLiteral("off_platform_payment"))),
                 caseId);
        QCOMPARE(caseField(caseId, QStringLiteral("severity")).toString(),
                 QStringLiteral("medium"));
        QCOMPARE(caseField(caseId, QStringLiteral("category")).toString(),
                 QStringLiteral("off_platform_payment"));
        QCOMPARE(caseField(caseId, QStringLiteral("sla_due_at")).toLongLong(), opened + 24 * kHour);

        QCOMPARE(caseOfReport(
                     report(a, QStringLiteral("user"), subject.id, QStringLiteral("harassment"))),
                 caseId);
        QCOMPARE(caseField(caseId, QStringLiteral("severity")).toString(), QStringLiteral("high"));
        QCOMPARE(caseField(caseId, QStringLiteral("category")).toString(),
                 QStringLiteral("harassment"));
        // From the opening, not from the latest report.
        QCOMPARE(caseField(caseId, QStringLiteral("sla_due_at")).toLongLong(), opened + 4 * kHour);
        QVERIFY(caseField(caseId, QStringLiteral("priority")).toDouble() > 6 * low);

        // A later low report does not lower it again.
        QCOMPARE(
            caseOfReport(report(b, QStringLiteral("user"), subject.id, QStringLiteral("other"))),
            caseId);
        QCOMPARE(caseField(caseId, QStringLiteral("severity")).toString(), QStringLiteral("high"));
        QCOMPARE(caseField(caseId, QStringLiteral("sla_due_at")).toLongLong(), opened + 4 * kHour);
    }

    void aReportAfterClosureOpensALinkedCase_data()
    {
        QTest::addColumn<QString>("closedAs");
        for (const char *s : {"resolved", "dismissed", "appeal_upheld", "appeal_overturned"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }

    void aReportAfterClosureOpensALinkedCase()
    {
        QFETCH(QString, closedAs);
        const Member reporter = newMember();
        const Member subject = newMember();
        const qint64 first = caseOfReport(
            report(reporter, QStringLiteral("user"), subject.id, QStringLiteral("spam")));
        closeCase(first, closedAs, QDateTime::currentMSecsSinceEpoch());
        const auto again =
            report(reporter, QStringLiteral("user"), subject.id, QStringLiteral("spam"));
        QCOMPARE(again.status, 201);
        const qint64 second = caseOfReport(again);
        QVERIFY(second != first);
        QCOMPARE(caseField(second, QStringLiteral("previous_case_id")).toLongLong(), first);
        QCOMPARE(caseField(second, QStringLiteral("status")).toString(), QStringLiteral("open"));
        QCOMPARE(caseField(second, QStringLiteral("report_count")).toInt(), 1);
        QCOMPARE(caseField(first, QStringLiteral("report_count")).toInt(), 1);
        QCOMPARE(caseField(first, QStringLiteral("status")).toString(), closedAs);
        QCOMPARE(eventCount(QStringLiteral("case.opened"), QString::number(second)), 1);
    }

    void casesInProgressStillTakeReports_data()
    {
        QTest::addColumn<QString>("status");
        for (const char *s : {"assigned", "escalated", "appealed"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }

    void casesInProgressStillTakeReports()
    {
        QFETCH(QString, status);
        const Member reporter = newMember();
        const Member subject = newMember();
        const qint64 caseId = caseOfReport(
            report(reporter, QStringLiteral("user"), subject.id, QStringLiteral("spam")));
        QVERIFY(exec(QStringLiteral("UPDATE cases SET status = :s WHERE id = :c"),
                     {{QStringLiteral(":s"), status}, {QStringLiteral(":c"), caseId}}));
        QCOMPARE(caseOfReport(report(newMember(), QStringLiteral("user"), subject.id,
                                     QStringLiteral("spam"))),
                 caseId);
        QCOMPARE(caseField(caseId, QStringLiteral("status")).toString(), status);
    }

    // Evidence
    // -------------------------------------------------------------------------------------

    void messageEvidenceSurvivesEditAndDeletion()
    {
        const Member a = newMember();
        const Member b = newMember();
        const qint64 conversation = openConversation(a, b);
        const QByteArray png = QByteArrayLiteral("\x89PNG\r\n\x1a\n evidence-file");
        const QString hash = as(a)
                                 .send("POST", QStringLiteral("/api/v1/attachments"), png,
                                       {{"Content-Type", "image/png"}})
                                 .json()
                                 .value(QStringLiteral("sha256"))
                                 .toString();
        QVERIFY(!hash.isEmpty());
        const qint64 message =
            sendMessage(a, conversation, QStringLiteral("pay me on the side or else"),
                        {QJsonObject{{QStringLiteral("sha256"), hash},
                                     {QStringLiteral("file_name"), QStringLiteral("qr.png")}}});
        const auto r =
            report(b, QStringLiteral("message"), message, QStringLiteral("off_platform_payment"));
        QCOMPARE(r.status, 201);
        const qint64 caseId = caseOfReport(r);
        QCOMPARE(caseField(caseId, QStringLiteral("subject_user_id")).toLongLong(), a.id);
        const QString snapshot = evidenceText(r);

        // The sender edits, then deletes; the evidence does not move.
        QCOMPARE(as(a)
                     .send("PATCH", QStringLiteral("/api/v1/messages/%1").arg(message),
                           R"({"body":"just kidding"})", {{"Content-Type", "application/json"}})
                     .status,
                 200);
        QCOMPARE(
            as(a).send("DELETE", QStringLiteral("/api/v1/messages/%1").arg(message), {}).status,
            204);
        QCOMPARE(evidenceText(r), snapshot);
        const QJsonArray messages = evidenceOf(r).value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 1);
        const QJsonObject reported = messages.at(0).toObject();
        QCOMPARE(reported.value(QStringLiteral("body")).toString(),
                 QStringLiteral("pay me on the side or else"));
        QVERIFY(reported.value(QStringLiteral("reported")).toBool());
        QVERIFY(reported.value(QStringLiteral("deleted_at")).isNull());
        QCOMPARE(reported.value(QStringLiteral("sender_id")).toInteger(), a.id);
        QCOMPARE(reported.value(QStringLiteral("attachments"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("sha256"))
                     .toString(),
                 hash);
        // The file is kept by hash for the evidence.
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM evidence_attachments ea JOIN evidence e "
                                    "ON e.id = ea.evidence_id WHERE e.report_id = :r AND "
                                    "ea.sha256 = :h"),
                     {{QStringLiteral(":r"), r.json().value(QStringLiteral("id")).toInteger()},
                      {QStringLiteral(":h"), hash}})
                     .toInt(),
                 1);
        // A deleted message can still be reported (it was seen); its snapshot says deleted.
        const auto late =
            report(b, QStringLiteral("message"), message, QStringLiteral("off_platform_payment"));
        QCOMPARE(late.status, 201);
        QCOMPARE(caseOfReport(late), caseId);
        const QJsonObject lateMessage =
            evidenceOf(late).value(QStringLiteral("messages")).toArray().at(0).toObject();
        QVERIFY(!lateMessage.value(QStringLiteral("deleted_at")).isNull());
        QCOMPARE(evidenceText(r), snapshot);
    }

    void messageContextIsTenEitherSide_data()
    {
        QTest::addColumn<int>("reported"); // index of the reported message among 25
        QTest::addColumn<int>("before");
        QTest::addColumn<int>("after");
        QTest::newRow("near the start") << 2 << 2 << 10;
        QTest::newRow("first") << 0 << 0 << 10;
        QTest::newRow("middle") << 12 << 10 << 10;
        QTest::newRow("near the end") << 23 << 10 << 1;
        QTest::newRow("last") << 24 << 10 << 0;
    }

    void messageContextIsTenEitherSide()
    {
        QFETCH(int, reported);
        QFETCH(int, before);
        QFETCH(int, after);
        const Member a = newMember();
        const Member b = newMember();
        const qint64 conversation = openConversation(a, b);
        // Another conversation's messages in between must not leak into the context.
        const Member c = newMember();
        const qint64 elsewhere = openConversation(a, c);
        QList<qint64> ids;
        for (int i = 0; i < 25; ++i) {
            ids.push_back(
                sendMessage(i % 2 ? b : a, conversation, QStringLiteral("line %1").arg(i)));
            if (i % 5 == 0)
                sendMessage(c, elsewhere, QStringLiteral("unrelated %1").arg(i));
        }
        const Member &reporter = reported % 2 ? a : b; // the other side reports
        const auto r = report(reporter, QStringLiteral("message"), ids.at(reported));
        QCOMPARE(r.status, 201);
        const QJsonObject evidence = evidenceOf(r);
        const QJsonArray messages = evidence.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), before + 1 + after);
        QCOMPARE(evidence.value(QStringLiteral("context"))
                     .toObject()
                     .value(QStringLiteral("before"))
                     .toInt(),
                 before);
        QCOMPARE(evidence.value(QStringLiteral("context"))
                     .toObject()
                     .value(QStringLiteral("after"))
                     .toInt(),
                 after);
        QCOMPARE(evidence.value(QStringLiteral("reported_message_id")).toInteger(),
                 ids.at(reported));
        for (int i = 0; i < messages.size(); ++i) {
            const QJsonObject m = messages.at(i).toObject();
            const int index = reported - before + i;
            QCOMPARE(m.value(QStringLiteral("id")).toInteger(), ids.at(index));
            QCOMPARE(m.value(QStringLiteral("body")).toString(),
                     QStringLiteral("line %1").arg(index));
            QCOMPARE(m.value(QStringLiteral("reported")).toBool(), index == reported);
            QCOMPARE(m.value(QStringLiteral("sender_id")).toInteger(), index % 2 ? b.id : a.id);
            QVERIFY(!m.value(QStringLiteral("created_at")).toString().isEmpty());
        }
        QCOMPARE(evidence.value(QStringLiteral("conversation"))
                     .toObject()
                     .value(QStringLiteral("members"))
                     .toArray()
                     .size(),
                 2);
    }

    void reviewEvidenceSurvivesDeletion()
    {
        const Member teacher = newMember();
        const Member learner = newMember();
        const qint64 session = newSession(teacher.id);
        const qint64 review = newReview(session, learner.id, teacher.id);
        const auto r = report(teacher, QStringLiteral("review"), review,
                              QStringLiteral("inappropriate_content"));
        QCOMPARE(r.status, 201);
        QCOMPARE(caseField(caseOfReport(r), QStringLiteral("subject_user_id")).toLongLong(),
                 learner.id);
        const QString snapshot = evidenceText(r);
        QVERIFY(exec(QStringLiteral("DELETE FROM reviews WHERE id = :r"),
                     {{QStringLiteral(":r"), review}}));
        QCOMPARE(evidenceText(r), snapshot);
        const QJsonObject kept = evidenceOf(r).value(QStringLiteral("review")).toObject();
        QCOMPARE(kept.value(QStringLiteral("id")).toInteger(), review);
        QCOMPARE(kept.value(QStringLiteral("body")).toString(),
                 QStringLiteral("Never showed the knots, asked me to pay cash."));
        QCOMPARE(kept.value(QStringLiteral("knowledge")).toInt(), 1);
        QCOMPARE(kept.value(QStringLiteral("reviewer_id")).toInteger(), learner.id);
        QCOMPARE(evidenceOf(r)
                     .value(QStringLiteral("session"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 session);
    }

    void sessionEvidenceHasBookingsAndTransfers()
    {
        const Member teacher = newMember();
        const Member learner = newMember();
        const qint64 session = newSession(teacher.id);
        const qint64 booking = newBooking(session, learner.id);
        const auto r =
            report(learner, QStringLiteral("session"), session, QStringLiteral("no_show"));
        QCOMPARE(r.status, 201);
        QCOMPARE(caseField(caseOfReport(r), QStringLiteral("subject_user_id")).toLongLong(),
                 teacher.id);
        const QJsonObject evidence = evidenceOf(r);
        const QJsonObject s = evidence.value(QStringLiteral("session")).toObject();
        QCOMPARE(s.value(QStringLiteral("id")).toInteger(), session);
        QCOMPARE(s.value(QStringLiteral("teacher_id")).toInteger(), teacher.id);
        QCOMPARE(s.value(QStringLiteral("price")).toInt(), 10);
        const QJsonArray bookings = evidence.value(QStringLiteral("bookings")).toArray();
        QCOMPARE(bookings.size(), 1);
        QCOMPARE(bookings.at(0).toObject().value(QStringLiteral("id")).toInteger(), booking);
        QCOMPARE(bookings.at(0).toObject().value(QStringLiteral("learner_id")).toInteger(),
                 learner.id);
        const QJsonArray transfers = evidence.value(QStringLiteral("transfers")).toArray();
        QCOMPARE(transfers.size(), 1);
        const QJsonObject hold = transfers.at(0).toObject();
        QCOMPARE(hold.value(QStringLiteral("kind")).toString(), QStringLiteral("pending"));
        QCOMPARE(hold.value(QStringLiteral("amount")).toInt(), 10);
        QCOMPARE(hold.value(QStringLiteral("debit_account")).toString(),
                 QStringLiteral("user:%1").arg(learner.id));
        QCOMPARE(hold.value(QStringLiteral("ref_id")).toString(), QString::number(booking));
    }

    void listingEvidenceIsTheOffer()
    {
        const Member teacher = newMember();
        const Member viewer = newMember();
        const qint64 session = newSession(teacher.id);
        const auto r = report(viewer, QStringLiteral("listing"), session, QStringLiteral("scam"));
        QCOMPARE(r.status, 201);
        const QJsonObject listing = evidenceOf(r).value(QStringLiteral("listing")).toObject();
        QCOMPARE(listing.value(QStringLiteral("id")).toInteger(), session);
        QCOMPARE(listing.value(QStringLiteral("title")).toString(),
                 QStringLiteral("Intro to knots"));
        QCOMPARE(listing.value(QStringLiteral("skill_slug")).toString(),
                 QStringLiteral("reports-test-knots"));
        // A listing and the session behind it are different subjects, so different cases.
        QVERIFY(caseField(caseOfReport(r), QStringLiteral("subject_type")).toString() ==
                QStringLiteral("listing"));
    }

    // Who may report what ----------------------------------------------------------------------

    void visibility_data()
    {
        QTest::addColumn<QString>("reporter");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("thing");
        QTest::addColumn<int>("status");
        QTest::newRow("member") << "ana"
                                << "user"
                                << "ben" << 201;
        QTest::newRow("oneself") << "ana"
                                 << "user"
                                 << "ana" << 400;
        QTest::newRow("staff account") << "ana"
                                       << "user"
                                       << "staff" << 404;
        QTest::newRow("no such user") << "ana"
                                      << "user"
                                      << "nothing" << 404;
        QTest::newRow("message in my conversation") << "ben"
                                                    << "message"
                                                    << "message of ana" << 201;
        QTest::newRow("my own message") << "ana"
                                        << "message"
                                        << "message of ana" << 400;
        QTest::newRow("message of others' chat") << "cleo"
                                                 << "message"
                                                 << "message of ana" << 404;
        QTest::newRow("no such message") << "ana"
                                         << "message"
                                         << "nothing" << 404;
        QTest::newRow("session I booked") << "learner"
                                          << "session"
                                          << "session" << 201;
        QTest::newRow("session I teach") << "teacher"
                                         << "session"
                                         << "session" << 400;
        QTest::newRow("session I did not book") << "cleo"
                                                << "session"
                                                << "session" << 404;
        QTest::newRow("no such session") << "ana"
                                         << "session"
                                         << "nothing" << 404;
        QTest::newRow("public review") << "cleo"
                                       << "review"
                                       << "review" << 201;
        QTest::newRow("review about me") << "teacher"
                                         << "review"
                                         << "review" << 201;
        QTest::newRow("my own review") << "learner"
                                       << "review"
                                       << "review" << 400;
        QTest::newRow("hidden review") << "cleo"
                                       << "review"
                                       << "hidden review" << 404;
        QTest::newRow("hidden review about me") << "teacher"
                                                << "review"
                                                << "hidden review" << 201;
        QTest::newRow("deleted review") << "teacher"
                                        << "review"
                                        << "deleted review" << 404;
        QTest::newRow("no such review") << "ana"
                                        << "review"
                                        << "nothing" << 404;
        QTest::newRow("listing") << "cleo"
                                 << "listing"
                                 << "session" << 201;
        QTest::newRow("my own listing") << "teacher"
                                        << "listing"
                                        << "session" << 400;
        QTest::newRow("hidden listing") << "cleo"
                                        << "listing"
                                        << "hidden listing" << 404;
        QTest::newRow("no such listing") << "cleo"
                                         << "listing"
                                         << "nothing" << 404;
    }

    void visibility()
    {
        QFETCH(QString, reporter);
        QFETCH(QString, type);
        QFETCH(QString, thing);
        QFETCH(int, status);
        QVERIFY(m_things.contains(thing));
        const int reportsBefore = sql(QStringLiteral("SELECT COUNT(*) FROM reports")).toInt();
        const auto r =
            report(m_people.value(reporter), type, m_things.value(thing), QStringLiteral("other"));
        QVERIFY2(r.status == status, r.body.constData());
        if (status == 201) {
            QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM reports")).toInt(),
                     reportsBefore + 1);
            return;
        }
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), status == 404 ? pt::kNotFound : pt::kValidation);
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM reports")).toInt(), reportsBefore);
    }

    void staffDoNotFileReports()
    {
        const auto staff = m_server.createStaff(QStringLiteral("moderator"));
        TestHttp http(m_server.baseUrl());
        const auto login = http.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), staff.email}, {QStringLiteral("password"), staff.password}});
        http.setBearer(login.json().value(QStringLiteral("access_token")).toString());
        verifyProblem(http.post(QStringLiteral("/api/v1/reports"),
                                {{QStringLiteral("subject"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                                              {QStringLiteral("id"), m_people["ana"].id}}},
                                 {QStringLiteral("category"), QStringLiteral("spam")},
                                 {QStringLiteral("description"), QStringLiteral("x")}}),
                      403, pt::kForbidden);
        verifyProblem(
            TestHttp(m_server.baseUrl()).post(QStringLiteral("/api/v1/reports"), QJsonObject{}),
            401, pt::kUnauthenticated);
    }

    void reportsPerHourAreLimited()
    {
        const Member reporter = newMember();
        const Member subject = newMember();
        for (int i = 0; i < 30; ++i)
            QCOMPARE(
                report(reporter, QStringLiteral("user"), subject.id, QStringLiteral("spam")).status,
                201);
        const auto r = report(reporter, QStringLiteral("user"), subject.id, QStringLiteral("spam"));
        verifyProblem(r, 429, pt::kRateLimited);
        QVERIFY(!r.header("retry-after").isEmpty());
    }

    void badReports_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        const QByteArray ok = R"("category":"spam","description":"bad")";
        QTest::newRow("no subject") << QByteArray("{" + ok + "}") << 400 << "subject";
        QTest::newRow("subject not an object")
            << QByteArray(R"({"subject":"user:1",)" + ok + "}") << 400 << "subject";
        QTest::newRow("unknown subject type")
            << QByteArray(R"({"subject":{"type":"payment","id":1},)" + ok + "}") << 400
            << "subject.type";
        QTest::newRow("subject type not a string")
            << QByteArray(R"({"subject":{"type":1,"id":1},)" + ok + "}") << 400 << "subject.type";
        QTest::newRow("subject id a string")
            << QByteArray(R"({"subject":{"type":"user","id":"1"},)" + ok + "}") << 400
            << "subject.id";
        QTest::newRow("subject id zero")
            << QByteArray(R"({"subject":{"type":"user","id":0},)" + ok + "}") << 400
            << "subject.id";
        QTest::newRow("subject id fraction")
            << QByteArray(R"({"subject":{"type":"user","id":1.5},)" + ok + "}") << 400
            << "subject.id";
        QTest::newRow("subject id huge")
            << QByteArray(R"({"subject":{"type":"user","id":1e19},)" + ok + "}") << 400
            << "subject.id";
        QTest::newRow("subject extra field")
            << QByteArray(R"({"subject":{"type":"user","id":1,"x":2},)" + ok + "}") << 400
            << "subject.x";
        const QByteArray subject = R"("subject":{"type":"user","id":1})";
        QTest::newRow("unknown category")
            << QByteArray("{" + subject + R"(,"category":"rudeness","description":"bad"})") << 400
            << "category";
        QTest::newRow("no category")
            << QByteArray("{" + subject + R"(,"description":"bad"})") << 400 << "category";
        QTest::newRow("no description")
            << QByteArray("{" + subject + R"(,"category":"spam"})") << 400 << "description";
        QTest::newRow("blank description")
            << QByteArray("{" + subject + R"(,"category":"spam","description":"  "})") << 400
            << "description";
        QTest::newRow("description too long")
            << QByteArray("{" + subject + R"(,"category":"spam","description":")" +
                          QByteArray(4001, 'd') + R"("})")
            << 400 << "description";
        QTest::newRow("unknown field")
            << QByteArray("{" + subject + "," + ok + R"(,"priority":100})") << 400 << "priority";
        QTest::newRow("array body") << QByteArray("[]") << 400 << "";
        QTest::newRow("broken json") << QByteArray(R"({"subject":)") << 400 << "";
    }

    void badReports()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const int before = sql(QStringLiteral("SELECT COUNT(*) FROM reports")).toInt();
        const auto r = as(m_people["ben"])
                           .send("POST", QStringLiteral("/api/v1/reports"), body,
                                 {{"Content-Type", "application/json"}});
        QVERIFY2(r.status == status, r.body.constData());
        QVERIFY(r.isProblem());
        if (!field.isEmpty())
            QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                     r.body.constData());
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM reports")).toInt(), before);
    }

    // Priority inputs from the database --------------------------------------------------------

    void liveStrikesRaiseThePriority()
    {
        const Member reporter = newMember();
        const Member repeat = newMember();
        const Member clean = newMember();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        addSanction(repeat.id, std::nullopt, 1, now - kDay);
        addSanction(repeat.id, std::nullopt, 1, now - 80 * kDay);
        addSanction(repeat.id, std::nullopt, 1, now - kDay, true); // lifted: does not count
        addSanction(repeat.id, std::nullopt, 1, now - 91 * kDay);  // lapsed: does not count
        addSanction(repeat.id, std::nullopt, 0, now - kDay);       // no strike
        const double withStrikes =
            caseField(caseOfReport(report(reporter, QStringLiteral("user"), repeat.id,
                                          QStringLiteral("spam"))),
                      QStringLiteral("priority"))
                .toDouble();
        const double without = caseField(caseOfReport(report(reporter, QStringLiteral("user"),
                                                             clean.id, QStringLiteral("spam"))),
                                         QStringLiteral("priority"))
                                   .toDouble();
        QVERIFY2(near(withStrikes / without, strikeTerm(2), 1e-3),
                 qPrintable(QStringLiteral("%1 vs %2").arg(withStrikes).arg(without)));
    }

    void reportersWithAGoodRecordAreTrustedMore()
    {
        const Member good = newMember();
        const Member poor = newMember();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 3; ++i) {
            closeCase(caseOfReport(report(good, QStringLiteral("user"), newMember().id,
                                          QStringLiteral("spam"))),
                      QStringLiteral("resolved"), now);
            closeCase(caseOfReport(report(poor, QStringLiteral("user"), newMember().id,
                                          QStringLiteral("spam"))),
                      QStringLiteral("dismissed"), now);
        }
        const double trusted =
            caseField(caseOfReport(report(good, QStringLiteral("user"), newMember().id,
                                          QStringLiteral("spam"))),
                      QStringLiteral("priority"))
                .toDouble();
        const double doubted =
            caseField(caseOfReport(report(poor, QStringLiteral("user"), newMember().id,
                                          QStringLiteral("spam"))),
                      QStringLiteral("priority"))
                .toDouble();
        QVERIFY(trusted > doubted);
        QVERIFY(near(trusted, 10.0 * reporterTrust(0, 3, 0), 0.01));
        QVERIFY(near(doubted, 10.0 * reporterTrust(0, 0, 3), 0.01));
    }

    void recomputeAddsTheAgeTerm()
    {
        const Member reporter = newMember();
        const Member subject = newMember();
        const qint64 caseId = caseOfReport(
            report(reporter, QStringLiteral("user"), subject.id, QStringLiteral("spam")));
        const double fresh = caseField(caseId, QStringLiteral("priority")).toDouble();
        const qint64 sla = caseField(caseId, QStringLiteral("sla_due_at")).toLongLong();
        // Ten hours of waiting, as if the case had been opened earlier.
        QVERIFY(exec(QStringLiteral("UPDATE cases SET opened_at = opened_at - :d WHERE id = :c"),
                     {{QStringLiteral(":d"), 10 * kHour}, {QStringLiteral(":c"), caseId}}));
        const qint64 seqBefore =
            sql(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events")).toLongLong();
        {
            Database db(DatabaseUrl::parse(m_server.databaseUrl()).value());
            SystemClock clock;
            EventLog events(db, clock);
            Cases cases(db, clock, events);
            QVERIFY(cases.recomputePriorities(clock.nowMs()) >= 1);
            // Nothing changed since: a second pass changes nothing.
            QCOMPARE(cases.recomputePriorities(clock.nowMs()), 0);
        }
        const double aged = caseField(caseId, QStringLiteral("priority")).toDouble();
        QVERIFY2(near(aged - fresh, 10.0, 0.01),
                 qPrintable(QStringLiteral("%1 -> %2").arg(fresh).arg(aged)));
        QCOMPARE(caseField(caseId, QStringLiteral("sla_due_at")).toLongLong(), sla);
        const QString data = sql(QStringLiteral("SELECT data FROM events WHERE type = "
                                                "'case.priorities_refreshed' AND seq > :s"),
                                 {{QStringLiteral(":s"), seqBefore}})
                                 .toString();
        QVERIFY2(QJsonDocument::fromJson(data.toUtf8())
                     .object()
                     .value(QStringLiteral("case_ids"))
                     .toArray()
                     .contains(caseId),
                 qPrintable(data));
        // Closed cases are left alone.
        closeCase(caseId, QStringLiteral("dismissed"), QDateTime::currentMSecsSinceEpoch());
        QVERIFY(exec(QStringLiteral("UPDATE cases SET opened_at = opened_at - :d WHERE id = :c"),
                     {{QStringLiteral(":d"), 10 * kHour}, {QStringLiteral(":c"), caseId}}));
        {
            Database db(DatabaseUrl::parse(m_server.databaseUrl()).value());
            SystemClock clock;
            EventLog events(db, clock);
            Cases(db, clock, events).recomputePriorities(clock.nowMs());
        }
        QCOMPARE(caseField(caseId, QStringLiteral("priority")).toDouble(), aged);
    }

    void theServerRefreshesPrioritiesByItself()
    {
        // A server of its own whose maintenance jobs run every second.
        TestServer server;
        QVERIFY2(server.start({QStringLiteral("--maintenance-interval"), QStringLiteral("1")}),
                 qPrintable(server.error()));
        QList<Member> members;
        for (int i = 0; i < 2; ++i) {
            const QString email = QStringLiteral("jobs%1@example.com").arg(i);
            TestHttp http(server.baseUrl());
            const auto reg =
                http.post(QStringLiteral("/api/v1/auth/register"),
                          {{QStringLiteral("email"), email},
                           {QStringLiteral("password"), QStringLiteral("learning-is-fun")},
                           {QStringLiteral("name"), QStringLiteral("Jobs %1").arg(i)}});
            const auto login =
                http.post(QStringLiteral("/api/v1/auth/login"),
                          {{QStringLiteral("email"), email},
                           {QStringLiteral("password"), QStringLiteral("learning-is-fun")}});
            members.push_back({reg.json().value(QStringLiteral("id")).toInteger(),
                               login.json().value(QStringLiteral("access_token")).toString()});
        }
        TestHttp http(server.baseUrl());
        http.setBearer(members.at(0).token);
        const auto r =
            http.post(QStringLiteral("/api/v1/reports"),
                      {{QStringLiteral("subject"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                                    {QStringLiteral("id"), members.at(1).id}}},
                       {QStringLiteral("category"), QStringLiteral("spam")},
                       {QStringLiteral("description"), QStringLiteral("Sells followers.")}});
        QCOMPARE(r.status, 201);
        const QVariantMap report{
            {QStringLiteral(":r"), r.json().value(QStringLiteral("id")).toInteger()}};
        const QString priority = QStringLiteral(
            "SELECT priority FROM cases WHERE id = (SELECT case_id FROM reports WHERE id = :r)");
        const double fresh = sqlScalar(server.databaseUrl(), priority, report).toDouble();
        QVERIFY(sqlExec(server.databaseUrl(),
                        QStringLiteral("UPDATE cases SET opened_at = opened_at - :d WHERE id = "
                                       "(SELECT case_id FROM reports WHERE id = :r)"),
                        {{QStringLiteral(":d"), 5 * kHour},
                         {QStringLiteral(":r"), report.value(QStringLiteral(":r"))}}));
        QTRY_VERIFY_WITH_TIMEOUT(
            near(sqlScalar(server.databaseUrl(), priority, report).toDouble() - fresh, 5.0, 0.01),
            10000);
        QVERIFY2(server.stop(), qPrintable(server.error()));
    }

    // Appeals -------------------------------------------------------------------------------------

    void appealOfAResolvedCase()
    {
        const Member reporter = newMember();
        const Member sanctioned = newMember();
        const qint64 caseId = caseOfReport(
            report(reporter, QStringLiteral("user"), sanctioned.id, QStringLiteral("harassment")));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        closeCase(caseId, QStringLiteral("resolved"), now - kDay);
        addSanction(sanctioned.id, caseId, 1, now - kDay);
        const int version = caseField(caseId, QStringLiteral("version")).toInt();

        const QJsonObject body{
            {QStringLiteral("case_id"), caseId},
            {QStringLiteral("body"), QStringLiteral("It was a misunderstanding.")}};
        // Not the sanctioned member: the case is not theirs to appeal (and not shown to exist).
        verifyProblem(as(reporter).post(QStringLiteral("/api/v1/appeals"), body), 404,
                      pt::kNotFound);
        const auto r = as(sanctioned).post(QStringLiteral("/api/v1/appeals"), body);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(r.json().value(QStringLiteral("case_id")).toInteger(), caseId);
        QCOMPARE(caseField(caseId, QStringLiteral("status")).toString(),
                 QStringLiteral("appealed"));
        QCOMPARE(caseField(caseId, QStringLiteral("version")).toInt(), version + 1);
        QCOMPARE(sql(QStringLiteral("SELECT user_id FROM appeals WHERE case_id = :c"),
                     {{QStringLiteral(":c"), caseId}})
                     .toLongLong(),
                 sanctioned.id);
        QCOMPARE(eventCount(QStringLiteral("case.appealed"), QString::number(caseId)), 1);

        // Once per case.
        verifyProblem(as(sanctioned).post(QStringLiteral("/api/v1/appeals"), body), 409,
                      pt::kConflict);
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM appeals WHERE case_id = :c"),
                     {{QStringLiteral(":c"), caseId}})
                     .toInt(),
                 1);
        // An appealed case counts as open: a new report on the subject joins it.
        QCOMPARE(caseOfReport(report(newMember(), QStringLiteral("user"), sanctioned.id,
                                     QStringLiteral("spam"))),
                 caseId);
    }

    void appealRules_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<qint64>("closedAgo");
        QTest::addColumn<int>("expected");
        QTest::newRow("resolved 19 days ago") << "resolved" << 19 * kDay << 201;
        QTest::newRow("resolved 21 days ago") << "resolved" << 21 * kDay << 409;
        QTest::newRow("still open") << "open" << qint64(-1) << 409;
        QTest::newRow("assigned") << "assigned" << qint64(-1) << 409;
        QTest::newRow("dismissed") << "dismissed" << kDay << 409;
        QTest::newRow("appeal decided") << "appeal_upheld" << kDay << 409;
    }

    void appealRules()
    {
        QFETCH(QString, status);
        QFETCH(qint64, closedAgo);
        QFETCH(int, expected);
        const Member sanctioned = newMember();
        const qint64 caseId = caseOfReport(
            report(newMember(), QStringLiteral("user"), sanctioned.id, QStringLiteral("spam")));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (closedAgo >= 0)
            closeCase(caseId, status, now - closedAgo);
        else
            QVERIFY(exec(QStringLiteral("UPDATE cases SET status = :s WHERE id = :c"),
                         {{QStringLiteral(":s"), status}, {QStringLiteral(":c"), caseId}}));
        addSanction(sanctioned.id, caseId, 1, now - kDay);
        const auto r = as(sanctioned)
                           .post(QStringLiteral("/api/v1/appeals"),
                                 {{QStringLiteral("case_id"), caseId},
                                  {QStringLiteral("body"), QStringLiteral("Please.")}});
        QVERIFY2(r.status == expected, r.body.constData());
        QCOMPARE(caseField(caseId, QStringLiteral("status")).toString(),
                 expected == 201 ? QStringLiteral("appealed") : status);
        // A move the case state table refuses is a case-state problem; a closed window a
        // plain conflict.
        if (expected != 201)
            QCOMPARE(r.problemType(),
                     status == QStringLiteral("resolved") ? pt::kConflict : pt::kCaseState);
    }

    void appealNeedsASanctionOnThatCase()
    {
        const Member member = newMember();
        const qint64 caseId = caseOfReport(
            report(newMember(), QStringLiteral("user"), member.id, QStringLiteral("spam")));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        closeCase(caseId, QStringLiteral("resolved"), now - kDay);
        // A sanction of the member from another case does not make this case theirs.
        const qint64 other = caseOfReport(
            report(newMember(), QStringLiteral("user"), newMember().id, QStringLiteral("spam")));
        addSanction(member.id, other, 1, now - kDay);
        verifyProblem(as(member).post(QStringLiteral("/api/v1/appeals"),
                                      {{QStringLiteral("case_id"), caseId},
                                       {QStringLiteral("body"), QStringLiteral("Why?")}}),
                      404, pt::kNotFound);
        QCOMPARE(caseField(caseId, QStringLiteral("status")).toString(),
                 QStringLiteral("resolved"));
    }

    void badAppeals_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("empty") << QByteArray("{}") << 400 << "case_id";
        QTest::newRow("case id string")
            << QByteArray(R"({"case_id":"1","body":"x"})") << 400 << "case_id";
        QTest::newRow("case id zero")
            << QByteArray(R"({"case_id":0,"body":"x"})") << 400 << "case_id";
        QTest::newRow("no body") << QByteArray(R"({"case_id":1})") << 400 << "body";
        QTest::newRow("blank body") << QByteArray(R"({"case_id":1,"body":" "})") << 400 << "body";
        QTest::newRow("body too long")
            << QByteArray(R"({"case_id":1,"body":")" + QByteArray(4001, 'b') + R"("})") << 400
            << "body";
        QTest::newRow("unknown field")
            << QByteArray(R"({"case_id":1,"body":"x","urgent":1})") << 400 << "urgent";
        QTest::newRow("not json") << QByteArray("case_id=1") << 400 << "";
        QTest::newRow("no such case")
            << QByteArray(R"({"case_id":99999999,"body":"x"})") << 404 << "";
    }

    void badAppeals()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const int before = sql(QStringLiteral("SELECT COUNT(*) FROM appeals")).toInt();
        const auto r = as(m_people["ana"])
                           .send("POST", QStringLiteral("/api/v1/appeals"), body,
                                 {{"Content-Type", "application/json"}});
        QVERIFY2(r.status == status, r.body.constData());
        QVERIFY(r.isProblem());
        if (!field.isEmpty())
            QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                     r.body.constData());
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM appeals")).toInt(), before);
    }
};

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"
