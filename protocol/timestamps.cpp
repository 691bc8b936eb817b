// Timestamp codec.
#include "protocol/timestamps.h"

namespace skillex::protocol {

QString toWireTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString toWireTime(qint64 msSinceEpoch)
{
    return toWireTime(QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC));
}

std::optional<QDateTime> fromWireTime(const QString &text)
{
    if (text.size() > 64)
        return std::nullopt;
    auto t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    return t.toUTC();
}

} // namespace skillex::protocol
