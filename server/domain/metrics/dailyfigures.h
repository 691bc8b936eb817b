// The rollup rows of a span of days in memory, summed by day range, metric and dimension.
#pragma once

#include "server/storage/database.h"

#include <QString>
#include <QStringList>

#include <map>
#include <utility>

namespace skillex::server::metrics {

class DailyFigures {
public:
    // Loads metrics_daily rows of metrics for days first..last; levels (running sums such as
    // escrow_delta) also get their total before first, so level() works from day first on.
    DailyFigures(QSqlDatabase &db, const QStringList &metrics, qint64 first, qint64 last,
                 const QStringList &levels = {});

    qint64 sum(const QString &metric, const QString &dimension, qint64 first, qint64 last) const;
    qint64 sumAll(const QString &metric, qint64 first, qint64 last) const; // every dimension
    QStringList dimensions(const QString &metric) const;
    // A running sum's value at the end of day (from the start of history).
    qint64 level(const QString &metric, qint64 day) const;

private:
    std::map<std::pair<QString, QString>, std::map<qint64, qint64>> m_rows;
    std::map<QString, qint64> m_base; // sums before m_first, for levels
    qint64 m_first = 0;
};

} // namespace skillex::server::metrics
