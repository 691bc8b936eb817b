// tst_dashboard: the Dashboard area against the real server with a simulated marketplace —
// tiles equal to the metrics endpoints, CSV exports holding the same numbers, a range change
// fetching that range, live refresh after an event, and the last snapshot shown offline.
#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "client/connection/connectionstate.h"
#include "client/workspace/workspace.h"
#include "consoleharness.h"
#include "guitest.h"
#include "models/dashboardmetricssource.h"
#include "models/metricsseriesmodel.h"
#include "models/metricssnapshots.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachewritetx.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testsql.h"
#include "views/dashboard/dashboardchartpanel.h"
#include "views/dashboard/dashboardpage.h"
#include "views/dashboard/dashboardrangebar.h"
#include "views/dashboard/dashboardtile.h"
#include "views/dashboard/dashboardtiles.h"
#include "views/dashboard/systemhealthpanel.h"

#include <QBarSet>
#include <QChart>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace skillex;
using models::DashboardRange;

class TestDashboard : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tilesEqualTheMetricsEndpoint();
    void csvExportHoldsTheServersNumbers();
    void systemPanelShowsTheServer();
    void hoverShowsTheExactFigure();
    void eventsRefreshTheFigures();
    void rangeChangeFetchesThatRange();
    void offlineShowsTheLastSnapshot();

private:
    QJsonObject serverGet(const QString &path);
    std::unique_ptr<views::DashboardPage> openPage(client::Workspace *workspace);
    bool waitForRound(views::DashboardPage *page);
    QString tileMismatches(views::DashboardPage *page, const DashboardRange &range);
    void compareTiles(views::DashboardPage *page, const DashboardRange &range);

    tests::ConsoleHarness m_harness;
    std::unique_ptr<tests::StaffConsole> m_console;
    std::unique_ptr<views::DashboardPage> m_page;
    QTemporaryDir m_exports;
};

void TestDashboard::initTestCase()
{
    tests::applyConsoleLook();
    QVERIFY2(m_harness.start(200, 20, 11), qPrintable(m_harness.error()));
    m_console = m_harness.openConsole(QStringLiteral("viewer"));
    QVERIFY2(m_console, qPrintable(m_harness.error()));
    QVERIFY(m_exports.isValid());
}

void TestDashboard::cleanupTestCase()
{
    m_page.reset();
    m_console.reset();
}

QJsonObject TestDashboard::serverGet(const QString &path)
{
    testutils::TestHttp http(m_harness.server().baseUrl());
    http.setBearer(m_console->api.accessToken());
    const testutils::TestResponse response = http.get(path);
    if (response.status != 200)
        qWarning() << "GET" << path << response.status << response.body;
    return response.status == 200 ? response.json() : QJsonObject();
}

std::unique_ptr<views::DashboardPage> TestDashboard::openPage(client::Workspace *workspace)
{
    auto page = std::make_unique<views::DashboardPage>(workspace);
    page->resize(1180, 1500);
    page->show();
    return page;
}

