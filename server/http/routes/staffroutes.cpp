// Staff accounts (admin only, ManageStaff): list with filters, read, create (a one-time
// temporary password when none is given), change roles or status under If-Match.
#include "server/http/ifmatch.h"
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "server/domain/auth/staffadmin.h"
#include "server/domain/domainerror.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/adminlistparams.h"
#include "server/http/routes/queryparams.h"

namespace skillex::server {
namespace {

using namespace protocol;

StaffActor actorOf(const RequestContext &ctx)
{
    const auto meta = ctx.meta();
    return {ctx.principal().userId, ctx.principal().email, meta.address, meta.requestId};
}

// Unknown role names are field errors; an empty list is too (a staff account needs a role).
std::optional<QList<Role>> readRoles(FieldReader &r, const QJsonObject &body, bool required)
{
    if (!body.contains(QStringLiteral("roles"))) {
        if (required)
            r.fail(QStringLiteral("roles"), QStringLiteral("is required"));
        return std::nullopt;
    }
    const QStringList names = r.optionalStringList(QStringLiteral("roles"), 5, 32);
    QList<Role> roles;
    for (const QString &name : names) {
        const auto role = roleFromName(name);
        if (!role) {
            r.fail(QStringLiteral("roles"), QStringLiteral("must name roles among ") +
                                                roleNames(allRoles()).join(QStringLiteral(", ")));
            return std::nullopt;
        }
        if (!roles.contains(*role))
            roles.push_back(*role);
    }
    if (roles.isEmpty() && r.ok())
        r.fail(QStringLiteral("roles"), QStringLiteral("must name at least one role"));
    return roles;
}

HttpResponse withEtag(HttpResponse response, const QJsonObject &staff)
{
    response.headers.push_back(
        {"ETag", StaffAdmin::etag(staff.value(QStringLiteral("version")).toInteger())});
    return response;
}

} // namespace

void registerStaffRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    auto &staff = services.keep(std::make_shared<StaffAdmin>(
        services.db, services.clock, services.accounts, services.audit, services.events));
    const Access admins = Access::staff(Permission::ManageStaff);

    router.add(
        M::Get, QStringLiteral("/api/v1/admin/staff"), admins, [&staff](RequestContext &ctx) {
            const ListQuery list(ctx.request(), {QStringLiteral("role"), QStringLiteral("status")});
            AdminListParams p(list);
            StaffListFilter f;
            f.role = p.oneOf(QStringLiteral("role"), roleNames(allRoles()));
            f.status = p.oneOf(QStringLiteral("status"),
                               {QStringLiteral("active"), QStringLiteral("disabled")});
            f.afterId = p.idCursor().value_or(0);
            p.finish();
            f.limit = list.limit();
            const auto [items, next] = staff.list(f);
            std::optional<QString> nextKey;
            if (next)
                nextKey = QString::number(*next);
            return HttpResponse::json(200, ListQuery::page(items, nextKey));
        });

    router.add(M::Get, QStringLiteral("/api/v1/admin/staff/{id}"), admins,
               [&staff, &services](RequestContext &ctx) {
                   const qint64 id = ctx.idArgument(0);
                   rejectUnknownParams(ctx.request(), {});
                   const auto found =
                       services.db.read([&](QSqlDatabase &db) { return staff.find(db, id); });
                   if (!found)
                       throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                         QStringLiteral("No such staff account."));
                   return withEtag(HttpResponse::json(200, *found), *found);
               });

    router.add(M::Post, QStringLiteral("/api/v1/admin/staff"), admins,
               [&staff](RequestContext &ctx) {
                   const QJsonObject body = ctx.jsonObject();
                   FieldReader r(body);
                   NewStaff n;
                   n.email = r.requiredString(QStringLiteral("email"), 320);
                   n.name = r.requiredString(QStringLiteral("name"), 200);
                   n.password = r.optionalString(QStringLiteral("password"), 1024);
                   n.roles = readRoles(r, body, true).value_or(QList<Role>());
                   r.rejectUnknown({QStringLiteral("email"), QStringLiteral("name"),
                                    QStringLiteral("roles"), QStringLiteral("password")});
                   requireValid(r, QStringLiteral("Invalid staff account"));
                   const CreatedStaff created = staff.create(actorOf(ctx), n);
                   QJsonObject out = created.staff;
                   if (created.temporaryPassword)
                       out.insert(QStringLiteral("temporary_password"), *created.temporaryPassword);
                   return withEtag(HttpResponse::json(201, out), created.staff);
               });

    router.add(
        M::Patch, QStringLiteral("/api/v1/admin/staff/{id}"), admins,
        [&staff](RequestContext &ctx) {
            const qint64 id = ctx.idArgument(0);
            const VersionPrecondition precondition =
                requireIfMatch(ctx, QStringLiteral("GET /api/v1/admin/staff/{id}"));
            StaffChange change;
            change.ifMatchAny = precondition.any;
            change.ifMatch = precondition.versions;
            const QJsonObject body = ctx.jsonObject();
            FieldReader r(body);
            change.roles = readRoles(r, body, false);
            change.status = r.optionalString(QStringLiteral("status"), 32);
            if (change.status && *change.status != QStringLiteral("active") &&
                *change.status != QStringLiteral("disabled"))
                r.fail(QStringLiteral("status"), QStringLiteral("must be active or disabled"));
            r.rejectUnknown({QStringLiteral("roles"), QStringLiteral("status")});
            if (r.ok() && !change.roles && !change.status)
                r.fail(QStringLiteral("roles"), QStringLiteral("send roles, status or both"));
            requireValid(r, QStringLiteral("Invalid staff change"));
            const QJsonObject after = staff.update(actorOf(ctx), id, change);
            return withEtag(HttpResponse::json(200, after), after);
        });
}

} // namespace skillex::server
