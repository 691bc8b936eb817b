// Each dashboard loads the rollup rows of its range and of the previous period in one query,
// then sums them per bucket in memory. Medians cannot be rolled up by day, so moderation reads
// the cases acted on or closed in the range directly (an indexed range scan).
#include "server/domain/metrics/dashboardmetrics.h"

#include "server/domain/metrics/dailyfigures.h"
#include "server/storage/sqlquery.h"

#include <QDate>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace skillex::server::metrics {
namespace {

const QStringList kMintSources = {QStringLiteral("purchases"), QStringLiteral("bonus_starter"),
                                  QStringLiteral("bonus_referral"), QStringLiteral("bonus_promo"),
                                  QStringLiteral("adjustments")};
const QStringList kBurnSinks = {QStringLiteral("expiry"), QStringLiteral("refunds"),
                                QStringLiteral("fees"), QStringLiteral("adjustments")};
const QStringList kRungs = {QStringLiteral("dismissal"), QStringLiteral("warning"),
                            QStringLiteral("content_removed"), QStringLiteral("suspension"),
                            QStringLiteral("ban")};

double rounded(double v)
{
    return std::round(v * 10000.0) / 10000.0;
}

QJsonObject header(const MetricsRange &range)
{
    const Bucket prev = range.previous();
    return {{QStringLiteral("from"), isoDay(range.first)},
            {QStringLiteral("to"), isoDay(range.last)},
            {QStringLiteral("granularity"), range.granularityName()},
            {QStringLiteral("previous"), QJsonObject{{QStringLiteral("from"), isoDay(prev.first)},
                                                     {QStringLiteral("to"), isoDay(prev.last)}}}};
}

QJsonObject bucketObject(const Bucket &b)
{
    return {{QStringLiteral("start"), isoDay(b.first)}, {QStringLiteral("end"), isoDay(b.last)}};
}

// The dashboard of one span (a bucket or a whole period), as named values. Totals and series
// entries are made by the same function, so they cannot disagree.
using Values = QJsonObject;

QJsonObject withTotals(QJsonObject out, const MetricsRange &range,
                       const std::function<Values(const Bucket &)> &compute)
{
    QJsonArray series;
    for (const Bucket &b : range.buckets()) {
        QJsonObject entry = bucketObject(b);
        const Values v = compute(b);
        for (auto it = v.begin(); it != v.end(); ++it)
            entry.insert(it.key(), it.value());
        series.push_back(entry);
    }
    const Values now = compute({range.first, range.last});
    const Values before = compute(range.previous());
    QJsonObject totals;
    for (auto it = now.begin(); it != now.end(); ++it) {
        if (it.value().isObject()) { // a breakdown: a figure per key
            QJsonObject nested;
            const QJsonObject cur = it.value().toObject();
            const QJsonObject prev = before.value(it.key()).toObject();
            for (auto n = cur.begin(); n != cur.end(); ++n)
                nested.insert(n.key(), figure(n.value(), prev.value(n.key())));
            totals.insert(it.key(), nested);
        } else {
            totals.insert(it.key(), figure(it.value(), before.value(it.key())));
        }
    }
    out.insert(QStringLiteral("series"), series);
    out.insert(QStringLiteral("totals"), totals);
    return out;
}

QJsonValue orNull(const std::vector<qint64> &values)
{
    if (values.empty())
        return QJsonValue::Null;
    std::vector<qint64> v = values;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    const double median =
        n % 2 == 1 ? static_cast<double>(v[n / 2])
                   : (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2.0;
    return rounded(median / 1000.0); // seconds
}

// (day of the event, duration in ms) for cases with the column set in [first, last].
std::vector<std::pair<qint64, qint64>> caseDurations(QSqlDatabase &db, const QString &column,
                                                     qint64 first, qint64 last)
{
    SqlQuery q(db, QStringLiteral("SELECT %1, %1 - opened_at FROM cases WHERE %1 >= :a AND %1 < :b")
                       .arg(column));
    q.bind(QStringLiteral(":a"), first * kDayMs).bind(QStringLiteral(":b"), (last + 1) * kDayMs);
    q.exec();
    std::vector<std::pair<qint64, qint64>> out;
    while (q.next())
        out.push_back({dayOfMs(q.int64(0)), q.int64(1)});
    return out;
}

QJsonValue medianIn(const std::vector<std::pair<qint64, qint64>> &rows, const Bucket &b)
{
    std::vector<qint64> values;
    for (const auto &[day, ms] : rows)
        if (day >= b.first && day <= b.last)
            values.push_back(ms);
    return orNull(values);
}

} // namespace

QJsonValue ratio(double numerator, double denominator)
{
    if (denominator == 0)
        return QJsonValue::Null;
    return rounded(numerator / denominator);
}

QJsonObject figure(const QJsonValue &value, const QJsonValue &previous)
{
    QJsonValue change = QJsonValue::Null;
    if (value.isDouble() && previous.isDouble() && previous.toDouble() != 0)
        change = rounded((value.toDouble() - previous.toDouble()) / previous.toDouble());
    return {{QStringLiteral("value"), value},
            {QStringLiteral("previous"), previous},
            {QStringLiteral("change"), change}};
}

DashboardMetrics::DashboardMetrics(Database &db)
    : m_db(db)
{}

QJsonObject DashboardMetrics::active(const MetricsRange &range)
{
    return m_db.read([&](QSqlDatabase &db) {
        const DailyFigures daily(db,
                                 {QStringLiteral("signups"), QStringLiteral("active"),
                                  QStringLiteral("wau"), QStringLiteral("mau"),
                                  QStringLiteral("active_week"), QStringLiteral("active_month")},
                                 range.previous().first, range.last);
        // Distinct members over a span: stored for days, ISO weeks and calendar months; other
        // spans (cut buckets, whole periods) are counted from member_activity_days.
        const auto distinct = [&](const Bucket &b) -> qint64 {
            const QDate start = dateOfDay(b.first);
            if (b.days() == 1)
                return daily.sum(QStringLiteral("active"), {}, b.first, b.first);
            if (b.days() == 7 && start.dayOfWeek() == 1)
                return daily.sum(QStringLiteral("active_week"), {}, b.first, b.first);
            if (start.day() == 1 && b.days() == start.daysInMonth())
                return daily.sum(QStringLiteral("active_month"), {}, b.first, b.first);
            // Short spans: a pass over their rows; long ones: one index seek per member.
            SqlQuery q(db, b.days() <= 31
                               ? QStringLiteral("SELECT COUNT(DISTINCT user_id) FROM "
                                                "member_activity_days WHERE day >= :a AND day "
                                                "<= :b")
                               : QStringLiteral("SELECT COUNT(*) FROM users u WHERE EXISTS "
                                                "(SELECT 1 FROM member_activity_days a WHERE "
                                                "a.user_id = u.id AND a.day >= :a AND a.day <= "
                                                ":b)"));
            q.bind(QStringLiteral(":a"), b.first).bind(QStringLiteral(":b"), b.last).exec();
            return q.scalar().value_or(0).toLongLong();
        };
        return withTotals(header(range), range, [&](const Bucket &b) {
            const double dau =
                static_cast<double>(daily.sum(QStringLiteral("active"), {}, b.first, b.last)) /
                static_cast<double>(b.days());
            const qint64 mau = daily.sum(QStringLiteral("mau"), {}, b.last, b.last);
            return Values{
                {QStringLiteral("active"), distinct(b)},
                {QStringLiteral("dau"), rounded(dau)},
                {QStringLiteral("wau"), daily.sum(QStringLiteral("wau"), {}, b.last, b.last)},
                {QStringLiteral("mau"), mau},
                {QStringLiteral("dau_mau"), ratio(dau, static_cast<double>(mau))},
                {QStringLiteral("signups"),
                 daily.sum(QStringLiteral("signups"), {}, b.first, b.last)},
            };
        });
    });
}

QJsonObject DashboardMetrics::sessions(const MetricsRange &range)
{
    return m_db.read([&](QSqlDatabase &db) {
        const QStringList names = {QStringLiteral("booked"), QStringLiteral("completed"),
                                   QStringLiteral("cancelled"), QStringLiteral("no_show")};
        const DailyFigures daily(db, names, range.previous().first, range.last);
        return withTotals(header(range), range, [&](const Bucket &b) {
            Values v;
            for (const QString &n : names)
                v.insert(n, daily.sum(n, {}, b.first, b.last));
            const double completed = v.value(QStringLiteral("completed")).toDouble();
            v.insert(QStringLiteral("completion_rate"),
                     ratio(completed, completed + v.value(QStringLiteral("cancelled")).toDouble() +
                                          v.value(QStringLiteral("no_show")).toDouble()));
            return v;
        });
    });
}

QJsonObject DashboardMetrics::revenue(const MetricsRange &range)
{
    return m_db.read([&](QSqlDatabase &db) {
        const DailyFigures daily(
            db,
            {QStringLiteral("gmv"), QStringLiteral("burned"), QStringLiteral("captured_minor"),
             QStringLiteral("captured_count"), QStringLiteral("refunded_minor")},
            range.previous().first, range.last);
        QStringList channels = daily.dimensions(QStringLiteral("captured_minor")) +
                               daily.dimensions(QStringLiteral("refunded_minor"));
        channels.removeDuplicates();
        channels.sort();
        return withTotals(header(range), range, [&](const Bucket &b) {
            const qint64 gmv = daily.sum(QStringLiteral("gmv"), {}, b.first, b.last);
            const qint64 fees =
                daily.sum(QStringLiteral("burned"), QStringLiteral("fees"), b.first, b.last);
            QJsonObject net; // "provider/currency" -> net money in minor units
            QJsonObject captured;
            QJsonObject refunded;
            QJsonObject payments;
            for (const QString &c : channels) {
                const qint64 in = daily.sum(QStringLiteral("captured_minor"), c, b.first, b.last);
                const qint64 out = daily.sum(QStringLiteral("refunded_minor"), c, b.first, b.last);
                captured.insert(c, in);
                refunded.insert(c, out);
                net.insert(c, in - out);
                payments.insert(c, daily.sum(QStringLiteral("captured_count"), c, b.first, b.last));
            }
            return Values{{QStringLiteral("gmv"), gmv},
                          {QStringLiteral("fees"), fees},
                          {QStringLiteral("take_rate"),
                           ratio(static_cast<double>(fees), static_cast<double>(gmv))},
                          {QStringLiteral("net_minor"), net},
                          {QStringLiteral("captured_minor"), captured},
                          {QStringLiteral("refunded_minor"), refunded},
                          {QStringLiteral("payments"), payments}};
        });
    });
}

QJsonObject DashboardMetrics::credits(const MetricsRange &range)
{
    return m_db.read([&](QSqlDatabase &db) {
        const DailyFigures daily(
            db, {QStringLiteral("minted"), QStringLiteral("burned"), QStringLiteral("spent")},
            range.previous().first, range.last,
            {QStringLiteral("escrow_delta"), QStringLiteral("wallet_delta")});
        return withTotals(header(range), range, [&](const Bucket &b) {
            QJsonObject minted;
            QJsonObject burned;
            qint64 mintedTotal = 0;
            qint64 burnedTotal = 0;
            for (const QString &s : kMintSources) {
                const qint64 v = daily.sum(QStringLiteral("minted"), s, b.first, b.last);
                minted.insert(s, v);
                mintedTotal += v;
            }
            for (const QString &s : kBurnSinks) {
                const qint64 v = daily.sum(QStringLiteral("burned"), s, b.first, b.last);
                burned.insert(s, v);
                burnedTotal += v;
            }
            const qint64 spent = daily.sum(QStringLiteral("spent"), {}, b.first, b.last);
            double outstandingSum = 0;
            for (qint64 d = b.first; d <= b.last; ++d)
                outstandingSum +=
                    static_cast<double>(daily.level(QStringLiteral("wallet_delta"), d));
            const double averageOutstanding = outstandingSum / static_cast<double>(b.days());
            return Values{
                {QStringLiteral("minted"), mintedTotal},
                {QStringLiteral("burned"), burnedTotal},
                {QStringLiteral("minted_by_source"), minted},
                {QStringLiteral("burned_by_sink"), burned},
                {QStringLiteral("spent"), spent},
                {QStringLiteral("escrow"), daily.level(QStringLiteral("escrow_delta"), b.last)},
                {QStringLiteral("outstanding"),
                 daily.level(QStringLiteral("wallet_delta"), b.last)},
                {QStringLiteral("velocity"), ratio(static_cast<double>(spent), averageOutstanding)},
            };
        });
    });
}

QJsonObject DashboardMetrics::moderation(const MetricsRange &range)
{
    return m_db.read([&](QSqlDatabase &db) {
        const qint64 from = range.previous().first;
        const DailyFigures daily(db,
                                 {QStringLiteral("reports_in"), QStringLiteral("cases_opened"),
                                  QStringLiteral("cases_closed"), QStringLiteral("sla_breaches"),
                                  QStringLiteral("actions"), QStringLiteral("appeals_overturned")},
                                 from, range.last);
        const auto firstActions =
            caseDurations(db, QStringLiteral("first_action_at"), from, range.last);
        const auto resolutions = caseDurations(db, QStringLiteral("closed_at"), from, range.last);
        return withTotals(header(range), range, [&](const Bucket &b) {
            Values v;
            for (const QString &n : {QStringLiteral("reports_in"), QStringLiteral("cases_opened"),
                                     QStringLiteral("cases_closed"), QStringLiteral("sla_breaches"),
                                     QStringLiteral("appeals_overturned")})
                v.insert(n, daily.sum(n, {}, b.first, b.last));
            QJsonObject actions;
            for (const QString &rung : kRungs)
                actions.insert(rung, daily.sum(QStringLiteral("actions"), rung, b.first, b.last));
            v.insert(QStringLiteral("actions_by_rung"), actions);
            v.insert(QStringLiteral("median_first_action_seconds"), medianIn(firstActions, b));
            v.insert(QStringLiteral("median_resolution_seconds"), medianIn(resolutions, b));
            return v;
        });
    });
}

QJsonObject DashboardMetrics::overview(const MetricsRange &range)
{
    // The tiles are the other dashboards' totals for the whole range (no series).
    MetricsRange whole = range;
    whole.granularity = Granularity::Month;
    const QJsonObject a = active(whole).value(QStringLiteral("totals")).toObject();
    const QJsonObject s = sessions(whole).value(QStringLiteral("totals")).toObject();
    const QJsonObject r = revenue(whole).value(QStringLiteral("totals")).toObject();
    const QJsonObject c = credits(whole).value(QStringLiteral("totals")).toObject();
    const QJsonObject m = moderation(whole).value(QStringLiteral("totals")).toObject();
    QJsonObject tiles{
        {QStringLiteral("active_members"), a.value(QStringLiteral("active"))},
        {QStringLiteral("dau"), a.value(QStringLiteral("dau"))},
        {QStringLiteral("mau"), a.value(QStringLiteral("mau"))},
        {QStringLiteral("dau_mau"), a.value(QStringLiteral("dau_mau"))},
        {QStringLiteral("signups"), a.value(QStringLiteral("signups"))},
        {QStringLiteral("sessions_booked"), s.value(QStringLiteral("booked"))},
        {QStringLiteral("sessions_completed"), s.value(QStringLiteral("completed"))},
        {QStringLiteral("completion_rate"), s.value(QStringLiteral("completion_rate"))},
        {QStringLiteral("gmv"), r.value(QStringLiteral("gmv"))},
        {QStringLiteral("fees"), r.value(QStringLiteral("fees"))},
        {QStringLiteral("take_rate"), r.value(QStringLiteral("take_rate"))},
        {QStringLiteral("net_revenue_minor"), r.value(QStringLiteral("net_minor"))},
        {QStringLiteral("credits_minted"), c.value(QStringLiteral("minted"))},
        {QStringLiteral("credits_burned"), c.value(QStringLiteral("burned"))},
        {QStringLiteral("credits_outstanding"), c.value(QStringLiteral("outstanding"))},
        {QStringLiteral("credits_in_escrow"), c.value(QStringLiteral("escrow"))},
        {QStringLiteral("credit_velocity"), c.value(QStringLiteral("velocity"))},
        {QStringLiteral("reports_in"), m.value(QStringLiteral("reports_in"))},
        {QStringLiteral("cases_opened"), m.value(QStringLiteral("cases_opened"))},
        {QStringLiteral("cases_closed"), m.value(QStringLiteral("cases_closed"))},
        {QStringLiteral("sla_breaches"), m.value(QStringLiteral("sla_breaches"))},
        {QStringLiteral("median_first_action_seconds"),
         m.value(QStringLiteral("median_first_action_seconds"))},
    };
    QJsonObject out = header(range);
    out.insert(QStringLiteral("tiles"), tiles);
    return out;
}

} // namespace skillex::server::metrics
