// timetext: compact durations for dense table rows.
#include "models/timetext.h"

namespace skillex::models::timetext {

QString countdown(qint64 ms)
{
    const bool past = ms < 0;
    const qint64 minutes = (past ? -ms : ms) / 60'000;
    QString text;
    if (minutes >= 48 * 60)
        text = QStringLiteral("%1d").arg(minutes / (24 * 60));
    else if (minutes >= 60)
        text =
            QStringLiteral("%1h %2m").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    else
        text = QStringLiteral("%1m").arg(minutes);
    return past ? QStringLiteral("-") + text : text;
}

QString age(qint64 ms)
{
    const qint64 s = qMax<qint64>(0, ms) / 1000;
    if (s < 60)
        return QStringLiteral("%1s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1m").arg(s / 60);
    if (s < 2 * 86400)
        return QStringLiteral("%1h").arg(s / 3600);
    return QStringLiteral("%1d").arg(s / 86400);
}

} // namespace skillex::models::timetext
