// Staff accounts (admin only): GET /api/v1/admin/staff. Creating staff and changing roles
// come with the admin API.
#include "server/http/routes/routes.h"

#include "protocol/timestamps.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {

void registerStaffRoutes(Router &router, Services &services)
{
    router.add(QHttpServerRequest::Method::Get, QStringLiteral("/api/v1/admin/staff"),
               Access::staff(protocol::Permission::ManageStaff), [&services](RequestContext &ctx) {
                   const ListQuery list(ctx.request(), {});
                   const qint64 afterId = list.after() ? list.after()->toLongLong() : 0;
                   return services.db.read([&](QSqlDatabase &db) {
                       SqlQuery q(db, QStringLiteral("SELECT id FROM users WHERE kind = 'staff' "
                                                     "AND id > :after ORDER BY id LIMIT :n"));
                       q.bind(QStringLiteral(":after"), afterId)
                           .bind(QStringLiteral(":n"), list.limit() + 1)
                           .exec();
                       QList<qint64> ids;
                       while (q.next())
                           ids.push_back(q.int64(0));
                       std::optional<QString> next;
                       if (ids.size() > list.limit()) {
                           ids.removeLast();
                           next = QString::number(ids.last());
                       }
                       QJsonArray items;
                       for (qint64 id : ids) {
                           const auto a = services.accounts.findById(db, id);
                           if (!a)
                               continue;
                           items.push_back(QJsonObject{
                               {QStringLiteral("id"), a->id},
                               {QStringLiteral("email"), a->email},
                               {QStringLiteral("name"), a->name},
                               {QStringLiteral("status"), a->status},
                               {QStringLiteral("roles"),
                                QJsonArray::fromStringList(protocol::roleNames(a->roles))}});
                       }
                       return HttpResponse::json(200, ListQuery::page(items, next));
                   });
               });
}

} // namespace skillex::server
