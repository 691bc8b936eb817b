// Admin finance, credit adjustments: request (posted at once up to the threshold), list, read,
// and approve or reject by a second person with If-Match.
#include "server/http/routes/financeroutes.h"

#include "server/domain/domainerror.h"

#include <QJsonArray>

#include <limits>

namespace skillex::server {
namespace {

using namespace protocol;
namespace fp = financeparams;

HttpResponse withEtag(HttpResponse response, const Adjustment &a)
{
    response.headers.push_back({"ETag", Adjustment::etag(a.version)});
    return response;
}

QString decisionNote(RequestContext &ctx)
{
    // The body is optional: {} or none at all, or {"reason": "..."}.
    if (ctx.request().body.trimmed().isEmpty())
        return {};
    FieldReader r(ctx.jsonObject());
    const QString reason = r.optionalString(QStringLiteral("reason"), Adjustments::kMaxReasonLength)
                               .value_or(QString());
    r.rejectUnknown({QStringLiteral("reason")});
    requireValid(r, QStringLiteral("Invalid decision"));
    return reason;
}

} // namespace

void registerAdminAdjustmentRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    Adjustments &adjustments = services.keep(
        std::make_shared<Adjustments>(services.db, services.clock, services.ledger, services.audit,
                                      services.events, services.config));

    router.add(M::Post, QStringLiteral("/api/v1/admin/adjustments"),
               Access::staff(Permission::MoveMoney), [&adjustments](RequestContext &ctx) {
                   FieldReader r(ctx.jsonObject());
                   const qint64 userId = r.requiredInteger(QStringLiteral("user_id"), 1,
                                                           std::numeric_limits<qint64>::max());
                   const qint64 amount = r.requiredInteger(
                       QStringLiteral("amount"), -Adjustments::kMaxAmount, Adjustments::kMaxAmount);
                   const QString reason =
                       r.requiredString(QStringLiteral("reason"), Adjustments::kMaxReasonLength);
                   const auto caseId = r.optionalInteger(QStringLiteral("case_id"), 1,
                                                         std::numeric_limits<qint64>::max());
                   r.rejectUnknown({QStringLiteral("user_id"), QStringLiteral("amount"),
                                    QStringLiteral("reason"), QStringLiteral("case_id")});
                   if (r.ok() && amount == 0)
                       r.fail(QStringLiteral("amount"), QStringLiteral("must not be zero"));
                   if (r.ok() && reason.trimmed().isEmpty())
                       r.fail(QStringLiteral("reason"), QStringLiteral("is required"));
                   requireValid(r, QStringLiteral("Invalid adjustment"));
                   const Adjustment a =
                       adjustments.request(fp::actor(ctx), userId, amount, reason, caseId);
                   return withEtag(HttpResponse::json(201, a.toJson()), a);
               });

    router.add(
        M::Get, QStringLiteral("/api/v1/admin/adjustments"), Access::staff(Permission::ViewFinance),
        [&adjustments](RequestContext &ctx) {
            const ListQuery q(ctx.request(), {QStringLiteral("status"), QStringLiteral("user"),
                                              QStringLiteral("maker")});
            AdjustmentFilter f;
            f.status = fp::oneOf(q, QStringLiteral("status"),
                                 {QStringLiteral("pending_approval"), QStringLiteral("posted"),
                                  QStringLiteral("rejected")});
            f.userId =
                fp::integer(q, QStringLiteral("user"), 1, std::numeric_limits<qint64>::max());
            f.makerId =
                fp::integer(q, QStringLiteral("maker"), 1, std::numeric_limits<qint64>::max());
            const auto rows = adjustments.list(f, fp::idCursor(q), q.limit() + 1);
            QJsonArray items;
            for (qsizetype i = 0; i < rows.size() && i < q.limit(); ++i)
                items.push_back(rows.at(i).toJson());
            std::optional<QString> next;
            if (rows.size() > q.limit())
                next = QString::number(rows.at(q.limit() - 1).id);
            return HttpResponse::json(200, ListQuery::page(items, next));
        });

    router.add(M::Get, QStringLiteral("/api/v1/admin/adjustments/{id}"),
               Access::staff(Permission::ViewFinance), [&adjustments](RequestContext &ctx) {
                   const qint64 id = ctx.idArgument(0);
                   const ListQuery q(ctx.request(), {});
                   const auto a = adjustments.find(id);
                   if (!a)
                       throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                         QStringLiteral("There is no adjustment %1.").arg(id));
                   return withEtag(HttpResponse::json(200, a->toJson()), *a);
               });

    for (const bool approve : {true, false}) {
        const QString path = approve ? QStringLiteral("/api/v1/admin/adjustments/{id}/approve")
                                     : QStringLiteral("/api/v1/admin/adjustments/{id}/reject");
        router.add(M::Post, path, Access::staff(Permission::MoveMoney),
                   [&adjustments, approve](RequestContext &ctx) {
                       const qint64 id = ctx.idArgument(0);
                       const QString note = decisionNote(ctx);
                       const IfMatch m =
                           fp::ifMatch(ctx, QStringLiteral("/api/v1/admin/adjustments/%1").arg(id));
                       const Adjustment a = approve
                                                ? adjustments.approve(fp::actor(ctx), id, m, note)
                                                : adjustments.reject(fp::actor(ctx), id, m, note);
                       return withEtag(HttpResponse::json(200, a.toJson()), a);
                   });
    }
}

} // namespace skillex::server
