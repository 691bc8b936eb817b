// Admin cases: claim, release, escalate, notes, actions on the ladder (one case or in bulk)
// and appeal decisions. Each per-case mutation needs If-Match with the case's ETag.
#include "server/domain/domainerror.h"
#include "server/domain/moderation/sanctions.h"
#include "server/http/routes/moderationroutes.h"
#include "server/http/routes/queryparams.h"

#include <QJsonArray>

namespace skillex::server {

using namespace protocol;

namespace {

constexpr int kMaxBulk = 200;
constexpr int kMaxPlaceholders = 20;
constexpr int kMaxPlaceholderValue = 200;
const QString kWhere = QStringLiteral("GET /api/v1/admin/cases/{id}");

// {action, reason | canned_reason_id (+ placeholders), duration_days}; the reader may hold more
// keys (case_ids in bulk), which the caller names in known.
CaseActionRequest readAction(FieldReader &r, const QJsonObject &body)
{
    CaseActionRequest a;
    a.action = r.requiredString(QStringLiteral("action"), 32);
    if (!r.errors().contains(QStringLiteral("action")) &&
        !CannedReasons::actionNames().contains(a.action))
        r.fail(QStringLiteral("action"),
               QStringLiteral("must be one of ") +
                   CannedReasons::actionNames().join(QStringLiteral(", ")));
    a.reason = r.optionalString(QStringLiteral("reason"), CaseWork::kMaxReason);
    a.cannedReasonId = r.optionalInteger(QStringLiteral("canned_reason_id"), 1, 9007199254740991LL);
    if (!a.cannedReasonId && (!a.reason || a.reason->trimmed().isEmpty()) &&
        !r.errors().contains(QStringLiteral("reason")))
        r.fail(QStringLiteral("reason"),
               QStringLiteral("is required (free text, or a canned_reason_id)"));
    const QJsonValue placeholders = body.value(QStringLiteral("placeholders"));
    if (!placeholders.isUndefined() && !placeholders.isNull()) {
        if (!placeholders.isObject() || placeholders.toObject().size() > kMaxPlaceholders) {
            r.fail(QStringLiteral("placeholders"),
                   QStringLiteral("must be an object of at most %1 strings").arg(kMaxPlaceholders));
        } else {
            const QJsonObject o = placeholders.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (!it.value().isString() || it.value().toString().size() > kMaxPlaceholderValue ||
                    it.key().size() > 64)
                    r.fail(QStringLiteral("placeholders.") + it.key().left(64),
                           QStringLiteral("must be a string of at most %1 characters")
                               .arg(kMaxPlaceholderValue));
                else
                    a.placeholders.insert(it.key(), it.value().toString());
            }
        }
    }
    const auto days = r.optionalInteger(QStringLiteral("duration_days"), 1, 30);
    if (a.action == QStringLiteral("suspend")) {
        if (!days && !r.errors().contains(QStringLiteral("duration_days")))
            r.fail(QStringLiteral("duration_days"), QStringLiteral("is required: 1, 3, 7 or 30"));
        else if (days && !Sanctions::suspensionDays().contains(int(*days)))
            r.fail(QStringLiteral("duration_days"), QStringLiteral("must be 1, 3, 7 or 30"));
    } else if (days) {
        r.fail(QStringLiteral("duration_days"), QStringLiteral("is only for suspend"));
    }
    if (days)
        a.durationDays = int(*days);
    return a;
}

QStringList actionKeys()
{
    return {QStringLiteral("action"), QStringLiteral("reason"), QStringLiteral("canned_reason_id"),
            QStringLiteral("placeholders"), QStringLiteral("duration_days")};
}

HttpResponse caseResponse(int status, const QJsonObject &body, const QJsonObject &summary)
{
    return withEtag(HttpResponse::json(status, body),
                    summary.value(QStringLiteral("version")).toInteger());
}

QString optionalNote(const RequestContext &ctx, const QString &key, bool required, int max)
{
    const QByteArray raw = ctx.request().body.trimmed();
    if (raw.isEmpty() && !required)
        return {};
    FieldReader r(ctx.jsonObject());
    const QString text =
        required ? r.requiredString(key, max) : r.optionalString(key, max).value_or(QString());
    if (required && !r.errors().contains(key) && text.trimmed().isEmpty())
        r.fail(key, QStringLiteral("must not be blank"));
    r.rejectUnknown({key});
    requireValid(r, QStringLiteral("Invalid request"));
    return text;
}

} // namespace

