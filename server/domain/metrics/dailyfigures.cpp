// Sums run over std::map ranges: a three-year range is ~1100 days per series, so no index
// beyond the ordered map is worth having.
#include "server/domain/metrics/dailyfigures.h"

#include "server/storage/sqlquery.h"

namespace skillex::server::metrics {
namespace {

QString quotedList(const QStringList &names)
{
    QStringList quoted;
    for (const QString &n : names) // names are our own constants; quoted for SQL anyway
        quoted << QLatin1Char('\'') + QString(n).replace(QLatin1Char('\''), QStringLiteral("''")) +
                      QLatin1Char('\'');
    return quoted.join(QStringLiteral(", "));
}

} // namespace

DailyFigures::DailyFigures(QSqlDatabase &db, const QStringList &metrics, qint64 first, qint64 last,
                           const QStringList &levels)
    : m_first(first)
{
    SqlQuery q(db, QStringLiteral("SELECT day, metric, dimension, value FROM metrics_daily WHERE "
                                  "day >= :a AND day <= :b AND metric IN (%1)")
                       .arg(quotedList(metrics + levels)));
    q.bind(QStringLiteral(":a"), first).bind(QStringLiteral(":b"), last).exec();
    while (q.next())
        m_rows[{q.string(1), q.string(2)}][q.int64(0)] += q.int64(3);
    if (levels.isEmpty())
        return;
    SqlQuery base(db, QStringLiteral("SELECT metric, SUM(value) FROM metrics_daily WHERE day < :a "
                                     "AND metric IN (%1) GROUP BY metric")
                          .arg(quotedList(levels)));
    base.bind(QStringLiteral(":a"), first).exec();
    while (base.next())
        m_base[base.string(0)] = base.int64(1);
}

qint64 DailyFigures::sum(const QString &metric, const QString &dimension, qint64 first,
                         qint64 last) const
{
    const auto series = m_rows.find({metric, dimension});
    if (series == m_rows.end())
        return 0;
    qint64 total = 0;
    for (auto it = series->second.lower_bound(first);
         it != series->second.end() && it->first <= last; ++it)
        total += it->second;
    return total;
}

qint64 DailyFigures::sumAll(const QString &metric, qint64 first, qint64 last) const
{
    qint64 total = 0;
    for (const QString &d : dimensions(metric))
        total += sum(metric, d, first, last);
    return total;
}

QStringList DailyFigures::dimensions(const QString &metric) const
{
    QStringList out;
    for (auto it = m_rows.lower_bound({metric, QString()});
         it != m_rows.end() && it->first.first == metric; ++it)
        out << it->first.second;
    return out;
}

qint64 DailyFigures::level(const QString &metric, qint64 day) const
{
    const auto base = m_base.find(metric);
    return (base == m_base.end() ? 0 : base->second) + sum(metric, QString(), m_first, day);
}

} // namespace skillex::server::metrics
