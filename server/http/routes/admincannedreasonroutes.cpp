// Admin canned reasons: moderators read them; admins (ManageModerationSettings) edit them,
// with If-Match on changes.
#include "server/domain/domainerror.h"
#include "server/http/routes/moderationroutes.h"
#include "server/http/routes/queryparams.h"

#include <QJsonArray>

namespace skillex::server {

using namespace protocol;

namespace {

const QString kWhere = QStringLiteral("GET /api/v1/admin/canned-reasons/{id}");

CannedReasonDraft readDraft(const RequestContext &ctx)
{
    FieldReader r(ctx.jsonObject());
    CannedReasonDraft d;
    d.title = r.optionalString(QStringLiteral("title"), CannedReasons::kMaxTitle);
    d.templateText = r.optionalString(QStringLiteral("template"), CannedReasons::kMaxTemplate);
    if (ctx.jsonObject().contains(QStringLiteral("actions"))) {
        const QStringList actions = r.optionalStringList(QStringLiteral("actions"), 5, 32);
        if (!r.errors().contains(QStringLiteral("actions")))
            d.actions = actions;
    }
    r.rejectUnknown(
        {QStringLiteral("title"), QStringLiteral("template"), QStringLiteral("actions")});
    requireValid(r, QStringLiteral("Invalid canned reason"));
    return d;
}

HttpResponse reasonResponse(int status, const CannedReason &r)
{
    return withEtag(HttpResponse::json(status, r.toJson()), r.version);
}

} // namespace

void addCannedReasonRoutes(Router &router, const ModerationAreas &a)
{
    using M = QHttpServerRequest::Method;
    const Access manage = Access::staff(Permission::ManageModerationSettings);
    router.add(M::Get, QStringLiteral("/api/v1/admin/canned-reasons"),
               Access::staff(Permission::ModerateCases), [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   QJsonArray items;
                   for (const CannedReason &r :
                        a.services.db.read([&](QSqlDatabase &db) { return a.reasons.list(db); }))
                       items.push_back(r.toJson());
                   // A short list: one page, always complete.
                   return HttpResponse::json(200,
                                             QJsonObject{{QStringLiteral("items"), items},
                                                         {QStringLiteral("next"), QJsonValue()}});
               });
    router.add(M::Get, QStringLiteral("/api/v1/admin/canned-reasons/{id}"),
               Access::staff(Permission::ModerateCases), [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const auto r = a.services.db.read(
                       [&](QSqlDatabase &db) { return a.reasons.find(db, ctx.idArgument(0)); });
                   if (!r)
                       throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                         QStringLiteral("There is no such canned reason."));
                   return reasonResponse(200, *r);
               });
    router.add(M::Post, QStringLiteral("/api/v1/admin/canned-reasons"), manage,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   return reasonResponse(201, a.reasons.create(staffActor(ctx), readDraft(ctx)));
               });
    router.add(M::Patch, QStringLiteral("/api/v1/admin/canned-reasons/{id}"), manage,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const VersionMatch match = requireIfMatch(ctx, kWhere);
                   return reasonResponse(200, a.reasons.update(staffActor(ctx), ctx.idArgument(0),
                                                               match, readDraft(ctx)));
               });
    router.add(M::Delete, QStringLiteral("/api/v1/admin/canned-reasons/{id}"), manage,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const VersionMatch match = requireIfMatch(ctx, kWhere);
                   a.reasons.remove(staffActor(ctx), ctx.idArgument(0), match);
                   return HttpResponse::noContent();
               });
}

} // namespace skillex::server
