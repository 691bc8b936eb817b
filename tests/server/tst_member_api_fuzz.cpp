// Bad input against every member endpoint of the real server: each answer must be a 4xx
// problem+json naming the request id, never a 5xx or a hang, and the server must stay healthy.
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

using namespace skillex::testutils;

namespace {

// Which kinds of bad input an endpoint can be given.
enum Input : unsigned {
    NoInput = 0,
    JsonBody = 1u << 0, // the handler parses a JSON object body
    RawBody = 1u << 1,  // the body is taken as bytes (uploads, webhooks verified by signature)
    Query = 1u << 2,    // the handler checks its query (lists and rejectUnknownParams routes)
    Open = 1u << 3,     // public: anonymous callers reach the handler too
    NoMember = 1u << 4, // not sent signed in: it would end the member's session (logout)
};

struct Endpoint {
    const char *method;
    const char *path; // {name} segments are ids (or a sha256) in the path
    unsigned input;
    // A near-valid body, and a field of it where a string, a number of any size, zero and a
    // negative number are all wrong, so a case that only touches that field is still bad input.
    const char *sample;
    const char *keyField;
};

// From docs/api.md (member sections), cross-checked against router.add in
// server/http/routes/*.cpp. Staff (/admin) routes and /health are not member endpoints.
const Endpoint kEndpoints[] = {
    {"POST", "/api/v1/auth/register", JsonBody | Open,
     R"({"email":"fuzz-new@example.com","password":"learning-is-fun","name":"Fuzz"})", "email"},
    {"POST", "/api/v1/auth/login", JsonBody | Open,
     R"({"email":"nobody@example.com","password":"not-the-password"})", "email"},
    {"POST", "/api/v1/auth/refresh", JsonBody | Open, R"({"refresh_token":"nope"})",
     "refresh_token"},
    {"POST", "/api/v1/auth/logout", NoMember, "{}", nullptr},
    {"POST", "/api/v1/auth/verify-email", JsonBody | Open, R"({"token":"nope"})", "token"},
    {"GET", "/api/v1/me", NoInput, nullptr, nullptr},
    {"GET", "/api/v1/me/profile", Query, nullptr, nullptr},
    {"PATCH", "/api/v1/me/profile", JsonBody | Query, R"({"languages":["en"]})", "languages"},
    {"GET", "/api/v1/me/availability", Query, nullptr, nullptr},
    {"PUT", "/api/v1/me/availability", JsonBody | Query, R"({"slots":[]})", "slots"},
    {"GET", "/api/v1/me/skills", Query, nullptr, nullptr},
    {"POST", "/api/v1/me/skills", JsonBody | Query,
     R"({"skill_id":1,"direction":"teach","proficiency":50})", "skill_id"},
    {"PATCH", "/api/v1/me/skills/{id}", JsonBody | Query, R"({"proficiency":50})", "proficiency"},
    {"DELETE", "/api/v1/me/skills/{id}", Query, nullptr, nullptr},
    {"GET", "/api/v1/users/{id}", Query, nullptr, nullptr},
    {"POST", "/api/v1/users/{id}/skills/{memberSkillId}/assessments", JsonBody | Query,
     R"({"score":50})", "score"},
    {"GET", "/api/v1/users/{id}/reviews", Query, nullptr, nullptr},
    {"GET", "/api/v1/skills", Query | Open, nullptr, nullptr},
    {"GET", "/api/v1/skills/categories", Query | Open, nullptr, nullptr},
    {"GET", "/api/v1/skills/{id}", Query | Open, nullptr, nullptr},
    {"POST", "/api/v1/sessions", JsonBody,
     R"({"skill_id":1,"starts_at":"2030-01-07T10:00:00.000Z"})", "skill_id"},
    {"GET", "/api/v1/sessions", Query, nullptr, nullptr},
    {"GET", "/api/v1/sessions/{id}", NoInput, nullptr, nullptr},
    {"POST", "/api/v1/sessions/{id}/book", NoInput, nullptr, nullptr},
    {"POST", "/api/v1/sessions/{id}/cancel", NoInput, nullptr, nullptr},
    {"POST", "/api/v1/sessions/{id}/complete", NoInput, nullptr, nullptr},
    {"POST", "/api/v1/bookings/{id}/cancel", NoInput, nullptr, nullptr},
    {"POST", "/api/v1/bookings/{id}/no-show", NoInput, nullptr, nullptr},
    {"GET", "/api/v1/me/bookings", Query, nullptr, nullptr},
    {"POST", "/api/v1/sessions/{id}/reviews", JsonBody,
     R"({"knowledge":5,"communication":5,"professionalism":5})", "knowledge"},
    {"DELETE", "/api/v1/reviews/{id}", NoInput, nullptr, nullptr},
    {"GET", "/api/v1/payments/packages", Query | Open, nullptr, nullptr},
    {"POST", "/api/v1/payments/checkout", JsonBody,
     R"({"package_id":"no-such-package","provider":"stripe"})", "package_id"},
    {"GET", "/api/v1/payments", Query, nullptr, nullptr},
    {"GET", "/api/v1/payments/{id}", NoInput, nullptr, nullptr},
    {"POST", "/api/v1/payments/{id}/razorpay-verify", JsonBody,
     R"({"razorpay_payment_id":"pay_1","razorpay_signature":"00"})", "razorpay_payment_id"},
    {"POST", "/api/v1/webhooks/stripe", RawBody | Open, R"({"id":"evt_1","type":"x"})", "id"},
    {"POST", "/api/v1/webhooks/razorpay", RawBody | Open, R"({"event":"x","payload":{}})", "event"},
    {"GET", "/api/v1/wallet", Query, nullptr, nullptr},
    {"GET", "/api/v1/wallet/statement", Query, nullptr, nullptr},
    {"POST", "/api/v1/attachments", RawBody, "not a picture", nullptr},
    {"GET", "/api/v1/attachments/{sha256}", NoInput, nullptr, nullptr},
    {"POST", "/api/v1/conversations", JsonBody, R"({"member_id":987654})", "member_id"},
    {"GET", "/api/v1/conversations", Query, nullptr, nullptr},
    {"GET", "/api/v1/conversations/{id}/messages", Query, nullptr, nullptr},
    {"POST", "/api/v1/conversations/{id}/messages", JsonBody, R"({"body":"hello"})", "body"},
    {"PATCH", "/api/v1/messages/{id}", JsonBody, R"({"body":"hello"})", "body"},
    {"DELETE", "/api/v1/messages/{id}", NoInput, nullptr, nullptr},
    {"POST", "/api/v1/reports", JsonBody,
     R"({"subject":{"type":"user","id":987654},"category":"spam","description":"d"})", "subject"},
    {"POST", "/api/v1/appeals", JsonBody, R"({"case_id":987654,"body":"please"})", "case_id"},
    {"GET", "/api/v1/me/sanctions", NoInput, nullptr, nullptr},
};

// Bad values for the parameters particular lists take (the shared ones are in addQueryCases).
const struct {
    const char *path;
    const char *query;
} kListParams[] = {
    {"/api/v1/sessions", "skill=abc"},
    {"/api/v1/sessions", "teacher=-1"},
    {"/api/v1/sessions", "skill=99999999999999999999"},
    {"/api/v1/sessions", "from=!!!"},
    {"/api/v1/sessions", "to=2026-13-45T99:00:00Z"},
    {"/api/v1/sessions", "status=zzz"},
    {"/api/v1/sessions", "has_seats=maybe"},
    {"/api/v1/sessions", "after=MTo"}, // base64url of "1:", half a cursor
    {"/api/v1/skills", "category=abc"},
    {"/api/v1/skills", "category=0"},
    {"/api/v1/skills", "include_deprecated=maybe"},
    {"/api/v1/skills", "lang=xx"},
    {"/api/v1/skills/categories", "lang=xx"},
    {"/api/v1/payments/packages", "provider=zzz"},
    {"/api/v1/payments/packages", "after=LTE"}, // base64url of "-1"
    {"/api/v1/payments", "after=YWJj"},         // base64url of "abc"
    {"/api/v1/conversations", "after=YWJj"},
    {"/api/v1/conversations/{id}/messages", "order=sideways"},
    {"/api/v1/wallet/statement", "after=LTE"},
    {"/api/v1/users/{id}", "lang=xx"},
};

// An id that is well formed but names nothing, so only the case under test is wrong.
const QString kAbsentId = QStringLiteral("987654");

QString withPathValue(QString path, const QString &value, int onlyIndex = -1)
{
    int index = 0;
    qsizetype at = 0;
    while ((at = path.indexOf(QLatin1Char('{'), at)) >= 0) {
        const qsizetype end = path.indexOf(QLatin1Char('}'), at);
        const QString v = (onlyIndex < 0 || onlyIndex == index) ? value : kAbsentId;
        path.replace(at, end - at + 1, v);
        at += v.size();
        ++index;
    }
    return path;
}

QByteArray withKey(const char *sample, const char *key, const QByteArray &rawValue)
{
    QJsonObject o = QJsonDocument::fromJson(sample).object();
    o.insert(QString::fromLatin1(key), QStringLiteral("@@VALUE@@"));
    return QJsonDocument(o).toJson(QJsonDocument::Compact).replace("\"@@VALUE@@\"", rawValue);
}

QByteArray nested(int levels)
{
    return QByteArray(levels, '[') + "1" + QByteArray(levels, ']');
}

} // namespace

