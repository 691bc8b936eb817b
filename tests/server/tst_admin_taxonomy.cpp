// The admin taxonomy API against the real server: who may edit, create and translate with
// missing translations marked, slug and alias rules, If-Match (428, 412 with the current
// node), moves, reorders (and a stale one refused), deprecation, merges previewed and applied
// with members' skills and sessions moved exactly as previewed, audit rows and events.
#include "protocol/problem.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>
#include <QtConcurrent>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

namespace {

const QString kBase = QStringLiteral("/api/v1/admin/taxonomy");
using Headers = QHash<QByteArray, QByteArray>;

QJsonObject names(const QString &en, const QString &de = {}, const QString &it = {},
                  const QString &hi = {})
{
    return {{QStringLiteral("en"), en},
            {QStringLiteral("de"), de},
            {QStringLiteral("it"), it},
            {QStringLiteral("hi"), hi}};
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const auto &item : v.toArray())
        out.push_back(item.toString());
    return out;
}

QByteArray tag(qint64 version)
{
    return '"' + QByteArray::number(version) + '"';
}

} // namespace

class TestAdminTaxonomy : public QObject {
    Q_OBJECT
    TestServer m_server;
    Actor m_admin;
    Actor m_finance;
    Actor m_moderator;
    Actor m_viewer;
    qint64 m_category = 0; // made by createAndTranslate, used by later tests
    int m_counter = 0;

