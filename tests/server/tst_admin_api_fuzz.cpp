// Bad input against every staff endpoint the server serves (its own route table), sent by an
// admin, who may call them all: each answer must be a 4xx problem+json naming the request id,
// never a 5xx, a hang or a success, and the server must stay healthy with its audit chain whole.
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace skillex::testutils;

namespace {

// Field names the admin API's bodies use (docs/api.md). Each bad body sets all of them to one
// wrong kind of value, so whichever fields an endpoint reads, it reads a wrong one.
const QStringList kFields = {
    QStringLiteral("action"),
    QStringLiteral("reason"),
    QStringLiteral("note"),
    QStringLiteral("body"),
    QStringLiteral("text"),
    QStringLiteral("duration_days"),
    QStringLiteral("decision"),
    QStringLiteral("case_ids"),
    QStringLiteral("ids"),
    QStringLiteral("user_id"),
    QStringLiteral("case_id"),
    QStringLiteral("amount"),
    QStringLiteral("amount_minor"),
    QStringLiteral("credits"),
    QStringLiteral("currency"),
    QStringLiteral("name"),
    QStringLiteral("names"),
    QStringLiteral("slug"),
    QStringLiteral("aliases"),
    QStringLiteral("category_id"),
    QStringLiteral("into"),
    QStringLiteral("dry_run"),
    QStringLiteral("status"),
    QStringLiteral("roles"),
    QStringLiteral("email"),
    QStringLiteral("password"),
    QStringLiteral("title"),
    QStringLiteral("template"),
    QStringLiteral("canned_reason_id"),
    QStringLiteral("placeholders"),
    QStringLiteral("position"),
    QStringLiteral("version"),
};

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

// Every field set to value; or only the text fields, so that 70 KB in each stays under the
// 1 MiB body limit and reaches the per-field bound rather than the 413.
QByteArray allFields(const QByteArray &value, bool textFieldsOnly = false)
{
    static const QStringList textFields = {
        QStringLiteral("reason"), QStringLiteral("note"),  QStringLiteral("body"),
        QStringLiteral("text"),   QStringLiteral("name"),  QStringLiteral("email"),
        QStringLiteral("slug"),   QStringLiteral("title"), QStringLiteral("template")};
    QByteArray body = "{";
    for (const QString &f : textFieldsOnly ? textFields : kFields)
        body += '"' + f.toLatin1() + "\":" + value + ',';
    body.chop(1);
    return body + '}';
}

QString withPathValue(QString pattern, const QString &value, int which = -1)
{
    static const QRegularExpression param(QStringLiteral("\\{[a-z_0-9A-Z]+\\}"));
    int index = 0;
    QString out;
    qsizetype last = 0;
    for (auto it = param.globalMatch(pattern); it.hasNext(); ++index) {
        const auto m = it.next();
        out += pattern.mid(last, m.capturedStart() - last);
        const bool isSha = m.captured() == QStringLiteral("{sha256}");
        // Other placeholders get an id that exists nowhere.
        out += (which < 0 || which == index)
                   ? value
                   : (isSha ? QString(64, QLatin1Char('0')) : QStringLiteral("999999999"));
        last = m.capturedEnd();
    }
    return out + pattern.mid(last);
}

} // namespace

class TestAdminApiFuzz : public QObject {
    Q_OBJECT
    TestServer m_server;
    Actor m_admin;
    QList<QPair<QString, QString>> m_routes; // method, path pattern
    int m_requests = 0;
    QMap<int, int> m_statuses;

private Q_SLOTS:
    void initTestCase()
    {
        QByteArray out, err;
        QCOMPARE(m_server.runCommand({QStringLiteral("admin"), QStringLiteral("routes")}, {}, &out,
                                     &err),
                 0);
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject r = QJsonDocument::fromJson(line).object();
            if (r.value(QStringLiteral("access")).toString() == QStringLiteral("staff") &&
                !r.value(QStringLiteral("websocket")).toBool())
                m_routes.push_back({r.value(QStringLiteral("method")).toString(),
                                    r.value(QStringLiteral("path")).toString()});
        }
        QVERIFY(!m_routes.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_admin = signInStaff(m_server, QStringLiteral("admin"));
        QVERIFY(m_admin.isValid());
    }

