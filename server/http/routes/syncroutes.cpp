// The console's first sync (snapshot pages) and the live event stream.
#include "server/domain/domainerror.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/routes.h"
#include "server/http/stream/snapshotsources.h"
#include "server/storage/sqlquery.h"

#include <algorithm>

namespace skillex::server {
namespace {

using protocol::Permission;
namespace pt = protocol::problemtype;

const SnapshotSource &sourceFor(const ListQuery &query)
{
    const QString name = query.value(QStringLiteral("resource")).value_or(QString());
    QStringList known;
    for (const SnapshotSource &s : snapshotSources()) {
        if (s.name == name)
            return s;
        known.push_back(s.name);
    }
    throw DomainError(
        400, pt::kUnknownResource, QStringLiteral("Unknown resource"),
        QStringLiteral("resource must be one of: %1.").arg(known.join(QStringLiteral(", "))))
        .withFieldErrors({{QStringLiteral("resource"),
                           QStringLiteral("must be one of ") + known.join(QStringLiteral(", "))}})
        .withExtension(QStringLiteral("resources"), QJsonArray::fromStringList(known));
}

HttpResponse snapshot(Services &services, RequestContext &ctx)
{
    const ListQuery query(ctx.request(), {QStringLiteral("resource")});
    const SnapshotSource &source = sourceFor(query);
    const auto &principal = ctx.principal();
    if (std::none_of(source.anyOf.begin(), source.anyOf.end(),
                     [&](Permission p) { return principal.can(p); }))
        throw DomainError(403, pt::kForbidden, QStringLiteral("Forbidden"),
                          QStringLiteral("Your role does not allow this resource."));
    std::optional<qint64> after;
    if (query.after()) {
        bool ok = false;
        after = query.after()->toLongLong(&ok);
        if (!ok || *after < 0)
            throw DomainError(400, pt::kValidation, QStringLiteral("Invalid query parameters"))
                .withFieldErrors({{QStringLiteral("after"),
                                   QStringLiteral("is not a cursor this server gave out")}});
    }
    return services.db.read([&](QSqlDatabase &db) {
        // head first: every change the page misses has a seq above it, so streaming from head
        // replays it (ARCHITECTURE.md, docs/api.md).
        SqlQuery headQuery(db, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"));
        headQuery.exec();
        const qint64 head = headQuery.scalar().value_or(0).toLongLong();
        const SnapshotPage page = source.page(db, after, query.limit());
        QJsonObject body = ListQuery::page(
            page.items,
            page.next ? std::optional<QString>(QString::number(*page.next)) : std::nullopt);
        body.insert(QStringLiteral("resource"), source.name);
        body.insert(QStringLiteral("head"), head);
        return HttpResponse::json(200, body);
    });
}

} // namespace

void registerSyncRoutes(Router &router, Services &services)
{
    router.add(QHttpServerRequest::Method::Get, QStringLiteral("/api/v1/admin/sync/snapshot"),
               Access::staff(Permission::ViewDashboards),
               [&services](RequestContext &ctx) { return snapshot(services, ctx); });
    // Served by EventStreamHub (server/http/stream), which ServerInstance attaches to the server.
    router.addWebSocket(QStringLiteral("/api/v1/admin/events"));
}

} // namespace skillex::server
