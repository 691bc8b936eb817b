// Member reports and appeals over HTTP.
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/moderation/appeals.h"
#include "server/domain/moderation/cases.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/http/requestcontext.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>

#include <limits>

namespace skillex::server {
namespace {

using namespace protocol;

qint64 memberId(const RequestContext &ctx)
{
    return ctx.memberId(QStringLiteral("Reports and appeals are filed by member accounts."));
}

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

// {subject: {type, id}, category, description}
ReportDraft readReport(const QJsonObject &json)
{
    FieldReader r(json);
    ReportDraft d;
    const QJsonValue subject = json.value(QStringLiteral("subject"));
    if (subject.isUndefined() || subject.isNull()) {
        r.fail(QStringLiteral("subject"), QStringLiteral("is required"));
    } else if (!subject.isObject()) {
        r.fail(QStringLiteral("subject"), QStringLiteral("must be an object {type, id}"));
    } else {
        FieldReader s(subject.toObject());
        d.subject.type = s.requiredString(QStringLiteral("type"), 32);
        d.subject.id = s.requiredInteger(QStringLiteral("id"), 1, kMaxId);
        s.rejectUnknown({QStringLiteral("type"), QStringLiteral("id")});
        for (auto it = s.errors().begin(); it != s.errors().end(); ++it)
            r.fail(QStringLiteral("subject.") + it.key(), it.value());
    }
    d.category = r.requiredString(QStringLiteral("category"), 64);
    d.description = r.requiredString(QStringLiteral("description"), moderation::kMaxTextLength);
    r.rejectUnknown(
        {QStringLiteral("subject"), QStringLiteral("category"), QStringLiteral("description")});
    requireValid(r, QStringLiteral("Invalid report"));
    return d;
}

} // namespace

void registerReportRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    auto &cases =
        services.keep(std::make_shared<Cases>(services.db, services.clock, services.events));
    auto &appeals =
        services.keep(std::make_shared<Appeals>(services.db, services.clock, services.events));

    router.add(M::Post, QStringLiteral("/api/v1/reports"), Access::signedIn(),
               [&cases](RequestContext &ctx) {
                   const qint64 me = memberId(ctx);
                   const ReportDraft draft = readReport(ctx.jsonObject());
                   return HttpResponse::json(201, cases.fileReport(me, draft).toJson());
               });
    // The one route an appeal token opens (a suspended or banned member's way to appeal).
    router.add(M::Post, QStringLiteral("/api/v1/appeals"), Access::signedInOrAppeal(),
               [&appeals](RequestContext &ctx) {
                   const qint64 me = memberId(ctx);
                   FieldReader r(ctx.jsonObject());
                   const qint64 caseId = r.requiredInteger(QStringLiteral("case_id"), 1, kMaxId);
                   const QString body =
                       r.requiredString(QStringLiteral("body"), moderation::kMaxTextLength);
                   r.rejectUnknown({QStringLiteral("case_id"), QStringLiteral("body")});
                   requireValid(r, QStringLiteral("Invalid appeal"));
                   return HttpResponse::json(201, appeals.file(me, caseId, body).toJson());
               });
    // The caller's own sanctions and the cases they may still appeal; also open to an appeal
    // token, so that a suspended or banned member can see what they are appealing.
    router.add(
        M::Get, QStringLiteral("/api/v1/me/sanctions"), Access::signedInOrAppeal(),
        [&services](RequestContext &ctx) {
            const qint64 me = memberId(ctx);
            return HttpResponse::json(200, services.db.read([&](QSqlDatabase &db) {
                SqlQuery q(db,
                           QStringLiteral("SELECT id, kind, case_id, strike, reason, created_at, "
                                          "ends_at, ended_at, lifted_at FROM sanctions WHERE "
                                          "user_id = :u ORDER BY created_at DESC, id DESC"));
                q.bind(QStringLiteral(":u"), me).exec();
                QJsonArray items;
                const auto time = [&q](int column) {
                    return q.isNull(column) ? QJsonValue()
                                            : QJsonValue(toWireTime(q.int64(column)));
                };
                while (q.next())
                    items.append(QJsonObject{{QStringLiteral("id"), q.int64(0)},
                                             {QStringLiteral("kind"), q.string(1)},
                                             {QStringLiteral("case_id"),
                                              q.isNull(2) ? QJsonValue() : QJsonValue(q.int64(2))},
                                             {QStringLiteral("strike"), q.int64(3)},
                                             {QStringLiteral("reason"), q.string(4)},
                                             {QStringLiteral("created_at"), time(5)},
                                             {QStringLiteral("ends_at"), time(6)},
                                             {QStringLiteral("ended_at"), time(7)},
                                             {QStringLiteral("lifted_at"), time(8)}});
                return QJsonObject{
                    {QStringLiteral("items"), items},
                    {QStringLiteral("appealable_cases"), services.auth.appealableCases(db, me)}};
            }));
        });
}

} // namespace skillex::server