    void cleanupTestCase()
    {
        TestHttp http(m_server.baseUrl());
        QCOMPARE(http.get(QStringLiteral("/health")).status, 200);
        http.setBearer(m_admin.accessToken);
        QCOMPARE(http.get(QStringLiteral("/api/v1/me")).status, 200);
        QVERIFY2(m_server.stop(), qPrintable(m_server.error()));
        const QByteArray err = m_server.serverStderr();
        QVERIFY2(!err.contains("unexpected error"), err.right(4000).constData());
        QVERIFY2(!err.contains("database error"), err.right(4000).constData());
        QStringList counts;
        for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it)
            counts.push_back(QStringLiteral("%1 x%2").arg(it.key()).arg(it.value()));
        qInfo("%d requests over %lld routes: %s", m_requests,
              static_cast<long long>(m_routes.size()),
              qPrintable(counts.join(QStringLiteral(", "))));
    }

    void badInputIsA4xxProblem_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");

        const QByteArray json = "application/json";
        for (const auto &[method, pattern] : m_routes) {
            const QString id = method + QLatin1Char(' ') + pattern + QLatin1Char(' ');
            const QString path = withPathValue(pattern, QStringLiteral("999999999"));
            const bool hasBody = method != QStringLiteral("GET");
            const auto row = [&](const QString &name, const QString &p, const QByteArray &body,
                                 const QByteArray &type) {
                QTest::newRow(qPrintable(id + name)) << method.toLatin1() << p << body << type;
            };
            // Path ids that are not ids.
            const int params = static_cast<int>(pattern.count(QLatin1Char('{')));
            for (int p = 0; p < params; ++p) {
                for (const QString &v :
                     {QStringLiteral("abc"), QStringLiteral("-1"), QStringLiteral("0"),
                      QStringLiteral("99999999999999999999"), QStringLiteral("%FF%FE")})
                    row(QStringLiteral("path[%1]=%2").arg(p).arg(v), withPathValue(pattern, v, p),
                        hasBody ? QByteArray("{}") : QByteArray(), json);
            }
            // Queries a list must refuse (unknown parameters, limits out of range).
            if (!hasBody) {
                for (const QString &q :
                     {QStringLiteral("zz_unknown=1"), QStringLiteral("limit=0"),
                      QStringLiteral("limit=100000"), QStringLiteral("limit=abc"),
                      QStringLiteral("after=%FF%FE&zz=1")})
                    row(QStringLiteral("?") + q, path + QLatin1Char('?') + q, {}, json);
                continue;
            }
            // Bodies: malformed, the wrong shape, too deep, and every field the wrong kind.
            row(QStringLiteral("malformed"), path, R"({"a":)", json);
            row(QStringLiteral("array"), path, "[1,2,3]", json);
            row(QStringLiteral("null"), path, "null", json);
            row(QStringLiteral("nested 70"), path, nested(70), json);
            row(QStringLiteral("invalid utf-8"), path, "{\"a\":\"\xff\xfe\xc3\x28\"}", json);
            for (const auto &[name, value] :
                 std::initializer_list<std::pair<const char *, QByteArray>>{
                     {"strings", R"("abc")"},
                     {"2^63", "9223372036854775808"},
                     {"-1", "-1"},
                     {"1e300", "1e300"},
                     {"booleans", "true"},
                     {"objects", R"({"a":{"b":[]}})"}})
                row(QStringLiteral("all fields ") + QLatin1String(name), path, allFields(value),
                    json);
            row(QStringLiteral("70 KB text fields"), path,
                allFields('"' + QByteArray(70 * 1024, 'x') + '"', true), json);
        }
    }

    void badInputIsA4xxProblem()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);

        TestHttp http(m_server.baseUrl());
        http.setBearer(m_admin.accessToken);
        const QByteArray requestId =
            "afuzz-" + QByteArray::number(++m_requests).rightJustified(6, '0');
        const QHash<QByteArray, QByteArray> headers{
            {"X-Request-Id", requestId}, {"If-Match", "\"1\""}, {"Content-Type", contentType}};
        QElapsedTimer timer;
        timer.start();
        const TestResponse r = http.send(method, path, body, headers);
        ++m_statuses[r.status];
        QVERIFY2(r.status != 0, qPrintable(QStringLiteral("no answer (network error %1) after "
                                                          "%2 ms")
                                               .arg(r.networkError)
                                               .arg(timer.elapsed())));
        QVERIFY2(r.status >= 400 && r.status < 500,
                 qPrintable(QStringLiteral("%1: %2").arg(r.status).arg(
                     QString::fromUtf8(r.body.left(600)))));
        QVERIFY2(r.isProblem(), r.header("content-type").constData());
        const QJsonObject problem = r.json();
        QVERIFY2(!problem.value(QStringLiteral("type")).toString().isEmpty(), r.body.constData());
        QCOMPARE(problem.value(QStringLiteral("status")).toInt(), r.status);
        QCOMPARE(problem.value(QStringLiteral("request_id")).toString().toLatin1(), requestId);
    }

    void auditChainIsStillWhole()
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(m_admin.accessToken);
        const auto verify = http.get(QStringLiteral("/api/v1/admin/audit/verify"));
        QCOMPARE(verify.status, 200);
        QVERIFY2(verify.json().value(QStringLiteral("ok")).toBool(), verify.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestAdminApiFuzz)
#include "tst_admin_api_fuzz.moc"
