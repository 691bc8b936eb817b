// FieldReader: strict, bounded reads of JSON fields with a reason for each refusal.
#include "protocol/decode.h"

#include <QJsonArray>
#include <QStringList>

#include <cmath>

namespace skillex::protocol {

FieldReader::FieldReader(const QJsonObject &object)
    : m_object(object)
{}

QString FieldReader::requiredString(const QString &key, int maxLength)
{
    const auto v = m_object.value(key);
    if (v.isUndefined() || v.isNull()) {
        fail(key, QStringLiteral("is required"));
        return {};
    }
    if (!v.isString()) {
        fail(key, QStringLiteral("must be a string"));
        return {};
    }
    const QString s = v.toString();
    if (s.size() > maxLength) {
        fail(key, QStringLiteral("must be at most %1 characters").arg(maxLength));
        return {};
    }
    return s;
}

std::optional<QString> FieldReader::optionalString(const QString &key, int maxLength)
{
    const auto v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const QString s = requiredString(key, maxLength);
    if (m_errors.contains(key))
        return std::nullopt;
    return s;
}

qint64 FieldReader::requiredInteger(const QString &key, qint64 min, qint64 max)
{
    const auto v = m_object.value(key);
    if (v.isUndefined() || v.isNull()) {
        fail(key, QStringLiteral("is required"));
        return 0;
    }
    if (!v.isDouble()) {
        fail(key, QStringLiteral("must be a number"));
        return 0;
    }
    const double d = v.toDouble();
    // JSON numbers arrive as doubles; only whole values that a double holds exactly pass.
    if (std::floor(d) != d || std::fabs(d) > 9007199254740991.0) {
        fail(key, QStringLiteral("must be a whole number"));
        return 0;
    }
    const auto n = static_cast<qint64>(d);
    if (n < min || n > max) {
        fail(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        return 0;
    }
    return n;
}

std::optional<qint64> FieldReader::optionalInteger(const QString &key, qint64 min, qint64 max)
{
    const auto v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const qint64 n = requiredInteger(key, min, max);
    if (m_errors.contains(key))
        return std::nullopt;
    return n;
}

bool FieldReader::optionalBool(const QString &key, bool fallback)
{
    const auto v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (!v.isBool()) {
        fail(key, QStringLiteral("must be true or false"));
        return fallback;
    }
    return v.toBool();
}

QStringList FieldReader::optionalStringList(const QString &key, int maxItems, int maxLength)
{
    const auto v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray()) {
        fail(key, QStringLiteral("must be a list of strings"));
        return {};
    }
    const QJsonArray array = v.toArray();
    if (array.size() > maxItems) {
        fail(key, QStringLiteral("must have at most %1 items").arg(maxItems));
        return {};
    }
    QStringList out;
    for (const auto &item : array) {
        if (!item.isString() || item.toString().size() > maxLength) {
            fail(key, QStringLiteral("must be a list of strings of at most %1 characters")
                          .arg(maxLength));
            return {};
        }
        out.push_back(item.toString());
    }
    return out;
}

void FieldReader::fail(const QString &key, const QString &reason)
{
    if (!m_errors.contains(key))
        m_errors.insert(key, reason);
}

void FieldReader::rejectUnknown(const QStringList &knownKeys)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!knownKeys.contains(it.key()))
            fail(it.key(), QStringLiteral("is not a known field"));
    }
}

QString FieldReader::summary() const
{
    QStringList parts;
    for (auto it = m_errors.begin(); it != m_errors.end(); ++it)
        parts.push_back(it.key() + QLatin1Char(' ') + it.value());
    return parts.join(QStringLiteral("; "));
}

} // namespace skillex::protocol
