// Day arithmetic stays in integers so SQL (created_at / 86400000) and C++ agree on every day.
#include "server/domain/metrics/metricsrange.h"

#include <QRegularExpression>

namespace skillex::server::metrics {
namespace {

const QDate kEpoch(1970, 1, 1);

std::optional<qint64> parseDay(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!shape.match(text).hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        return std::nullopt;
    return dayOfDate(date);
}

} // namespace

qint64 dayOfMs(qint64 ms)
{
    // Floor division, so times before 1970 would still land on the right day.
    return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

qint64 dayOfDate(const QDate &date)
{
    return kEpoch.daysTo(date);
}

QDate dateOfDay(qint64 day)
{
    return kEpoch.addDays(day);
}

QString isoDay(qint64 day)
{
    return dateOfDay(day).toString(Qt::ISODate);
}

std::vector<Bucket> MetricsRange::buckets() const
{
    std::vector<Bucket> out;
    qint64 start = first;
    while (start <= last) {
        qint64 end = start;
        const QDate date = dateOfDay(start);
        switch (granularity) {
        case Granularity::Day:
            break;
        case Granularity::Week: // ISO weeks end on Sunday
            end = start + (7 - date.dayOfWeek());
            break;
        case Granularity::Month:
            end = start + (date.daysInMonth() - date.day());
            break;
        }
        end = std::min(end, last);
        out.push_back({start, end});
        start = end + 1;
    }
    return out;
}

QString MetricsRange::granularityName() const
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

std::optional<MetricsRange> MetricsRange::parse(const std::optional<QString> &from,
                                                const std::optional<QString> &to,
                                                const std::optional<QString> &granularity,
                                                qint64 today, QMap<QString, QString> *errors)
{
    MetricsRange r;
    const QString dateRule = QStringLiteral("must be a date as YYYY-MM-DD");
    // Plain integers and flags: GCC 12 sees optionals here as maybe-uninitialized.
    qint64 last = today;
    bool haveLast = true;
    if (to) {
        const auto parsed = parseDay(*to);
        haveLast = parsed.has_value();
        last = parsed.value_or(0);
        if (!haveLast)
            errors->insert(QStringLiteral("to"), dateRule);
    }
    qint64 first = last - 29;
    bool haveFirst = haveLast;
    if (from) {
        const auto parsed = parseDay(*from);
        haveFirst = parsed.has_value();
        first = parsed.value_or(0);
        if (!haveFirst)
            errors->insert(QStringLiteral("from"), dateRule);
    }
    if (haveFirst && haveLast) {
        if (last < first)
            errors->insert(QStringLiteral("to"), QStringLiteral("must not be before from"));
        else if (last - first + 1 > kMaxRangeDays)
            errors->insert(QStringLiteral("from"),
                           QStringLiteral("the range may span at most %1 days").arg(kMaxRangeDays));
    }
    const QString g = granularity.value_or(QStringLiteral("day"));
    if (g == QStringLiteral("week"))
        r.granularity = Granularity::Week;
    else if (g == QStringLiteral("month"))
        r.granularity = Granularity::Month;
    else if (g != QStringLiteral("day"))
        errors->insert(QStringLiteral("granularity"), QStringLiteral("must be day, week or month"));
    if (!errors->isEmpty())
        return std::nullopt;
    r.first = first;
    r.last = last;
    return r;
}

} // namespace skillex::server::metrics
