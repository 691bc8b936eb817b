// The HTTP front against the real server: every failure is problem+json with a request id,
// limits on size and depth hold, and bad input never produces a 5xx.
#include "protocol/problem.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QTest>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

class TestHttpFront : public QObject {
    Q_OBJECT
    TestServer m_server;

    void verifyProblem(const TestResponse &r, int status, const QString &type)
    {
        QCOMPARE(r.status, status);
        QVERIFY2(r.isProblem(), r.header("content-type").constData());
        QCOMPARE(r.problemType(), type);
        QCOMPARE(r.json().value(QStringLiteral("status")).toInt(), status);
        QVERIFY(!r.json().value(QStringLiteral("title")).toString().isEmpty());
        QCOMPARE(r.json().value(QStringLiteral("request_id")).toString().toLatin1(),
                 r.header("x-request-id"));
    }

private Q_SLOTS:
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.error())); }

    void healthReportsDatabaseAndMigrations()
    {
        const auto r = TestHttp(m_server.baseUrl()).get(QStringLiteral("/health"));
        QCOMPARE(r.status, 200);
        const auto body = r.json();
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(body.value(QStringLiteral("database"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
                 m_server.backendName());
        QVERIFY(body.value(QStringLiteral("database"))
                    .toObject()
                    .value(QStringLiteral("reachable"))
                    .toBool());
        const auto migrations = body.value(QStringLiteral("migrations")).toObject();
        QVERIFY(migrations.value(QStringLiteral("level")).toInt() >= 1);
        QCOMPARE(migrations.value(QStringLiteral("level")),
                 migrations.value(QStringLiteral("expected")));
    }

    void unknownPathIs404Problem()
    {
        verifyProblem(TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/no/such/thing")),
                      404, pt::kNotFound);
        verifyProblem(TestHttp(m_server.baseUrl()).send("PUT", QStringLiteral("/nowhere"), "x"),
                      404, pt::kNotFound);
    }

    void wrongMethodIs405WithAllow()
    {
        const auto r =
            TestHttp(m_server.baseUrl()).send("DELETE", QStringLiteral("/api/v1/auth/login"), {});
        verifyProblem(r, 405, pt::kMethodNotAllowed);
        QCOMPARE(r.header("allow"), QByteArray("POST"));
        const auto g = TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/auth/login"));
        verifyProblem(g, 405, pt::kMethodNotAllowed);
    }

    void requestIdIsEchoedWhenSane()
    {
        const auto r = TestHttp(m_server.baseUrl())
                           .get(QStringLiteral("/health"), {{"X-Request-Id", "console-abc-12345"}});
        QCOMPARE(r.header("x-request-id"), QByteArray("console-abc-12345"));
        const auto odd =
            TestHttp(m_server.baseUrl())
                .get(QStringLiteral("/health"), {{"X-Request-Id", "bad id with spaces"}});
        QVERIFY(!odd.header("x-request-id").isEmpty());
        QVERIFY(odd.header("x-request-id") != QByteArray("bad id with spaces"));
    }

    void oversizedBodyIs413()
    {
        const QByteArray big =
            "{\"email\":\"" + QByteArray(1024 * 1024 + 10, 'a') + "\",\"password\":\"x\"}";
        const auto r = TestHttp(m_server.baseUrl())
                           .send("POST", QStringLiteral("/api/v1/auth/login"), big,
                                 {{"Content-Type", "application/json"}});
        verifyProblem(r, 413, pt::kPayloadTooLarge);
    }

    void malformedBodiesAre400_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("type");
        QTest::newRow("truncated") << QByteArray("{\"email\":") << pt::kMalformedJson;
        QTest::newRow("not an object") << QByteArray("[1,2,3]") << pt::kMalformedJson;
        QTest::newRow("empty") << QByteArray() << pt::kMalformedJson;
        QTest::newRow("too deep") << (QByteArray("{\"a\":") + QByteArray(70, '[') +
                                      QByteArray(70, ']') + "}")
                                  << pt::kMalformedJson;
        QTest::newRow("long string")
            << ("{\"email\":\"" + QByteArray(70000, 'e') + "\",\"password\":\"p\"}")
            << pt::kMalformedJson;
        QTest::newRow("wrong types")
            << QByteArray(R"({"email":5,"password":[]})") << pt::kValidation;
        QTest::newRow("missing field")
            << QByteArray(R"({"email":"a@b.example"})") << pt::kValidation;
        QTest::newRow("unknown field")
            << QByteArray(R"({"email":"a@b.example","password":"p","admin":true})")
            << pt::kValidation;
        QTest::newRow("binary") << QByteArray("\xff\xfe\x00\x01garbage", 11) << pt::kMalformedJson;
    }

    void malformedBodiesAre400()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, type);
        const auto r = TestHttp(m_server.baseUrl())
                           .send("POST", QStringLiteral("/api/v1/auth/login"), body,
                                 {{"Content-Type", "application/json"}});
        verifyProblem(r, 400, type);
    }

    void validationNamesTheFields()
    {
        const auto r = TestHttp(m_server.baseUrl())
                           .send("POST", QStringLiteral("/api/v1/auth/login"), R"({"email":5})",
                                 {{"Content-Type", "application/json"}});
        const auto errors = r.json().value(QStringLiteral("errors")).toObject();
        QCOMPARE(errors.value(QStringLiteral("email")).toString(),
                 QStringLiteral("must be a string"));
        QCOMPARE(errors.value(QStringLiteral("password")).toString(),
                 QStringLiteral("is required"));
    }

    void wrongContentTypeIs415()
    {
        const auto r = TestHttp(m_server.baseUrl())
                           .send("POST", QStringLiteral("/api/v1/auth/login"), "email=a&password=b",
                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
        verifyProblem(r, 415, pt::kUnsupportedMediaType);
    }

    void clientThatHangsUpDoesNotHurtTheServer()
    {
        // A client that disconnects before its answer is written must not crash the server.
        for (int i = 0; i < 20; ++i) {
            QTcpSocket s;
            s.connectToHost(m_server.baseUrl().host(),
                            static_cast<quint16>(m_server.baseUrl().port()));
            QVERIFY(s.waitForConnected(5000));
            s.write(
                "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 45\r\n\r\n{\"email\":\"a@b.example\",\"password\":\"xxxxxxxx\"}");
            s.flush();
            s.abort();
        }
        QTest::qWait(500);
        QVERIFY(m_server.isRunning());
        QCOMPARE(TestHttp(m_server.baseUrl()).get(QStringLiteral("/health")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestHttpFront)
#include "tst_http.moc"
