// Admin cases: queue, counts, detail and evidence attachments; the moderation area's services
// are made here and shared with its other route files (moderationroutes.h).
#include "server/http/ifmatch.h"
#include "server/http/routes/routes.h"

#include "server/domain/domainerror.h"
#include "server/domain/moderation/casestates.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/http/listquery.h"
#include "server/http/routes/moderationroutes.h"
#include "server/http/routes/queryparams.h"

#include <QRegularExpression>

namespace skillex::server {

using namespace protocol;

StaffActor staffActor(const RequestContext &ctx)
{
    const Principal &p = ctx.principal();
    return {p.userId, p.email, p.can(Permission::SeniorModeration), ctx.request().peer.toString(),
            ctx.request().requestId};
}

HttpResponse withEtag(HttpResponse response, qint64 version)
{
    response.headers.push_back({"ETag", '"' + QByteArray::number(version) + '"'});
    return response;
}

QString requiredReason(FieldReader &reader)
{
    const QString reason = reader.requiredString(QStringLiteral("reason"), CaseWork::kMaxReason);
    if (!reader.errors().contains(QStringLiteral("reason")) && reason.trimmed().isEmpty())
        reader.fail(QStringLiteral("reason"), QStringLiteral("must not be blank"));
    return reason;
}

namespace {

void fail(const QString &field, const QString &message)
{
    throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"),
                      field + QLatin1Char(' ') + message)
        .withFieldErrors({{field, message}});
}

CaseQueueQuery readQueueQuery(const ListQuery &list, qint64 me)
{
    CaseQueueQuery q;
    q.limit = list.limit();
    q.after = list.after();
    if (const auto status = list.value(QStringLiteral("status"))) {
        for (const QString &s : status->split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!casestates::allStates().contains(s.trimmed()))
                fail(QStringLiteral("status"),
                     QStringLiteral("must be a comma list of ") +
                         casestates::allStates().join(QStringLiteral(", ")));
            if (!q.statuses.contains(s.trimmed()))
                q.statuses.push_back(s.trimmed());
        }
    }
    if (const auto category = list.value(QStringLiteral("category"))) {
        if (!moderation::reportCategories().contains(*category))
            fail(QStringLiteral("category"),
                 QStringLiteral("must be one of ") +
                     moderation::reportCategories().join(QStringLiteral(", ")));
        q.category = category;
    }
    if (const auto severity = list.value(QStringLiteral("severity"))) {
        if (!moderation::severityFromName(*severity))
            fail(QStringLiteral("severity"), QStringLiteral("must be high, medium or low"));
        q.severity = severity;
    }
    if (const auto assignee = list.value(QStringLiteral("assignee"))) {
        bool ok = false;
        const qint64 id = assignee->toLongLong(&ok);
        if (*assignee == QStringLiteral("me")) {
            q.assignee = CaseQueueQuery::Assignee::Me;
            q.assigneeId = me;
        } else if (*assignee == QStringLiteral("none")) {
            q.assignee = CaseQueueQuery::Assignee::None;
        } else if (ok && id > 0) {
            q.assignee = CaseQueueQuery::Assignee::Id;
            q.assigneeId = id;
        } else {
            fail(QStringLiteral("assignee"), QStringLiteral("must be a staff id, me or none"));
        }
    }
    if (const auto subject = list.value(QStringLiteral("subject"))) {
        const QStringList parts = subject->split(QLatin1Char(':'));
        bool ok = false;
        const qint64 id = parts.value(1).toLongLong(&ok);
        if (parts.size() != 2 || !moderation::subjectTypes().contains(parts.at(0)) || !ok ||
            id <= 0)
            fail(QStringLiteral("subject"),
                 QStringLiteral("must be type:id with type one of ") +
                     moderation::subjectTypes().join(QStringLiteral(", ")));
        q.subjectType = parts.at(0);
        q.subjectId = id;
    }
    if (const auto user = list.value(QStringLiteral("subject_user"))) {
        bool ok = false;
        const qint64 id = user->toLongLong(&ok);
        if (!ok || id <= 0)
            fail(QStringLiteral("subject_user"), QStringLiteral("must be a member id"));
        q.subjectUser = id;
    }
    if (const auto breached = list.value(QStringLiteral("sla_breached"))) {
        if (*breached != QStringLiteral("true") && *breached != QStringLiteral("false"))
            fail(QStringLiteral("sla_breached"), QStringLiteral("must be true or false"));
        q.slaBreached = *breached == QStringLiteral("true");
    }
    if (const auto text = list.value(QStringLiteral("text"))) {
        if (text->trimmed().size() < 2 || text->size() > 200)
            fail(QStringLiteral("text"), QStringLiteral("must be 2 to 200 characters"));
        q.text = text->trimmed();
    }
    if (const auto sort = list.value(QStringLiteral("sort"))) {
        if (!CaseQueue::sorts().contains(*sort))
            fail(QStringLiteral("sort"), QStringLiteral("must be priority, age or sla"));
        q.sort = *sort;
    }
    return q;
}

} // namespace