bool TestDashboard::waitForRound(views::DashboardPage *page)
{
    return QTest::qWaitFor([page] { return !page->source()->isLoading(); }, 30'000);
}

// The tiles that do not show the figure the server's overview (WAU: the active totals) has
// for range, as "key: shown != server"; empty when every tile agrees.
QString TestDashboard::tileMismatches(views::DashboardPage *page, const DashboardRange &range)
{
    const QJsonObject overview =
        serverGet(models::DashboardMetricsSource::pathFor(QStringLiteral("overview"), range));
    if (overview.value(QLatin1String("from")).toString() != range.from().toString(Qt::ISODate))
        return QStringLiteral("the overview did not answer for %1").arg(range.key());
    const QJsonObject tiles = overview.value(QLatin1String("tiles")).toObject();
    const QJsonObject active =
        serverGet(models::DashboardMetricsSource::pathFor(QStringLiteral("active"), range));
    QStringList wrong;
    qsizetype compared = 0;
    for (views::DashboardTile *tile : page->tiles()->tiles()) {
        const QString key = tile->key();
        if (key == QLatin1String("open_cases"))
            continue; // counted from the cache, checked in tilesEqualTheMetricsEndpoint
        ++compared;
        if (key == QLatin1String("net_revenue_minor")) {
            const QJsonObject parts = tiles.value(key).toObject();
            QVariantMap expected;
            for (auto it = parts.begin(); it != parts.end(); ++it)
                if (it.value().toObject().value(QLatin1String("value")).isDouble())
                    expected.insert(it.key(),
                                    it.value().toObject().value(QLatin1String("value")).toDouble());
            if (tile->figureValues() != expected)
                wrong << key;
            continue;
        }
        if (!tiles.contains(key) && key != QLatin1String("wau")) {
            wrong << key + QStringLiteral(": not in the overview");
            continue;
        }
        const QJsonValue value =
            key == QLatin1String("wau")
                ? active.value(QLatin1String("totals")).toObject().value(key).toObject().value(
                      QLatin1String("value"))
                : tiles.value(key).toObject().value(QLatin1String("value"));
        if (value.isNull()) {
            if (tile->figureValue().isValid() || tile->valueText() != QStringLiteral("–"))
                wrong << key + QStringLiteral(": %1 != null").arg(tile->valueText());
        } else if (!tile->figureValue().isValid() ||
                   !qFuzzyCompare(1.0 + tile->figureValue().toDouble(), 1.0 + value.toDouble())) {
            wrong << key + QStringLiteral(": %1 != %2").arg(tile->figureValue().toString())
                               .arg(value.toDouble());
        }
    }
    if (compared != views::DashboardTiles::overviewKeys().size())
        wrong << QStringLiteral("tiles missing");
    // What the person reads is that number in their locale.
    const qint64 signups =
        qint64(tiles.value(QLatin1String("signups")).toObject().value(QLatin1String("value")).toDouble());
    if (page->tile(QStringLiteral("signups"))->valueText() != QLocale().toString(signups))
        wrong << QStringLiteral("signups text %1").arg(page->tile(QStringLiteral("signups"))->valueText());
    return wrong.join(QLatin1String("; "));
}

void TestDashboard::compareTiles(views::DashboardPage *page, const DashboardRange &range)
{
    const QString mismatches = tileMismatches(page, range);
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches));
}

void TestDashboard::tilesEqualTheMetricsEndpoint()
{
    m_page = openPage(&m_console->workspace);
    QVERIFY(waitForRound(m_page.get()));
    QVERIFY(m_page->source()->isLive());
    QVERIFY2(m_page->statusText().contains(QLatin1String("live")), qPrintable(m_page->statusText()));
    const DashboardRange range = m_page->source()->range();
    QCOMPARE(range.to(), QDateTime::currentDateTimeUtc().date());
    QCOMPARE(range.days(), qint64(30));
    compareTiles(m_page.get(), range);
    // Open cases now: a viewer's cache holds no cases, so the tile is not shown to them; an
    // admin sees the server's open, assigned, escalated and appealed cases.
    QVERIFY(!m_page->tile(QStringLiteral("open_cases"))->isVisibleTo(m_page.get()));
    {
        auto admin = m_harness.openConsole(QStringLiteral("admin"));
        QVERIFY2(admin, qPrintable(m_harness.error()));
        auto adminPage = openPage(&admin->workspace);
        const double open =
            testutils::sqlScalar(m_harness.databaseUrl(),
                                 QStringLiteral("SELECT COUNT(*) FROM cases WHERE status IN "
                                                "('open', 'assigned', 'escalated', 'appealed')"))
                .toDouble();
        QVERIFY(open > 0);
        QVERIFY(adminPage->tile(QStringLiteral("open_cases"))->isVisibleTo(adminPage.get()));
        QTRY_COMPARE(adminPage->tile(QStringLiteral("open_cases"))->figureValue().toDouble(),
                     open);
    }
    // The simulation made activity: the dashboard is not all zeros.
    QVERIFY(m_page->tile(QStringLiteral("active_members"))->figureValue().toDouble() > 0);
    for (views::DashboardChartPanel *panel : m_page->chartPanels())
        QVERIFY2(panel->chart() && !panel->chart()->series().isEmpty(),
                 qPrintable(panel->key()));
    QVERIFY(tests::saveScreenshot(m_page.get(), QStringLiteral("dashboard")));
}

