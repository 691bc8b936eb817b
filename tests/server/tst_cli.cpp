// The skillex-server command line: create-staff and its refusals, configuration errors, demo mode.
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace skillex::testutils;

class TestCli : public QObject {
    Q_OBJECT
    TestServer m_server{TestServer::Backend::Sqlite};

    int run(const QStringList &args, const QByteArray &input, QByteArray *err,
            QProcessEnvironment env = {})
    {
        QProcess p;
        p.setProcessEnvironment(env.isEmpty() ? m_server.environment() : env);
        p.start(TestServer::serverBinary(), args);
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000))
            return -1;
        *err = p.readAllStandardError() + p.readAllStandardOutput();
        return p.exitCode();
    }

private Q_SLOTS:
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.error())); }

    void createStaffRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown role")
            << QStringList{QStringLiteral("--email"), QStringLiteral("a@b.example"),
                           QStringLiteral("--role"), QStringLiteral("root")}
            << QByteArray("long enough password\n") << QStringLiteral("unknown role");
        QTest::newRow("short password")
            << QStringList{QStringLiteral("--email"), QStringLiteral("a@b.example"),
                           QStringLiteral("--role"), QStringLiteral("admin")}
            << QByteArray("short\n") << QStringLiteral("at least 10 characters");
        QTest::newRow("bad email")
            << QStringList{QStringLiteral("--email"), QStringLiteral("not-an-email"),
                           QStringLiteral("--role"), QStringLiteral("admin")}
            << QByteArray("long enough password\n") << QStringLiteral("must be an email address");
        QTest::newRow("no password flag")
            << QStringList{QStringLiteral("--email"), QStringLiteral("a@b.example"),
                           QStringLiteral("--role"), QStringLiteral("admin")}
            << QByteArray() << QStringLiteral("usage:");
    }

    void createStaffRefusesBadInput()
    {
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, password);
        QFETCH(QString, message);
        QStringList args{QStringLiteral("admin"), QStringLiteral("create-staff"),
                         QStringLiteral("--db"), m_server.databaseUrl()};
        args += extra;
        if (!password.isEmpty())
            args += QStringLiteral("--password-stdin");
        QByteArray output;
        QVERIFY(run(args, password, &output) != 0);
        QVERIFY2(output.contains(message.toUtf8()), output.constData());
    }

    void createStaffRefusesDuplicateEmail()
    {
        const auto first = m_server.createStaff(QStringLiteral("finance"),
                                                QStringLiteral("dup@test.skillex.local"));
        QVERIFY2(!first.email.isEmpty(), qPrintable(m_server.error()));
        const auto second =
            m_server.createStaff(QStringLiteral("admin"), QStringLiteral("DUP@test.skillex.local"));
        QVERIFY(second.email.isEmpty());
        QVERIFY2(m_server.error().contains(QStringLiteral("already")),
                 qPrintable(m_server.error()));
    }

    void serverRefusesMissingSecretAndBadDatabase()
    {
        QProcessEnvironment env = m_server.environment();
        env.remove(QStringLiteral("SKILLEX_JWT_SECRET"));
        QByteArray output;
        QCOMPARE(run({QStringLiteral("--db"), QStringLiteral("sqlite:/tmp/x.db"),
                      QStringLiteral("--port"), QStringLiteral("0")},
                     {}, &output, env),
                 2);
        QVERIFY2(output.contains("SKILLEX_JWT_SECRET"), output.constData());
        QCOMPARE(run({QStringLiteral("--db"), QStringLiteral("mysql://x"), QStringLiteral("--port"),
                      QStringLiteral("0")},
                     {}, &output),
                 1);
        QVERIFY2(output.contains("unknown database URL"), output.constData());
        QCOMPARE(run({QStringLiteral("--port"), QStringLiteral("70000")}, {}, &output), 2);
        QVERIFY2(output.contains("--port"), output.constData());
        QCOMPARE(run({QStringLiteral("--db"), QStringLiteral("sqlite:/nonexistent-dir/sub/x.db"),
                      QStringLiteral("--port"), QStringLiteral("0")},
                     {}, &output),
                 1);
        QVERIFY2(output.contains("cannot open"), output.constData());
    }

    void demoModeCreatesStaffOnceAndTheyCanSignIn()
    {
        QTemporaryDir dataDir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("SKILLEX_JWT_SECRET"));
        auto startDemo = [&](QProcess &p, QByteArray *printed) -> QUrl {
            p.setProcessEnvironment(env);
            p.start(TestServer::serverBinary(),
                    {QStringLiteral("--demo"), QStringLiteral("--port"), QStringLiteral("0"),
                     QStringLiteral("--data-dir"), dataDir.path()});
            static const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
            for (int i = 0; i < 300; ++i) {
                p.waitForReadyRead(100);
                *printed += p.readAllStandardOutput();
                const auto m = listening.match(QString::fromUtf8(*printed));
                if (m.hasMatch())
                    return QUrl(m.captured(1));
            }
            return {};
        };
        QProcess first;
        QByteArray printed;
        const QUrl url = startDemo(first, &printed);
        QVERIFY2(url.isValid() && !url.isEmpty(), printed.constData());
        // stdout carries exactly the one line scripts wait for; the passwords go to stderr.
        QCOMPARE(printed.trimmed().count('\n'), 0);
        QVERIFY(printed.startsWith("listening on "));
        QVERIFY(!printed.contains("password"));
        QVERIFY(first.readAllStandardError().contains("admin@demo.skillex.local"));

        QFile credentials(dataDir.filePath(QStringLiteral("demo-credentials.json")));
        QVERIFY(credentials.open(QIODevice::ReadOnly));
        QCOMPARE(credentials.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        const auto file = QJsonDocument::fromJson(credentials.readAll()).object();
        QCOMPARE(file.value(QStringLiteral("server_url")).toString(), url.toString());
        const auto staff = file.value(QStringLiteral("staff")).toArray();
        QStringList roles;
        for (const auto &s : staff)
            roles << s.toObject().value(QStringLiteral("role")).toString();
        for (const char *role : {"viewer", "moderator", "senior_moderator", "finance", "admin"})
            QVERIFY2(roles.contains(QString::fromLatin1(role)), role);
        const auto admin = staff.first().toObject();
        QCOMPARE(admin.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        const auto login = TestHttp(url).post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), admin.value(QStringLiteral("email"))},
             {QStringLiteral("password"), admin.value(QStringLiteral("password"))}});
        QCOMPARE(login.status, 200);
        first.terminate();
        QVERIFY(first.waitForFinished(10000));

        // Second start: no new passwords printed, the old ones still work, the URL is updated.
        QProcess second;
        QByteArray printedAgain;
        const QUrl url2 = startDemo(second, &printedAgain);
        QVERIFY2(url2.isValid() && !url2.isEmpty(), printedAgain.constData());
        QVERIFY(!printedAgain.contains("password"));
        QVERIFY(!second.readAllStandardError().contains("password:"));
        const auto login2 = TestHttp(url2).post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), admin.value(QStringLiteral("email"))},
             {QStringLiteral("password"), admin.value(QStringLiteral("password"))}});
        QCOMPARE(login2.status, 200);
        QFile again(dataDir.filePath(QStringLiteral("demo-credentials.json")));
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(again.readAll())
                     .object()
                     .value(QStringLiteral("server_url"))
                     .toString(),
                 url2.toString());
        second.terminate();
        QVERIFY(second.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
