// The skillex-console executable as a person or a CI job runs it: --demo --screenshot produces a
// 1280x800 PNG and exits 0; mistakes end promptly with a message and a non-zero code.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
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
    struct Run {
        int exitCode = -1;
        bool finished = false;
        QString stderrText;
    };
    Run run(const QStringList &arguments, const QProcessEnvironment &extra = {},
            int timeoutMs = 60000);

    std::unique_ptr<QTemporaryDir> m_home;
};

void TestConsoleExecutable::init()
{
    m_home = std::make_unique<QTemporaryDir>();
}

TestConsoleExecutable::Run TestConsoleExecutable::run(const QStringList &arguments,
                                                      const QProcessEnvironment &extra,
                                                      int timeoutMs)
{
    QProcess process;
    // A private home: no settings, kept sessions or demo data leak in from the machine.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home->filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    for (const auto &key : extra.keys())
        env.insert(key, extra.value(key));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SKILLEX_CONSOLE_BINARY), arguments);
    Run result;
    if (!process.waitForStarted(10000))
        return result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(3000);
    }
    result.exitCode = process.exitCode();
    result.stderrText = QString::fromUtf8(process.readAllStandardError());
    return result;
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
    const QString shot = m_home->filePath(QStringLiteral("shot.png"));
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
             m_home->filePath(QStringLiteral("x.png"))},
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
                             m_home->filePath(QStringLiteral("x.png"))},
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
    const QString shot = m_home->filePath(QStringLiteral("signin.png"));
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