void TestDashboard::csvExportHoldsTheServersNumbers()
{
    QVERIFY(m_page);
    const DashboardRange range = m_page->source()->range();
    const struct {
        const char *panel;
        const char *endpoint;
    } charts[] = {{"active", "active"}, {"sessions", "sessions"}, {"credits", "credits"},
                  {"moderation", "moderation"}, {"revenue", "revenue"}};
    for (const auto &chart : charts) {
        views::DashboardChartPanel *panel = m_page->chartPanel(QString::fromLatin1(chart.panel));
        QVERIFY(panel);
        const QString path = m_exports.filePath(QString::fromLatin1(chart.panel) + ".csv");
        QVERIFY2(panel->exportCsv(path), qPrintable(panel->errorString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList header = lines.first().split(QLatin1Char(','));
        QCOMPARE(header.mid(0, 2), (QStringList{QStringLiteral("start"), QStringLiteral("end")}));
        QVERIFY(header.size() > 2);

        const QJsonObject answer = serverGet(
            models::DashboardMetricsSource::pathFor(QString::fromLatin1(chart.endpoint), range));
        const QJsonArray series = answer.value(QLatin1String("series")).toArray();
        QCOMPARE(lines.size() - 1, series.size());
        for (int row = 0; row < series.size(); ++row) {
            const QJsonObject bucket = series.at(row).toObject();
            const QStringList fields = lines.at(row + 1).split(QLatin1Char(','));
            QCOMPARE(fields.size(), header.size());
            QCOMPARE(fields.at(0), bucket.value(QLatin1String("start")).toString());
            QCOMPARE(fields.at(1), bucket.value(QLatin1String("end")).toString());
            for (int column = 2; column < header.size(); ++column) {
                const QString key = header.at(column);
                const qsizetype dot = key.indexOf(QLatin1Char('.'));
                const QJsonValue value =
                    dot < 0 ? bucket.value(key)
                            : bucket.value(key.left(dot)).toObject().value(key.mid(dot + 1));
                if (value.isNull() || value.isUndefined()) {
                    QVERIFY2(fields.at(column).isEmpty(), qPrintable(key));
                    continue;
                }
                bool ok = false;
                QCOMPARE(fields.at(column).toDouble(&ok), value.toDouble());
                QVERIFY2(ok, qPrintable(key + QLatin1Char('=') + fields.at(column)));
            }
        }
    }
    // And the picture of a chart, as a PNG someone can open.
    const QString png = m_exports.filePath(QStringLiteral("credits.png"));
    QVERIFY(m_page->chartPanel(QStringLiteral("credits"))->exportPng(png));
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 200 && image.height() > 100);
    QVERIFY(tests::saveScreenshot(m_page->chartPanel(QStringLiteral("credits")),
                                  QStringLiteral("dashboard_credits_chart")));
}

void TestDashboard::systemPanelShowsTheServer()
{
    const QJsonObject system = serverGet(QStringLiteral("/api/v1/admin/system"));
    QVERIFY(!system.isEmpty());
    views::SystemHealthPanel *panel = m_page->systemPanel();
    QCOMPARE(panel->text(QStringLiteral("version")), system.value(QLatin1String("version")).toString());
    QVERIFY(panel->text(QStringLiteral("database")).startsWith(QLatin1String("sqlite")));
    QVERIFY(panel->text(QStringLiteral("database")).contains(QLatin1String("reachable")));
    // This console's event stream is connected to the server: at least one console.
    QVERIFY(system.value(QLatin1String("consoles_connected")).toInteger() >= 1);
    QCOMPARE(panel->text(QStringLiteral("consoles")),
             QLocale().toString(system.value(QLatin1String("consoles_connected")).toInteger()));
    QVERIFY(panel->text(QStringLiteral("backlog")).contains(QLatin1String("behind")));
    QVERIFY(tests::saveScreenshot(panel, QStringLiteral("dashboard_system")));
}

void TestDashboard::hoverShowsTheExactFigure()
{
    // Hovering the "Completed" bar of the busiest bucket names the bucket and its figure.
    views::DashboardChartPanel *panel = m_page->chartPanel(QStringLiteral("sessions"));
    auto *bars = qobject_cast<QStackedBarSeries *>(panel->chart()->series().value(0));
    QVERIFY(bars);
    QBarSet *completed = bars->barSets().value(0);
    QVERIFY(completed);
    const models::MetricsSeriesModel *model = m_page->seriesModel(QStringLiteral("sessions"));
    int busiest = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->value(row, QStringLiteral("completed")).value_or(0) >
            model->value(busiest, QStringLiteral("completed")).value_or(0))
            busiest = row;
    const double figure = model->value(busiest, QStringLiteral("completed")).value_or(0);
    QVERIFY(figure > 0);
    emit completed->hovered(true, busiest);
    QTRY_VERIFY(QToolTip::isVisible());
    const QString text = QToolTip::text();
    QVERIFY2(text.startsWith(QLatin1String("Completed, ")), qPrintable(text));
    QVERIFY2(text.endsWith(QLatin1String(": ") + QLocale().toString(qint64(figure))),
             qPrintable(text));
    QVERIFY2(text.contains(QLocale().toString(model->bucketStart(busiest), QLocale::ShortFormat)),
             qPrintable(text));
    emit completed->hovered(false, busiest);
}

