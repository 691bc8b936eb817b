// Admin sanctions on a member's file (suspend, propose a ban, reinstate) and the ban approval
// queue (list, approve, reject: a second person, senior_moderator or admin).
#include "server/domain/domainerror.h"
#include "server/http/listquery.h"
#include "server/http/routes/moderationroutes.h"
#include "server/http/routes/queryparams.h"

namespace skillex::server {

using namespace protocol;

namespace {

QString decisionNote(const RequestContext &ctx)
{
    if (ctx.request().body.trimmed().isEmpty())
        return {};
    FieldReader r(ctx.jsonObject());
    const QString note =
        r.optionalString(QStringLiteral("reason"), CaseWork::kMaxReason).value_or(QString());
    r.rejectUnknown({QStringLiteral("reason")});
    requireValid(r, QStringLiteral("Invalid decision"));
    return note;
}

std::optional<qint64> idParam(const ListQuery &list, const QString &name)
{
    const auto v = list.value(name);
    if (!v)
        return std::nullopt;
    bool ok = false;
    const qint64 id = v->toLongLong(&ok);
    if (!ok || id <= 0)
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
            .withFieldErrors({{name, QStringLiteral("must be an id")}});
    return id;
}

} // namespace

void addSanctionRoutes(Router &router, const ModerationAreas &a)
{
    using M = QHttpServerRequest::Method;
    const Access moderate = Access::staff(Permission::ModerateCases);
    const Access senior = Access::staff(Permission::SeniorModeration);
    router.add(
        M::Post, QStringLiteral("/api/v1/admin/users/{id}/suspend"), moderate,
        [a](RequestContext &ctx) {
            rejectUnknownParams(ctx.request(), {});
            FieldReader r(ctx.jsonObject());
            const qint64 days = r.requiredInteger(QStringLiteral("duration_days"), 1, 30);
            if (!r.errors().contains(QStringLiteral("duration_days")) &&
                !Sanctions::suspensionDays().contains(int(days)))
                r.fail(QStringLiteral("duration_days"), QStringLiteral("must be 1, 3, 7 or 30"));
            const QString reason = requiredReason(r);
            r.rejectUnknown({QStringLiteral("duration_days"), QStringLiteral("reason")});
            requireValid(r, QStringLiteral("Invalid suspension"));
            return HttpResponse::json(
                200, a.members.suspend(staffActor(ctx), ctx.idArgument(0), int(days), reason));
        });
    router.add(M::Post, QStringLiteral("/api/v1/admin/users/{id}/ban"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   FieldReader r(ctx.jsonObject());
                   const QString reason = requiredReason(r);
                   r.rejectUnknown({QStringLiteral("reason")});
                   requireValid(r, QStringLiteral("Invalid ban proposal"));
                   return HttpResponse::json(
                       202, a.members.proposeBan(staffActor(ctx), ctx.idArgument(0), reason));
               });
    // Lifting a ban is a senior decision like approving one; so is lifting a suspension early.
    router.add(M::Post, QStringLiteral("/api/v1/admin/users/{id}/reinstate"), senior,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   FieldReader r(ctx.jsonObject());
                   const QString reason = requiredReason(r);
                   r.rejectUnknown({QStringLiteral("reason")});
                   requireValid(r, QStringLiteral("Invalid reinstatement"));
                   return HttpResponse::json(
                       200, a.members.reinstate(staffActor(ctx), ctx.idArgument(0), reason));
               });
    router.add(
        M::Get, QStringLiteral("/api/v1/admin/ban-approvals"), moderate, [a](RequestContext &ctx) {
            const ListQuery list(ctx.request(), {QStringLiteral("status"), QStringLiteral("user"),
                                                 QStringLiteral("case")});
            BanApprovalQuery q;
            q.limit = list.limit() + 1;
            q.status = list.value(QStringLiteral("status")).value_or(QStringLiteral("pending"));
            if (*q.status == QStringLiteral("all"))
                q.status.reset();
            else if (*q.status != QStringLiteral("pending") &&
                     *q.status != QStringLiteral("approved") &&
                     *q.status != QStringLiteral("rejected"))
                throw DomainError(400, problemtype::kValidation,
                                  QStringLiteral("Invalid query parameters"))
                    .withFieldErrors(
                        {{QStringLiteral("status"), QStringLiteral("must be pending, approved, "
                                                                   "rejected or all")}});
            q.userId = idParam(list, QStringLiteral("user"));
            q.caseId = idParam(list, QStringLiteral("case"));
            if (list.after()) {
                bool ok = false;
                q.afterId = list.after()->toLongLong(&ok);
                if (!ok)
                    throw DomainError(400, problemtype::kValidation,
                                      QStringLiteral("Invalid query parameters"))
                        .withFieldErrors({{QStringLiteral("after"),
                                           QStringLiteral("is not a cursor of this list")}});
            }
            QJsonArray items =
                a.services.db.read([&](QSqlDatabase &db) { return a.bans.list(db, q); });
            std::optional<QString> next;
            if (items.size() > list.limit()) {
                items.removeLast();
                next = QString::number(
                    items.last().toObject().value(QStringLiteral("id")).toInteger());
            }
            return HttpResponse::json(200, ListQuery::page(items, next));
        });
    router.add(M::Get, QStringLiteral("/api/v1/admin/ban-approvals/{id}"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const auto found = a.services.db.read(
                       [&](QSqlDatabase &db) { return a.bans.find(db, ctx.idArgument(0)); });
                   if (!found)
                       throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                         QStringLiteral("There is no such ban proposal."));
                   return HttpResponse::json(200, *found);
               });
    router.add(M::Post, QStringLiteral("/api/v1/admin/ban-approvals/{id}/approve"), senior,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   return HttpResponse::json(
                       200, a.bans.approve(staffActor(ctx), ctx.idArgument(0), decisionNote(ctx)));
               });
    router.add(M::Post, QStringLiteral("/api/v1/admin/ban-approvals/{id}/reject"), senior,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   return HttpResponse::json(
                       200, a.bans.reject(staffActor(ctx), ctx.idArgument(0), decisionNote(ctx)));
               });
}

} // namespace skillex::server
