// Query parameters, cursors and If-Match for the admin finance routes, validated one way.
#include "server/domain/domainerror.h"
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

// RFC 9110: "*" or a list of strong entity tags; anything unparseable matches nothing (412).
IfMatch ifMatch(const RequestContext &ctx, const QString &getPath)
{
    const QByteArray header = ctx.request().header("if-match").trimmed();
    if (header.isEmpty())
        throw DomainError(428, problemtype::kPreconditionRequired,
                          QStringLiteral("Precondition required"),
                          QStringLiteral("Send If-Match with the ETag from GET %1.").arg(getPath));
    IfMatch m;
    for (const QByteArray &raw : header.split(',')) {
        const QByteArray tag = raw.trimmed();
        if (tag == "*") {
            m.any = true;
        } else if (tag.size() >= 3 && tag.startsWith('"') && tag.endsWith('"')) {
            bool ok = false;
            const qint64 v = tag.mid(1, tag.size() - 2).toLongLong(&ok);
            if (ok)
                m.versions.push_back(v);
        }
    }
    return m;
}

StaffActor actor(const RequestContext &ctx)
{
    return {ctx.principal().userId, ctx.meta().address, ctx.meta().requestId};
}

} // namespace skillex::server::financeparams