class TestMemberApiFuzz : public QObject {
    Q_OBJECT
    TestServer m_server;
    QString m_access;
    int m_requests = 0;
    QMap<int, int> m_statuses; // status -> how often, to show what the matrix exercised

    void addRow(const QString &name, const Endpoint &e, const QString &path, const QByteArray &body,
                const QByteArray &contentType, bool signedIn, const QByteArray &bearer = {})
    {
        QTest::newRow(qPrintable(name))
            << QByteArray(e.method) << path << body << contentType << signedIn << bearer;
    }

    void addJsonCases(const QString &who, const Endpoint &e, bool signedIn)
    {
        const QString id = QStringLiteral("%1 %2 %3 ").arg(who, e.method, e.path);
        const QString path = withPathValue(QString::fromLatin1(e.path), kAbsentId);
        const QByteArray json = "application/json";
        addRow(id + "malformed", e, path, R"({"a":)", json, signedIn);
        addRow(id + "array", e, path, "[1,2,3]", json, signedIn);
        addRow(id + "empty", e, path, {}, json, signedIn);
        addRow(id + "null", e, path, "null", json, signedIn);
        addRow(id + "nested 70", e, path, nested(70), json, signedIn);
        if (e.input & JsonBody) // the raw bodies are judged by content, not by Content-Type
            addRow(id + "text/plain", e, path, e.sample, "text/plain", signedIn);
        addRow(id + "invalid utf-8", e, path, "{\"a\":\"\xff\xfe\xc3\x28\"}", json, signedIn);
        if (!e.keyField)
            return;
        const auto key = [&](const char *label, const QByteArray &value) {
            addRow(id + label, e, path, withKey(e.sample, e.keyField, value), json, signedIn);
        };
        {
            QJsonObject o = QJsonDocument::fromJson(e.sample).object();
            o.insert(QStringLiteral("zz_unknown_field"), 1);
            addRow(id + "unknown field", e, path, QJsonDocument(o).toJson(QJsonDocument::Compact),
                   json, signedIn);
        }
        key("string", R"("abc")");
        key("1e300", "1e300");
        key("2^63", "9223372036854775808");
        key("-1", "-1");
        key("0", "0");
        key("nested field 70", nested(70));
        key("70 KB string", '"' + QByteArray(70 * 1024, 'x') + '"');
        key("invalid utf-8 field", "\"\xff\xfe\xc3\x28\"");
        key("object", R"({"a":{"b":[]}})");
    }

