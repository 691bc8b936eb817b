// Member API for reviews: write one after a completed session, list a member's, delete one's own.
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "server/domain/domainerror.h"
#include "server/domain/reviews/reviews.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"

namespace skillex::server {

void registerReviewRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    using namespace protocol;
    auto &reviews =
        services.keep(std::make_shared<Reviews>(services.db, services.clock, services.events));

    router.add(M::Post, QStringLiteral("/api/v1/sessions/{id}/reviews"), Access::signedIn(),
               [&reviews](RequestContext &ctx) {
                   FieldReader r(ctx.jsonObject());
                   ReviewDraft d;
                   d.knowledge =
                       static_cast<int>(r.requiredInteger(QStringLiteral("knowledge"), 1, 5));
                   d.communication =
                       static_cast<int>(r.requiredInteger(QStringLiteral("communication"), 1, 5));
                   d.professionalism =
                       static_cast<int>(r.requiredInteger(QStringLiteral("professionalism"), 1, 5));
                   d.body = r.optionalString(QStringLiteral("body"), 4000).value_or(QString());
                   d.revieweeId = r.optionalInteger(QStringLiteral("reviewee_id"), 1,
                                                    std::numeric_limits<qint32>::max());
                   r.rejectUnknown({QStringLiteral("knowledge"), QStringLiteral("communication"),
                                    QStringLiteral("professionalism"), QStringLiteral("body"),
                                    QStringLiteral("reviewee_id")});
                   if (!r.ok())
                       throw DomainError(400, problemtype::kValidation,
                                         QStringLiteral("Invalid review"), r.summary())
                           .withFieldErrors(r.errors());
                   return HttpResponse::json(
                       201, reviews.create(ctx.idArgument(0), ctx.principal().userId, d).toJson());
               });
    router.add(M::Get, QStringLiteral("/api/v1/users/{id}/reviews"), Access::signedIn(),
               [&reviews, &services](RequestContext &ctx) {
                   const ListQuery list(ctx.request(), {});
                   const qint64 user = ctx.idArgument(0);
                   std::optional<qint64> after;
                   if (list.after())
                       after = list.after()->toLongLong();
                   QList<Review> found = reviews.about(user, list.limit() + 1, after);
                   std::optional<QString> next;
                   if (found.size() > list.limit()) {
                       found.removeLast();
                       next = QString::number(found.last().id);
                   }
                   QJsonArray items;
                   for (const Review &r : found)
                       items.push_back(r.toJson());
                   QJsonObject page = ListQuery::page(items, next);
                   const Rating rating = services.db.read([&](QSqlDatabase &db) {
                       return Reviews::rating(db, user, services.clock.nowMs());
                   });
                   page.insert(QStringLiteral("rating"),
                               QJsonObject{{QStringLiteral("mean"), rating.mean},
                                           {QStringLiteral("count"), rating.count}});
                   return HttpResponse::json(200, page);
               });
    router.add(M::Delete, QStringLiteral("/api/v1/reviews/{id}"), Access::signedIn(),
               [&reviews](RequestContext &ctx) {
                   reviews.remove(ctx.idArgument(0), ctx.principal().userId);
                   return HttpResponse::noContent();
               });
}

} // namespace skillex::server