void TestDashboard::eventsRefreshTheFigures()
{
    m_page->source()->setRefreshDelay(200);
    views::DashboardTile *signups = m_page->tile(QStringLiteral("signups"));
    const double before = signups->figureValue().toDouble();
    const int rounds = m_page->source()->fetchRounds();
    // A member signs up: member.registered reaches the console, which fetches again.
    const testutils::Actor member = testutils::signUpMember(m_harness.server());
    QVERIFY(member.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->source()->fetchRounds() > rounds, 20'000);
    QVERIFY(waitForRound(m_page.get()));
    QTRY_COMPARE_WITH_TIMEOUT(signups->figureValue().toDouble(), before + 1, 20'000);
    // The new member's sign-in appends no event and reaches the rollups within 2 s
    // (docs/api.md, "Freshness"), so the event's refetch may predate it; the next refresh
    // has it. Each try fetches as the Refresh button does and compares with the server.
    QString mismatches;
    const bool agreed = QTest::qWaitFor(
        [&] {
            m_page->source()->refresh();
            if (!waitForRound(m_page.get()))
                return false;
            mismatches = tileMismatches(m_page.get(), m_page->source()->range());
            return mismatches.isEmpty();
        },
        15'000);
    QVERIFY2(agreed, qPrintable(mismatches));
}

void TestDashboard::rangeChangeFetchesThatRange()
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const int rounds = m_page->source()->fetchRounds();
    m_page->rangeBar()->selectPreset(DashboardRange::Preset::Days7);
    QCOMPARE(m_page->source()->fetchRounds(), rounds + 1);
    QVERIFY(waitForRound(m_page.get()));
    const QJsonObject sessions =
        m_page->seriesModel(QStringLiteral("sessions"))->answer();
    QCOMPARE(sessions.value(QLatin1String("from")).toString(), today.addDays(-6).toString(Qt::ISODate));
    QCOMPARE(sessions.value(QLatin1String("to")).toString(), today.toString(Qt::ISODate));
    QCOMPARE(sessions.value(QLatin1String("series")).toArray().size(), 7);
    compareTiles(m_page.get(), m_page->source()->range());

    // A custom range by week: the answers are that range, in ISO weeks.
    QVERIFY(m_page->rangeBar()->setCustomRange(today.addDays(-20), today));
    m_page->rangeBar()->setGranularity(DashboardRange::Granularity::Week);
    QVERIFY(waitForRound(m_page.get()));
    const DashboardRange range = m_page->source()->range();
    QCOMPARE(range.from(), today.addDays(-20));
    QCOMPARE(range.granularity(), DashboardRange::Granularity::Week);
    const QJsonObject active = m_page->seriesModel(QStringLiteral("active"))->answer();
    QCOMPARE(active.value(QLatin1String("granularity")).toString(), QStringLiteral("week"));
    QCOMPARE(active.value(QLatin1String("from")).toString(), today.addDays(-20).toString(Qt::ISODate));
    compareTiles(m_page.get(), range);

    // A backwards range is refused with a message; the figures stay those of the last range.
    const int before = m_page->source()->fetchRounds();
    QVERIFY(!m_page->rangeBar()->setCustomRange(today, today.addDays(-3)));
    QCOMPARE(m_page->source()->fetchRounds(), before);
    QCOMPARE(m_page->source()->range(), range);
    QVERIFY(tests::saveScreenshot(m_page.get(), QStringLiteral("dashboard_custom_range")));

    // Back to 30 days for what follows.
    m_page->rangeBar()->selectPreset(DashboardRange::Preset::Days30);
    QVERIFY(waitForRound(m_page.get()));
}

void TestDashboard::offlineShowsTheLastSnapshot()
{
    const DashboardRange range = m_page->source()->range();
    const QJsonObject overview =
        serverGet(models::DashboardMetricsSource::pathFor(QStringLiteral("overview"), range));
    const QString signupsText = m_page->tile(QStringLiteral("signups"))->valueText();
    const QVariant signups = m_page->tile(QStringLiteral("signups"))->figureValue();
    m_page.reset();
    // The snapshots are written on the cache's writer thread, in order: an empty job after
    // them returns once they are committed.
    QVERIFY(m_console->workspace.cache()->writeAndWait([](client::CacheWriteTx &) {}).ok);
    // The snapshot is as old as its oldest part.
    QDateTime fetchedAt;
    const models::MetricsSnapshots snapshots(m_console->workspace.cache());
    for (const QString &endpoint : models::DashboardMetricsSource::endpoints()) {
        const auto snapshot = snapshots.load(
            endpoint, endpoint == models::DashboardMetricsSource::systemEndpoint() ? QString()
                                                                                 : range.key());
        QVERIFY2(snapshot, qPrintable(endpoint));
        if (!fetchedAt.isValid() || snapshot->fetchedAt < fetchedAt)
            fetchedAt = snapshot->fetchedAt;
    }
    QVERIFY(m_harness.server().stop());

    // Server stopped: a new dashboard shows the snapshot at once, and says it is one.
    auto page = openPage(&m_console->workspace);
    QCOMPARE(page->tile(QStringLiteral("signups"))->figureValue(), signups);
    QCOMPARE(page->tile(QStringLiteral("signups"))->valueText(), signupsText);
    QVERIFY(waitForRound(page.get()));
    QVERIFY(!page->source()->isLive());
    const QString at = views::DashboardPage::timeText(fetchedAt);
    QVERIFY(at.contains(QString::number(fetchedAt.toLocalTime().time().minute())));
    QVERIFY2(page->statusText().contains(QLatin1String("Snapshot from ")), qPrintable(page->statusText()));
    QVERIFY2(page->statusText().contains(at), qPrintable(page->statusText()));
    QVERIFY2(page->statusText().contains(QLatin1String("offline")), qPrintable(page->statusText()));
    for (views::DashboardTile *tile : page->tiles()->tiles()) {
        if (tile->key() == QLatin1String("wau") || tile->key() == QLatin1String("net_revenue_minor"))
            continue;
        const QJsonValue value = overview.value(QLatin1String("tiles")).toObject().value(tile->key())
                                     .toObject().value(QLatin1String("value"));
        if (!value.isNull())
            QCOMPARE(tile->figureValue().toDouble(), value.toDouble());
    }
    QVERIFY(!page->chartPanel(QStringLiteral("active"))->chart()->series().isEmpty());
    // A snapshot's backlog would compare an old head with today's cursor: not claimed.
    QVERIFY(!page->systemPanel()->text(QStringLiteral("backlog")).contains(QLatin1String("behind")));
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("dashboard_offline")));
    page.reset();

    // A fresh console opened offline from the cache (--offline): the same snapshot.
    const QString cacheBase = m_console->cacheDir;
    const QString profile = m_console->workspace.profileName();
    const QString email = m_console->account.email;
    const QUrl server = m_harness.server().baseUrl();
    m_console->workspace.close();
    client::ApiClient api;
    api.setBaseUrl(server);
    client::AuthSession session(&api, nullptr);
    client::ConnectionState connection;
    client::Workspace offline(&session, &api, &connection);
    QVERIFY2(offline.openOffline(cacheBase, profile, server, email), qPrintable(offline.errorString()));
    auto fresh = openPage(&offline);
    QCOMPARE(fresh->tile(QStringLiteral("signups"))->figureValue(), signups);
    QVERIFY(!fresh->source()->isLoading());
    QVERIFY2(fresh->statusText().contains(QLatin1String("Snapshot from ")), qPrintable(fresh->statusText()));
    QVERIFY2(fresh->statusText().contains(at), qPrintable(fresh->statusText()));
    QVERIFY(tests::saveScreenshot(fresh.get(), QStringLiteral("dashboard_offline_fresh")));
    fresh.reset();
    // The same in the dark palette (charts take the dark chart theme).
    views::applyTheme(*qApp, views::Theme::Dark);
    auto dark = openPage(&offline);
    QVERIFY(dark->chartPanel(QStringLiteral("active"))->chart()->theme() == QChart::ChartThemeDark);
    QVERIFY(tests::saveScreenshot(dark.get(), QStringLiteral("dashboard_dark")));
    dark.reset();
    tests::applyConsoleLook();
    offline.close();
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
