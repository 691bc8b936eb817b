// The executable's offline command line against the real server: --prepare-offline signs in
// from the environment, syncs, fetches the queue and prints one summary line; then, with the
// server gone, --offline opens the same cache and shows the queue.
#include "support/consoleprocess.h"
#include "tests/testutils/testevidence.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDir>
#include <QImage>
#include <QRegularExpression>
#include <QTest>

using namespace skillex;
using namespace skillex::testutils;

class TestConsoleOfflineCli : public QObject {
    Q_OBJECT

private slots:
    void prepareThenOpenOffline();
    void prepareWithoutCredentialsFailsPromptly();

private:
    tests::ConsoleProcess m_console;
};

void TestConsoleOfflineCli::prepareThenOpenOffline()
{
    TestServer server;
    QVERIFY(server.prepareDatabase());
    QByteArray out;
    QByteArray err;
    QCOMPARE(server.runCommand({QStringLiteral("simulate"), QStringLiteral("--db"),
                                server.databaseUrl(), QStringLiteral("--members"),
                                QStringLiteral("150"), QStringLiteral("--days"), QStringLiteral("7"),
                                QStringLiteral("--seed"), QStringLiteral("3")},
                               {}, &out, &err),
             0);
    const StaffAccount moderator = server.createStaff(QStringLiteral("moderator"));
    QVERIFY2(server.start(), qPrintable(server.error()));
    const ReportedImage image = reportImageMessage(server, testPng());
    QVERIFY(image.isValid());
    const int expectedCases =
        sqlScalar(server.databaseUrl(),
                  QStringLiteral("SELECT COUNT(*) FROM cases WHERE status IN ('open', 'assigned', "
                                 "'escalated', 'appealed') AND assignee_id IS NULL"))
            .toInt();
    QVERIFY(expectedCases >= 1);

    const QString url = server.baseUrl().toString();
    const QString cacheDir = QDir(m_console.home()).filePath(QStringLiteral("caches"));
    QProcessEnvironment credentials;
    credentials.insert(QStringLiteral("SKILLEX_EMAIL"), moderator.email);
    credentials.insert(QStringLiteral("SKILLEX_PASSWORD"), moderator.password);
    const auto prepared = m_console.run({QStringLiteral("--server"), url,
                                         QStringLiteral("--prepare-offline"),
                                         QStringLiteral("--cache-dir"), cacheDir},
                                        credentials, 180'000);
    QVERIFY2(prepared.finished, qPrintable(prepared.stderrText.right(2000)));
    QVERIFY2(prepared.exitCode == 0, qPrintable(prepared.stderrText.right(2000)));
    // One line for scripts: cases, evidence items, attachments, bytes, seconds.
    const QRegularExpression summary(QStringLiteral(
        R"(^(\d+) cases, (\d+) evidence items, (\d+) attachments, (\d+) bytes in [\d.]+ s\n$)"));
    const auto match = summary.match(prepared.stdoutText);
    QVERIFY2(match.hasMatch(), qPrintable(prepared.stdoutText));
    QCOMPARE(match.captured(1).toInt(), expectedCases);
    QVERIFY(match.captured(3).toInt() >= 1); // the reported image
    QVERIFY(match.captured(4).toLongLong() >= image.bytes.size());

    // The server goes away; the console opens the same cache offline and shows the queue.
    QVERIFY(server.stop());
    const QString shot = QDir(m_console.home()).filePath(QStringLiteral("offline.png"));
    const auto offline = m_console.run({QStringLiteral("--server"), url, QStringLiteral("--offline"),
                                        QStringLiteral("--cache-dir"), cacheDir,
                                        QStringLiteral("--view"), QStringLiteral("cases"),
                                        QStringLiteral("--screenshot"), shot});
    QVERIFY2(offline.finished && offline.exitCode == 0, qPrintable(offline.stderrText.right(2000)));
    const QImage image2(shot);
    QCOMPARE(image2.size(), QSize(1280, 800));
    const QString artifacts = qEnvironmentVariable("SKILLEX_TEST_ARTIFACTS");
    if (!artifacts.isEmpty())
        image2.save(QDir(artifacts).filePath(QStringLiteral("console-offline-cases.png")));
}

void TestConsoleOfflineCli::prepareWithoutCredentialsFailsPromptly()
{
    const auto run = m_console.run({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:9"),
                                    QStringLiteral("--prepare-offline")},
                                   {}, 30'000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains(QStringLiteral("SKILLEX_EMAIL")), qPrintable(run.stderrText));
    // And an offline start with nothing cached says so instead of opening an empty window
    // (with --screenshot nobody is there to close the message box).
    const auto offline = m_console.run({QStringLiteral("--server"),
                                        QStringLiteral("http://127.0.0.1:9"),
                                        QStringLiteral("--offline"), QStringLiteral("--screenshot"),
                                        QDir(m_console.home()).filePath(QStringLiteral("x.png"))},
                                       {}, 30'000);
    QVERIFY(offline.finished);
    QCOMPARE(offline.exitCode, 1);
    QVERIFY2(offline.stderrText.contains(QStringLiteral("sign in once while online")),
             qPrintable(offline.stderrText));
}

QTEST_GUILESS_MAIN(TestConsoleOfflineCli)
#include "tst_console_offline_cli.moc"
