// Admin sessions: search, detail with bookings and their ledger transfers, and cancellation by
// moderation (every booking refunded through the ledger, audited, one transaction).
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "server/domain/domainerror.h"
#include "server/domain/sessions/sessionadmin.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/adminlistparams.h"
#include "server/http/routes/queryparams.h"

namespace skillex::server {

void registerAdminSessionRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    using protocol::Permission;
    auto &sessions = services.keep(std::make_shared<Sessions>(
        services.db, services.clock, services.ledger, services.events, services.config));
    auto &admin =
        services.keep(std::make_shared<SessionAdmin>(services.db, sessions, services.audit));

    router.add(M::Get, QStringLiteral("/api/v1/admin/sessions"),
               Access::staff(Permission::ModerateCases), [&admin](RequestContext &ctx) {
                   const ListQuery list(ctx.request(),
                                        {QStringLiteral("teacher"), QStringLiteral("learner"),
                                         QStringLiteral("skill"), QStringLiteral("state"),
                                         QStringLiteral("from"), QStringLiteral("to")});
                   AdminListParams p(list);
                   AdminSessionSearch s;
                   s.teacherId = p.id(QStringLiteral("teacher"));
                   s.learnerId = p.id(QStringLiteral("learner"));
                   s.skillId = p.id(QStringLiteral("skill"));
                   s.state = p.oneOf(QStringLiteral("state"),
                                     {QStringLiteral("scheduled"), QStringLiteral("booked"),
                                      QStringLiteral("completed"), QStringLiteral("cancelled"),
                                      QStringLiteral("no_show")});
                   s.from = p.time(QStringLiteral("from"));
                   s.to = p.time(QStringLiteral("to"));
                   s.after = p.pairCursor();
                   p.finish();
                   s.limit = list.limit();
                   const AdminSessionPage page = admin.search(s);
                   std::optional<QString> next;
                   if (page.next)
                       next = QStringLiteral("%1:%2").arg(page.next->first).arg(page.next->second);
                   return HttpResponse::json(200, ListQuery::page(page.items, next));
               });

    router.add(M::Get, QStringLiteral("/api/v1/admin/sessions/{id}"),
               Access::staff(Permission::ModerateCases), [&admin, &services](RequestContext &ctx) {
                   const qint64 id = ctx.idArgument(0);
                   rejectUnknownParams(ctx.request(), {});
                   const auto detail =
                       services.db.read([&](QSqlDatabase &db) { return admin.detail(db, id); });
                   if (!detail)
                       throw DomainError(404, protocol::problemtype::kNotFound,
                                         QStringLiteral("Not found"),
                                         QStringLiteral("No such session."));
                   return HttpResponse::json(200, *detail);
               });

    router.add(
        M::Post, QStringLiteral("/api/v1/admin/sessions/{id}/cancel"),
        Access::staff(Permission::ModerateCases), [&admin](RequestContext &ctx) {
            const qint64 id = ctx.idArgument(0);
            protocol::FieldReader r(ctx.jsonObject());
            const QString reason = r.requiredString(QStringLiteral("reason"), 2000).trimmed();
            r.rejectUnknown({QStringLiteral("reason")});
            if (r.ok() && reason.isEmpty())
                r.fail(QStringLiteral("reason"), QStringLiteral("must not be empty"));
            requireValid(r, QStringLiteral("Invalid cancellation"));
            const auto meta = ctx.meta();
            return HttpResponse::json(
                200, admin.cancelByModeration({id, ctx.principal().userId, ctx.principal().email,
                                               reason, meta.address, meta.requestId}));
        });
}

} // namespace skillex::server
