// Member reports and appeals over HTTP.
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "server/domain/domainerror.h"
#include "server/domain/moderation/appeals.h"
#include "server/domain/moderation/cases.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/http/requestcontext.h"

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
    router.add(M::Post, QStringLiteral("/api/v1/appeals"), Access::signedIn(),
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
}

} // namespace skillex::server
