// Admin audit log: list with filters (newest first) and the hash-chain check. Every staff role
// may read it (ViewDashboards).
#include "server/http/routes/routes.h"

#include "server/domain/audit/auditquery.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/adminlistparams.h"
#include "server/http/routes/queryparams.h"

namespace skillex::server {

void registerAdminAuditRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    using protocol::Permission;
    auto &query = services.keep(std::make_shared<AuditQuery>(services.db));

    router.add(M::Get, QStringLiteral("/api/v1/admin/audit"),
               Access::staff(Permission::ViewDashboards), [&query](RequestContext &ctx) {
                   const ListQuery list(ctx.request(),
                                        {QStringLiteral("actor"), QStringLiteral("action"),
                                         QStringLiteral("target_type"), QStringLiteral("target_id"),
                                         QStringLiteral("from"), QStringLiteral("to")});
                   AdminListParams p(list);
                   AuditSearch s;
                   s.actorId = p.id(QStringLiteral("actor"));
                   s.action = p.text(QStringLiteral("action"), 100);
                   s.targetType = p.text(QStringLiteral("target_type"), 100);
                   s.targetId = p.text(QStringLiteral("target_id"), 200);
                   s.from = p.time(QStringLiteral("from"));
                   s.to = p.time(QStringLiteral("to"));
                   s.beforeId = p.idCursor();
                   p.finish();
                   s.limit = list.limit();
                   const AuditPage page = query.search(s);
                   std::optional<QString> next;
                   if (page.next)
                       next = QString::number(*page.next);
                   return HttpResponse::json(200, ListQuery::page(page.items, next));
               });

    router.add(M::Get, QStringLiteral("/api/v1/admin/audit/verify"),
               Access::staff(Permission::ViewDashboards), [&query, &services](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   return HttpResponse::json(200, query.verify(services.audit));
               });
}

} // namespace skillex::server