    void addPathCases(const QString &who, const Endpoint &e, bool signedIn)
    {
        const QString path = QString::fromLatin1(e.path);
        const int params = int(path.count(QLatin1Char('{')));
        const QByteArray body = (e.input & JsonBody) ? QByteArray(e.sample) : QByteArray();
        const QStringList values{
            QStringLiteral("abc"),
            QStringLiteral("-1"),
            QStringLiteral("0"),
            QStringLiteral("99999999999999999999"), // past qint64; its max is a valid id
            QStringLiteral("1e3"),
            QStringLiteral("%FF%FE"),
            QStringLiteral("%20")};
        for (int p = 0; p < params; ++p) {
            for (const QString &v : values)
                addRow(
                    QStringLiteral("%1 %2 %3 path[%4]=%5").arg(who, e.method, e.path).arg(p).arg(v),
                    e, withPathValue(path, v, p), body, "application/json", signedIn);
        }
    }

    void addQueryCases(const QString &who, const Endpoint &e, bool signedIn)
    {
        const QString path = withPathValue(QString::fromLatin1(e.path), kAbsentId);
        // A body that is fine to parse, so the query is what gets judged (or a missing field).
        const QByteArray body = (e.input & JsonBody) ? QByteArray("{}") : QByteArray();
        const QStringList queries{QStringLiteral("zz_unknown=1"),     QStringLiteral("limit=0"),
                                  QStringLiteral("limit=100000"),     QStringLiteral("after=!!!"),
                                  QStringLiteral("limit=abc"),        QStringLiteral("limit=-1"),
                                  QStringLiteral("limit=1e300"),      QStringLiteral("lang=%FF%FE"),
                                  QStringLiteral("after=%FF&limit=1")};
        QStringList all = queries;
        for (const auto &p : kListParams) {
            if (qstrcmp(p.path, e.path) == 0)
                all.push_back(QString::fromLatin1(p.query));
        }
        for (const QString &q : all)
            addRow(QStringLiteral("%1 %2 %3 ?%4").arg(who, e.method, e.path, q), e,
                   path + QLatin1Char('?') + q, body, "application/json", signedIn);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        TestHttp http(m_server.baseUrl());
        const QJsonObject member{{QStringLiteral("email"), QStringLiteral("fuzz@example.com")},
                                 {QStringLiteral("password"), QStringLiteral("learning-is-fun")},
                                 {QStringLiteral("name"), QStringLiteral("Fuzz Member")}};
        QCOMPARE(http.post(QStringLiteral("/api/v1/auth/register"), member).status, 201);
        const auto login =
            http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), member.value(QStringLiteral("email"))},
                       {QStringLiteral("password"), member.value(QStringLiteral("password"))}});
        QCOMPARE(login.status, 200);
        m_access = login.json().value(QStringLiteral("access_token")).toString();
        QVERIFY(!m_access.isEmpty());
    }

    void cleanupTestCase()
    {
        QCOMPARE(TestHttp(m_server.baseUrl()).get(QStringLiteral("/health")).status, 200);
        // The member's session must have survived every request.
        TestHttp http(m_server.baseUrl());
        http.setBearer(m_access);
        QCOMPARE(http.get(QStringLiteral("/api/v1/me")).status, 200);
        QVERIFY2(m_server.stop(), qPrintable(m_server.error()));
        // The server logs these only on the way to a 5xx; a swallowed one still counts.
        const QByteArray err = m_server.serverStderr();
        QVERIFY2(!err.contains("unexpected error"), err.right(4000).constData());
        QVERIFY2(!err.contains("database error"), err.right(4000).constData());
        QStringList counts;
        for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it)
            counts.push_back(QStringLiteral("%1 x%2").arg(it.key()).arg(it.value()));
        qInfo("%d requests: %s", m_requests, qPrintable(counts.join(QStringLiteral(", "))));
    }

    void badInputIsA4xxProblem_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("signedIn");
        QTest::addColumn<QByteArray>("bearer");

        for (const Endpoint &e : kEndpoints) {
            const bool hasPathIds = QByteArray(e.path).contains('{');
            if (!(e.input & NoMember)) {
                if (e.input & (JsonBody | RawBody))
                    addJsonCases(QStringLiteral("member"), e, true);
                if (hasPathIds)
                    addPathCases(QStringLiteral("member"), e, true);
                if (e.input & Query)
                    addQueryCases(QStringLiteral("member"), e, true);
            }
            if (e.input & Open) {
                // Public routes get the same matrix from a caller with no token.
                if (e.input & (JsonBody | RawBody))
                    addJsonCases(QStringLiteral("anonymous"), e, false);
                if (hasPathIds)
                    addPathCases(QStringLiteral("anonymous"), e, false);
                if (e.input & Query)
                    addQueryCases(QStringLiteral("anonymous"), e, false);
                continue;
            }
            // Signed-in routes refuse a caller without a valid token, whatever else is sent.
            const QString path = withPathValue(QString::fromLatin1(e.path), kAbsentId);
            const QByteArray body = e.sample ? QByteArray(e.sample) : QByteArray();
            const QString id = QStringLiteral("%1 %2 ").arg(e.method, e.path);
            addRow(id + "no token", e, path, body, "application/json", false);
            addRow(id + "garbage token", e, path, body, "application/json", false,
                   "Bearer not.a.jwt");
            addRow(id + "empty bearer", e, path, body, "application/json", false, "Bearer ");
            addRow(id + "basic auth", e, path, body, "application/json", false,
                   "Basic Zm9vOmJhcg==");
            addRow(id + "invalid utf-8 token", e, path, body, "application/json", false,
                   "Bearer \xff\xfe");
        }
    }

    void badInputIsA4xxProblem()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, signedIn);
        QFETCH(QByteArray, bearer);

        TestHttp http(m_server.baseUrl());
        if (signedIn)
            http.setBearer(m_access);
        const QByteArray requestId =
            "fuzz-" + QByteArray::number(++m_requests).rightJustified(6, '0');
        // If-Match: * lets PATCH /me/profile get as far as reading its body.
        QHash<QByteArray, QByteArray> headers{{"X-Request-Id", requestId}, {"If-Match", "*"}};
        if (!contentType.isEmpty())
            headers.insert("Content-Type", contentType);
        if (!bearer.isEmpty())
            headers.insert("Authorization", bearer);
        QElapsedTimer timer;
        timer.start();
        const TestResponse r = http.send(method, path, body, headers);
        ++m_statuses[r.status];

        QVERIFY2(r.status != 0,
                 qPrintable(QStringLiteral("no answer (network error %1) after %2 ms")
                                .arg(r.networkError)
                                .arg(timer.elapsed())));
        QVERIFY2(r.status >= 400 && r.status < 500,
                 qPrintable(QStringLiteral("%1: %2").arg(r.status).arg(
                     QString::fromUtf8(r.body.left(600)))));
        QVERIFY2(r.isProblem(), r.header("content-type").constData());
        const QJsonObject problem = r.json();
        QVERIFY2(!problem.value(QStringLiteral("type")).toString().isEmpty(), r.body.constData());
        QVERIFY2(!problem.value(QStringLiteral("title")).toString().isEmpty(), r.body.constData());
        QCOMPARE(problem.value(QStringLiteral("status")).toInt(), r.status);
        QCOMPARE(r.header("x-request-id"), requestId);
        QCOMPARE(problem.value(QStringLiteral("request_id")).toString().toLatin1(),
                 r.header("x-request-id"));
    }

    void serverIsStillHealthy()
    {
        QCOMPARE(TestHttp(m_server.baseUrl()).get(QStringLiteral("/health")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestMemberApiFuzz)
#include "tst_member_api_fuzz.moc"
