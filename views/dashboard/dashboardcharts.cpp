// dashboardcharts: the six charts, on one category axis of bucket starts.
#include "views/dashboard/dashboardcharts.h"

#include "models/metricsseriesmodel.h"
#include "views/dashboard/dashboardformat.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QCoreApplication>
#include <QCursor>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace skillex::views::dashboardcharts {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("skillex::views::dashboardcharts", text);
}

// A label per bucket: "Mar 2" for days and weeks, "Mar 2026" for months.
QStringList bucketLabels(const models::MetricsSeriesModel &model)
{
    const QString granularity =
        model.answer().value(QLatin1String("granularity")).toString();
    const QString format = granularity == QLatin1String("month") ? QStringLiteral("MMM yyyy")
                                                                 : QStringLiteral("MMM d");
    QStringList labels;
    for (int row = 0; row < model.rowCount(); ++row)
        labels.push_back(QLocale().toString(model.bucketStart(row), format));
    return labels;
}

QString bucketText(const models::MetricsSeriesModel &model, int row)
{
    const QDate start = model.bucketStart(row);
    const QDate end = model.bucketEnd(row);
    const QLocale locale;
    if (start == end)
        return locale.toString(start, QLocale::ShortFormat);
    return QStringLiteral("%1 – %2").arg(locale.toString(start, QLocale::ShortFormat),
                                         locale.toString(end, QLocale::ShortFormat));
}

