// A dashboard's date range (UTC days), its buckets by granularity, and the previous period.
#pragma once

#include <QDate>
#include <QMap>
#include <QString>

#include <optional>
#include <vector>

namespace skillex::server::metrics {

inline constexpr qint64 kDayMs = 86400000;
inline constexpr int kMaxRangeDays = 1096; // three years, leap day included

// Day numbers are days since 1970-01-01 (UTC), as stored in the rollup tables.
qint64 dayOfMs(qint64 ms);
qint64 dayOfDate(const QDate &date);
QDate dateOfDay(qint64 day);
QString isoDay(qint64 day);

enum class Granularity { Day, Week, Month };

struct Bucket {
    qint64 first = 0; // day numbers, inclusive
    qint64 last = 0;
    qint64 days() const { return last - first + 1; }
};

struct MetricsRange {
    qint64 first = 0;
    qint64 last = 0;
    Granularity granularity = Granularity::Day;

    qint64 days() const { return last - first + 1; }
    // Days of the range cut at day, ISO week (Monday) or calendar month boundaries.
    std::vector<Bucket> buckets() const;
    // The period of equal length just before this one.
    Bucket previous() const { return {first - days(), first - 1}; }
    QString granularityName() const;

    // from/to as YYYY-MM-DD (defaults: the 30 days ending today), granularity day|week|month
    // (default day). Fills errors (parameter -> message) and returns nullopt when invalid.
    static std::optional<MetricsRange> parse(const std::optional<QString> &from,
                                             const std::optional<QString> &to,
                                             const std::optional<QString> &granularity,
                                             qint64 today, QMap<QString, QString> *errors);
};

} // namespace skillex::server::metrics
