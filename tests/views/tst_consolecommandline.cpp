// ConsoleCommandLine: every option, and a clear sentence for each mistake.
#include "app/consolecommandline.h"

#include <QTest>

using namespace skillex;
using app::ConsoleCommandLine;
using Outcome = app::ConsoleCommandLine::Outcome;

class TestConsoleCommandLine : public QObject {
    Q_OBJECT

private slots:
    void defaults();
    void everyOption();
    void helpAndVersion();
    void mistakes_data();
    void mistakes();
};

static QStringList args(std::initializer_list<const char *> list)
{
    QStringList out{QStringLiteral("skillex-console")};
    for (const char *a : list)
        out << QString::fromUtf8(a);
    return out;
}

void TestConsoleCommandLine::defaults()
{
    ConsoleCommandLine line;
    QCOMPARE(line.parse(args({})), Outcome::Run);
    QVERIFY(!line.options().demo);
    QVERIFY(line.options().server.isEmpty());
    QVERIFY(!line.options().view);
    QVERIFY(line.options().screenshot.isEmpty());
    QVERIFY(!line.options().offline);
}

void TestConsoleCommandLine::everyOption()
{
    ConsoleCommandLine line;
    QCOMPARE(line.parse(args({"--server", "https://console.example.com", "--profile", "Prod",
                              "--view", "finance", "--screenshot", "/tmp/x.png", "--cache-dir",
                              "/tmp/cache", "--offline", "--theme", "dark"})),
             Outcome::Run);
    const auto &o = line.options();
    QCOMPARE(o.server, QUrl(QStringLiteral("https://console.example.com")));
    QCOMPARE(o.profile, QStringLiteral("Prod"));
    QCOMPARE(o.view, std::optional<views::Area>(views::Area::Finance));
    QCOMPARE(o.screenshot, QStringLiteral("/tmp/x.png"));
    QCOMPARE(o.cacheDir, QStringLiteral("/tmp/cache"));
    QVERIFY(o.offline);
    QCOMPARE(o.theme, std::optional<views::Theme>(views::Theme::Dark));

    QCOMPARE(line.parse(args({"--demo", "--view", "cases"})), Outcome::Run);
    QVERIFY(line.options().demo);
    QCOMPARE(line.options().view, std::optional<views::Area>(views::Area::Cases));
}

void TestConsoleCommandLine::helpAndVersion()
{
    ConsoleCommandLine line;
    QCOMPARE(line.parse(args({"--help"})), Outcome::Help);
    for (const char *option :
         {"--demo", "--server", "--profile", "--view", "--screenshot", "--cache-dir", "--offline"})
        QVERIFY2(line.helpText().contains(QLatin1String(option)), option);
    QCOMPARE(line.parse(args({"--version"})), Outcome::Version);
}

void TestConsoleCommandLine::mistakes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown option")
        << args({"--frobnicate"}) << QStringLiteral("Unknown option 'frobnicate'.");
    QTest::newRow("bad view") << args({"--view", "reports"})
                              << QStringLiteral("--view: unknown area \u201creports\u201d. Use "
                                                "dashboard, cases, users, finance, taxonomy or "
                                                "audit.");
    QTest::newRow("bad server") << args({"--server", "localhost:8080"})
                                << QStringLiteral("--server: The address must start with http:// "
                                                  "or https://.");
    QTest::newRow("demo and server")
        << args({"--demo", "--server", "http://127.0.0.1:8080"})
        << QStringLiteral("--demo runs its own server; it cannot be combined with --server or "
                          "--profile.");
    QTest::newRow("bad theme") << args({"--theme", "sepia"})
                               << QStringLiteral("--theme: use light or dark.");
    QTest::newRow("screenshot folder missing")
        << args({"--screenshot", "/no/such/folder/shot.png"})
        << QStringLiteral("--screenshot: the folder of \u201c/no/such/folder/shot.png\u201d does "
                          "not exist.");
    QTest::newRow("stray argument")
        << args({"cases"}) << QStringLiteral("Unexpected argument: cases");
}

void TestConsoleCommandLine::mistakes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    ConsoleCommandLine line;
    QCOMPARE(line.parse(arguments), Outcome::Error);
    QCOMPARE(line.errorText(), error);
}

QTEST_GUILESS_MAIN(TestConsoleCommandLine)
#include "tst_consolecommandline.moc"