QChart *newChart(bool dark)
{
    auto *chart = new QChart;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundRoundness(0);
    // The panel's own background shows through, so light and dark charts match the window.
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

// Buckets sit at 0, 1, 2, ... on a value axis labelled with about six dates, so a year by day
// stays readable (a bar category axis would print every one of its 365 labels).
QCategoryAxis *categoryAxis(QChart *chart, const models::MetricsSeriesModel &model)
{
    auto *axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const int count = model.rowCount();
    axis->setStartValue(-0.5);
    axis->setRange(-0.5, std::max(0, count - 1) + 0.5);
    const QStringList labels = bucketLabels(model);
    const int step = std::max(1, (count + 4) / 5);
    for (int row = 0; row < count; row += step)
        axis->append(labels.at(row), row);
    axis->setGridLineVisible(false);
    chart->addAxis(axis, Qt::AlignBottom);
    return axis;
}

// The lowest and highest value an axis must show (stacks summed per side).
struct Extent {
    double lo = 0;
    double hi = 0;
    void add(double value)
    {
        lo = std::min(lo, value);
        hi = std::max(hi, value);
    }
};

// counts: whole numbers only, so a small range does not read "0, 0, 1, 1, 2".
void fit(QValueAxis *axis, Extent extent, bool counts = true)
{
    if (extent.hi <= extent.lo)
        extent.hi = extent.lo + 1;
    if (counts && extent.hi - extent.lo <= 6) {
        const double lo = std::floor(extent.lo);
        const double hi = std::ceil(extent.hi);
        axis->setRange(lo, hi);
        axis->setTickCount(int(hi - lo) + 1);
        return;
    }
    axis->setRange(extent.lo, extent.hi);
    axis->applyNiceNumbers();
}

Extent lineExtent(const models::MetricsSeriesModel &model, const QStringList &keys,
                  double scale = 1.0)
{
    Extent extent;
    for (int row = 0; row < model.rowCount(); ++row)
        for (const QString &key : keys)
            extent.add(model.value(row, key).value_or(0.0) * scale);
    return extent;
}

// Stacked bars: positives stack up, negatives (sign -1) stack down.
Extent stackExtent(const models::MetricsSeriesModel &model, const QStringList &up,
                   const QStringList &down = {})
{
    Extent extent;
    for (int row = 0; row < model.rowCount(); ++row) {
        double above = 0;
        double below = 0;
        for (const QString &key : up)
            above += model.value(row, key).value_or(0.0);
        for (const QString &key : down)
            below -= model.value(row, key).value_or(0.0);
        extent.add(above);
        extent.add(below);
    }
    return extent;
}

bool allZero(const models::MetricsSeriesModel &model, const QStringList &keys)
{
    for (int row = 0; row < model.rowCount(); ++row)
        for (const QString &key : keys)
            if (model.value(row, key).value_or(0.0) != 0.0)
                return false;
    return true;
}

QValueAxis *valueAxis(QChart *chart, Qt::Alignment side, const QString &title = {})
{
    auto *axis = new QValueAxis;
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setTitleText(title);
    chart->addAxis(axis, side);
    return axis;
}

// Hover shows the exact figure of a bar: "Completed, Mar 2: 41".
void hoverBars(QBarSet *set, const models::MetricsSeriesModel *model, dashboardformat::Kind kind,
               const QString &currency = {})
{
    QObject::connect(set, &QBarSet::hovered, set, [set, model, kind, currency](bool on, int index) {
        if (!on) {
            QToolTip::hideText();
            return;
        }
        const double value = set->at(index);
        QToolTip::showText(QCursor::pos(),
                           QStringLiteral("%1, %2: %3")
                               .arg(set->label(), bucketText(*model, index),
                                    dashboardformat::figure(kind, std::abs(value), currency)));
    });
}

// Hover on a line shows the figure of the nearest bucket.
void hoverLine(QLineSeries *series, const models::MetricsSeriesModel *model, const QString &key,
               dashboardformat::Kind kind)
{
    QObject::connect(series, &QLineSeries::hovered, series,
                     [series, model, key, kind](const QPointF &point, bool on) {
                         if (!on) {
                             QToolTip::hideText();
                             return;
                         }
                         const int row = int(std::lround(point.x()));
                         QToolTip::showText(
                             QCursor::pos(),
                             QStringLiteral("%1, %2: %3")
                                 .arg(series->name(), bucketText(*model, row),
                                      dashboardformat::figure(kind, model->value(row, key))));
                     });
}

QLineSeries *line(const models::MetricsSeriesModel &model, const QString &key,
                  const QString &name, dashboardformat::Kind kind, double scale = 1.0)
{
    auto *series = new QLineSeries;
    series->setName(name);
    for (int row = 0; row < model.rowCount(); ++row)
        if (const auto value = model.value(row, key))
            series->append(row, *value * scale);
    series->setPointsVisible(model.rowCount() <= 31);
    hoverLine(series, &model, key, kind);
    return series;
}

QBarSet *barSet(const models::MetricsSeriesModel &model, const QString &key, const QString &name,
                dashboardformat::Kind kind, double sign = 1.0, double scale = 1.0,
                const QString &currency = {})
{
    auto *set = new QBarSet(name);
    for (int row = 0; row < model.rowCount(); ++row)
        set->append(sign * model.value(row, key).value_or(0.0) * scale);
    hoverBars(set, &model, kind, currency);
    return set;
}

void attach(QChart *chart, QAbstractSeries *series, QAbstractAxis *x, QAbstractAxis *y)
{
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

// Readable names for breakdown keys ("bonus_starter" -> "Starter bonus").
QString partName(const QString &key)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("purchases"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Purchases")},
        {QStringLiteral("bonus_starter"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Starter bonus")},
        {QStringLiteral("bonus_referral"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Referral bonus")},
        {QStringLiteral("bonus_promo"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Promo bonus")},
        {QStringLiteral("adjustments"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Adjustments")},
        {QStringLiteral("expiry"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Expiry")},
        {QStringLiteral("refunds"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Refunds")},
        {QStringLiteral("fees"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Fees")},
        {QStringLiteral("dismissal"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Dismissal")},
        {QStringLiteral("warning"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Warning")},
        {QStringLiteral("content_removed"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Content removed")},
        {QStringLiteral("suspension"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Suspension")},
        {QStringLiteral("ban"), QT_TRANSLATE_NOOP("skillex::views::dashboardcharts", "Ban")},
    };
    const auto it = names.constFind(key);
    return it == names.constEnd() ? key : tr(it.value());
}

} // namespace

Built activeMembers(const models::MetricsSeriesModel &model, bool dark)
{
    using dashboardformat::Kind;
    QChart *chart = newChart(dark);
    QAbstractAxis *x = categoryAxis(chart, model);
    QValueAxis *y = valueAxis(chart, Qt::AlignLeft, tr("members"));
    attach(chart, line(model, QStringLiteral("dau"), tr("DAU"), Kind::Mean), x, y);
    attach(chart, line(model, QStringLiteral("wau"), tr("WAU"), Kind::Count), x, y);
    attach(chart, line(model, QStringLiteral("mau"), tr("MAU"), Kind::Count), x, y);
    // By day the bucket's active members are the DAU: one line, not two on top of each other.
    if (model.answer().value(QLatin1String("granularity")).toString() != QLatin1String("day"))
        attach(chart, line(model, QStringLiteral("active"), tr("Active in bucket"), Kind::Count),
               x, y);
    fit(y, lineExtent(model, {QStringLiteral("dau"), QStringLiteral("wau"), QStringLiteral("mau"),
                              QStringLiteral("active")}));
    return {chart,
            {QStringLiteral("active"), QStringLiteral("dau"), QStringLiteral("wau"),
             QStringLiteral("mau"), QStringLiteral("dau_mau"), QStringLiteral("signups")},
            {}};
}

Built sessionsByOutcome(const models::MetricsSeriesModel &model, bool dark)
{
    using dashboardformat::Kind;
    QChart *chart = newChart(dark);
    QAbstractAxis *x = categoryAxis(chart, model);
    QValueAxis *y = valueAxis(chart, Qt::AlignLeft, tr("bookings"));
    auto *bars = new QStackedBarSeries;
    bars->append(barSet(model, QStringLiteral("completed"), tr("Completed"), Kind::Count));
    bars->append(barSet(model, QStringLiteral("cancelled"), tr("Cancelled"), Kind::Count));
    bars->append(barSet(model, QStringLiteral("no_show"), tr("No-show"), Kind::Count));
    attach(chart, bars, x, y);
    const QStringList outcomes{QStringLiteral("completed"), QStringLiteral("cancelled"),
                               QStringLiteral("no_show")};
    fit(y, stackExtent(model, outcomes));
    return {chart,
            {QStringLiteral("booked"), QStringLiteral("completed"), QStringLiteral("cancelled"),
             QStringLiteral("no_show"), QStringLiteral("completion_rate")},
            allZero(model, outcomes) ? tr("No booking reached an outcome in this range.")
                                     : QString()};
}

Built revenue(const models::MetricsSeriesModel &model, bool dark)
{
    QChart *chart = newChart(dark);
    QAbstractAxis *x = categoryAxis(chart, model);
    QValueAxis *y = valueAxis(chart, Qt::AlignLeft, tr("net, major units"));
    auto *bars = new QBarSeries;
    QStringList keys;
    QStringList nets;
    Extent extent;
    for (const QString &part : model.children(QStringLiteral("net_minor"))) {
        const QString currency = part.section(QLatin1Char('/'), -1);
        const QString key = QStringLiteral("net_minor.") + part;
        // Minor units on the axis would read as 100 times the money; bars show major units
        // and hover shows the exact amount with its currency.
        auto *set = new QBarSet(part);
        const double units = dashboardformat::minorUnits(currency);
        for (int row = 0; row < model.rowCount(); ++row) {
            const double value = model.value(row, key).value_or(0.0) / units;
            set->append(value);
            extent.add(value);
        }
        QObject::connect(set, &QBarSet::hovered, set,
                         [set, m = &model, key, currency](bool on, int index) {
                             if (!on) {
                                 QToolTip::hideText();
                                 return;
                             }
                             QToolTip::showText(
                                 QCursor::pos(),
                                 QStringLiteral("%1, %2: %3")
                                     .arg(set->label(), bucketText(*m, index),
                                          dashboardformat::figure(dashboardformat::Kind::MoneyExact,
                                                                  m->value(index, key),
                                                                  currency)));
                         });
        bars->append(set);
        nets << key;
        keys << key << QStringLiteral("captured_minor.") + part
             << QStringLiteral("refunded_minor.") + part;
    }
    attach(chart, bars, x, y);
    fit(y, extent);
    keys << QStringLiteral("gmv") << QStringLiteral("fees") << QStringLiteral("take_rate");
    return {chart, keys,
            allZero(model, nets) ? tr("No payments were captured in this range.") : QString()};
}

Built creditEconomy(const models::MetricsSeriesModel &model, bool dark)
{
    using dashboardformat::Kind;
    QChart *chart = newChart(dark);
    QAbstractAxis *x = categoryAxis(chart, model);
    QValueAxis *flows = valueAxis(chart, Qt::AlignLeft, tr("flows, cr"));
    QValueAxis *stocks = valueAxis(chart, Qt::AlignRight, tr("held, cr"));
    auto *bars = new QStackedBarSeries;
    QStringList keys;
    QStringList minted;
    QStringList burned;
    for (const QString &part : model.children(QStringLiteral("minted_by_source"))) {
        const QString key = QStringLiteral("minted_by_source.") + part;
        keys << key;
        // A source with nothing in the range would only crowd the legend.
        if (allZero(model, {key}))
            continue;
        bars->append(barSet(model, key, tr("+%1").arg(partName(part)), Kind::Credits));
        minted << key;
    }
    for (const QString &part : model.children(QStringLiteral("burned_by_sink"))) {
        const QString key = QStringLiteral("burned_by_sink.") + part;
        keys << key;
        if (allZero(model, {key}))
            continue;
        // Burned below zero, so a bucket's bar shows both sides of the economy at once.
        bars->append(barSet(model, key, tr("−%1").arg(partName(part)), Kind::Credits, -1.0));
        burned << key;
    }
    attach(chart, bars, x, flows);
    attach(chart, line(model, QStringLiteral("escrow"), tr("In escrow"), Kind::Credits), x,
           stocks);
    attach(chart,
           line(model, QStringLiteral("outstanding"), tr("Outstanding"), Kind::Credits), x,
           stocks);
    fit(flows, stackExtent(model, minted, burned));
    // Ten sources, sinks and stocks do not fit in a row under a half-width chart.
    chart->legend()->setAlignment(Qt::AlignRight);
    QFont small = chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    chart->legend()->setFont(small);
    fit(stocks, lineExtent(model, {QStringLiteral("escrow"), QStringLiteral("outstanding")}));
    keys << QStringLiteral("minted") << QStringLiteral("burned") << QStringLiteral("spent")
         << QStringLiteral("escrow") << QStringLiteral("outstanding")
         << QStringLiteral("velocity");
    return {chart, keys, {}};
}

Built moderation(const models::MetricsSeriesModel &model, bool dark)
{
    using dashboardformat::Kind;
    QChart *chart = newChart(dark);
    QAbstractAxis *x = categoryAxis(chart, model);
    QValueAxis *counts = valueAxis(chart, Qt::AlignLeft, tr("cases"));
    QValueAxis *hours = valueAxis(chart, Qt::AlignRight, tr("hours"));
    hours->setLabelFormat(QStringLiteral("%.1f"));
    auto *bars = new QBarSeries;
    bars->append(barSet(model, QStringLiteral("reports_in"), tr("Reports in"), Kind::Count));
    bars->append(barSet(model, QStringLiteral("cases_closed"), tr("Cases closed"), Kind::Count));
    attach(chart, bars, x, counts);
    // The figure is in seconds; hours read better on the axis, hover says it exactly.
    const QString median = QStringLiteral("median_first_action_seconds");
    attach(chart,
           line(model, median, tr("Median time to first action"), Kind::Seconds, 1.0 / 3600.0),
           x, hours);
    fit(counts, lineExtent(model, {QStringLiteral("reports_in"), QStringLiteral("cases_closed")}));
    fit(hours, lineExtent(model, {median}, 1.0 / 3600.0), false);
    return {chart,
            {QStringLiteral("reports_in"), QStringLiteral("cases_opened"),
             QStringLiteral("cases_closed"), QStringLiteral("sla_breaches"), median,
             QStringLiteral("median_resolution_seconds"), QStringLiteral("appeals_overturned")},
            {}};
}

Built actionsByRung(const models::MetricsSeriesModel &model, bool dark)
{
    using dashboardformat::Kind;
    QChart *chart = newChart(dark);
    QAbstractAxis *x = categoryAxis(chart, model);
    QValueAxis *y = valueAxis(chart, Qt::AlignLeft, tr("actions"));
    auto *bars = new QStackedBarSeries;
    QStringList keys;
    for (const QString &part : model.children(QStringLiteral("actions_by_rung"))) {
        const QString key = QStringLiteral("actions_by_rung.") + part;
        bars->append(barSet(model, key, partName(part), Kind::Count));
        keys << key;
    }
    attach(chart, bars, x, y);
    fit(y, stackExtent(model, keys));
    return {chart, keys,
            allZero(model, keys) ? tr("No moderation actions were taken in this range.")
                                 : QString()};
}

} // namespace skillex::views::dashboardcharts
