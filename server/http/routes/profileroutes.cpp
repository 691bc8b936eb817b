// Member profiles, availability, member skills and peer assessments (signed-in members), and the
// public profile of a member (signed in).
#include "server/http/ifmatch.h"
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "server/domain/domainerror.h"
#include "server/domain/profiles/assessments.h"
#include "server/domain/profiles/availability.h"
#include "server/domain/profiles/memberskills.h"
#include "server/domain/profiles/profiles.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/queryparams.h"

#include <QJsonArray>

namespace skillex::server {
namespace {

using namespace protocol;

qint64 memberId(const RequestContext &ctx)
{
    return ctx.memberId(QStringLiteral("Only member accounts have profiles and skills."));
}

// Generous transport bounds; the domain applies the real rules (a bio's 2,000 characters are
// counted in code points, which may take twice as many UTF-16 units).
constexpr int kMaxNameField = 1000;
constexpr int kMaxBioField = 2 * kMaxBioLength;

DomainError invalid(const FieldReader &r)
{
    return DomainError(400, problemtype::kValidation, QStringLiteral("Invalid request"),
                       r.summary())
        .withFieldErrors(r.errors());
}

HttpResponse withEtag(HttpResponse response, int version)
{
    response.headers.push_back({"ETag", Profiles::etag(version)});
    return response;
}

VersionPrecondition ifMatch(const RequestContext &ctx)
{
    return requireIfMatch(ctx, QStringLiteral("GET /api/v1/me/profile"));
}

ProfilePatch readProfilePatch(const QJsonObject &body)
{
    FieldReader r(body);
    ProfilePatch patch;
    patch.name = r.optionalString(QStringLiteral("name"), kMaxNameField);
    patch.phone = r.optionalString(QStringLiteral("phone"), 64);
    patch.avatarUrl = r.optionalString(QStringLiteral("avatar_url"), kMaxAvatarUrlLength);
    patch.timezone = r.optionalString(QStringLiteral("timezone"), 64);
    patch.bio = r.optionalString(QStringLiteral("bio"), kMaxBioField);
    const QJsonValue languages = body.value(QStringLiteral("languages"));
    if (!languages.isUndefined() && !languages.isNull()) {
        const QStringList list =
            r.optionalStringList(QStringLiteral("languages"), kMaxProfileLanguages, 8);
        if (!r.errors().contains(QStringLiteral("languages")))
            patch.languages = list;
    }
    r.rejectUnknown({QStringLiteral("name"), QStringLiteral("phone"), QStringLiteral("avatar_url"),
                     QStringLiteral("languages"), QStringLiteral("timezone"),
                     QStringLiteral("bio")});
    if (!r.ok())
        throw invalid(r);
    return patch;
}

QList<AvailabilitySlot> readSlots(const QJsonObject &body)
{
    FieldReader top(body);
    top.rejectUnknown({QStringLiteral("slots")});
    const QJsonValue value = body.value(QStringLiteral("slots"));
    if (!value.isArray())
        top.fail(QStringLiteral("slots"), QStringLiteral("is required: a list of slots"));
    else if (value.toArray().size() > kMaxAvailabilitySlots)
        top.fail(QStringLiteral("slots"),
                 QStringLiteral("must have at most %1 slots").arg(kMaxAvailabilitySlots));
    if (!top.ok())
        throw invalid(top);
    QList<AvailabilitySlot> weekly;
    QMap<QString, QString> errors;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString prefix = QStringLiteral("slots[%1]").arg(i);
        if (!array.at(i).isObject()) {
            errors.insert(prefix, QStringLiteral("must be an object"));
            continue;
        }
        FieldReader r(array.at(i).toObject());
        AvailabilitySlot s;
        s.weekday = int(r.requiredInteger(QStringLiteral("weekday"), 0, 6));
        s.startMinute = int(r.requiredInteger(QStringLiteral("start_minute"), 0, 1439));
        s.endMinute = int(r.requiredInteger(QStringLiteral("end_minute"), 1, 1440));
        r.rejectUnknown({QStringLiteral("weekday"), QStringLiteral("start_minute"),
                         QStringLiteral("end_minute")});
        for (auto it = r.errors().cbegin(); it != r.errors().cend(); ++it)
            errors.insert(prefix + QLatin1Char('.') + it.key().left(64), it.value());
        weekly.push_back(s);
    }
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid availability"))
            .withFieldErrors(errors);
    return weekly;
}

QJsonObject availabilityJson(const QList<AvailabilitySlot> &weekly)
{
    QJsonArray items;
    for (const AvailabilitySlot &s : weekly)
        items.push_back(s.toJson());
    return {{QStringLiteral("slots"), items}};
}

struct Areas {
    Profiles &profiles;
    Availability &availability;
    MemberSkills &skills;
    Assessments &assessments;
};

void addProfileRoutes(Router &router, Areas a)
{
    using M = QHttpServerRequest::Method;
    router.add(M::Get, QStringLiteral("/api/v1/me/profile"), Access::signedIn(),
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const Profile p = a.profiles.own(memberId(ctx));
                   return withEtag(HttpResponse::json(200, p.toJson()), p.version);
               });
    router.add(M::Patch, QStringLiteral("/api/v1/me/profile"), Access::signedIn(),
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const qint64 me = memberId(ctx);
                   const VersionPrecondition precondition = ifMatch(ctx);
                   const ProfilePatch patch = readProfilePatch(ctx.jsonObject());
                   const Profile p = a.profiles.update(me, precondition, patch);
                   return withEtag(HttpResponse::json(200, p.toJson()), p.version);
               });
    router.add(M::Get, QStringLiteral("/api/v1/me/availability"), Access::signedIn(),
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   return HttpResponse::json(
                       200, availabilityJson(a.availability.slotsOf(memberId(ctx))));
               });
    router.add(M::Put, QStringLiteral("/api/v1/me/availability"), Access::signedIn(),
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const qint64 me = memberId(ctx);
                   const QList<AvailabilitySlot> weekly = readSlots(ctx.jsonObject());
                   return HttpResponse::json(200,
                                             availabilityJson(a.availability.replace(me, weekly)));
               });
    router.add(M::Get, QStringLiteral("/api/v1/users/{id}"), Access::signedIn(),
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {QStringLiteral("lang")});
                   const Language language = languageParam(ctx.request());
                   return HttpResponse::json(
                       200, a.profiles.publicProfile(ctx.idArgument(0)).toJson(language));
               });
}