    TestResponse call(const Actor &who, const QByteArray &method, const QString &path,
                      const QJsonObject &body = {}, Headers headers = {})
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(who.accessToken);
        if (method == "GET")
            return http.get(path, headers);
        headers.insert("Content-Type", "application/json");
        return http.send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }

    QVariant scalar(const QString &sql, const QVariantMap &bindings = {})
    {
        QString error;
        const QVariant v = sqlScalar(m_server.databaseUrl(), sql, bindings, &error);
        if (!error.isEmpty())
            qWarning() << sql << error;
        return v;
    }

    qint64 seededSkill(const QString &slug)
    {
        return scalar(QStringLiteral("SELECT id FROM skills WHERE slug = :s"),
                      {{QStringLiteral(":s"), slug}})
            .toLongLong();
    }

    QJsonObject createSkill(qint64 category, const QString &slug, const QJsonObject &skillNames,
                            const QStringList &aliases = {})
    {
        const auto r = call(m_admin, "POST", kBase + QStringLiteral("/skills"),
                            {{QStringLiteral("category_id"), category},
                             {QStringLiteral("slug"), slug},
                             {QStringLiteral("names"), skillNames},
                             {QStringLiteral("aliases"), QJsonArray::fromStringList(aliases)}});
        if (r.status != 201)
            qWarning() << "create skill" << slug << r.status << r.body;
        return r.json();
    }

    QJsonObject getSkill(qint64 id)
    {
        return call(m_viewer, "GET", kBase + QStringLiteral("/skills/%1").arg(id)).json();
    }

    QJsonArray skillsOf(qint64 category, const QString &extra = {})
    {
        const auto r =
            call(m_viewer, "GET",
                 kBase + QStringLiteral("/skills?limit=500&category=%1").arg(category) + extra);
        if (r.status != 200)
            qWarning() << r.status << r.body;
        return r.json().value(QStringLiteral("items")).toArray();
    }

    QList<qint64> liveIds(const QJsonArray &items)
    {
        QList<qint64> out;
        for (const auto &v : items) {
            if (v.toObject().value(QStringLiteral("merged_into")).isNull())
                out.push_back(v.toObject().value(QStringLiteral("id")).toInteger());
        }
        return out;
    }

    QJsonObject reorderBody(const QJsonArray &items, const QList<qint64> &order,
                            std::optional<qint64> category)
    {
        QHash<qint64, qint64> versions;
        for (const auto &v : items)
            versions.insert(v.toObject().value(QStringLiteral("id")).toInteger(),
                            v.toObject().value(QStringLiteral("version")).toInteger());
        QJsonArray ids;
        QJsonArray vs;
        for (qint64 id : order) {
            ids.push_back(id);
            vs.push_back(versions.value(id));
        }
        QJsonObject body{{QStringLiteral("ids"), ids}, {QStringLiteral("versions"), vs}};
        if (category)
            body.insert(QStringLiteral("category_id"), *category);
        return body;
    }

    Actor member()
    {
        return signUpMember(m_server, QStringLiteral("Tax Member %1").arg(++m_counter));
    }

    qint64 addMemberSkill(const Actor &m, qint64 skill, const QString &direction, int proficiency)
    {
        const auto r = call(m, "POST", QStringLiteral("/api/v1/me/skills"),
                            {{QStringLiteral("skill_id"), skill},
                             {QStringLiteral("direction"), direction},
                             {QStringLiteral("proficiency"), proficiency}});
        if (r.status != 201)
            qWarning() << "member skill" << r.status << r.body;
        return r.json().value(QStringLiteral("id")).toInteger();
    }

    qint64 offerSession(const Actor &teacher, qint64 skill, int daysAhead)
    {
        const qint64 at = QDateTime::currentMSecsSinceEpoch() + qint64(daysAhead) * 86400000;
        const auto r =
            call(teacher, "POST", QStringLiteral("/api/v1/sessions"),
                 {{QStringLiteral("skill_id"), skill},
                  {QStringLiteral("starts_at"),
                   QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODateWithMs)},
                  {QStringLiteral("duration_minutes"), 60},
                  {QStringLiteral("capacity"), 1},
                  {QStringLiteral("title"), QStringLiteral("Intro")}});
        if (r.status != 201)
            qWarning() << "offer" << r.status << r.body;
        return r.json().value(QStringLiteral("id")).toInteger();
    }

    int count(const QString &sql, const QVariantMap &bindings = {})
    {
        return scalar(sql, bindings).toInt();
    }

    QStringList publicSearch(const QString &q)
    {
        const auto r = TestHttp(m_server.baseUrl())
                           .get(QStringLiteral("/api/v1/skills?q=") +
                                QString::fromLatin1(QUrl::toPercentEncoding(q)));
        QStringList slugs;
        for (const auto &v : r.json().value(QStringLiteral("items")).toArray())
            slugs.push_back(v.toObject().value(QStringLiteral("slug")).toString());
        return slugs;
    }

    // Runs the two requests at once; returns their statuses, sorted.
    QList<int> concurrently(const std::function<TestResponse()> &a,
                            const std::function<TestResponse()> &b)
    {
        const QList<std::function<TestResponse()>> calls{a, b};
        QList<int> statuses = QtConcurrent::blockingMapped(
            calls, [](const std::function<TestResponse()> &fn) { return fn().status; });
        std::sort(statuses.begin(), statuses.end());
        return statuses;
    }

    bool insertAssessment(qint64 memberSkill, qint64 assessor, qint64 at)
    {
        QString error;
        const bool ok = sqlExec(m_server.databaseUrl(),
                                QStringLiteral("INSERT INTO skill_assessments (member_skill_id, "
                                               "assessor_id, score, created_at) VALUES (:m, :a, "
                                               "60, :t)"),
                                {{QStringLiteral(":m"), memberSkill},
                                 {QStringLiteral(":a"), assessor},
                                 {QStringLiteral(":t"), at}},
                                &error);
        if (!ok)
            qWarning() << "assessment insert failed:" << error;
        return ok;
    }

    QJsonObject lastEvent(const QString &type)
    {
        const QString data =
            scalar(QStringLiteral("SELECT data FROM events WHERE type = :t ORDER BY seq DESC"),
                   {{QStringLiteral(":t"), type}})
                .toString();
        return QJsonDocument::fromJson(data.toUtf8()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_admin = signInStaff(m_server, QStringLiteral("admin"));
        m_finance = signInStaff(m_server, QStringLiteral("finance"));
        m_moderator = signInStaff(m_server, QStringLiteral("moderator"));
        m_viewer = signInStaff(m_server, QStringLiteral("viewer"));
        QVERIFY(m_admin.isValid() && m_finance.isValid() && m_moderator.isValid() &&
                m_viewer.isValid());
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void staffReadOnlyAdminsWrite_data()
    {
        QTest::addColumn<QString>("role");
        QTest::newRow("finance") << QStringLiteral("finance");
        QTest::newRow("moderator") << QStringLiteral("moderator");
        QTest::newRow("viewer") << QStringLiteral("viewer");
    }

    void staffReadOnlyAdminsWrite()
    {
        QFETCH(QString, role);
        const Actor &who = role == QLatin1String("finance")     ? m_finance
                           : role == QLatin1String("moderator") ? m_moderator
                                                                : m_viewer;
        const qint64 python = seededSkill(QStringLiteral("python"));
        for (const QString &path :
             {QStringLiteral("/categories"), QStringLiteral("/skills"),
              QStringLiteral("/skills/%1").arg(python), QStringLiteral("/categories/1")})
            QCOMPARE(call(who, "GET", kBase + path).status, 200);

        const Headers anyVersion{{"If-Match", "*"}};
        const QList<std::tuple<QByteArray, QString, QJsonObject>> writes = {
            {"POST",
             QStringLiteral("/categories"),
             {{QStringLiteral("slug"), QStringLiteral("nope")},
              {QStringLiteral("names"), names(QStringLiteral("Nope"))}}},
            {"PATCH",
             QStringLiteral("/categories/1"),
             {{QStringLiteral("names"), names(QStringLiteral("Nope"))}}},
            {"POST",
             QStringLiteral("/skills"),
             {{QStringLiteral("category_id"), 1},
              {QStringLiteral("slug"), QStringLiteral("nope")},
              {QStringLiteral("names"), names(QStringLiteral("Nope"))}}},
            {"PATCH",
             QStringLiteral("/skills/%1").arg(python),
             {{QStringLiteral("status"), QStringLiteral("deprecated")}}},
            {"POST",
             QStringLiteral("/reorder"),
             {{QStringLiteral("ids"), QJsonArray{1}}, {QStringLiteral("versions"), QJsonArray{1}}}},
            {"POST",
             QStringLiteral("/skills/%1/merge").arg(python),
             {{QStringLiteral("into"), seededSkill(QStringLiteral("sql"))},
              {QStringLiteral("dry_run"), true}}},
        };
        for (const auto &[method, path, body] : writes) {
            const auto r = call(who, method, kBase + path, body, anyVersion);
            QVERIFY2(r.status == 403,
                     qPrintable(path + QStringLiteral(" ") + QString::number(r.status)));
            QCOMPARE(r.problemType(), pt::kForbidden);
        }
        QCOMPARE(getSkill(python).value(QStringLiteral("status")).toString(),
                 QStringLiteral("active"));
        // Members and anonymous callers never reach the admin API.
        QCOMPARE(TestHttp(m_server.baseUrl()).get(kBase + QStringLiteral("/skills")).status, 401);
    }

    void adminListsShowEverythingAConsoleCaches()
    {
        const auto r = call(m_viewer, "GET", kBase + QStringLiteral("/skills?limit=500"));
        QCOMPARE(r.status, 200);
        const QJsonArray items = r.json().value(QStringLiteral("items")).toArray();
        QVERIFY(items.size() >= 120);
        const QJsonObject first = items.first().toObject();
        for (const char *key : {"id", "category_id", "slug", "names", "missing_translations",
                                "aliases", "status", "merged_into", "position", "version", "usage"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QVERIFY(
            first.value(QStringLiteral("usage")).toObject().contains(QStringLiteral("sessions")));
        const auto cats = call(m_viewer, "GET", kBase + QStringLiteral("/categories"));
        QCOMPARE(cats.json().value(QStringLiteral("items")).toArray().size(), 12);
        QCOMPARE(call(m_viewer, "GET", kBase + QStringLiteral("/skills?status=gone")).status, 400);
        QCOMPARE(call(m_viewer, "GET", kBase + QStringLiteral("/skills?sort=name")).status, 400);
        QCOMPARE(call(m_viewer, "GET", kBase + QStringLiteral("/skills/999999")).status, 404);
        const auto text = call(m_viewer, "GET", kBase + QStringLiteral("/skills?text=PYTH"));
        QCOMPARE(text.json()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("slug")),
                 QJsonValue(QStringLiteral("python")));
    }

    void createAndTranslateMarksMissingTranslations()
    {
        const auto created =
            call(m_admin, "POST", kBase + QStringLiteral("/categories"),
                 {{QStringLiteral("slug"), QStringLiteral("testing-cat")},
                  {QStringLiteral("names"),
                   QJsonObject{{QStringLiteral("en"), QStringLiteral(" Testing ")}}}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.header("etag"), QByteArray("\"1\""));
        QJsonObject c = created.json();
        m_category = c.value(QStringLiteral("id")).toInteger();
        QCOMPARE(c.value(QStringLiteral("names")).toObject().value(QStringLiteral("en")).toString(),
                 QStringLiteral("Testing"));
        QCOMPARE(strings(c.value(QStringLiteral("missing_translations"))),
                 (QStringList{QStringLiteral("de"), QStringLiteral("it"), QStringLiteral("hi")}));
        QCOMPARE(c.value(QStringLiteral("position")).toInt(), 13);

        const auto translated =
            call(m_admin, "PATCH", kBase + QStringLiteral("/categories/%1").arg(m_category),
                 {{QStringLiteral("names"),
                   QJsonObject{{QStringLiteral("de"), QStringLiteral("Testen")},
                               {QStringLiteral("hi"), QStringLiteral("परीक्षण")}}}},
                 {{"If-Match", "\"1\""}});
        QCOMPARE(translated.status, 200);
        QCOMPARE(translated.header("etag"), QByteArray("\"2\""));
        c = translated.json();
        QCOMPARE(strings(c.value(QStringLiteral("missing_translations"))),
                 QStringList{QStringLiteral("it")});
        QCOMPARE(c.value(QStringLiteral("names")).toObject().value(QStringLiteral("en")).toString(),
                 QStringLiteral("Testing")); // names not sent stay

        const QJsonObject rust =
            createSkill(m_category, QStringLiteral("rust-lang"),
                        names(QStringLiteral("Rust"), {}, QStringLiteral("Rust")),
                        {QStringLiteral("rustlang"), QStringLiteral(" crab  lang ")});
        QCOMPARE(rust.value(QStringLiteral("position")).toInt(), 1);
        QCOMPARE(rust.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
        QCOMPARE(strings(rust.value(QStringLiteral("missing_translations"))),
                 (QStringList{QStringLiteral("de"), QStringLiteral("hi")}));
        QCOMPARE(strings(rust.value(QStringLiteral("aliases"))),
                 (QStringList{QStringLiteral("crab lang"), QStringLiteral("rustlang")}));
        // Renamed and translated; clearing a translation marks it missing again.
        const qint64 id = rust.value(QStringLiteral("id")).toInteger();
        const auto renamed =
            call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(id),
                 {{QStringLiteral("names"),
                   QJsonObject{{QStringLiteral("en"), QStringLiteral("Rust Programming")},
                               {QStringLiteral("de"), QStringLiteral("Rust-Programmierung")},
                               {QStringLiteral("it"), QString()}}}},
                 {{"If-Match", "\"1\""}});
        QCOMPARE(renamed.status, 200);
        QCOMPARE(strings(renamed.json().value(QStringLiteral("missing_translations"))),
                 (QStringList{QStringLiteral("it"), QStringLiteral("hi")}));
        QCOMPARE(renamed.json().value(QStringLiteral("version")).toInt(), 2);
        // The public API shows it with the English fallback where a translation is missing.
        const auto pub =
            TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/skills/%1?lang=it").arg(id));
        QCOMPARE(pub.json().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Rust Programming"));
        QCOMPARE(pub.json().value(QStringLiteral("name_fallback")).toBool(), true);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'taxonomy.skill_updated' AND target_id = :id"),
                       {{QStringLiteral(":id"), QString::number(id)}}),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = "
                                      "'taxonomy.category_created' AND subject_id = :id"),
                       {{QStringLiteral(":id"), QString::number(m_category)}}),
                 1);
    }

    void slugNameAndAliasRules_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        const auto body = [](const QString &slug, const QJsonObject &n, const QJsonArray &aliases) {
            return QJsonObject{{QStringLiteral("slug"), slug},
                               {QStringLiteral("names"), n},
                               {QStringLiteral("aliases"), aliases}};
        };
        const QJsonObject ok = names(QStringLiteral("Zig"));
        QTest::newRow("slug with spaces")
            << body(QStringLiteral("Bad Slug"), ok, {}) << 400 << "slug";
        QTest::newRow("slug double hyphen")
            << body(QStringLiteral("a--b"), ok, {}) << 400 << "slug";
        QTest::newRow("slug one char") << body(QStringLiteral("z"), ok, {}) << 400 << "slug";
        QTest::newRow("slug taken") << body(QStringLiteral("python"), ok, {}) << 409 << "slug";
        QTest::newRow("no english name")
            << body(QStringLiteral("zig"), names(QString(), QStringLiteral("Zig")), {}) << 400
            << "names.en";
        QTest::newRow("english name taken")
            << body(QStringLiteral("zig"), names(QStringLiteral("PYTHON")), {}) << 409
            << "names.en";
        QTest::newRow("name too long")
            << body(QStringLiteral("zig"), names(QString(101, QLatin1Char('z'))), {}) << 400
            << "names.en";
        QTest::newRow("unknown language")
            << body(QStringLiteral("zig"),
                    QJsonObject{{QStringLiteral("en"), QStringLiteral("Zig")},
                                {QStringLiteral("fr"), QStringLiteral("Zig")}},
                    {})
            << 400 << "names.fr";
        QTest::newRow("alias too long")
            << body(QStringLiteral("zig"), ok, {QString(65, QLatin1Char('a'))}) << 400
            << "aliases[0]";
        QTest::newRow("alias empty")
            << body(QStringLiteral("zig"), ok, {QStringLiteral("  ")}) << 400 << "aliases[0]";
        QTest::newRow("alias twice") << body(QStringLiteral("zig"), ok,
                                             {QStringLiteral("ziglang"), QStringLiteral("ZIGLANG")})
                                     << 400 << "aliases[1]";
        QTest::newRow("alias is own name")
            << body(QStringLiteral("zig"), ok, {QStringLiteral("zig")}) << 400 << "aliases[0]";
        QTest::newRow("alias is another skill's name")
            << body(QStringLiteral("zig"), ok,
                    {QStringLiteral("ziglang"), QStringLiteral("javascript")})
            << 409 << "aliases[1]";
        QJsonArray many;
        for (int i = 0; i < 21; ++i)
            many.push_back(QStringLiteral("zig%1").arg(i));
        QTest::newRow("too many aliases")
            << body(QStringLiteral("zig"), ok, many) << 400 << "aliases";
        QJsonObject unknown = body(QStringLiteral("zig"), ok, {});
        unknown.insert(QStringLiteral("colour"), QStringLiteral("orange"));
        QTest::newRow("unknown field") << unknown << 400 << "colour";
    }

    void slugNameAndAliasRules()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        QVERIFY(m_category > 0);
        body.insert(QStringLiteral("category_id"), m_category);
        const auto r = call(m_admin, "POST", kBase + QStringLiteral("/skills"), body);
        QVERIFY2(r.status == status, r.body.constData());
        QCOMPARE(r.problemType(), status == 409 ? pt::kConflict : pt::kValidation);
        QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                 r.body.constData());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM skills WHERE slug = 'zig'")), 0);
    }

    void ifMatchIsRequiredAndStaleOnesGetTheCurrentNode()
    {
        const QJsonObject s =
            createSkill(m_category, QStringLiteral("elixir"), names(QStringLiteral("Elixir")));
        const qint64 id = s.value(QStringLiteral("id")).toInteger();
        const QString path = kBase + QStringLiteral("/skills/%1").arg(id);
        const QJsonObject rename{{QStringLiteral("names"),
                                  QJsonObject{{QStringLiteral("de"), QStringLiteral("Elixier")}}}};

        const auto missing = call(m_admin, "PATCH", path, rename);
        QCOMPARE(missing.status, 428);
        QCOMPARE(missing.problemType(), pt::kPreconditionRequired);

        QCOMPARE(call(m_admin, "PATCH", path, rename, {{"If-Match", tag(1)}}).status, 200);
        const auto stale =
            call(m_admin, "PATCH", path, {{QStringLiteral("slug"), QStringLiteral("elixir-lang")}},
                 {{"If-Match", tag(1)}});
        QCOMPARE(stale.status, 412);
        QCOMPARE(stale.problemType(), pt::kPreconditionFailed);
        QCOMPARE(stale.header("etag"), tag(2));
        const QJsonObject current = stale.json().value(QStringLiteral("current")).toObject();
        QCOMPARE(current.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(current.value(QStringLiteral("names"))
                     .toObject()
                     .value(QStringLiteral("de"))
                     .toString(),
                 QStringLiteral("Elixier"));
        QCOMPARE(getSkill(id).value(QStringLiteral("slug")).toString(), QStringLiteral("elixir"));
        // Weak tags never match; categories follow the same rules.
        QCOMPARE(call(m_admin, "PATCH", path, rename, {{"If-Match", "W/\"2\""}}).status, 412);
        const auto cat = call(
            m_admin, "PATCH", kBase + QStringLiteral("/categories/%1").arg(m_category),
            {{QStringLiteral("slug"), QStringLiteral("testing-category")}}, {{"If-Match", tag(1)}});
        QCOMPARE(cat.status, 412);
        QCOMPARE(cat.json()
                     .value(QStringLiteral("current"))
                     .toObject()
                     .value(QStringLiteral("slug"))
                     .toString(),
                 QStringLiteral("testing-cat"));
        QCOMPARE(call(m_admin, "PATCH", kBase + QStringLiteral("/categories/%1").arg(m_category),
                      {{QStringLiteral("slug"), QStringLiteral("testing-category")}})
                     .status,
                 428);
    }

    void moveKeepsBothCategoriesDense()
    {
        const qint64 from = m_category;
        const qint64 to =
            scalar(QStringLiteral("SELECT id FROM skill_categories WHERE slug = 'cooking'"))
                .toLongLong();
        const QJsonObject a =
            createSkill(from, QStringLiteral("move-a"), names(QStringLiteral("Move A")));
        createSkill(from, QStringLiteral("move-b"), names(QStringLiteral("Move B")));
        const int toCount = int(liveIds(skillsOf(to)).size());
        const qint64 id = a.value(QStringLiteral("id")).toInteger();
        const auto moved = call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(id),
                                {{QStringLiteral("category_id"), to}},
                                {{"If-Match", tag(a.value(QStringLiteral("version")).toInt())}});
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json().value(QStringLiteral("category_id")).toInteger(), to);
        QCOMPARE(moved.json().value(QStringLiteral("position")).toInt(), toCount + 1);
        for (qint64 category : {from, to}) {
            int expected = 0;
            for (const auto &v : skillsOf(category)) {
                if (v.toObject().value(QStringLiteral("merged_into")).isNull())
                    QCOMPARE(v.toObject().value(QStringLiteral("position")).toInt(), ++expected);
            }
        }
        QCOMPARE(call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(id),
                      {{QStringLiteral("category_id"), 999999}}, {{"If-Match", "*"}})
                     .status,
                 400);
    }

    void reorderSkillsAndCategoriesRefusingStaleLists()
    {
        const QJsonArray before = skillsOf(m_category);
        QList<qint64> order = liveIds(before);
        QVERIFY(order.size() >= 3);
        std::reverse(order.begin(), order.end());
        const QString path = kBase + QStringLiteral("/reorder");
        const auto ok = call(m_admin, "POST", path, reorderBody(before, order, m_category));
        QCOMPARE(ok.status, 200);
        QCOMPARE(liveIds(ok.json().value(QStringLiteral("items")).toArray()), order);
        const QJsonArray after = skillsOf(m_category);
        QCOMPARE(liveIds(after), order);
        for (qsizetype i = 0; i < after.size(); ++i)
            QCOMPARE(after.at(i).toObject().value(QStringLiteral("position")).toInt(), int(i) + 1);

        // A second admin still holding the old list cannot undo the first reorder silently.
        QList<qint64> other = liveIds(before);
        std::swap(other[0], other[1]);
        const auto stale = call(m_admin, "POST", path, reorderBody(before, other, m_category));
        QCOMPARE(stale.status, 412);
        QCOMPARE(liveIds(stale.json()
                             .value(QStringLiteral("current"))
                             .toObject()
                             .value(QStringLiteral("items"))
                             .toArray()),
                 order);
        QCOMPARE(liveIds(skillsOf(m_category)), order);
        // Leaving an id out is a stale view too; no versions at all is a missing precondition.
        QCOMPARE(call(m_admin, "POST", path, reorderBody(after, order.mid(1), m_category)).status,
                 412);
        QJsonObject noVersions = reorderBody(after, order, m_category);
        noVersions.remove(QStringLiteral("versions"));
        QCOMPARE(call(m_admin, "POST", path, noVersions).status, 428);
        QJsonObject repeated = reorderBody(after, order, m_category);
        repeated.insert(QStringLiteral("ids"), QJsonArray{order[0], order[0]});
        QCOMPARE(call(m_admin, "POST", path, repeated).status, 400);

        // Categories: move the last to the front.
        const QJsonArray cats = call(m_viewer, "GET", kBase + QStringLiteral("/categories"))
                                    .json()
                                    .value(QStringLiteral("items"))
                                    .toArray();
        QList<qint64> catOrder;
        for (const auto &v : cats)
            catOrder.push_back(v.toObject().value(QStringLiteral("id")).toInteger());
        catOrder.prepend(catOrder.takeLast());
        const auto catsOk = call(m_admin, "POST", path, reorderBody(cats, catOrder, std::nullopt));
        QCOMPARE(catsOk.status, 200);
        const QJsonArray items = catsOk.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.first().toObject().value(QStringLiteral("id")).toInteger(), m_category);
        QCOMPARE(items.first().toObject().value(QStringLiteral("position")).toInt(), 1);
        QCOMPARE(call(m_admin, "POST", path, reorderBody(cats, catOrder, std::nullopt)).status,
                 412);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = 'taxonomy.reordered'")),
            2);
        QCOMPARE(count(QStringLiteral(
                     "SELECT COUNT(*) FROM audit_log WHERE action = 'taxonomy.reordered'")),
                 2);
    }

    void concurrentEditsFromOneVersionLetExactlyOneWin()
    {
        const QJsonObject s = createSkill(m_category, QStringLiteral("race-skill"),
                                          names(QStringLiteral("Race Skill")));
        const QString path =
            kBase + QStringLiteral("/skills/%1").arg(s.value(QStringLiteral("id")).toInteger());
        const auto rename = [&](const QString &de) {
            return [this, path, de] {
                return call(m_admin, "PATCH", path,
                            {{QStringLiteral("names"), QJsonObject{{QStringLiteral("de"), de}}}},
                            {{"If-Match", tag(1)}});
            };
        };
        QCOMPARE(concurrently(rename(QStringLiteral("Eins")), rename(QStringLiteral("Zwei"))),
                 (QList<int>{200, 412}));

        const QJsonArray items = skillsOf(m_category);
        QList<qint64> order = liveIds(items);
        QList<qint64> first = order;
        std::reverse(first.begin(), first.end());
        QList<qint64> second = order;
        second.move(0, second.size() - 1);
        const QString reorder = kBase + QStringLiteral("/reorder");
        const auto post = [&](const QList<qint64> &ids) {
            const QJsonObject body = reorderBody(items, ids, m_category);
            return [this, reorder, body] { return call(m_admin, "POST", reorder, body); };
        };
        QCOMPARE(concurrently(post(first), post(second)), (QList<int>{200, 412}));
        const QList<qint64> now = liveIds(skillsOf(m_category));
        QVERIFY(now == first || now == second);
    }

    void eventsCarryEveryChangedNodeAndAuditHasBeforeAndAfter()
    {
        const qint64 to =
            scalar(QStringLiteral("SELECT id FROM skill_categories WHERE slug = 'languages'"))
                .toLongLong();
        const QJsonObject first =
            createSkill(m_category, QStringLiteral("event-a"), names(QStringLiteral("Event A")));
        const QJsonObject second =
            createSkill(m_category, QStringLiteral("event-b"), names(QStringLiteral("Event B")));
        const qint64 id = first.value(QStringLiteral("id")).toInteger();
        const auto moved = call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(id),
                                {{QStringLiteral("category_id"), to}}, {{"If-Match", tag(1)}});
        QCOMPARE(moved.status, 200);
        const QJsonObject data = lastEvent(QStringLiteral("taxonomy.skill_updated"));
        QSet<qint64> categories;
        for (const auto &v : data.value(QStringLiteral("categories")).toArray())
            categories.insert(v.toObject().value(QStringLiteral("id")).toInteger());
        QCOMPARE(categories, (QSet<qint64>{m_category, to}));
        QHash<qint64, QJsonObject> skills;
        for (const auto &v : data.value(QStringLiteral("skills")).toArray())
            skills.insert(v.toObject().value(QStringLiteral("id")).toInteger(), v.toObject());
        QCOMPARE(skills.value(id).value(QStringLiteral("category_id")).toInteger(), to);
        // The skill after it moved up one place: a cache sees its new position and version.
        const qint64 secondId = second.value(QStringLiteral("id")).toInteger();
        QVERIFY(skills.contains(secondId));
        QCOMPARE(skills.value(secondId).value(QStringLiteral("position")).toInt(),
                 second.value(QStringLiteral("position")).toInt() - 1);
        QCOMPARE(skills.value(secondId).value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(getSkill(secondId).value(QStringLiteral("version")).toInt(), 2);

        const QJsonObject before =
            QJsonDocument::fromJson(
                scalar(QStringLiteral("SELECT before_json FROM audit_log WHERE action = "
                                      "'taxonomy.skill_updated' AND target_id = :id"),
                       {{QStringLiteral(":id"), QString::number(id)}})
                    .toString()
                    .toUtf8())
                .object();
        const QJsonObject after =
            QJsonDocument::fromJson(
                scalar(QStringLiteral("SELECT after_json FROM audit_log WHERE action = "
                                      "'taxonomy.skill_updated' AND target_id = :id"),
                       {{QStringLiteral(":id"), QString::number(id)}})
                    .toString()
                    .toUtf8())
                .object();
        QCOMPARE(before.value(QStringLiteral("category_id")).toInteger(), m_category);
        QCOMPARE(after.value(QStringLiteral("category_id")).toInteger(), to);
        QCOMPARE(scalar(QStringLiteral("SELECT actor_id FROM audit_log WHERE action = "
                                       "'taxonomy.skill_updated' AND target_id = :id"),
                        {{QStringLiteral(":id"), QString::number(id)}})
                     .toLongLong(),
                 m_admin.id);
    }

    void deprecateHidesFromMembersUntilReactivated()
    {
        const QJsonObject s =
            createSkill(m_category, QStringLiteral("cobol"), names(QStringLiteral("COBOL")));
        const qint64 id = s.value(QStringLiteral("id")).toInteger();
        QCOMPARE(publicSearch(QStringLiteral("cobol")), QStringList{QStringLiteral("cobol")});
        const auto dep = call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(id),
                              {{QStringLiteral("status"), QStringLiteral("deprecated")}},
                              {{"If-Match", tag(1)}});
        QCOMPARE(dep.status, 200);
        QCOMPARE(dep.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("deprecated"));
        QVERIFY(publicSearch(QStringLiteral("cobol")).isEmpty());
        QVERIFY(liveIds(skillsOf(m_category, QStringLiteral("&status=deprecated"))).contains(id));
        QVERIFY(!liveIds(skillsOf(m_category, QStringLiteral("&status=active"))).contains(id));
        const auto back =
            call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(id),
                 {{QStringLiteral("status"), QStringLiteral("active")}}, {{"If-Match", tag(2)}});
        QCOMPARE(back.status, 200);
        QCOMPARE(publicSearch(QStringLiteral("cobol")), QStringList{QStringLiteral("cobol")});
        QCOMPARE(call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(id),
                      {{QStringLiteral("status"), QStringLiteral("gone")}}, {{"If-Match", "*"}})
                     .status,
                 400);
    }

    void mergePreviewThenApplyMovesExactlyThat()
    {
        // B first: A's leaving the order then moves nothing before it (B's version moves once).
        const QJsonObject b =
            createSkill(m_category, QStringLiteral("kotlin"), names(QStringLiteral("Kotlin")));
        const QJsonObject a =
            createSkill(m_category, QStringLiteral("kotlin-basics"),
                        names(QStringLiteral("Kotlin Basics"), QStringLiteral("Kotlin-Grundlagen")),
                        {QStringLiteral("ktx")});
        const qint64 idA = a.value(QStringLiteral("id")).toInteger();
        const qint64 idB = b.value(QStringLiteral("id")).toInteger();

        const Actor m1 = member();
        const Actor m2 = member();
        const Actor m3 = member();
        QVERIFY(m1.isValid() && m2.isValid() && m3.isValid());
        addMemberSkill(m1, idA, QStringLiteral("teach"), 40);
        addMemberSkill(m2, idA, QStringLiteral("learn"), 10);
        const qint64 m3FromTeach = addMemberSkill(m3, idA, QStringLiteral("teach"), 70);
        const qint64 m3IntoTeach = addMemberSkill(m3, idB, QStringLiteral("teach"), 50);
        addMemberSkill(m3, idB, QStringLiteral("learn"), 20);
        QVERIFY(m3FromTeach > 0 && m3IntoTeach > 0);
        QVERIFY(offerSession(m1, idA, 3) > 0);
        QVERIFY(offerSession(m1, idA, 4) > 0);
        QVERIFY(offerSession(m3, idB, 5) > 0);

        const QString path = kBase + QStringLiteral("/skills/%1/merge").arg(idA);
        const auto preview =
            call(m_admin, "POST", path,
                 {{QStringLiteral("into"), idB}, {QStringLiteral("dry_run"), true}});
        QCOMPARE(preview.status, 200);
        const QJsonObject p = preview.json();
        QCOMPARE(p.value(QStringLiteral("applied")).toBool(), false);
        const QJsonObject ms = p.value(QStringLiteral("member_skills")).toObject();
        QCOMPARE(ms.value(QStringLiteral("total")).toInt(), 3);
        QCOMPARE(ms.value(QStringLiteral("repointed")).toInt(), 2);
        QCOMPARE(ms.value(QStringLiteral("combined")).toInt(), 1);
        QCOMPARE(p.value(QStringLiteral("sessions")).toInt(), 2);
        const QJsonObject conflict =
            p.value(QStringLiteral("conflicts")).toArray().first().toObject();
        QCOMPARE(conflict.value(QStringLiteral("user_id")).toInteger(), m3.id);
        QCOMPARE(conflict.value(QStringLiteral("direction")).toString(), QStringLiteral("teach"));
        QCOMPARE(conflict.value(QStringLiteral("kept_proficiency")).toInt(), 70);
        QCOMPARE(strings(p.value(QStringLiteral("aliases_added"))),
                 (QStringList{QStringLiteral("Kotlin Basics"), QStringLiteral("Kotlin-Grundlagen"),
                              QStringLiteral("ktx")}));
        // A dry run changes nothing.
        QCOMPARE(getSkill(idA).value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM member_skills WHERE skill_id = :a"),
                       {{QStringLiteral(":a"), idA}}),
                 3);

        QCOMPARE(call(m_admin, "POST", path, {{QStringLiteral("into"), idB}}).status, 428);
        QCOMPARE(
            call(m_admin, "POST", path, {{QStringLiteral("into"), idB}}, {{"If-Match", tag(7)}})
                .status,
            412);

        const int bTeachBefore = count(
            QStringLiteral(
                "SELECT COUNT(*) FROM member_skills WHERE skill_id = :b AND direction = 'teach'"),
            {{QStringLiteral(":b"), idB}});
        const int bLearnBefore = count(
            QStringLiteral(
                "SELECT COUNT(*) FROM member_skills WHERE skill_id = :b AND direction = 'learn'"),
            {{QStringLiteral(":b"), idB}});
        const auto applied =
            call(m_admin, "POST", path, {{QStringLiteral("into"), idB}}, {{"If-Match", tag(1)}});
        QCOMPARE(applied.status, 200);
        const QJsonObject done = applied.json();
        QCOMPARE(done.value(QStringLiteral("applied")).toBool(), true);
        QCOMPARE(done.value(QStringLiteral("member_skills")),
                 p.value(QStringLiteral("member_skills")));
        QCOMPARE(done.value(QStringLiteral("sessions")), p.value(QStringLiteral("sessions")));

        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM member_skills WHERE skill_id = :a"),
                       {{QStringLiteral(":a"), idA}}),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE skill_id = :a"),
                       {{QStringLiteral(":a"), idA}}),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE skill_id = :b"),
                       {{QStringLiteral(":b"), idB}}),
                 3);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM member_skills WHERE skill_id = :b AND "
                                      "direction = 'teach'"),
                       {{QStringLiteral(":b"), idB}}),
                 bTeachBefore + 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM member_skills WHERE skill_id = :b AND "
                                      "direction = 'learn'"),
                       {{QStringLiteral(":b"), idB}}),
                 bLearnBefore + 1);
        QCOMPARE(count(QStringLiteral("SELECT proficiency FROM member_skills WHERE id = :id"),
                       {{QStringLiteral(":id"), m3IntoTeach}}),
                 70);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM member_skills WHERE id = :id"),
                       {{QStringLiteral(":id"), m3FromTeach}}),
                 0);

        const QJsonObject fromNow = getSkill(idA);
        QCOMPARE(fromNow.value(QStringLiteral("status")).toString(), QStringLiteral("deprecated"));
        QCOMPARE(fromNow.value(QStringLiteral("merged_into")).toInteger(), idB);
        QCOMPARE(fromNow.value(QStringLiteral("version")).toInt(), 2);
        const QJsonObject intoNow = getSkill(idB);
        QCOMPARE(intoNow.value(QStringLiteral("version")).toInt(), 2);
        QVERIFY(strings(intoNow.value(QStringLiteral("aliases")))
                    .contains(QStringLiteral("Kotlin Basics")));
        const QJsonObject usage = intoNow.value(QStringLiteral("usage")).toObject();
        QCOMPARE(usage.value(QStringLiteral("teach")).toInt(), bTeachBefore + 1);
        QCOMPARE(usage.value(QStringLiteral("sessions")).toInt(), 3);

        // Members find B by A's names and aliases; A itself is never listed.
        QCOMPARE(publicSearch(QStringLiteral("Kotlin Basics")),
                 QStringList{QStringLiteral("kotlin")});
        QCOMPARE(publicSearch(QStringLiteral("ktx")), QStringList{QStringLiteral("kotlin")});
        QCOMPARE(publicSearch(QStringLiteral("Kotlin-Grundlagen")),
                 QStringList{QStringLiteral("kotlin")});

        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'taxonomy.skill_merged' AND target_id = :a"),
                       {{QStringLiteral(":a"), QString::number(idA)}}),
                 1);
        const QString data = scalar(QStringLiteral("SELECT data FROM events WHERE type = "
                                                   "'taxonomy.skill_merged' AND subject_id = :a"),
                                    {{QStringLiteral(":a"), QString::number(idA)}})
                                 .toString();
        const QJsonObject event = QJsonDocument::fromJson(data.toUtf8()).object();
        QCOMPARE(event.value(QStringLiteral("merge"))
                     .toObject()
                     .value(QStringLiteral("into_id"))
                     .toInteger(),
                 idB);
        QVERIFY(event.value(QStringLiteral("skills")).toArray().size() >= 2);

        // No merge into itself, none of a merged skill, none into a merged or deprecated one.
        const QJsonObject c =
            createSkill(m_category, QStringLiteral("scala"), names(QStringLiteral("Scala")));
        const qint64 idC = c.value(QStringLiteral("id")).toInteger();
        const auto self = call(m_admin, "POST", kBase + QStringLiteral("/skills/%1/merge").arg(idC),
                               {{QStringLiteral("into"), idC}}, {{"If-Match", "*"}});
        QCOMPARE(self.status, 400);
        const auto again =
            call(m_admin, "POST", path, {{QStringLiteral("into"), idC}}, {{"If-Match", "*"}});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.problemType(), pt::kConflict);
        QCOMPARE(call(m_admin, "POST", kBase + QStringLiteral("/skills/%1/merge").arg(idC),
                      {{QStringLiteral("into"), idA}, {QStringLiteral("dry_run"), true}})
                     .status,
                 409);
        const qint64 cobol = seededSkill(QStringLiteral("cobol"));
        QCOMPARE(call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(cobol),
                      {{QStringLiteral("status"), QStringLiteral("deprecated")}},
                      {{"If-Match", "*"}})
                     .status,
                 200);
        QCOMPARE(call(m_admin, "POST", kBase + QStringLiteral("/skills/%1/merge").arg(idC),
                      {{QStringLiteral("into"), cobol}, {QStringLiteral("dry_run"), true}})
                     .status,
                 409);
        // A merged skill is frozen.
        QCOMPARE(call(m_admin, "PATCH", kBase + QStringLiteral("/skills/%1").arg(idA),
                      {{QStringLiteral("status"), QStringLiteral("active")}}, {{"If-Match", "*"}})
                     .status,
                 409);
    }

    void mergeCombinesAssessmentsAndFlattensEarlierMerges()
    {
        const qint64 p = createSkill(m_category, QStringLiteral("flat-p"),
                                     names(QStringLiteral("Flat P")), {QStringLiteral("flatpee")})
                             .value(QStringLiteral("id"))
                             .toInteger();
        const qint64 q =
            createSkill(m_category, QStringLiteral("flat-q"), names(QStringLiteral("Flat Q")))
                .value(QStringLiteral("id"))
                .toInteger();
        const qint64 r =
            createSkill(m_category, QStringLiteral("flat-r"), names(QStringLiteral("Flat R")))
                .value(QStringLiteral("id"))
                .toInteger();
        const Actor owner = member();
        const Actor x = member();
        const Actor y = member();
        const Actor z = member();
        const qint64 onQ = addMemberSkill(owner, q, QStringLiteral("learn"), 90);
        const qint64 onR = addMemberSkill(owner, r, QStringLiteral("learn"), 30);
        // Two assessors on Q's row, one of them also on R's: together three distinct ones.
        QVERIFY(insertAssessment(onQ, x.id, 1000));
        QVERIFY(insertAssessment(onQ, y.id, 3000));
        QVERIFY(insertAssessment(onR, x.id, 2000));
        QVERIFY(insertAssessment(onR, z.id, 4000));

        QCOMPARE(call(m_admin, "POST", kBase + QStringLiteral("/skills/%1/merge").arg(p),
                      {{QStringLiteral("into"), q}}, {{"If-Match", tag(1)}})
                     .status,
                 200);
        const auto done = call(m_admin, "POST", kBase + QStringLiteral("/skills/%1/merge").arg(q),
                               {{QStringLiteral("into"), r}}, {{"If-Match", "*"}});
        QCOMPARE(done.status, 200);
        QCOMPARE(done.json().value(QStringLiteral("flattened")).toArray(), QJsonArray{p});
        QCOMPARE(getSkill(p).value(QStringLiteral("merged_into")).toInteger(), r);
        QCOMPARE(publicSearch(QStringLiteral("flatpee")), QStringList{QStringLiteral("flat-r")});
        QCOMPARE(TestHttp(m_server.baseUrl())
                     .get(QStringLiteral("/api/v1/skills/%1").arg(p))
                     .json()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 r);

        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM member_skills WHERE id = :id"),
                       {{QStringLiteral(":id"), onQ}}),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT proficiency FROM member_skills WHERE id = :id"),
                       {{QStringLiteral(":id"), onR}}),
                 90);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT assessor_id) FROM skill_assessments "
                                      "WHERE member_skill_id = :id"),
                       {{QStringLiteral(":id"), onR}}),
                 3);
        // x's own assessment of R stays (x's of Q goes); y's moves over; the third of those
        // by time (x 2000, y 3000, z 4000) is when the skill became verified.
        QCOMPARE(scalar(QStringLiteral("SELECT verified_at FROM member_skills WHERE id = :id"),
                        {{QStringLiteral(":id"), onR}})
                     .toLongLong(),
                 4000);
    }
};

QTEST_GUILESS_MAIN(TestAdminTaxonomy)
#include "tst_admin_taxonomy.moc"
