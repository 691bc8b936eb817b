// AuditFilter: the server's parameter names and time format (docs/api.md, "Admin audit").
#include "models/auditfilter.h"

namespace skillex::models {

namespace {
QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}
} // namespace

QUrlQuery AuditFilter::toQuery() const
{
    QUrlQuery q;
    if (actorId)
        q.addQueryItem(QStringLiteral("actor"), QString::number(*actorId));
    if (!action.isEmpty())
        q.addQueryItem(QStringLiteral("action"), action);
    if (!targetType.isEmpty())
        q.addQueryItem(QStringLiteral("target_type"), targetType);
    if (!targetId.isEmpty())
        q.addQueryItem(QStringLiteral("target_id"), targetId);
    if (from.isValid())
        q.addQueryItem(QStringLiteral("from"), isoTime(from));
    if (to.isValid())
        q.addQueryItem(QStringLiteral("to"), isoTime(to));
    return q;
}

} // namespace skillex::models