void addSkillRoutes(Router &router, Areas a)
{
    using M = QHttpServerRequest::Method;
    router.add(M::Get, QStringLiteral("/api/v1/me/skills"), Access::signedIn(),
               [a](RequestContext &ctx) {
                   const ListQuery list(ctx.request(), {QStringLiteral("lang")});
                   const Language language = languageParam(ctx.request());
                   const qint64 after = list.after() ? list.after()->toLongLong() : 0;
                   QList<MemberSkill> rows = a.skills.list(memberId(ctx), after, list.limit() + 1);
                   std::optional<QString> next;
                   if (rows.size() > list.limit()) {
                       rows.removeLast();
                       next = QString::number(rows.last().id);
                   }
                   QJsonArray items;
                   for (const MemberSkill &s : std::as_const(rows))
                       items.push_back(s.toJson(language));
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });
    router.add(
        M::Post, QStringLiteral("/api/v1/me/skills"), Access::signedIn(), [a](RequestContext &ctx) {
            rejectUnknownParams(ctx.request(), {QStringLiteral("lang")});
            const Language language = languageParam(ctx.request());
            const qint64 me = memberId(ctx);
            FieldReader r(ctx.jsonObject());
            const qint64 skillId =
                r.requiredInteger(QStringLiteral("skill_id"), 1, 9007199254740991LL);
            const QString direction = r.requiredString(QStringLiteral("direction"), 16);
            if (!r.errors().contains(QStringLiteral("direction")) &&
                direction != QLatin1String("teach") && direction != QLatin1String("learn"))
                r.fail(QStringLiteral("direction"), QStringLiteral("must be teach or learn"));
            const int proficiency = int(r.requiredInteger(QStringLiteral("proficiency"), 0, 100));
            r.rejectUnknown({QStringLiteral("skill_id"), QStringLiteral("direction"),
                             QStringLiteral("proficiency")});
            if (!r.ok())
                throw invalid(r);
            return HttpResponse::json(
                201, a.skills.add(me, skillId, direction, proficiency).toJson(language));
        });
    router.add(M::Patch, QStringLiteral("/api/v1/me/skills/{id}"), Access::signedIn(),
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {QStringLiteral("lang")});
                   const Language language = languageParam(ctx.request());
                   const qint64 me = memberId(ctx);
                   const qint64 id = ctx.idArgument(0);
                   FieldReader r(ctx.jsonObject());
                   const int proficiency =
                       int(r.requiredInteger(QStringLiteral("proficiency"), 0, 100));
                   r.rejectUnknown({QStringLiteral("proficiency")});
                   if (!r.ok())
                       throw invalid(r);
                   return HttpResponse::json(
                       200, a.skills.setProficiency(me, id, proficiency).toJson(language));
               });
    router.add(M::Delete, QStringLiteral("/api/v1/me/skills/{id}"), Access::signedIn(),
               [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   a.skills.remove(memberId(ctx), ctx.idArgument(0));
                   return HttpResponse::noContent();
               });
    router.add(M::Post, QStringLiteral("/api/v1/users/{id}/skills/{memberSkillId}/assessments"),
               Access::signedIn(), [a](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const qint64 me = memberId(ctx);
                   const qint64 user = ctx.idArgument(0);
                   const qint64 memberSkill = ctx.idArgument(1);
                   FieldReader r(ctx.jsonObject());
                   const int score = int(r.requiredInteger(QStringLiteral("score"), 0, 100));
                   r.rejectUnknown({QStringLiteral("score")});
                   if (!r.ok())
                       throw invalid(r);
                   return HttpResponse::json(
                       201, a.assessments.assess(me, user, memberSkill, score).toJson());
               });
}

} // namespace

void registerProfileRoutes(Router &router, Services &services)
{
    Areas areas{
        services.keep(std::make_shared<Profiles>(services.db, services.clock, services.events)),
        services.keep(std::make_shared<Availability>(services.db, services.events)),
        services.keep(std::make_shared<MemberSkills>(services.db, services.clock, services.events)),
        services.keep(std::make_shared<Assessments>(services.db, services.clock, services.events)),
    };
    addProfileRoutes(router, areas);
    addSkillRoutes(router, areas);
}

} // namespace skillex::server
