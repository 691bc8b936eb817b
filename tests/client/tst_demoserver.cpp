// DemoServer against stand-in server scripts: ready with credentials, early exit, silence, a
// missing binary, and a child that ignores SIGTERM. (The real server is tested in
// tst_client_signin.)
#include "client/local/demoserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace skillex;
using client::DemoServer;

namespace {

const char *const kCredentials =
    R"({"server_url":"http://127.0.0.1:54321","staff":[)"
    R"({"email":"viewer@demo.skillex.local","password":"pw-viewer-123","role":"viewer","name":"Vic Viewer"},)"
    R"({"email":"admin@demo.skillex.local","password":"pw-admin-123","role":"admin","name":"Ada Admin"}]})";

QString writeScript(const QTemporaryDir &dir, const QString &name, const QByteArray &body)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(
        "#!/bin/sh\n"
        "dir=\"\"\n"
        "for a in \"$@\"; do [ \"$prev\" = \"--data-dir\" ] && dir=\"$a\"; prev=\"$a\"; done\n");
    file.write(body);
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

bool processAlive(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

} // namespace

class TestDemoServer : public QObject {
    Q_OBJECT

private slots:
    void readyReadsCredentialsAndStops();
    void earlyExitReportsStderr();
    void silenceTimesOut();
    void progressKeepsALongStartAlive();
    void missingBinaryIsReported();
    void killsAChildThatIgnoresTerm();
    void candidatesIncludeBuildTreeAndEnvironment();
};

void TestDemoServer::readyReadsCredentialsAndStops()
{
    QTemporaryDir dir;
    const QString script = writeScript(dir, QStringLiteral("good.sh"),
                                       QByteArray("echo \"$@\" > \"$dir/args\"\n"
                                                  "printf '%s' '") +
                                           kCredentials +
                                           "' > \"$dir/demo-credentials.json\"\n"
                                           "echo 'seeding a month of activity' >&2\n"
                                           "echo 'listening on http://127.0.0.1:54321'\n"
                                           "exec sleep 60\n");
    DemoServer server;
    server.setBinary(script);
    server.setDataDir(dir.filePath(QStringLiteral("data")));
    QSignalSpy ready(&server, &DemoServer::ready);
    QSignalSpy failed(&server, &DemoServer::failed);
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(server.url(), QUrl(QStringLiteral("http://127.0.0.1:54321")));
    const auto admin = server.credentials().accountFor(QStringLiteral("admin"));
    QVERIFY(admin.has_value());
    QCOMPARE(admin->email, QStringLiteral("admin@demo.skillex.local"));
    QCOMPARE(admin->password, QStringLiteral("pw-admin-123"));
    QCOMPARE(server.credentials().staff.size(), 2);

    QFile args(dir.filePath(QStringLiteral("data/args")));
    QVERIFY(args.open(QIODevice::ReadOnly));
    const QByteArray line = args.readAll().trimmed();
    QVERIFY2(
        line.startsWith("--demo") && line.contains("--port 0") &&
            line.contains("--data-dir " + QFile::encodeName(dir.filePath(QStringLiteral("data")))),
        line.constData());

    QVERIFY(server.isRunning());
    const qint64 pid = server.processId();
    QVERIFY(processAlive(pid));
    server.stop();
    QVERIFY(!server.isRunning());
    QVERIFY(!processAlive(pid));
}

void TestDemoServer::earlyExitReportsStderr()
{
    QTemporaryDir dir;
    const QString script = writeScript(dir, QStringLiteral("broken.sh"),
                                       "echo 'error: database is locked' >&2\nexit 3\n");
    DemoServer server;
    server.setBinary(script);
    server.setDataDir(dir.filePath(QStringLiteral("data")));
    QSignalSpy failed(&server, &DemoServer::failed);
    QSignalSpy ready(&server, &DemoServer::ready);
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("stopped before it was ready (exit code 3)")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("error: database is locked")), qPrintable(message));
    QCOMPARE(ready.count(), 0);
}

