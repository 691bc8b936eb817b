// DashboardRange: presets, the endpoints' query and the snapshot key.
#include "models/dashboardrange.h"

namespace skillex::models {

namespace {
// The server refuses ranges longer than three years (docs/api.md, "Admin metrics").
constexpr qint64 kMaxDays = 1096;
} // namespace

DashboardRange::DashboardRange(QDate from, QDate to, Granularity granularity)
    : m_from(from)
    , m_to(to)
    , m_granularity(granularity)
{
}

DashboardRange DashboardRange::preset(Preset preset, QDate todayUtc)
{
    qint64 days = 30;
    switch (preset) {
    case Preset::Days7:
        days = 7;
        break;
    case Preset::Days30:
    case Preset::Custom:
        days = 30;
        break;
    case Preset::Days90:
        days = 90;
        break;
    case Preset::Year:
        days = 365;
        break;
    }
    return {todayUtc.addDays(-(days - 1)), todayUtc, defaultGranularity(preset)};
}

DashboardRange::Granularity DashboardRange::defaultGranularity(Preset preset)
{
    switch (preset) {
    case Preset::Days90:
        return Granularity::Week;
    case Preset::Year:
        return Granularity::Month;
    default:
        return Granularity::Day;
    }
}

bool DashboardRange::isValid() const
{
    return m_from.isValid() && m_to.isValid() && m_from <= m_to && days() <= kMaxDays;
}

qint64 DashboardRange::days() const
{
    return m_from.daysTo(m_to) + 1;
}

QString DashboardRange::query() const
{
    return QStringLiteral("from=%1&to=%2&granularity=%3")
        .arg(m_from.toString(Qt::ISODate), m_to.toString(Qt::ISODate),
             granularityName(m_granularity));
}

QString DashboardRange::key() const
{
    return QStringLiteral("%1..%2/%3")
        .arg(m_from.toString(Qt::ISODate), m_to.toString(Qt::ISODate),
             granularityName(m_granularity));
}

QString DashboardRange::granularityName(Granularity granularity)
{
    switch (granularity) {
    case Granularity::Week:
        return QStringLiteral("week");
    case Granularity::Month:
        return QStringLiteral("month");
    case Granularity::Day:
        break;
    }
    return QStringLiteral("day");
}

} // namespace skillex::models
