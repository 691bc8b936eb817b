// Query parameters, cursors and If-Match for the admin finance routes, validated one way.
#include "server/domain/domainerror.h"
#include "server/http/ifmatch.h"
#include "server/http/routes/financeroutes.h"

#include "protocol/timestamps.h"

namespace skillex::server::financeparams {

using namespace protocol;

void invalid(const QString &name, const QString &why)
{
    throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"),
                      QStringLiteral("%1 %2").arg(name, why))
        .withFieldErrors({{name, why}});
}

std::optional<qint64> time(const ListQuery &q, const QString &name)
{
    const auto v = q.value(name);
    if (!v)
        return std::nullopt;
    const auto t = fromWireTime(*v);
    if (!t)
        invalid(name, QStringLiteral("must be an ISO 8601 UTC time such as "
                                     "2026-01-31T00:00:00.000Z"));
    return t->toMSecsSinceEpoch();
}

std::optional<qint64> integer(const ListQuery &q, const QString &name, qint64 min, qint64 max)
{
    const auto v = q.value(name);
    if (!v)
        return std::nullopt;
    bool ok = false;
    const qint64 n = v->toLongLong(&ok);
    if (!ok || n < min || n > max)
        invalid(name, QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
    return n;
}

std::optional<QString> oneOf(const ListQuery &q, const QString &name, const QStringList &allowed)
{
    const auto v = q.value(name);
    if (v && !allowed.contains(*v))
        invalid(name, QStringLiteral("must be one of ") + allowed.join(QStringLiteral(", ")));
    return v;
}

std::optional<qint64> idCursor(const ListQuery &q)
{
    if (!q.after())
        return std::nullopt;
    bool ok = false;
    const qint64 id = q.after()->toLongLong(&ok);
    if (!ok || id <= 0)
        invalid(QStringLiteral("after"), QStringLiteral("is not a cursor this server gave out"));
    return id;
}

IfMatch ifMatch(const RequestContext &ctx, const QString &getPath)
{
    return requireIfMatch(ctx, QStringLiteral("GET ") + getPath);
}

StaffActor actor(const RequestContext &ctx)
{
    return {ctx.principal().userId, ctx.meta().address, ctx.meta().requestId};
}

} // namespace skillex::server::financeparams
