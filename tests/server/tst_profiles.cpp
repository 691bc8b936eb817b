// Member profiles, availability, member skills and peer assessments against the real server:
// If-Match (412 with the current version, 428 without), validation tables for every endpoint,
// tiers, the public profile (rating window, no email or phone), and assessment rules.
#include "protocol/problem.h"
#include "server/domain/profiles/skilltier.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

using namespace skillex::testutils;
using skillex::server::SkillTier;
using skillex::server::tierFor;
namespace pt = skillex::protocol::problemtype;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

struct Member {
    qint64 id = 0;
    QString token;
};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestProfiles : public QObject {
    Q_OBJECT
    TestServer m_server;
    int m_members = 0;
    int m_holds = 0;

    Member newMember(const QString &name)
    {
        const QString email = QStringLiteral("member%1@example.com").arg(++m_members);
        TestHttp http(m_server.baseUrl());
        const auto reg = http.post(QStringLiteral("/api/v1/auth/register"),
                                   {{QStringLiteral("email"), email},
                                    {QStringLiteral("password"), QStringLiteral("learning-is-fun")},
                                    {QStringLiteral("name"), name}});
        const auto login =
            http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("learning-is-fun")}});
        if (reg.status != 201 || login.status != 200)
            qWarning() << "member setup failed" << reg.body << login.body;
        return {reg.json().value(QStringLiteral("id")).toInteger(),
                login.json().value(QStringLiteral("access_token")).toString()};
    }

    Member staff()
    {
        const auto account = m_server.createStaff(QStringLiteral("admin"));
        const auto login = TestHttp(m_server.baseUrl())
                               .post(QStringLiteral("/api/v1/auth/login"),
                                     {{QStringLiteral("email"), account.email},
                                      {QStringLiteral("password"), account.password}});
        return {0, login.json().value(QStringLiteral("access_token")).toString()};
    }

    TestResponse call(const Member &m, const QByteArray &method, const QString &path,
                      const QByteArray &body = {}, QHash<QByteArray, QByteArray> headers = {})
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        if (!body.isEmpty() && !headers.contains("Content-Type"))
            headers.insert("Content-Type", "application/json");
        return http.send(method, path, body, headers);
    }

    QVariant scalar(const QString &sql, const QVariantMap &bindings = {})
    {
        QString error;
        const QVariant v = sqlScalar(m_server.databaseUrl(), sql, bindings, &error);
        if (!error.isEmpty())
            qWarning() << sql << error;
        return v;
    }

    int eventCount(const QString &type, const QString &subjectId)
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = :t AND "
                                     "subject_id = :s"),
                      {{QStringLiteral(":t"), type}, {QStringLiteral(":s"), subjectId}})
            .toInt();
    }

    qint64 skillId(const QString &slug)
    {
        return scalar(QStringLiteral("SELECT id FROM skills WHERE slug = :s"),
                      {{QStringLiteral(":s"), slug}})
            .toLongLong();
    }

    // Sessions and bookings are written directly: the sessions API is another area's.
    qint64 insertSession(qint64 teacher, const QString &status, qint64 startsAt = 0)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        return scalar(QStringLiteral("INSERT INTO sessions (teacher_id, skill_id, title, "
                                     "starts_at, duration_minutes, price, capacity, status, "
                                     "created_at, updated_at) VALUES (:t, :k, 'Test session', "
                                     ":s, 60, 10, 8, :st, :c, :u) RETURNING id"),
                      {{QStringLiteral(":t"), teacher},
                       {QStringLiteral(":k"), skillId(QStringLiteral("python"))},
                       {QStringLiteral(":s"), startsAt ? startsAt : now - 2 * kDayMs},
                       {QStringLiteral(":st"), status},
                       {QStringLiteral(":c"), now - 3 * kDayMs},
                       {QStringLiteral(":u"), now}})
            .toLongLong();
    }

    bool insertBooking(qint64 session, qint64 learner, const QString &status)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QString error;
        const bool ok = sqlExec(
            m_server.databaseUrl(),
            QStringLiteral("INSERT INTO bookings (session_id, learner_id, status, price, "
                           "hold_transfer_id, created_at, updated_at) VALUES (:s, :l, :st, 10, "
                           ":h, :c, :u)"),
            {{QStringLiteral(":s"), session},
             {QStringLiteral(":l"), learner},
             {QStringLiteral(":st"), status},
             {QStringLiteral(":h"), QStringLiteral("test-hold-%1").arg(++m_holds)},
             {QStringLiteral(":c"), now},
             {QStringLiteral(":u"), now}},
            &error);
        if (!ok)
            qWarning() << "booking insert failed:" << error;
        return ok;
    }

    bool insertReview(qint64 session, qint64 reviewer, qint64 reviewee, int k, int c, int p,
                      qint64 at, bool hidden = false)
    {
        QString error;
        const bool ok = sqlExec(
            m_server.databaseUrl(),
            QStringLiteral("INSERT INTO reviews (session_id, reviewer_id, reviewee_id, knowledge, "
                           "communication, professionalism, body, created_at, hidden_at) VALUES "
                           "(:s, :r, :e, :k, :c, :p, 'ok', :at, %1)")
                .arg(hidden ? QString::number(at) : QStringLiteral("NULL")),
            {{QStringLiteral(":s"), session},
             {QStringLiteral(":r"), reviewer},
             {QStringLiteral(":e"), reviewee},
             {QStringLiteral(":k"), k},
             {QStringLiteral(":c"), c},
             {QStringLiteral(":p"), p},
             {QStringLiteral(":at"), at}},
            &error);
        if (!ok)
            qWarning() << "review insert failed:" << error;
        return ok;
    }

    qint64 addSkill(const Member &m, const QString &slug, const QString &direction, int proficiency)
    {
        const auto r = call(m, "POST", QStringLiteral("/api/v1/me/skills"),
                            json({{QStringLiteral("skill_id"), skillId(slug)},
                                  {QStringLiteral("direction"), direction},
                                  {QStringLiteral("proficiency"), proficiency}}));
        if (r.status != 201)
            qWarning() << "add skill failed" << r.status << r.body;
        return r.json().value(QStringLiteral("id")).toInteger();
    }

    TestResponse assess(const Member &assessor, qint64 user, qint64 memberSkill, int score)
    {
        return call(
            assessor, "POST",
            QStringLiteral("/api/v1/users/%1/skills/%2/assessments").arg(user).arg(memberSkill),
            json({{QStringLiteral("score"), score}}));
    }

    Member m_alice; // profile and availability tests
    Member m_bob;   // member skills tests
    Member m_carol; // has a skill for the bad-assessment table
    qint64 m_aliceSkill = 0;
    qint64 m_carolSkill = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_alice = newMember(QStringLiteral("Alice Rossi"));
        m_bob = newMember(QStringLiteral("Bob Weber"));
        m_carol = newMember(QStringLiteral("Carol Nair"));
        QVERIFY(m_alice.id > 0 && m_bob.id > 0 && m_carol.id > 0);
        m_carolSkill = addSkill(m_carol, QStringLiteral("sitar"), QStringLiteral("teach"), 70);
        m_aliceSkill =
            addSkill(m_alice, QStringLiteral("fresh-pasta"), QStringLiteral("teach"), 40);
        QVERIFY(m_carolSkill > 0 && m_aliceSkill > 0);
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void tiersHaveTheirBoundaries_data()
    {
        QTest::addColumn<int>("proficiency");
        QTest::addColumn<int>("tier");
        QTest::newRow("0") << 0 << int(SkillTier::Beginner);
        QTest::newRow("29") << 29 << int(SkillTier::Beginner);
        QTest::newRow("30") << 30 << int(SkillTier::Intermediate);
        QTest::newRow("59") << 59 << int(SkillTier::Intermediate);
        QTest::newRow("60") << 60 << int(SkillTier::Advanced);
        QTest::newRow("84") << 84 << int(SkillTier::Advanced);
        QTest::newRow("85") << 85 << int(SkillTier::Expert);
        QTest::newRow("100") << 100 << int(SkillTier::Expert);
    }

    void tiersHaveTheirBoundaries()
    {
        QFETCH(int, proficiency);
        QFETCH(int, tier);
        QCOMPARE(int(tierFor(proficiency)), tier);
    }

    // Profile ------------------------------------------------------------------------------

    void ownProfileCarriesVersionAndEtag()
    {
        const auto r = call(m_alice, "GET", QStringLiteral("/api/v1/me/profile"));
        QCOMPARE(r.status, 200);
        const QJsonObject p = r.json();
        QCOMPARE(p.value(QStringLiteral("id")).toInteger(), m_alice.id);
        QCOMPARE(p.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Rossi"));
        QCOMPARE(p.value(QStringLiteral("timezone")).toString(), QStringLiteral("UTC"));
        QCOMPARE(p.value(QStringLiteral("languages")).toArray().size(), 0);
        QVERIFY(
            p.value(QStringLiteral("email")).toString().endsWith(QLatin1String("@example.com")));
        const int version = p.value(QStringLiteral("version")).toInt();
        QVERIFY(version >= 1);
        QCOMPARE(r.header("etag"), QByteArray('"' + QByteArray::number(version) + '"'));
    }

    void patchWithoutIfMatchIs428AndChangesNothing()
    {
        const auto before = call(m_alice, "GET", QStringLiteral("/api/v1/me/profile")).json();
        const auto r = call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"),
                            json({{QStringLiteral("bio"), QStringLiteral("unconditional")}}));
        QCOMPARE(r.status, 428);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), pt::kPreconditionRequired);
        QCOMPARE(call(m_alice, "GET", QStringLiteral("/api/v1/me/profile")).json(), before);
    }

    void patchUpdatesEveryFieldAndBumpsTheVersion()
    {
        const auto before = call(m_alice, "GET", QStringLiteral("/api/v1/me/profile"));
        const int version = before.json().value(QStringLiteral("version")).toInt();
        const QJsonObject patch{
            {QStringLiteral("name"), QStringLiteral("  Alice Rossi-Sharma ")},
            {QStringLiteral("phone"), QStringLiteral("+39 06 1234 5678")},
            {QStringLiteral("avatar_url"), QStringLiteral("https://cdn.example.com/a/alice.png")},
            {QStringLiteral("languages"),
             QJsonArray{QStringLiteral("it"), QStringLiteral("en"), QStringLiteral("hi")}},
            {QStringLiteral("timezone"), QStringLiteral("Europe/Rome")},
            {QStringLiteral("bio"), QStringLiteral("Pasta fresca & Python.\nHappy to teach.")}};
        const auto r = call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"), json(patch),
                            {{"If-Match", before.header("etag")}});
        QCOMPARE(r.status, 200);
        const QJsonObject p = r.json();
        QCOMPARE(p.value(QStringLiteral("version")).toInt(), version + 1);
        QCOMPARE(r.header("etag"), QByteArray('"' + QByteArray::number(version + 1) + '"'));
        QCOMPARE(p.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Rossi-Sharma"));
        QCOMPARE(p.value(QStringLiteral("phone")).toString(), QStringLiteral("+39 06 1234 5678"));
        QCOMPARE(p.value(QStringLiteral("languages")).toArray(),
                 patch.value("languages").toArray());
        QCOMPARE(p.value(QStringLiteral("timezone")).toString(), QStringLiteral("Europe/Rome"));
        QCOMPARE(p.value(QStringLiteral("bio")).toString(), patch.value("bio").toString());
        // Stored, not only echoed: the account name too.
        QCOMPARE(call(m_alice, "GET", QStringLiteral("/api/v1/me/profile")).json(), p);
        QCOMPARE(scalar(QStringLiteral("SELECT name FROM users WHERE id = :u"),
                        {{QStringLiteral(":u"), m_alice.id}})
                     .toString(),
                 QStringLiteral("Alice Rossi-Sharma"));
        QCOMPARE(eventCount(QStringLiteral("member.profile_updated"), QString::number(m_alice.id)),
                 1);
        // The event names the fields, never their values.
        const QString data = scalar(QStringLiteral("SELECT data FROM events WHERE type = "
                                                   "'member.profile_updated' AND subject_id = :s"),
                                    {{QStringLiteral(":s"), QString::number(m_alice.id)}})
                                 .toString();
        QVERIFY(data.contains(QLatin1String("phone")));
        QVERIFY(!data.contains(QLatin1String("1234")));
    }

    void patchWithStaleIfMatchIs412WithTheCurrentProfile()
    {
        const auto current = call(m_alice, "GET", QStringLiteral("/api/v1/me/profile"));
        const int version = current.json().value(QStringLiteral("version")).toInt();
        const QByteArray stale = '"' + QByteArray::number(version - 1) + '"';
        const auto r = call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"),
                            json({{QStringLiteral("bio"), QStringLiteral("lost update")}}),
                            {{"If-Match", stale}});
        QCOMPARE(r.status, 412);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), pt::kPreconditionFailed);
        const QJsonObject shown = r.json().value(QStringLiteral("current")).toObject();
        QCOMPARE(shown.value(QStringLiteral("version")).toInt(), version);
        QCOMPARE(shown, current.json());
        QCOMPARE(r.header("etag"), current.header("etag"));
        // Garbage and weak tags never match either; "*" does.
        for (const QByteArray &tag :
             {QByteArray("banana"), QByteArray("W/") + current.header("etag"),
              QByteArray("\"\"")}) {
            QCOMPARE(call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"),
                          json({{QStringLiteral("bio"), QStringLiteral("x")}}), {{"If-Match", tag}})
                         .status,
                     412);
        }
        QCOMPARE(call(m_alice, "GET", QStringLiteral("/api/v1/me/profile")).json(), current.json());
        const auto any = call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"),
                              json({{QStringLiteral("bio"), QStringLiteral("any version")}}),
                              {{"If-Match", "\"1\", " + current.header("etag")}});
        QCOMPARE(any.status, 200);
        QCOMPARE(any.json().value(QStringLiteral("version")).toInt(), version + 1);
    }

    void bioLengthCountsCharactersNotBytes()
    {
        // 2,000 Devanagari letters and 2,000 emoji (two UTF-16 units each) are both 2,000.
        const QString devanagari = QString(2000, QChar(0x0915));
        QString emoji;
        for (int i = 0; i < 2000; ++i)
            emoji += QString::fromUcs4(U"\U0001F3B8", 1);
        for (const QString &bio : {devanagari, emoji}) {
            const auto r = call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"),
                                json({{QStringLiteral("bio"), bio}}), {{"If-Match", "*"}});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value(QStringLiteral("bio")).toString(), bio);
        }
        const auto over =
            call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"),
                 json({{QStringLiteral("bio"), emoji + QStringLiteral("!")}}), {{"If-Match", "*"}});
        QCOMPARE(over.status, 400);
    }

    void badProfilePatchesAre4xxAndChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("field");
        const QString v = pt::kValidation;
        const auto row = [&](const char *name, const QByteArray &body, const char *field) {
            QTest::newRow(name) << body << 400 << v << QString::fromLatin1(field);
        };
        row("empty name", R"({"name":"   "})", "name");
        row("name not a string", R"({"name":42})", "name");
        row("name with control char", R"({"name":"Al\u0001ice"})", "name");
        row("name with newline", R"({"name":"Al\nice"})", "name");
        row("name too long", "{\"name\":\"" + QByteArray(201, 'a') + "\"}", "name");
        row("name far too long", "{\"name\":\"" + QByteArray(5000, 'a') + "\"}", "name");
        row("phone letters", R"({"phone":"call me"})", "phone");
        row("phone too few digits", R"({"phone":"+1"})", "phone");
        row("phone too many digits", R"({"phone":"+1234567890123456"})", "phone");
        row("avatar not https", "{\"avatar_url\":\"http://cdn.example.com/a.png\"}", "avatar_url");
        row("avatar javascript", R"j({"avatar_url":"javascript:alert(1)"})j", "avatar_url");
        row("avatar no host", "{\"avatar_url\":\"https:///a.png\"}", "avatar_url");
        row("avatar with credentials", "{\"avatar_url\":\"https://u:p@cdn.example.com/a\"}",
            "avatar_url");
        row("avatar too long",
            "{\"avatar_url\":\"https://cdn.example.com/" + QByteArray(2100, 'a') + "\"}",
            "avatar_url");
        row("language unknown", R"({"languages":["xx"]})", "languages");
        row("language three letters", R"({"languages":["eng"]})", "languages");
        row("language upper case", R"({"languages":["EN"]})", "languages");
        row("language repeated", R"({"languages":["en","de","en"]})", "languages");
        row("languages eleven",
            R"({"languages":["en","de","it","hi","fr","es","pt","ja","zh","ar","ru"]})",
            "languages");
        row("languages not a list", R"({"languages":"en"})", "languages");
        row("languages with a number", R"({"languages":["en",7]})", "languages");
        row("timezone unknown", R"({"timezone":"Mars/Olympus_Mons"})", "timezone");
        row("timezone offset, not IANA", R"({"timezone":"UTC+05:30"})", "timezone");
        row("timezone empty", R"({"timezone":""})", "timezone");
        row("timezone path trick", R"({"timezone":"../../etc/passwd"})", "timezone");
        row("bio too long", "{\"bio\":\"" + QByteArray(2001, 'b') + "\"}", "bio");
        row("bio with NUL", R"({"bio":"a\u0000b"})", "bio");
        row("bio not a string", R"({"bio":["a"]})", "bio");
        row("unknown field", R"({"email":"new@example.com"})", "email");
        row("version in body", R"({"version":3,"bio":"x"})", "version");
        row("nothing to change", R"({})", "");
        QTest::newRow("not JSON") << QByteArray("{bio:") << 400 << pt::kMalformedJson << QString();
        QTest::newRow("an array") << QByteArray("[]") << 400 << pt::kMalformedJson << QString();
    }

    void badProfilePatchesAre4xxAndChangeNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, field);
        const auto before = call(m_alice, "GET", QStringLiteral("/api/v1/me/profile")).json();
        const auto r =
            call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"), body, {{"If-Match", "*"}});
        QCOMPARE(r.status, status);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), type);
        if (!field.isEmpty())
            QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                     r.body.constData());
        QCOMPARE(call(m_alice, "GET", QStringLiteral("/api/v1/me/profile")).json(), before);
    }

    void profileBodyMustBeJson()
    {
        const auto r =
            call(m_alice, "PATCH", QStringLiteral("/api/v1/me/profile"), QByteArray("bio=x"),
                 {{"If-Match", "*"}, {"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(r.status, 415);
        QCOMPARE(r.problemType(), pt::kUnsupportedMediaType);
    }

    void onlySignedInMembersHaveProfiles()
    {
        const Member anonymous;
        const Member admin = staff();
        QVERIFY(!admin.token.isEmpty());
        const QList<QPair<QByteArray, QString>> endpoints = {
            {"GET", QStringLiteral("/api/v1/me/profile")},
            {"PATCH", QStringLiteral("/api/v1/me/profile")},
            {"GET", QStringLiteral("/api/v1/me/availability")},
            {"PUT", QStringLiteral("/api/v1/me/availability")},
            {"GET", QStringLiteral("/api/v1/me/skills")},
            {"POST", QStringLiteral("/api/v1/me/skills")},
            {"PATCH", QStringLiteral("/api/v1/me/skills/1")},
            {"DELETE", QStringLiteral("/api/v1/me/skills/1")},
            {"POST", QStringLiteral("/api/v1/users/1/skills/1/assessments")},
            {"GET", QStringLiteral("/api/v1/users/1")}};
        for (const auto &[method, path] : endpoints) {
            const auto r = call(anonymous, method, path, "{}", {{"If-Match", "*"}});
            QCOMPARE(r.status, 401);
            QVERIFY(r.isProblem());
            if (path.startsWith(QLatin1String("/api/v1/me/")) ||
                path.endsWith(QLatin1String("assessments"))) {
                const auto s = call(admin, method, path, "{}", {{"If-Match", "*"}});
                QVERIFY2(s.status == 403, qPrintable(path + QString::number(s.status)));
                QCOMPARE(s.problemType(), pt::kForbidden);
            }
        }
    }

    // Availability --------------------------------------------------------------------------

    void availabilityIsReplacedWholeAndReadBackInWeekOrder()
    {
        const QByteArray body = R"({"slots":[
            {"weekday":2,"start_minute":600,"end_minute":720},
            {"weekday":0,"start_minute":540,"end_minute":600},
            {"weekday":0,"start_minute":600,"end_minute":660},
            {"weekday":6,"start_minute":0,"end_minute":1440}]})";
        const auto r = call(m_alice, "PUT", QStringLiteral("/api/v1/me/availability"), body);
        QCOMPARE(r.status, 200);
        const QJsonArray weekly = r.json().value(QStringLiteral("slots")).toArray();
        QCOMPARE(weekly.size(), 4);
        QCOMPARE(weekly.at(0).toObject().value(QStringLiteral("start_minute")).toInt(), 540);
        QCOMPARE(weekly.at(1).toObject().value(QStringLiteral("start_minute")).toInt(), 600);
        QCOMPARE(weekly.at(2).toObject().value(QStringLiteral("weekday")).toInt(), 2);
        QCOMPARE(weekly.at(3).toObject().value(QStringLiteral("end_minute")).toInt(), 1440);
        QCOMPARE(call(m_alice, "GET", QStringLiteral("/api/v1/me/availability")).json(), r.json());
        QCOMPARE(
            eventCount(QStringLiteral("member.availability_updated"), QString::number(m_alice.id)),
            1);

        const auto cleared =
            call(m_alice, "PUT", QStringLiteral("/api/v1/me/availability"), R"({"slots":[]})");
        QCOMPARE(cleared.status, 200);
        QCOMPARE(cleared.json().value(QStringLiteral("slots")).toArray().size(), 0);
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM availability_slots WHERE user_id = :u"),
                   {{QStringLiteral(":u"), m_alice.id}})
                .toInt(),
            0);
        // Fifty is the most; other members' slots are untouched by anyone's save.
        QJsonArray fifty;
        for (int i = 0; i < 50; ++i)
            fifty.push_back(QJsonObject{{QStringLiteral("weekday"), i % 7},
                                        {QStringLiteral("start_minute"), (i / 7) * 60},
                                        {QStringLiteral("end_minute"), (i / 7) * 60 + 30}});
        QCOMPARE(call(m_bob, "PUT", QStringLiteral("/api/v1/me/availability"),
                      json({{QStringLiteral("slots"), fifty}}))
                     .status,
                 200);
        QCOMPARE(call(m_alice, "PUT", QStringLiteral("/api/v1/me/availability"), body).status, 200);
        QCOMPARE(call(m_bob, "GET", QStringLiteral("/api/v1/me/availability"))
                     .json()
                     .value(QStringLiteral("slots"))
                     .toArray()
                     .size(),
                 50);
    }

    void badAvailabilityIs400AndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const auto slot = [](int w, int s, int e) {
            return QStringLiteral(R"({"weekday":%1,"start_minute":%2,"end_minute":%3})")
                .arg(w)
                .arg(s)
                .arg(e)
                .toUtf8();
        };
        const auto slotList = [](const QList<QByteArray> &items) {
            QByteArray out = R"({"slots":[)";
            for (qsizetype i = 0; i < items.size(); ++i)
                out += (i ? "," : "") + items.at(i);
            return out + "]}";
        };
        QTest::newRow("overlap") << slotList({slot(1, 600, 720), slot(1, 700, 800)})
                                 << QStringLiteral("slots[1]");
        QTest::newRow("contained overlap")
            << slotList({slot(3, 0, 1440), slot(4, 0, 60), slot(3, 100, 200)})
            << QStringLiteral("slots[2]");
        QTest::newRow("identical")
            << slotList({slot(5, 60, 120), slot(5, 60, 120)}) << QStringLiteral("slots[1]");
        QTest::newRow("end equals start")
            << slotList({slot(1, 600, 600)}) << QStringLiteral("slots[0].end_minute");
        QTest::newRow("end before start")
            << slotList({slot(1, 600, 500)}) << QStringLiteral("slots[0].end_minute");
        QTest::newRow("weekday 7")
            << slotList({slot(7, 0, 60)}) << QStringLiteral("slots[0].weekday");
        QTest::newRow("weekday -1")
            << slotList({slot(-1, 0, 60)}) << QStringLiteral("slots[0].weekday");
        QTest::newRow("start 1440")
            << slotList({slot(0, 1440, 1441)}) << QStringLiteral("slots[0].start_minute");
        QTest::newRow("end 1441") << slotList({slot(0, 0, 1441)})
                                  << QStringLiteral("slots[0].end_minute");
        QTest::newRow("huge number") << slotList({slot(0, 0, 60).replace("60", "1e300")})
                                     << QStringLiteral("slots[0].end_minute");
        QTest::newRow("fraction")
            << QByteArray(R"({"slots":[{"weekday":0.5,"start_minute":0,"end_minute":60}]})")
            << QStringLiteral("slots[0].weekday");
        QTest::newRow("weekday as text")
            << QByteArray(R"({"slots":[{"weekday":"mon","start_minute":0,"end_minute":60}]})")
            << QStringLiteral("slots[0].weekday");
        QTest::newRow("missing end") << QByteArray(R"({"slots":[{"weekday":0,"start_minute":0}]})")
                                     << QStringLiteral("slots[0].end_minute");
        QTest::newRow("unknown slot field")
            << QByteArray(
                   R"({"slots":[{"weekday":0,"start_minute":0,"end_minute":60,"tz":"UTC"}]})")
            << QStringLiteral("slots[0].tz");
        QTest::newRow("slot not an object")
            << QByteArray(R"({"slots":[5]})") << QStringLiteral("slots[0]");
        QList<QByteArray> many;
        for (int i = 0; i < 51; ++i)
            many.push_back(slot(i % 7, (i / 7) * 60, (i / 7) * 60 + 30));
        QTest::newRow("51 slots") << slotList(many) << QStringLiteral("slots");
        QTest::newRow("slots missing") << QByteArray(R"({})") << QStringLiteral("slots");
        QTest::newRow("slots not a list")
            << QByteArray(R"({"slots":{}})") << QStringLiteral("slots");
        QTest::newRow("unknown field")
            << QByteArray(R"({"slots":[],"timezone":"UTC"})") << QStringLiteral("timezone");
    }

    void badAvailabilityIs400AndChangesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const auto before = call(m_alice, "GET", QStringLiteral("/api/v1/me/availability")).json();
        const auto r = call(m_alice, "PUT", QStringLiteral("/api/v1/me/availability"), body);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), pt::kValidation);
        QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                 r.body.constData());
        QCOMPARE(call(m_alice, "GET", QStringLiteral("/api/v1/me/availability")).json(), before);
    }

    // Member skills -------------------------------------------------------------------------

    void memberSkillsCrudWithTiers()
    {
        const qint64 python = skillId(QStringLiteral("python"));
        const auto added = call(m_bob, "POST", QStringLiteral("/api/v1/me/skills?lang=de"),
                                json({{QStringLiteral("skill_id"), python},
                                      {QStringLiteral("direction"), QStringLiteral("teach")},
                                      {QStringLiteral("proficiency"), 29}}));
        QCOMPARE(added.status, 201);
        const QJsonObject s = added.json();
        const qint64 id = s.value(QStringLiteral("id")).toInteger();
        QCOMPARE(s.value(QStringLiteral("skill_id")).toInteger(), python);
        QCOMPARE(s.value(QStringLiteral("tier")).toString(), QStringLiteral("beginner"));
        QCOMPARE(s.value(QStringLiteral("verified")).toBool(), false);
        QCOMPARE(
            s.value(QStringLiteral("skill")).toObject().value(QStringLiteral("slug")).toString(),
            QStringLiteral("python"));

        const auto duplicate = call(m_bob, "POST", QStringLiteral("/api/v1/me/skills"),
                                    json({{QStringLiteral("skill_id"), python},
                                          {QStringLiteral("direction"), QStringLiteral("teach")},
                                          {QStringLiteral("proficiency"), 90}}));
        QCOMPARE(duplicate.status, 409);
        QCOMPARE(duplicate.problemType(), pt::kConflict);
        // The same skill to learn is a different entry.
        const qint64 learn = addSkill(m_bob, QStringLiteral("python"), QStringLiteral("learn"), 60);
        QVERIFY(learn > 0 && learn != id);

        const QList<QPair<int, QString>> tiers = {{30, QStringLiteral("intermediate")},
                                                  {84, QStringLiteral("advanced")},
                                                  {85, QStringLiteral("expert")},
                                                  {0, QStringLiteral("beginner")}};
        for (const auto &[proficiency, tier] : tiers) {
            const auto r = call(m_bob, "PATCH", QStringLiteral("/api/v1/me/skills/%1").arg(id),
                                json({{QStringLiteral("proficiency"), proficiency}}));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value(QStringLiteral("proficiency")).toInt(), proficiency);
            QCOMPARE(r.json().value(QStringLiteral("tier")).toString(), tier);
        }

        const auto list = call(m_bob, "GET", QStringLiteral("/api/v1/me/skills?limit=1"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(QStringLiteral("items")).toArray().size(), 1);
        const QString next = list.json().value(QStringLiteral("next")).toString();
        QVERIFY(!next.isEmpty());
        const auto page2 = call(m_bob, "GET", QStringLiteral("/api/v1/me/skills?after=") + next);
        QCOMPARE(page2.json().value(QStringLiteral("items")).toArray().size(), 1);
        QVERIFY(page2.json().value(QStringLiteral("next")).isNull());

        // Nobody else can change or remove it; for them it does not exist.
        QCOMPARE(call(m_alice, "PATCH", QStringLiteral("/api/v1/me/skills/%1").arg(id),
                      json({{QStringLiteral("proficiency"), 100}}))
                     .status,
                 404);
        QCOMPARE(call(m_alice, "DELETE", QStringLiteral("/api/v1/me/skills/%1").arg(id)).status,
                 404);

        QCOMPARE(call(m_bob, "DELETE", QStringLiteral("/api/v1/me/skills/%1").arg(id)).status, 204);
        QCOMPARE(call(m_bob, "DELETE", QStringLiteral("/api/v1/me/skills/%1").arg(id)).status, 404);
        const auto after = call(m_bob, "GET", QStringLiteral("/api/v1/me/skills")).json();
        QCOMPARE(after.value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(after.value(QStringLiteral("items"))
                     .toArray()
                     .first()
                     .toObject()
                     .value("id")
                     .toInteger(),
                 learn);
        const QString subject = QString::number(id);
        QCOMPARE(eventCount(QStringLiteral("member.skill_added"), subject), 1);
        QCOMPARE(eventCount(QStringLiteral("member.skill_updated"), subject), 4);
        QCOMPARE(eventCount(QStringLiteral("member.skill_removed"), subject), 1);
    }

    void deprecatedSkillsAreRefusedMergedOnesAddTheirTarget()
    {
        QVERIFY(sqlExec(
            m_server.databaseUrl(),
            QStringLiteral("UPDATE skills SET status = 'deprecated' WHERE slug = 'djing'")));
        const auto deprecated =
            call(m_bob, "POST", QStringLiteral("/api/v1/me/skills"),
                 json({{QStringLiteral("skill_id"), skillId(QStringLiteral("djing"))},
                       {QStringLiteral("direction"), QStringLiteral("teach")},
                       {QStringLiteral("proficiency"), 50}}));
        QCOMPARE(deprecated.status, 409);
        QCOMPARE(deprecated.problemType(), pt::kConflict);

        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE skills SET status = 'deprecated', merged_into = "
                                       ":t WHERE slug = 'typescript'"),
                        {{QStringLiteral(":t"), skillId(QStringLiteral("javascript"))}}));
        const auto merged =
            call(m_bob, "POST", QStringLiteral("/api/v1/me/skills"),
                 json({{QStringLiteral("skill_id"), skillId(QStringLiteral("typescript"))},
                       {QStringLiteral("direction"), QStringLiteral("learn")},
                       {QStringLiteral("proficiency"), 10}}));
        QCOMPARE(merged.status, 201);
        QCOMPARE(merged.json().value(QStringLiteral("skill_id")).toInteger(),
                 skillId(QStringLiteral("javascript")));

        const auto unknown = call(m_bob, "POST", QStringLiteral("/api/v1/me/skills"),
                                  json({{QStringLiteral("skill_id"), 987654321},
                                        {QStringLiteral("direction"), QStringLiteral("learn")},
                                        {QStringLiteral("proficiency"), 10}}));
        QCOMPARE(unknown.status, 400);
        QVERIFY(unknown.json().value(QStringLiteral("errors")).toObject().contains("skill_id"));
    }

    void badMemberSkillRequestsAre4xx_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("target"); // "post", "patch", "assess"
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const auto post = [](const char *name, const QByteArray &body, const char *field) {
            QTest::newRow(name) << QByteArray("POST") << QStringLiteral("post") << body
                                << QString::fromLatin1(field);
        };
        post("post: skill_id missing", R"({"direction":"teach","proficiency":5})", "skill_id");
        post("post: skill_id text", R"({"skill_id":"1","direction":"teach","proficiency":5})",
             "skill_id");
        post("post: skill_id 0", R"({"skill_id":0,"direction":"teach","proficiency":5})",
             "skill_id");
        post("post: skill_id fraction", R"({"skill_id":1.5,"direction":"teach","proficiency":5})",
             "skill_id");
        post("post: skill_id huge", R"({"skill_id":1e30,"direction":"teach","proficiency":5})",
             "skill_id");
        post("post: direction both", R"({"skill_id":1,"direction":"both","proficiency":5})",
             "direction");
        post("post: direction missing", R"({"skill_id":1,"proficiency":5})", "direction");
        post("post: direction upper case", R"({"skill_id":1,"direction":"TEACH","proficiency":5})",
             "direction");
        post("post: proficiency 101", R"({"skill_id":1,"direction":"teach","proficiency":101})",
             "proficiency");
        post("post: proficiency -1", R"({"skill_id":1,"direction":"teach","proficiency":-1})",
             "proficiency");
        post("post: proficiency text", R"({"skill_id":1,"direction":"teach","proficiency":"50"})",
             "proficiency");
        post("post: unknown field",
             R"({"skill_id":1,"direction":"teach","proficiency":5,"verified":true})", "verified");
        const auto patch = [](const char *name, const QByteArray &body, const char *field) {
            QTest::newRow(name) << QByteArray("PATCH") << QStringLiteral("patch") << body
                                << QString::fromLatin1(field);
        };
        patch("patch: proficiency missing", R"({})", "proficiency");
        patch("patch: proficiency 101", R"({"proficiency":101})", "proficiency");
        patch("patch: proficiency null", R"({"proficiency":null})", "proficiency");
        patch("patch: proficiency bool", R"({"proficiency":true})", "proficiency");
        patch("patch: direction not changeable", R"({"proficiency":5,"direction":"learn"})",
              "direction");
        const auto assess = [](const char *name, const QByteArray &body, const char *field) {
            QTest::newRow(name) << QByteArray("POST") << QStringLiteral("assess") << body
                                << QString::fromLatin1(field);
        };
        assess("assess: score missing", R"({})", "score");
        assess("assess: score 101", R"({"score":101})", "score");
        assess("assess: score -1", R"({"score":-1})", "score");
        assess("assess: score text", R"({"score":"high"})", "score");
        assess("assess: unknown field", R"({"score":50,"assessor_id":1})", "assessor_id");
        QTest::newRow("post: not JSON")
            << QByteArray("POST") << QStringLiteral("post") << QByteArray("{") << QString();
        QTest::newRow("assess: not an object")
            << QByteArray("POST") << QStringLiteral("assess") << QByteArray("7") << QString();
    }

    void badMemberSkillRequestsAre4xx()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, target);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QString path = QStringLiteral("/api/v1/me/skills");
        if (target == QLatin1String("patch"))
            path += QStringLiteral("/%1").arg(m_aliceSkill);
        if (target == QLatin1String("assess"))
            path = QStringLiteral("/api/v1/users/%1/skills/%2/assessments")
                       .arg(m_carol.id)
                       .arg(m_carolSkill);
        const int before = scalar(QStringLiteral("SELECT COUNT(*) FROM events")).toInt();
        const auto r = call(m_alice, method, path, body);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        if (!field.isEmpty()) {
            QCOMPARE(r.problemType(), pt::kValidation);
            QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                     r.body.constData());
        }
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM events")).toInt(), before);
    }

    void badPathIdsAre404()
    {
        for (const QString &path :
             {QStringLiteral("/api/v1/me/skills/abc"), QStringLiteral("/api/v1/me/skills/0"),
              QStringLiteral("/api/v1/me/skills/99999999")}) {
            const auto r = call(m_bob, "PATCH", path, json({{QStringLiteral("proficiency"), 5}}));
            QCOMPARE(r.status, 404);
            QCOMPARE(r.problemType(), pt::kNotFound);
        }
        QCOMPARE(call(m_bob, "GET", QStringLiteral("/api/v1/users/x")).status, 404);
        QCOMPARE(call(m_bob, "GET", QStringLiteral("/api/v1/users/99999999")).status, 404);
        QCOMPARE(call(m_bob, "GET", QStringLiteral("/api/v1/users/1?lang=fr")).status, 400);
        QCOMPARE(call(m_bob, "GET", QStringLiteral("/api/v1/me/skills?lang=fr")).status, 400);
        QCOMPARE(call(m_bob, "GET", QStringLiteral("/api/v1/me/skills?sort=id")).status, 400);
        QCOMPARE(call(m_bob, "GET", QStringLiteral("/api/v1/me/profile?x=1")).status, 400);
    }

    // Public profile ------------------------------------------------------------------------

    void publicProfileShowsRatingSessionsAndSkillsButNoContactDetails()
    {
        const Member teacher = newMember(QStringLiteral("Tara Iyer"));
        const Member l1 = newMember(QStringLiteral("Leo Fischer"));
        const Member l2 = newMember(QStringLiteral("Lina Conti"));
        QCOMPARE(call(teacher, "PATCH", QStringLiteral("/api/v1/me/profile"),
                      json({{QStringLiteral("phone"), QStringLiteral("+91 98765 43210")},
                            {QStringLiteral("bio"), QStringLiteral("Sitar since 1999.")},
                            {QStringLiteral("languages"),
                             QJsonArray{QStringLiteral("hi"), QStringLiteral("en")}},
                            {QStringLiteral("timezone"), QStringLiteral("Asia/Kolkata")}}),
                      {{"If-Match", "*"}})
                     .status,
                 200);
        addSkill(teacher, QStringLiteral("sitar"), QStringLiteral("teach"), 90);
        addSkill(teacher, QStringLiteral("guitar"), QStringLiteral("learn"), 20);

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 s1 = insertSession(teacher.id, QStringLiteral("completed"));
        const qint64 s2 = insertSession(teacher.id, QStringLiteral("completed"));
        const qint64 s3 = insertSession(teacher.id, QStringLiteral("cancelled"));
        const qint64 taughtByLeo = insertSession(l1.id, QStringLiteral("completed"));
        QVERIFY(s1 > 0 && s2 > 0 && s3 > 0 && taughtByLeo > 0);
        QVERIFY(insertBooking(s1, l1.id, QStringLiteral("completed")));
        QVERIFY(insertBooking(s1, l2.id, QStringLiteral("completed")));
        QVERIFY(insertBooking(taughtByLeo, teacher.id, QStringLiteral("completed")));
        // Counted: two reviews this year. Not counted: one 400 days old, one hidden, and one
        // the teacher wrote (it rates Leo, not Tara).
        QVERIFY(insertReview(s1, l1.id, teacher.id, 5, 4, 5, now - 10 * kDayMs));
        QVERIFY(insertReview(s1, l2.id, teacher.id, 3, 3, 3, now - 200 * kDayMs));
        QVERIFY(insertReview(s2, l1.id, teacher.id, 1, 1, 1, now - 400 * kDayMs));
        QVERIFY(insertReview(s2, l2.id, teacher.id, 1, 1, 1, now - kDayMs, true));
        QVERIFY(insertReview(taughtByLeo, teacher.id, l1.id, 2, 2, 2, now - kDayMs));

        const auto r = call(l1, "GET", QStringLiteral("/api/v1/users/%1?lang=hi").arg(teacher.id));
        QCOMPARE(r.status, 200);
        const QJsonObject p = r.json();
        QCOMPARE(p.value(QStringLiteral("name")).toString(), QStringLiteral("Tara Iyer"));
        QCOMPARE(p.value(QStringLiteral("bio")).toString(), QStringLiteral("Sitar since 1999."));
        QCOMPARE(p.value(QStringLiteral("timezone")).toString(), QStringLiteral("Asia/Kolkata"));
        QCOMPARE(p.value(QStringLiteral("languages")).toArray().size(), 2);
        QVERIFY(!p.value(QStringLiteral("member_since")).toString().isEmpty());
        QVERIFY(!p.contains(QStringLiteral("email")));
        QVERIFY(!p.contains(QStringLiteral("phone")));
        QVERIFY(!r.body.contains("98765"));
        QVERIFY(!r.body.contains("@example.com"));
        QVERIFY(!p.contains(QStringLiteral("referral_code")));

        const QJsonObject rating = p.value(QStringLiteral("rating")).toObject();
        QCOMPARE(rating.value(QStringLiteral("count")).toInt(), 2);
        QCOMPARE(rating.value(QStringLiteral("mean")).toDouble(), 3.83); // (14 + 9) / 6
        QCOMPARE(p.value(QStringLiteral("completed_as_teacher")).toInt(), 2);
        QCOMPARE(p.value(QStringLiteral("completed_as_learner")).toInt(), 1);
        QCOMPARE(p.value(QStringLiteral("completed_sessions")).toInt(), 3);

        const QJsonArray skills = p.value(QStringLiteral("skills")).toArray();
        QCOMPARE(skills.size(), 2);
        QCOMPARE(skills.at(0).toObject().value(QStringLiteral("tier")).toString(),
                 QStringLiteral("expert"));
        QCOMPARE(skills.at(0)
                     .toObject()
                     .value(QStringLiteral("skill"))
                     .toObject()
                     .value("name")
                     .toString(),
                 QStringLiteral("सितार"));
        QCOMPARE(skills.at(1).toObject().value(QStringLiteral("tier")).toString(),
                 QStringLiteral("beginner"));

        // Without reviews the mean is null, not 0.
        const auto fresh = call(l1, "GET", QStringLiteral("/api/v1/users/%1").arg(l2.id)).json();
        QCOMPARE(fresh.value(QStringLiteral("rating")).toObject().value("count").toInt(), 0);
        QVERIFY(fresh.value(QStringLiteral("rating")).toObject().value("mean").isNull());

        // Staff accounts and banned members have no public profile.
        const qint64 staffId =
            scalar(QStringLiteral("SELECT MIN(id) FROM users WHERE kind = 'staff'")).toLongLong();
        QVERIFY(staffId > 0);
        QCOMPARE(call(l1, "GET", QStringLiteral("/api/v1/users/%1").arg(staffId)).status, 404);
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE users SET status = 'banned' WHERE id = :u"),
                        {{QStringLiteral(":u"), l2.id}}));
        QCOMPARE(call(l1, "GET", QStringLiteral("/api/v1/users/%1").arg(l2.id)).status, 404);
    }

    // Assessments ---------------------------------------------------------------------------

    void assessmentsNeedASharedCompletedSessionAndVerifyAtTheThird()
    {
        const Member teacher = newMember(QStringLiteral("Ada Kapoor"));
        const Member b = newMember(QStringLiteral("Ben Moretti"));
        const Member c = newMember(QStringLiteral("Chiara Bauer"));
        const Member d = newMember(QStringLiteral("Dev Menon"));
        const Member e = newMember(QStringLiteral("Eva Schulz"));
        const Member stranger = newMember(QStringLiteral("Finn Gallo"));
        const Member cancelled = newMember(QStringLiteral("Gita Roy"));
        const qint64 skill =
            addSkill(teacher, QStringLiteral("calculus"), QStringLiteral("teach"), 80);
        QVERIFY(skill > 0);

        // b, c and d learnt from the teacher in one group session; e taught the teacher; the
        // stranger booked a session of the teacher that was cancelled; "cancelled" was in the
        // completed group but cancelled their own booking.
        const qint64 group = insertSession(teacher.id, QStringLiteral("completed"));
        for (const Member &m : {b, c, d})
            QVERIFY(insertBooking(group, m.id, QStringLiteral("completed")));
        QVERIFY(insertBooking(group, cancelled.id, QStringLiteral("cancelled")));
        const qint64 taughtByE = insertSession(e.id, QStringLiteral("completed"));
        QVERIFY(insertBooking(taughtByE, teacher.id, QStringLiteral("completed")));
        const qint64 called = insertSession(teacher.id, QStringLiteral("cancelled"));
        QVERIFY(insertBooking(called, stranger.id, QStringLiteral("cancelled")));

        const auto self = assess(teacher, teacher.id, skill, 100);
        QCOMPARE(self.status, 403);
        QCOMPARE(self.problemType(), pt::kForbidden);
        for (const Member &outsider : {stranger, cancelled}) {
            const auto r = assess(outsider, teacher.id, skill, 90);
            QCOMPARE(r.status, 403);
            QCOMPARE(r.problemType(), pt::kForbidden);
        }
        // The skill must belong to the member named in the path.
        QCOMPARE(assess(b, c.id, skill, 50).status, 404);
        QCOMPARE(assess(b, teacher.id, 99999999, 50).status, 404);

        const auto first = assess(b, teacher.id, skill, 70);
        QCOMPARE(first.status, 201);
        QCOMPARE(first.json().value(QStringLiteral("assessment_count")).toInt(), 1);
        QCOMPARE(first.json().value(QStringLiteral("verified")).toBool(), false);
        const auto again = assess(b, teacher.id, skill, 95);
        QCOMPARE(again.status, 409);
        QCOMPARE(again.problemType(), pt::kConflict);

        const auto second = assess(c, teacher.id, skill, 80);
        QCOMPARE(second.status, 201);
        QCOMPARE(second.json().value(QStringLiteral("verified")).toBool(), false);
        QVERIFY(scalar(QStringLiteral("SELECT verified_at FROM member_skills WHERE id = :id"),
                       {{QStringLiteral(":id"), skill}})
                    .isNull());

        const auto third = assess(e, teacher.id, skill, 90); // e taught the teacher: any role
        QCOMPARE(third.status, 201);
        QCOMPARE(third.json().value(QStringLiteral("assessment_count")).toInt(), 3);
        QCOMPARE(third.json().value(QStringLiteral("verified")).toBool(), true);
        const QVariant verifiedAt =
            scalar(QStringLiteral("SELECT verified_at FROM member_skills WHERE id = :id"),
                   {{QStringLiteral(":id"), skill}});
        QVERIFY(!verifiedAt.isNull());

        const auto fourth = assess(d, teacher.id, skill, 60);
        QCOMPARE(fourth.status, 201);
        QCOMPARE(fourth.json().value(QStringLiteral("assessment_count")).toInt(), 4);
        QCOMPARE(scalar(QStringLiteral("SELECT verified_at FROM member_skills WHERE id = :id"),
                        {{QStringLiteral(":id"), skill}}),
                 verifiedAt); // verified once, not moved by later assessments

        const QString subject = QString::number(skill);
        QCOMPARE(eventCount(QStringLiteral("member.skill_assessed"), subject), 4);
        QCOMPARE(eventCount(QStringLiteral("member.skill_verified"), subject), 1);
        const auto mine = call(teacher, "GET", QStringLiteral("/api/v1/me/skills")).json();
        const QJsonObject listed = mine.value(QStringLiteral("items")).toArray().first().toObject();
        QCOMPARE(listed.value(QStringLiteral("verified")).toBool(), true);
        QCOMPARE(listed.value(QStringLiteral("assessment_count")).toInt(), 4);
    }

    void concurrentAssessmentsVerifyExactlyOnce()
    {
        // Without the member skill's row lock, on PostgreSQL each of several simultaneous
        // assessments counts only the committed ones plus its own, and none may reach three.
        const Member teacher = newMember(QStringLiteral("Hana Verma"));
        const qint64 skill =
            addSkill(teacher, QStringLiteral("bread-baking"), QStringLiteral("teach"), 75);
        const qint64 group = insertSession(teacher.id, QStringLiteral("completed"));
        QList<Member> assessors;
        for (int i = 0; i < 6; ++i) {
            assessors.push_back(newMember(QStringLiteral("Baker %1").arg(i)));
            QVERIFY(insertBooking(group, assessors.last().id, QStringLiteral("completed")));
        }
        QList<int> statuses(assessors.size());
        QList<QThread *> threads;
        for (qsizetype i = 0; i < assessors.size(); ++i) {
            threads.push_back(QThread::create([this, &statuses, &assessors, i, teacher, skill] {
                statuses[i] = assess(assessors.at(i), teacher.id, skill, 60 + int(i)).status;
            }));
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QCOMPARE(statuses.count(201), assessors.size());
        QVERIFY(!scalar(QStringLiteral("SELECT verified_at FROM member_skills WHERE id = :id"),
                        {{QStringLiteral(":id"), skill}})
                     .isNull());
        QCOMPARE(eventCount(QStringLiteral("member.skill_verified"), QString::number(skill)), 1);
        QCOMPARE(eventCount(QStringLiteral("member.skill_assessed"), QString::number(skill)),
                 int(assessors.size()));
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
