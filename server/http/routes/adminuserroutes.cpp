// Admin users: search (GET /admin/users) and a member's file (GET /admin/users/{id}).
// Moderators read them to judge cases and finance staff to adjust credits, so either
// permission admits the caller (Access::staffAnyOf).
#include "server/http/routes/routes.h"

#include "server/domain/domainerror.h"
#include "server/domain/members/memberfile.h"
#include "server/domain/members/membersearch.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/adminlistparams.h"
#include "server/http/routes/queryparams.h"

namespace skillex::server {

void registerAdminUserRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    using protocol::Permission;
    const Access readers = Access::staffAnyOf(Permission::ModerateCases, {Permission::ViewFinance});

    router.add(
        M::Get, QStringLiteral("/api/v1/admin/users"), readers, [&services](RequestContext &ctx) {
            const ListQuery list(ctx.request(), {QStringLiteral("q"), QStringLiteral("kind"),
                                                 QStringLiteral("status"), QStringLiteral("sort")});
            AdminListParams p(list);
            UserSearch s;
            s.text = p.text(QStringLiteral("q"), 200);
            s.kind = p.oneOf(QStringLiteral("kind"),
                             {QStringLiteral("member"), QStringLiteral("staff")});
            s.status = p.oneOf(QStringLiteral("status"),
                               {QStringLiteral("active"), QStringLiteral("suspended"),
                                QStringLiteral("banned"), QStringLiteral("disabled")});
            const QString sort =
                p.oneOf(QStringLiteral("sort"),
                        {QStringLiteral("id"), QStringLiteral("-id"), QStringLiteral("created_at"),
                         QStringLiteral("-created_at")})
                    .value_or(QStringLiteral("id"));
            s.byCreatedAt = sort.endsWith(QStringLiteral("created_at"));
            s.descending = sort.startsWith(QLatin1Char('-'));
            s.after = p.pairCursor();
            p.finish();
            s.limit = list.limit();
            const UserSearchPage page =
                services.db.read([&](QSqlDatabase &db) { return MemberSearch::search(db, s); });
            std::optional<QString> next;
            if (page.next)
                next = QStringLiteral("%1:%2").arg(page.next->first).arg(page.next->second);
            return HttpResponse::json(200, ListQuery::page(page.items, next));
        });

    router.add(M::Get, QStringLiteral("/api/v1/admin/users/{id}"), readers,
               [&services](RequestContext &ctx) {
                   const qint64 id = ctx.idArgument(0);
                   rejectUnknownParams(ctx.request(), {});
                   const auto file = services.db.read([&](QSqlDatabase &db) {
                       return MemberFile::load(db, services.ledger, id, services.clock.nowMs());
                   });
                   if (!file)
                       throw DomainError(404, protocol::problemtype::kNotFound,
                                         QStringLiteral("Not found"),
                                         QStringLiteral("No such user."));
                   return HttpResponse::json(200, *file);
               });
}

} // namespace skillex::server