void TestDemoServer::silenceTimesOut()
{
    QTemporaryDir dir;
    const QString script = writeScript(dir, QStringLiteral("silent.sh"),
                                       "echo 'still migrating' >&2\nexec sleep 60\n");
    DemoServer server;
    server.setBinary(script);
    server.setDataDir(dir.filePath(QStringLiteral("data")));
    server.setStartTimeout(1000);
    QSignalSpy failed(&server, &DemoServer::failed);
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("did not report that it was ready within 1 second")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("still migrating")), qPrintable(message));
    // It was stopped, not left behind.
    QVERIFY(!server.isRunning());
}

void TestDemoServer::progressKeepsALongStartAlive()
{
    // A first start that builds the demo history takes longer than the start time-out, but
    // reports progress more often than that: it must succeed, and the progress must arrive.
    QTemporaryDir dir;
    const QString script = writeScript(dir, QStringLiteral("slow.sh"),
                                       QByteArray("printf '%s' '") + kCredentials +
                                           "' > \"$dir/demo-credentials.json\"\n"
                                           "for i in 1 2 3 4; do echo \"progress: $i/4 Building "
                                           "history: day $i of 4\" >&2; sleep 0.6; done\n"
                                           "echo 'listening on http://127.0.0.1:54322'\n"
                                           "exec sleep 60\n");
    DemoServer server;
    server.setBinary(script);
    server.setDataDir(dir.filePath(QStringLiteral("data")));
    server.setStartTimeout(1000); // shorter than the whole start (2.4 s), longer than any gap
    QSignalSpy ready(&server, &DemoServer::ready);
    QSignalSpy failed(&server, &DemoServer::failed);
    QSignalSpy progress(&server, &DemoServer::progress);
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(progress.count(), 4);
    QCOMPARE(progress.at(2).at(0).toInt(), 3);
    QCOMPARE(progress.at(2).at(1).toInt(), 4);
    QCOMPARE(progress.at(2).at(2).toString(), QStringLiteral("Building history: day 3 of 4"));
    server.stop();
}

void TestDemoServer::missingBinaryIsReported()
{
    QTemporaryDir dir;
    DemoServer server;
    server.setBinary(dir.filePath(QStringLiteral("no-such-server")));
    server.setDataDir(dir.filePath(QStringLiteral("data")));
    QSignalSpy failed(&server, &DemoServer::failed);
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY2(failed.first().first().toString().startsWith(QStringLiteral("Could not start ")),
             qPrintable(failed.first().first().toString()));
}

void TestDemoServer::killsAChildThatIgnoresTerm()
{
    QTemporaryDir dir;
    const QString script = writeScript(dir, QStringLiteral("stubborn.sh"),
                                       QByteArray("printf '%s' '") + kCredentials +
                                           "' > \"$dir/demo-credentials.json\"\n"
                                           "trap '' TERM\n"
                                           "echo 'listening on http://127.0.0.1:54321'\n"
                                           "exec sleep 60\n");
    DemoServer server;
    server.setBinary(script);
    server.setDataDir(dir.filePath(QStringLiteral("data")));
    QSignalSpy ready(&server, &DemoServer::ready);
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QTest::qWait(100);
    QVERIFY(server.isRunning());
    const qint64 pid = server.processId();
    QElapsedTimer clock;
    clock.start();
    server.stop(500);
    QVERIFY(!server.isRunning());
    QVERIFY(clock.elapsed() >= 450);
    QVERIFY(clock.elapsed() < 3000);
    QVERIFY(!processAlive(pid));
}

void TestDemoServer::candidatesIncludeBuildTreeAndEnvironment()
{
    qputenv("SKILLEX_SERVER_BINARY", "/opt/custom/skillex-server");
    const QStringList candidates = DemoServer::candidateBinaries();
    qunsetenv("SKILLEX_SERVER_BINARY");
    QCOMPARE(candidates.first(), QStringLiteral("/opt/custom/skillex-server"));
    const QDir here(QCoreApplication::applicationDirPath());
    QVERIFY(candidates.contains(here.filePath(QStringLiteral("skillex-server"))));
    QVERIFY(candidates.contains(
        QDir::cleanPath(here.filePath(QStringLiteral("../server/skillex-server")))));
}

QTEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