void addCaseActionRoutes(Router &router, const ModerationAreas &a)
{
    using M = QHttpServerRequest::Method;
    const Access moderate = Access::staff(Permission::ModerateCases);
    router.add(M::Post, QStringLiteral("/api/v1/admin/cases/{id}/claim"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const VersionMatch match = requireIfMatch(ctx, kWhere);
                   optionalNote(ctx, QStringLiteral("note"), false, CaseWork::kMaxNote);
                   const QJsonObject c = a.work.claim(staffActor(ctx), ctx.idArgument(0), match);
                   return caseResponse(200, c, c);
               });
    router.add(M::Post, QStringLiteral("/api/v1/admin/cases/{id}/release"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const VersionMatch match = requireIfMatch(ctx, kWhere);
                   optionalNote(ctx, QStringLiteral("note"), false, CaseWork::kMaxNote);
                   const QJsonObject c = a.work.release(staffActor(ctx), ctx.idArgument(0), match);
                   return caseResponse(200, c, c);
               });
    router.add(M::Post, QStringLiteral("/api/v1/admin/cases/{id}/escalate"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const VersionMatch match = requireIfMatch(ctx, kWhere);
                   const QString note =
                       optionalNote(ctx, QStringLiteral("note"), true, CaseWork::kMaxNote);
                   const QJsonObject c =
                       a.work.escalate(staffActor(ctx), ctx.idArgument(0), match, note);
                   return caseResponse(200, c, c);
               });
    router.add(M::Post, QStringLiteral("/api/v1/admin/cases/{id}/notes"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const VersionMatch match = requireIfMatch(ctx, kWhere);
                   const QString text =
                       optionalNote(ctx, QStringLiteral("text"), true, CaseWork::kMaxNote);
                   const QJsonObject r =
                       a.work.addNote(staffActor(ctx), ctx.idArgument(0), match, text);
                   return caseResponse(201, r, r.value(QStringLiteral("case")).toObject());
               });
    router.add(M::Post, QStringLiteral("/api/v1/admin/cases/{id}/actions"), moderate,
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const VersionMatch match = requireIfMatch(ctx, kWhere);
                   const QJsonObject body = ctx.jsonObject();
                   FieldReader r(body);
                   const CaseActionRequest action = readAction(r, body);
                   r.rejectUnknown(actionKeys());
                   requireValid(r, QStringLiteral("Invalid action"));
                   const QJsonObject out =
                       a.work.act(staffActor(ctx), ctx.idArgument(0), &match, action);
                   return caseResponse(200, out, out.value(QStringLiteral("case")).toObject());
               });
    router.add(
        M::Post, QStringLiteral("/api/v1/admin/cases/{id}/appeal-decisions"),
        Access::staff(Permission::SeniorModeration), [a](RequestContext &ctx) {
            rejectUnknownParams(ctx.request(), {});
            const VersionMatch match = requireIfMatch(ctx, kWhere);
            FieldReader r(ctx.jsonObject());
            const QString decision = r.requiredString(QStringLiteral("decision"), 16);
            if (!r.errors().contains(QStringLiteral("decision")) &&
                decision != QStringLiteral("upheld") && decision != QStringLiteral("overturned"))
                r.fail(QStringLiteral("decision"), QStringLiteral("must be upheld or overturned"));
            const QString reason = requiredReason(r);
            r.rejectUnknown({QStringLiteral("decision"), QStringLiteral("reason")});
            requireValid(r, QStringLiteral("Invalid appeal decision"));
            const QJsonObject out =
                a.work.decideAppeal(staffActor(ctx), ctx.idArgument(0), match, decision, reason);
            return caseResponse(200, out, out.value(QStringLiteral("case")).toObject());
        });
    // Each case is judged on its own, in its own transaction: one refusal does not undo the
    // others. No If-Match: a bulk action applies to the cases as they are.
    router.add(
        M::Post, QStringLiteral("/api/v1/admin/cases/bulk-actions"), moderate,
        [a](RequestContext &ctx) {
            rejectUnknownParams(ctx.request(), {});
            const QJsonObject body = ctx.jsonObject();
            FieldReader r(body);
            const CaseActionRequest action = readAction(r, body);
            QList<qint64> ids;
            const QJsonValue list = body.value(QStringLiteral("case_ids"));
            if (!list.isArray() || list.toArray().isEmpty() || list.toArray().size() > kMaxBulk) {
                r.fail(QStringLiteral("case_ids"),
                       QStringLiteral("is required: 1 to %1 case ids").arg(kMaxBulk));
            } else {
                for (const QJsonValue &v : list.toArray()) {
                    const qint64 id = v.isDouble() ? v.toInteger(0) : 0;
                    if (id <= 0 || double(id) != v.toDouble()) {
                        r.fail(QStringLiteral("case_ids"), QStringLiteral("must hold case ids"));
                        break;
                    }
                    if (ids.contains(id)) {
                        r.fail(QStringLiteral("case_ids"),
                               QStringLiteral("names case %1 twice").arg(id));
                        break;
                    }
                    ids.push_back(id);
                }
            }
            r.rejectUnknown(actionKeys() + QStringList{QStringLiteral("case_ids")});
            requireValid(r, QStringLiteral("Invalid bulk action"));
            const StaffActor actor = staffActor(ctx);
            QJsonArray results;
            int succeeded = 0;
            for (qint64 id : std::as_const(ids)) {
                try {
                    const QJsonObject out = a.work.act(actor, id, nullptr, action);
                    results.push_back(
                        QJsonObject{{QStringLiteral("case_id"), id},
                                    {QStringLiteral("ok"), true},
                                    {QStringLiteral("status"), 200},
                                    {QStringLiteral("case"), out.value(QStringLiteral("case"))}});
                    ++succeeded;
                } catch (const DomainError &e) {
                    results.push_back(
                        QJsonObject{{QStringLiteral("case_id"), id},
                                    {QStringLiteral("ok"), false},
                                    {QStringLiteral("status"), e.problem().status},
                                    {QStringLiteral("problem"), e.problem().toJson()}});
                }
            }
            return HttpResponse::json(
                200, QJsonObject{{QStringLiteral("results"), results},
                                 {QStringLiteral("succeeded"), succeeded},
                                 {QStringLiteral("failed"), int(ids.size()) - succeeded}});
        });
}

} // namespace skillex::server
