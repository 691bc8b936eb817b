// Timestamps on the wire: UTC, ISO 8601 with milliseconds ("2026-11-21T14:15:00.123Z").
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace skillex::protocol {

QString toWireTime(const QDateTime &time);
QString toWireTime(qint64 msSinceEpoch);
std::optional<QDateTime> fromWireTime(const QString &text);

} // namespace skillex::protocol
