// Malformed cursors are a 400 like any other bad parameter: clients must not edit them.
#include "server/http/routes/adminlistparams.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"

namespace skillex::server {

std::optional<qint64> AdminListParams::id(const QString &name)
{
    const auto v = m_list.value(name);
    if (!v)
        return std::nullopt;
    bool ok = false;
    const qint64 id = v->toLongLong(&ok);
    if (!ok || id <= 0) {
        m_errors.insert(name, QStringLiteral("must be an id"));
        return std::nullopt;
    }
    return id;
}

std::optional<qint64> AdminListParams::time(const QString &name)
{
    const auto v = m_list.value(name);
    if (!v)
        return std::nullopt;
    const auto t = protocol::fromWireTime(*v);
    if (!t) {
        m_errors.insert(
            name, QStringLiteral("must be an ISO 8601 time such as 2026-11-21T14:00:00.000Z"));
        return std::nullopt;
    }
    return t->toMSecsSinceEpoch();
}

std::optional<QString> AdminListParams::oneOf(const QString &name, const QStringList &values)
{
    const auto v = m_list.value(name);
    if (v && !values.contains(*v)) {
        m_errors.insert(name,
                        QStringLiteral("must be one of ") + values.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    return v;
}

std::optional<QString> AdminListParams::text(const QString &name, int maxLength)
{
    const auto v = m_list.value(name);
    if (!v)
        return std::nullopt;
    const QString t = v->trimmed();
    if (t.isEmpty() || t.size() > maxLength) {
        m_errors.insert(name, QStringLiteral("must be 1 to %1 characters").arg(maxLength));
        return std::nullopt;
    }
    return t;
}

std::optional<QPair<qint64, qint64>> AdminListParams::pairCursor()
{
    if (!m_list.after())
        return std::nullopt;
    const auto parts = m_list.after()->split(QLatin1Char(':'));
    bool a = false, b = false;
    QPair<qint64, qint64> p;
    if (parts.size() == 2) {
        p.first = parts[0].toLongLong(&a);
        p.second = parts[1].toLongLong(&b);
    }
    if (!a || !b) {
        m_errors.insert(QStringLiteral("after"),
                        QStringLiteral("is not a cursor this server gave out"));
        return std::nullopt;
    }
    return p;
}

std::optional<qint64> AdminListParams::idCursor()
{
    if (!m_list.after())
        return std::nullopt;
    bool ok = false;
    const qint64 id = m_list.after()->toLongLong(&ok);
    if (!ok || id <= 0) {
        m_errors.insert(QStringLiteral("after"),
                        QStringLiteral("is not a cursor this server gave out"));
        return std::nullopt;
    }
    return id;
}

void AdminListParams::finish() const
{
    if (!m_errors.isEmpty())
        throw DomainError(400, protocol::problemtype::kValidation,
                          QStringLiteral("Invalid query parameters"))
            .withFieldErrors(m_errors);
}

} // namespace skillex::server
