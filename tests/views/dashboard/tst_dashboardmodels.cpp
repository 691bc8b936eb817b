// tst_dashboardmodels: the dashboard's data pieces without a server — ranges and their
// presets, a metrics answer flattened into a table and its CSV, and the figure formats.
#include "models/dashboardrange.h"
#include "models/metricsseriesmodel.h"
#include "views/dashboard/dashboardformat.h"

#include <QJsonDocument>
#include <QLocale>
#include <QtTest>

using namespace skillex;
using models::DashboardRange;

class TestDashboardModels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void presetsEndTodayAndPickAGranularity()
    {
        const QDate today(2026, 3, 14);
        const DashboardRange week = DashboardRange::preset(DashboardRange::Preset::Days7, today);
        QCOMPARE(week.from(), QDate(2026, 3, 8));
        QCOMPARE(week.to(), today);
        QCOMPARE(week.days(), qint64(7));
        QCOMPARE(week.query(), QStringLiteral("from=2026-03-08&to=2026-03-14&granularity=day"));
        const DashboardRange year = DashboardRange::preset(DashboardRange::Preset::Year, today);
        QCOMPARE(year.days(), qint64(365));
        QCOMPARE(year.granularity(), DashboardRange::Granularity::Month);
        QCOMPARE(DashboardRange::preset(DashboardRange::Preset::Days90, today).granularity(),
                 DashboardRange::Granularity::Week);
        QCOMPARE(year.key(), QStringLiteral("2025-03-15..2026-03-14/month"));
    }

    void invalidRanges()
    {
        QVERIFY(!DashboardRange(QDate(2026, 3, 2), QDate(2026, 3, 1),
                                DashboardRange::Granularity::Day)
                     .isValid());
        // The server's limit: 1,096 days.
        QVERIFY(DashboardRange(QDate(2023, 1, 1), QDate(2023, 1, 1).addDays(1095),
                               DashboardRange::Granularity::Day)
                    .isValid());
        QVERIFY(!DashboardRange(QDate(2023, 1, 1), QDate(2023, 1, 1).addDays(1096),
                                DashboardRange::Granularity::Day)
                     .isValid());
    }

    void seriesFlattenBreakdownsAndKeepNulls()
    {
        const QByteArray json = R"({"from": "2026-03-01", "to": "2026-03-08", "granularity": "week",
            "series": [
              {"start": "2026-03-01", "end": "2026-03-01", "gmv": 120, "take_rate": 0.1,
               "net_minor": {"stripe/USD": 4500}},
              {"start": "2026-03-02", "end": "2026-03-08", "gmv": 0, "take_rate": null,
               "net_minor": {"stripe/USD": 0, "razorpay/INR": 1280000}}],
            "totals": {"gmv": {"value": 120, "previous": 100, "change": 0.2},
                       "net_minor": {"stripe/USD": {"value": 4500, "previous": 0, "change": null}}}})";
        models::MetricsSeriesModel model;
        model.setAnswer(QJsonDocument::fromJson(json).object());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.bucketEnd(1), QDate(2026, 3, 8));
        QCOMPARE(model.value(0, QStringLiteral("net_minor.stripe/USD")), std::optional<double>(4500));
        QVERIFY(!model.value(1, QStringLiteral("take_rate")));
        QVERIFY(!model.value(0, QStringLiteral("net_minor.razorpay/INR")));
        QCOMPARE(model.children(QStringLiteral("net_minor")).size(), 2);
        QCOMPARE(model.total(QStringLiteral("gmv")).change, std::optional<double>(0.2));
        QCOMPARE(model.total(QStringLiteral("net_minor.stripe/USD")).previous,
                 std::optional<double>(0));
        QVERIFY(!model.total(QStringLiteral("net_minor.stripe/USD")).change);

        const QString csv = QString::fromUtf8(model.toCsv(
            {QStringLiteral("gmv"), QStringLiteral("take_rate"),
             QStringLiteral("net_minor.razorpay/INR")}));
        QCOMPARE(csv, QStringLiteral("start,end,gmv,take_rate,net_minor.razorpay/INR\n"
                                     "2026-03-01,2026-03-01,120,0.1,\n"
                                     "2026-03-02,2026-03-08,0,,1280000\n"));
    }

    void formats()
    {
        using views::dashboardformat::Kind;
        using views::dashboardformat::figure;
        QCOMPARE(figure(Kind::Count, 1250), QStringLiteral("1,250"));
        QCOMPARE(figure(Kind::Credits, 1250), QStringLiteral("1,250 cr"));
        QCOMPARE(figure(Kind::Ratio, 0.1246), QStringLiteral("12.5%"));
        QCOMPARE(figure(Kind::Money, 450000, QStringLiteral("USD")), QStringLiteral("4,500.00 USD"));
        QCOMPARE(figure(Kind::Money, 128000000, QStringLiteral("INR")),
                 QStringLiteral("1,280,000 INR"));
        QCOMPARE(figure(Kind::MoneyExact, 128000001, QStringLiteral("INR")),
                 QStringLiteral("1,280,000.01 INR"));
        QCOMPARE(figure(Kind::Money, 500, QStringLiteral("JPY")), QStringLiteral("500 JPY"));
        QCOMPARE(figure(Kind::Seconds, 12000), QStringLiteral("3 h 20 min"));
        QCOMPARE(figure(Kind::Count, std::nullopt), QStringLiteral("–"));
        QCOMPARE(views::dashboardformat::change(0.1875), QStringLiteral("▲ 18.8%"));
        QCOMPARE(views::dashboardformat::change(-0.03), QStringLiteral("▼ 3.0%"));
        QCOMPARE(views::dashboardformat::change(std::nullopt), QStringLiteral("–"));
    }
};

QTEST_GUILESS_MAIN(TestDashboardModels)
#include "tst_dashboardmodels.moc"
