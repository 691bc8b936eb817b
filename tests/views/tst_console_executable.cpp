// The skillex-console executable as a person or a CI job runs it: --demo --screenshot produces a
// 1280x800 PNG and exits 0; mistakes end promptly with a message and a non-zero code.
#include "support/consoleprocess.h"

#include <QDir>
#include <QImage>
#include <QTest>

class TestConsoleExecutable : public QObject {
    Q_OBJECT

private slots:
    void init();
    void demoScreenshotOfEveryArea_data();
    void demoScreenshotOfEveryArea();
    void unknownProfileFailsPromptly();
    void demoServerThatDiesIsReported();
    void usageErrorsExitWithTwo();
    void signInScreenWhenNoSessionIsKept();

private:
    using Run = skillex::tests::ConsoleRun;
    Run run(const QStringList &arguments, const QProcessEnvironment &extra = {},
            int timeoutMs = 60000)
    {
        return m_console->run(arguments, extra, timeoutMs);
    }

    std::unique_ptr<skillex::tests::ConsoleProcess> m_console;
};

void TestConsoleExecutable::init()
{
    m_console = std::make_unique<skillex::tests::ConsoleProcess>();
}

void TestConsoleExecutable::demoScreenshotOfEveryArea_data()
{
    QTest::addColumn<QString>("view");
    for (const char *view : {"dashboard", "cases", "users", "finance", "taxonomy", "audit"})
        QTest::newRow(view) << QString::fromLatin1(view);
}

void TestConsoleExecutable::demoScreenshotOfEveryArea()
{
    QFETCH(QString, view);
    if (qEnvironmentVariableIsEmpty("SKILLEX_SERVER_BINARY"))
        QSKIP("SKILLEX_SERVER_BINARY is not set (the server target is not built)");
    const QString shot = QDir(m_console->home()).filePath(QStringLiteral("shot.png"));
    const auto result = run({QStringLiteral("--demo"), QStringLiteral("--view"), view,
                             QStringLiteral("--screenshot"), shot});
    QVERIFY2(result.finished, "skillex-console --demo --screenshot did not exit");
    QVERIFY2(result.exitCode == 0, qPrintable(result.stderrText));
    const QImage image(shot);
    QCOMPARE(image.size(), QSize(1280, 800));
    // Not a blank grab: the rail, the page and the status bar draw several colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 20)
        for (int x = 0; x < image.width(); x += 20)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 3, qPrintable(QString::number(colours.size())));
    QVERIFY2(result.stderrText.contains(QStringLiteral("signed in as admin@")),
             qPrintable(result.stderrText));
    // The demo server child was stopped on exit.
    QVERIFY2(result.stderrText.contains(QStringLiteral("stopping the demo server")),
             qPrintable(result.stderrText));

    const QString artifacts = qEnvironmentVariable("SKILLEX_TEST_ARTIFACTS");
    if (!artifacts.isEmpty())
        QVERIFY(image.save(artifacts + QStringLiteral("/console-demo-") + view +
                           QStringLiteral(".png")));
}

void TestConsoleExecutable::unknownProfileFailsPromptly()
{
    const auto result =
        run({QStringLiteral("--profile"), QStringLiteral("Nope"), QStringLiteral("--screenshot"),
             QDir(m_console->home()).filePath(QStringLiteral("x.png"))},
            {}, 15000);
    QVERIFY2(result.finished, "hung instead of failing");
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.stderrText.contains(
                 QStringLiteral("There is no server profile named \u201cNope\u201d")),
             qPrintable(result.stderrText));
}

void TestConsoleExecutable::demoServerThatDiesIsReported()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("SKILLEX_SERVER_BINARY"), QStringLiteral("/bin/false"));
    const auto result = run({QStringLiteral("--demo"), QStringLiteral("--screenshot"),
                             QDir(m_console->home()).filePath(QStringLiteral("x.png"))},
                            env, 15000);
    QVERIFY2(result.finished, "hung instead of failing");
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.stderrText.contains(
                 QStringLiteral("The demo server stopped before it was ready (exit code 1).")),
             qPrintable(result.stderrText));
}

void TestConsoleExecutable::usageErrorsExitWithTwo()
{
    const auto result = run({QStringLiteral("--view"), QStringLiteral("reports")}, {}, 15000);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.stderrText.contains(QStringLiteral("--view: unknown area")),
             qPrintable(result.stderrText));
}

void TestConsoleExecutable::signInScreenWhenNoSessionIsKept()
{
    const QString shot = QDir(m_console->home()).filePath(QStringLiteral("signin.png"));
    const auto result = run({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:9"),
                             QStringLiteral("--screenshot"), shot},
                            {}, 15000);
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.stderrText));
    QVERIFY2(result.stderrText.contains(QStringLiteral("screenshot of signInDialog")),
             qPrintable(result.stderrText));
    QVERIFY(!QImage(shot).isNull());
}

QTEST_GUILESS_MAIN(TestConsoleExecutable)
#include "tst_console_executable.moc"
