// DashboardRange: the days and granularity a dashboard asks the metrics endpoints for.
#pragma once

#include <QDate>
#include <QString>

namespace skillex::models {

class DashboardRange {
public:
    enum class Preset { Days7, Days30, Days90, Year, Custom };
    enum class Granularity { Day, Week, Month };

    DashboardRange() = default;
    DashboardRange(QDate from, QDate to, Granularity granularity);

    // The last n days up to today (UTC, as the server counts days), with a granularity that
    // keeps the charts readable (a year by day is 365 bars).
    static DashboardRange preset(Preset preset, QDate todayUtc);
    static Granularity defaultGranularity(Preset preset);

    QDate from() const { return m_from; }
    QDate to() const { return m_to; }
    Granularity granularity() const { return m_granularity; }
    void setGranularity(Granularity granularity) { m_granularity = granularity; }
    bool isValid() const;
    // Days in the range, both ends included.
    qint64 days() const;

    // "from=2026-03-01&to=2026-03-14&granularity=week", the endpoints' query.
    QString query() const;
    // The key a snapshot of this range is kept under in the cache.
    QString key() const;

    static QString granularityName(Granularity granularity);

    bool operator==(const DashboardRange &other) const = default;

private:
    QDate m_from;
    QDate m_to;
    Granularity m_granularity = Granularity::Day;
};

} // namespace skillex::models