void addCaseQueueRoutes(Router &router, const ModerationAreas &a)
{
    using M = QHttpServerRequest::Method;
    const Access moderate = Access::staff(Permission::ModerateCases);
    router.add(M::Get, QStringLiteral("/api/v1/admin/cases"), moderate, [a](RequestContext &ctx) {
        const ListQuery list(
            ctx.request(),
            {QStringLiteral("status"), QStringLiteral("category"), QStringLiteral("severity"),
             QStringLiteral("assignee"), QStringLiteral("subject"), QStringLiteral("subject_user"),
             QStringLiteral("sla_breached"), QStringLiteral("text"), QStringLiteral("sort")});
        const CaseQueueQuery query = readQueueQuery(list, ctx.principal().userId);
        const CaseQueuePage page = a.queue.list(query, a.services.clock.nowMs());
        return HttpResponse::json(200, ListQuery::page(page.items, page.next));
    });
    // Registered before /cases/{id}, which would otherwise take "counts" for an id.
    router.add(M::Get, QStringLiteral("/api/v1/admin/cases/counts"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   return HttpResponse::json(
                       200, a.queue.counts(ctx.principal().userId, a.services.clock.nowMs()));
               });
    router.add(
        M::Get, QStringLiteral("/api/v1/admin/cases/{id}"), moderate, [a](RequestContext &ctx) {
            rejectUnknownParams(ctx.request(), {});
            const QJsonObject c = a.detail.detail(ctx.idArgument(0), a.services.clock.nowMs());
            return withEtag(HttpResponse::json(200, c),
                            c.value(QStringLiteral("version")).toInteger());
        });
    router.add(M::Get, QStringLiteral("/api/v1/admin/attachments/{sha256}"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
                   const QString sha = ctx.arguments().value(0).toLower();
                   const auto file =
                       hex.match(sha).hasMatch() ? a.detail.evidenceAttachment(sha) : std::nullopt;
                   if (!file)
                       throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                         QStringLiteral("No evidence attachment has that hash."));
                   HttpResponse r;
                   r.status = 200;
                   r.contentType = file->contentType.toLatin1();
                   r.body = file->data;
                   // Evidence is shown as data, never rendered as a page of ours.
                   r.headers.push_back({"X-Content-Type-Options", "nosniff"});
                   r.headers.push_back(
                       {"Content-Disposition", "attachment; filename=\"" + sha.toLatin1() + "\""});
                   r.headers.push_back({"ETag", '"' + sha.toLatin1() + '"'});
                   r.headers.push_back({"Cache-Control", "private, max-age=31536000, immutable"});
                   return r;
               });
}

void registerAdminCaseRoutes(Router &router, Services &services)
{
    auto &sessions = services.keep(std::make_shared<Sessions>(
        services.db, services.clock, services.ledger, services.events, services.config));
    auto &sanctions = services.keep(
        std::make_shared<Sanctions>(services.db, services.clock, sessions, services.events));
    auto &bans = services.keep(std::make_shared<BanApprovals>(
        services.db, services.clock, services.audit, services.events, sanctions));
    auto &reasons = services.keep(std::make_shared<CannedReasons>(services.db, services.clock,
                                                                  services.audit, services.events));
    const ModerationAreas areas{
        services,
        services.keep(std::make_shared<CaseQueue>(services.db)),
        services.keep(std::make_shared<CaseDetail>(services.db, services.ledger, sanctions, bans)),
        services.keep(std::make_shared<CaseWork>(services.db, services.clock, services.audit,
                                                 services.events, sanctions, reasons, bans)),
        bans,
        services.keep(std::make_shared<MemberSanctions>(services.db, services.clock, services.audit,
                                                        services.events, sanctions, bans)),
        reasons};
    addCaseQueueRoutes(router, areas);
    addCaseActionRoutes(router, areas);
    addSanctionRoutes(router, areas);
    addCannedReasonRoutes(router, areas);
}

} // namespace skillex::server
