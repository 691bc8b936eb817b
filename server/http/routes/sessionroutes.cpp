// Member API for sessions and bookings: offer, search, read, book, cancel, complete, no-show.
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/sessions/sessions.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {
namespace {

using namespace protocol;

const QString kMembersOnly =
    QStringLiteral("Sessions are booked and taught by members; staff use the admin API.");

std::optional<qint64> idParam(const ListQuery &list, const QString &name,
                              QMap<QString, QString> &errors)
{
    const auto v = list.value(name);
    if (!v)
        return std::nullopt;
    bool ok = false;
    const qint64 id = v->toLongLong(&ok);
    if (!ok || id <= 0)
        errors.insert(name, QStringLiteral("must be an id"));
    return id;
}

std::optional<qint64> timeParam(const ListQuery &list, const QString &name,
                                QMap<QString, QString> &errors)
{
    const auto v = list.value(name);
    if (!v)
        return std::nullopt;
    const auto t = fromWireTime(*v);
    if (!t)
        errors.insert(name,
                      QStringLiteral("must be an ISO 8601 time such as 2026-11-21T14:00:00.000Z"));
    return t ? std::optional<qint64>(t->toMSecsSinceEpoch()) : std::nullopt;
}

} // namespace

void registerSessionRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    auto &sessions = services.keep(std::make_shared<Sessions>(
        services.db, services.clock, services.ledger, services.events, services.config));

    router.add(
        M::Post, QStringLiteral("/api/v1/sessions"), Access::signedIn(),
        [&sessions](RequestContext &ctx) {
            const qint64 me = ctx.memberId(kMembersOnly);
            FieldReader r(ctx.jsonObject());
            SessionOffer o;
            o.skillId = r.requiredInteger(QStringLiteral("skill_id"), 1,
                                          std::numeric_limits<qint32>::max());
            const QString startsAt = r.requiredString(QStringLiteral("starts_at"), 64);
            o.durationMinutes = static_cast<int>(
                r.optionalInteger(QStringLiteral("duration_minutes"), 1, 10000).value_or(60));
            if (const auto p = r.optionalInteger(QStringLiteral("price"), 1, 1000))
                o.price = static_cast<int>(*p);
            o.capacity =
                static_cast<int>(r.optionalInteger(QStringLiteral("capacity"), 1, 100).value_or(1));
            o.title = r.optionalString(QStringLiteral("title"), 200).value_or(QString());
            r.rejectUnknown({QStringLiteral("skill_id"), QStringLiteral("starts_at"),
                             QStringLiteral("duration_minutes"), QStringLiteral("price"),
                             QStringLiteral("capacity"), QStringLiteral("title")});
            if (r.ok()) {
                const auto t = fromWireTime(startsAt);
                if (!t)
                    r.fail(QStringLiteral("starts_at"),
                           QStringLiteral(
                               "must be an ISO 8601 time such as 2026-11-21T14:00:00.000Z"));
                else
                    o.startsAt = t->toMSecsSinceEpoch();
            }
            requireValid(r, QStringLiteral("Invalid session"));
            return HttpResponse::json(201, sessions.offer(me, o).toJson(true));
        });

    router.add(
        M::Get, QStringLiteral("/api/v1/sessions"), Access::signedIn(),
        [&sessions](RequestContext &ctx) {
            const ListQuery list(ctx.request(),
                                 {QStringLiteral("skill"), QStringLiteral("teacher"),
                                  QStringLiteral("from"), QStringLiteral("to"),
                                  QStringLiteral("status"), QStringLiteral("has_seats")});
            QMap<QString, QString> errors;
            SessionSearch f;
            f.skillId = idParam(list, QStringLiteral("skill"), errors);
            f.teacherId = idParam(list, QStringLiteral("teacher"), errors);
            f.from = timeParam(list, QStringLiteral("from"), errors);
            f.to = timeParam(list, QStringLiteral("to"), errors);
            f.status = list.value(QStringLiteral("status"));
            static const QStringList states{QStringLiteral("scheduled"), QStringLiteral("booked"),
                                            QStringLiteral("completed"),
                                            QStringLiteral("cancelled"), QStringLiteral("no_show")};
            if (f.status && !states.contains(*f.status))
                errors.insert(QStringLiteral("status"), QStringLiteral("must be one of ") +
                                                            states.join(QStringLiteral(", ")));
            const auto seats = list.value(QStringLiteral("has_seats"));
            if (seats && *seats != QStringLiteral("true") && *seats != QStringLiteral("false"))
                errors.insert(QStringLiteral("has_seats"), QStringLiteral("must be true or false"));
            f.withSeatsOnly = seats == QStringLiteral("true");
            if (list.after()) {
                const auto parts = list.after()->split(QLatin1Char(':'));
                bool a = false, b = false;
                if (parts.size() == 2)
                    f.after =
                        QPair<qint64, qint64>(parts[0].toLongLong(&a), parts[1].toLongLong(&b));
                if (!a || !b)
                    errors.insert(QStringLiteral("after"),
                                  QStringLiteral("is not a cursor this server gave out"));
            }
            if (!errors.isEmpty())
                throw DomainError(400, problemtype::kValidation,
                                  QStringLiteral("Invalid query parameters"))
                    .withFieldErrors(errors);
            f.limit = list.limit() + 1;
            QList<Session> found = sessions.search(f);
            std::optional<QString> next;
            if (found.size() > list.limit()) {
                found.removeLast();
                next = QStringLiteral("%1:%2").arg(found.last().startsAt).arg(found.last().id);
            }
            QJsonArray items;
            for (const Session &s : found)
                items.push_back(s.toJson(s.teacherId == ctx.principal().userId));
            return HttpResponse::json(200, ListQuery::page(items, next));
        });

    router.add(
        M::Get, QStringLiteral("/api/v1/sessions/{id}"), Access::signedIn(),
        [&sessions, &services](RequestContext &ctx) {
            return services.db.read([&](QSqlDatabase &db) {
                const auto s = sessions.find(db, ctx.idArgument(0));
                if (!s)
                    throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                      QStringLiteral("No such session."));
                const bool participant = sessions.isParticipant(db, *s, ctx.principal().userId);
                // A listing hidden by moderation is only shown to the people already in it.
                SqlQuery hidden(db, QStringLiteral("SELECT hidden_at FROM sessions WHERE id = :s"));
                hidden.bind(QStringLiteral(":s"), s->id).exec();
                if (hidden.next() && !hidden.isNull(0) && !participant &&
                    !ctx.principal().isStaff())
                    throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                      QStringLiteral("No such session."));
                QJsonObject o = s->toJson(participant);
                if (s->teacherId == ctx.principal().userId) {
                    QJsonArray bookings;
                    for (const Booking &b : sessions.bookingsOf(db, s->id))
                        bookings.push_back(b.toJson());
                    o.insert(QStringLiteral("bookings"), bookings);
                }
                return HttpResponse::json(200, o);
            });
        });

    router.add(M::Post, QStringLiteral("/api/v1/sessions/{id}/book"), Access::signedIn(),
               [&sessions](RequestContext &ctx) {
                   return HttpResponse::json(
                       201, sessions.book(ctx.idArgument(0), ctx.memberId(kMembersOnly)).toJson());
               });
    router.add(M::Post, QStringLiteral("/api/v1/sessions/{id}/cancel"), Access::signedIn(),
               [&sessions](RequestContext &ctx) {
                   return HttpResponse::json(
                       200, sessions.cancelByTeacher(ctx.idArgument(0), ctx.memberId(kMembersOnly))
                                .toJson(true));
               });
    router.add(
        M::Post, QStringLiteral("/api/v1/sessions/{id}/complete"), Access::signedIn(),
        [&sessions](RequestContext &ctx) {
            return HttpResponse::json(
                200, sessions.complete(ctx.idArgument(0), ctx.memberId(kMembersOnly)).toJson(true));
        });
    router.add(
        M::Post, QStringLiteral("/api/v1/bookings/{id}/cancel"), Access::signedIn(),
        [&sessions](RequestContext &ctx) {
            return HttpResponse::json(
                200,
                sessions.cancelBooking(ctx.idArgument(0), ctx.memberId(kMembersOnly)).toJson());
        });
    router.add(
        M::Post, QStringLiteral("/api/v1/bookings/{id}/no-show"), Access::signedIn(),
        [&sessions](RequestContext &ctx) {
            return HttpResponse::json(
                200,
                sessions.markLearnerNoShow(ctx.idArgument(0), ctx.memberId(kMembersOnly)).toJson());
        });
    router.add(M::Get, QStringLiteral("/api/v1/me/bookings"), Access::signedIn(),
               [&sessions](RequestContext &ctx) {
                   const ListQuery list(ctx.request(), {});
                   std::optional<qint64> after;
                   if (list.after())
                       after = list.after()->toLongLong();
                   QList<Booking> found = sessions.bookingsOfLearner(ctx.memberId(kMembersOnly),
                                                                     list.limit() + 1, after);
                   std::optional<QString> next;
                   if (found.size() > list.limit()) {
                       found.removeLast();
                       next = QString::number(found.last().id);
                   }
                   QJsonArray items;
                   for (const Booking &b : found)
                       items.push_back(b.toJson());
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });
}

} // namespace skillex::server
