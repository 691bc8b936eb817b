// Admin taxonomy: create, rename, translate, move, reorder, deprecate, merge.
#include "server/http/ifmatch.h"
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "server/domain/domainerror.h"
#include "server/domain/taxonomy/skillmerge.h"
#include "server/domain/taxonomy/taxonomyeditor.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/queryparams.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace skillex::server {
namespace {

using namespace protocol;
using M = QHttpServerRequest::Method;

const QString kBase = QStringLiteral("/api/v1/admin/taxonomy");
constexpr int kMaxTextFilter = 100;
// Transport bounds; the domain applies the real rules (taxonomyrules.h).
constexpr int kMaxNameField = 1000;
constexpr int kMaxSlugField = 200;

Access readAccess()
{
    return Access::staff(Permission::ViewDashboards); // the console caches the whole taxonomy
}

Access writeAccess()
{
    return Access::staff(Permission::ManageTaxonomy);
}

TaxonomyActor actorOf(const RequestContext &ctx)
{
    const RequestMeta meta = ctx.meta();
    return {ctx.principal().userId, ctx.principal().email, meta.address, meta.requestId};
}

DomainError badParameter(const QString &name, const QString &problem)
{
    return DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
        .withFieldErrors({{name, problem}});
}

HttpResponse withEtag(HttpResponse response, int version)
{
    response.headers.push_back({"ETag", taxonomynodes::etag(version)});
    return response;
}

VersionPrecondition ifMatch(const RequestContext &ctx)
{
    return requireIfMatch(ctx, QStringLiteral("the node (GET or the last write)"));
}

// "names": {"en", "de", "it", "hi"}, each optional here; errors as "names.de".
NamesPatch readNames(const QJsonObject &body, FieldReader &top)
{
    NamesPatch patch;
    const QJsonValue value = body.value(QStringLiteral("names"));
    if (value.isUndefined() || value.isNull())
        return patch;
    if (!value.isObject()) {
        top.fail(QStringLiteral("names"), QStringLiteral("must be an object of en, de, it, hi"));
        return patch;
    }
    FieldReader r(value.toObject());
    patch.en = r.optionalString(QStringLiteral("en"), kMaxNameField);
    patch.de = r.optionalString(QStringLiteral("de"), kMaxNameField);
    patch.it = r.optionalString(QStringLiteral("it"), kMaxNameField);
    patch.hi = r.optionalString(QStringLiteral("hi"), kMaxNameField);
    r.rejectUnknown(
        {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("it"), QStringLiteral("hi")});
    for (auto it = r.errors().cbegin(); it != r.errors().cend(); ++it)
        top.fail(QStringLiteral("names.") + it.key().left(32), it.value());
    return patch;
}

std::optional<QStringList> readAliases(const QJsonObject &body, FieldReader &r)
{
    const QJsonValue value = body.value(QStringLiteral("aliases"));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const QStringList list =
        r.optionalStringList(QStringLiteral("aliases"), kMaxAliasesPerSkill, kMaxAliasLength * 4);
    if (r.errors().contains(QStringLiteral("aliases")))
        return std::nullopt;
    return list;
}

std::optional<QString> readStatus(FieldReader &r)
{
    const auto status = r.optionalString(QStringLiteral("status"), 32);
    if (status && *status != QLatin1String("active") && *status != QLatin1String("deprecated"))
        r.fail(QStringLiteral("status"), QStringLiteral("must be active or deprecated"));
    return status;
}

QString keysetText(const QList<qint64> &key)
{
    QStringList parts;
    for (qint64 k : key)
        parts.push_back(QString::number(k));
    return parts.join(QLatin1Char(':'));
}

// The taxonomy is small and read whole, so a page is a slice after the cursor's sort key.
template <typename T, typename KeyFn>
QJsonObject pageOf(const QList<T> &items, const ListQuery &list, KeyFn key)
{
    std::optional<QList<qint64>> after;
    if (list.after()) {
        QList<qint64> parsed;
        bool ok = true;
        for (const QString &part : list.after()->split(QLatin1Char(':'))) {
            parsed.push_back(part.toLongLong(&ok));
            if (!ok)
                throw badParameter(QStringLiteral("after"),
                                   QStringLiteral("is not a cursor this server gave out"));
        }
        after = parsed;
    }
    QJsonArray out;
    std::optional<QString> next;
    QList<qint64> lastKey;
    for (const T &item : items) {
        const QList<qint64> k = key(item);
        if (after && !(*after < k))
            continue;
        if (out.size() == list.limit()) {
            next = keysetText(lastKey);
            break;
        }
        out.push_back(item.toJson());
        lastKey = k;
    }
    return ListQuery::page(out, next);
}

bool textMatches(const AdminSkill &s, const QString &folded)
{
    if (folded.isEmpty())
        return true;
    const auto has = [&folded](const QString &text) {
        return text.toCaseFolded().contains(folded);
    };
    return has(s.names.en) || has(s.names.de) || has(s.names.it) || has(s.names.hi) ||
           has(s.slug) || std::any_of(s.aliases.cbegin(), s.aliases.cend(), has);
}

bool statusMatches(const AdminSkill &s, const QString &status)
{
    if (status.isEmpty())
        return true;
    if (status == QLatin1String("merged"))
        return s.isMerged();
    return !s.isMerged() && s.status == status;
}

void addReadRoutes(Router &router, Services &services)
{
    Database &db = services.db;
    router.add(
        M::Get, kBase + QStringLiteral("/categories"), readAccess(), [&db](RequestContext &ctx) {
            const ListQuery list(ctx.request(), {});
            const auto categories =
                db.read([](QSqlDatabase &c) { return taxonomynodes::categories(c); });
            return HttpResponse::json(200, pageOf(categories, list, [](const AdminCategory &c) {
                                          return QList<qint64>{c.position, c.id};
                                      }));
        });
    router.add(M::Get, kBase + QStringLiteral("/categories/{id}"), readAccess(),
               [&db](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const qint64 id = ctx.idArgument(0);
                   const auto c =
                       db.read([id](QSqlDatabase &d) { return taxonomynodes::category(d, id); });
                   if (!c)
                       throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                         QStringLiteral("There is no category %1.").arg(id));
                   return withEtag(HttpResponse::json(200, c->toJson()), c->version);
               });
    router.add(M::Get, kBase + QStringLiteral("/skills"), readAccess(), [&db](RequestContext &ctx) {
        const ListQuery list(ctx.request(), {QStringLiteral("category"), QStringLiteral("status"),
                                             QStringLiteral("text")});
        std::optional<qint64> category;
        if (const auto value = list.value(QStringLiteral("category"))) {
            bool ok = false;
            category = value->toLongLong(&ok);
            if (!ok || *category <= 0)
                throw badParameter(QStringLiteral("category"),
                                   QStringLiteral("must be a category id"));
        }
        const QString status = list.value(QStringLiteral("status")).value_or(QString());
        if (!status.isEmpty() && status != QLatin1String("active") &&
            status != QLatin1String("deprecated") && status != QLatin1String("merged"))
            throw badParameter(QStringLiteral("status"),
                               QStringLiteral("must be active, deprecated or merged"));
        const QString text = list.value(QStringLiteral("text")).value_or(QString());
        if (text.size() > kMaxTextFilter)
            throw badParameter(QStringLiteral("text"),
                               QStringLiteral("must be at most %1 characters").arg(kMaxTextFilter));
        const QString folded = text.simplified().toCaseFolded();
        QList<AdminSkill> matching;
        for (const AdminSkill &s :
             db.read([&category](QSqlDatabase &c) { return taxonomynodes::skills(c, category); })) {
            if (statusMatches(s, status) && textMatches(s, folded))
                matching.push_back(s);
        }
        return HttpResponse::json(
            200, pageOf(matching, list, [](const AdminSkill &s) { return s.sortKey(); }));
    });
    router.add(
        M::Get, kBase + QStringLiteral("/skills/{id}"), readAccess(), [&db](RequestContext &ctx) {
            rejectUnknownParams(ctx.request(), {});
            const qint64 id = ctx.idArgument(0);
            const auto s = db.read([id](QSqlDatabase &d) { return taxonomynodes::skill(d, id); });
            if (!s)
                throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                  QStringLiteral("There is no skill %1.").arg(id));
            return withEtag(HttpResponse::json(200, s->toJson()), s->version);
        });
}

void addCategoryWrites(Router &router, TaxonomyEditor &editor)
{
    router.add(M::Post, kBase + QStringLiteral("/categories"), writeAccess(),
               [&editor](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const QJsonObject body = ctx.jsonObject();
                   FieldReader r(body);
                   CategoryDraft draft;
                   draft.slug = r.requiredString(QStringLiteral("slug"), kMaxSlugField);
                   const NamesPatch names = readNames(body, r);
                   if (!body.contains(QStringLiteral("names")))
                       r.fail(QStringLiteral("names"), QStringLiteral("is required"));
                   draft.names = names.appliedTo({});
                   r.rejectUnknown({QStringLiteral("slug"), QStringLiteral("names")});
                   requireValid(r, QStringLiteral("Invalid category"));
                   const AdminCategory c = editor.createCategory(actorOf(ctx), draft);
                   return withEtag(HttpResponse::json(201, c.toJson()), c.version);
               });
    router.add(M::Patch, kBase + QStringLiteral("/categories/{id}"), writeAccess(),
               [&editor](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const qint64 id = ctx.idArgument(0);
                   const VersionPrecondition precondition = ifMatch(ctx);
                   const QJsonObject body = ctx.jsonObject();
                   FieldReader r(body);
                   CategoryPatch patch;
                   patch.slug = r.optionalString(QStringLiteral("slug"), kMaxSlugField);
                   patch.names = readNames(body, r);
                   r.rejectUnknown({QStringLiteral("slug"), QStringLiteral("names")});
                   requireValid(r, QStringLiteral("Invalid category"));
                   const AdminCategory c =
                       editor.updateCategory(actorOf(ctx), id, precondition, patch);
                   return withEtag(HttpResponse::json(200, c.toJson()), c.version);
               });
}

void addSkillWrites(Router &router, TaxonomyEditor &editor)
{
    router.add(M::Post, kBase + QStringLiteral("/skills"), writeAccess(),
               [&editor](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const QJsonObject body = ctx.jsonObject();
                   FieldReader r(body);
                   SkillDraft draft;
                   draft.categoryId = r.requiredInteger(QStringLiteral("category_id"), 1,
                                                        std::numeric_limits<qint64>::max());
                   draft.slug = r.requiredString(QStringLiteral("slug"), kMaxSlugField);
                   const NamesPatch names = readNames(body, r);
                   if (!body.contains(QStringLiteral("names")))
                       r.fail(QStringLiteral("names"), QStringLiteral("is required"));
                   draft.names = names.appliedTo({});
                   draft.aliases = readAliases(body, r).value_or(QStringList());
                   r.rejectUnknown({QStringLiteral("category_id"), QStringLiteral("slug"),
                                    QStringLiteral("names"), QStringLiteral("aliases")});
                   requireValid(r, QStringLiteral("Invalid skill"));
                   const AdminSkill s = editor.createSkill(actorOf(ctx), draft);
                   return withEtag(HttpResponse::json(201, s.toJson()), s.version);
               });
    router.add(M::Patch, kBase + QStringLiteral("/skills/{id}"), writeAccess(),
               [&editor](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const qint64 id = ctx.idArgument(0);
                   const VersionPrecondition precondition = ifMatch(ctx);
                   const QJsonObject body = ctx.jsonObject();
                   FieldReader r(body);
                   SkillPatch patch;
                   patch.slug = r.optionalString(QStringLiteral("slug"), kMaxSlugField);
                   patch.names = readNames(body, r);
                   patch.aliases = readAliases(body, r);
                   patch.categoryId = r.optionalInteger(QStringLiteral("category_id"), 1,
                                                        std::numeric_limits<qint64>::max());
                   patch.status = readStatus(r);
                   r.rejectUnknown({QStringLiteral("slug"), QStringLiteral("names"),
                                    QStringLiteral("aliases"), QStringLiteral("category_id"),
                                    QStringLiteral("status")});
                   requireValid(r, QStringLiteral("Invalid skill"));
                   const AdminSkill s = editor.updateSkill(actorOf(ctx), id, precondition, patch);
                   return withEtag(HttpResponse::json(200, s.toJson()), s.version);
               });
}

QList<qint64> readIdList(const QJsonObject &body, const QString &key, FieldReader &r)
{
    QList<qint64> out;
    const QJsonValue value = body.value(key);
    if (!value.isArray()) {
        r.fail(key, QStringLiteral("is required: a list of numbers"));
        return out;
    }
    const QJsonArray array = value.toArray();
    if (array.size() > kMaxReorderItems) {
        r.fail(key, QStringLiteral("must have at most %1 items").arg(kMaxReorderItems));
        return out;
    }
    for (const QJsonValue &v : array) {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d > 9007199254740991.0 || std::floor(d) != d) {
            r.fail(key, QStringLiteral("must be a list of positive whole numbers"));
            return {};
        }
        out.push_back(qint64(d));
    }
    return out;
}

void addReorderAndMerge(Router &router, TaxonomyEditor &editor, SkillMerge &merge)
{
    router.add(M::Post, kBase + QStringLiteral("/reorder"), writeAccess(),
               [&editor](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const QJsonObject body = ctx.jsonObject();
                   FieldReader r(body);
                   ReorderRequest request;
                   request.categoryId = r.optionalInteger(QStringLiteral("category_id"), 1,
                                                          std::numeric_limits<qint64>::max());
                   request.ids = readIdList(body, QStringLiteral("ids"), r);
                   r.rejectUnknown({QStringLiteral("category_id"), QStringLiteral("ids"),
                                    QStringLiteral("versions")});
                   requireValid(r, QStringLiteral("Invalid order"));
                   // The versions are this list's If-Match: without them a reorder could undo
                   // another that the caller never saw.
                   if (!body.contains(QStringLiteral("versions")))
                       throw DomainError(428, problemtype::kPreconditionRequired,
                                         QStringLiteral("Precondition required"),
                                         QStringLiteral("Send versions: the version of each id "
                                                        "as last read, in the same order."));
                   request.versions = readIdList(body, QStringLiteral("versions"), r);
                   requireValid(r, QStringLiteral("Invalid order"));
                   return HttpResponse::json(200, editor.reorder(actorOf(ctx), request));
               });
    router.add(M::Post, kBase + QStringLiteral("/skills/{id}/merge"), writeAccess(),
               [&merge](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   const qint64 id = ctx.idArgument(0);
                   const QJsonObject body = ctx.jsonObject();
                   FieldReader r(body);
                   const qint64 into = r.requiredInteger(QStringLiteral("into"), 1,
                                                         std::numeric_limits<qint64>::max());
                   const bool dryRun = r.optionalBool(QStringLiteral("dry_run"), false);
                   r.rejectUnknown({QStringLiteral("into"), QStringLiteral("dry_run")});
                   requireValid(r, QStringLiteral("Invalid merge"));
                   if (dryRun)
                       return HttpResponse::json(200, merge.preview(id, into).toJson(false));
                   const VersionPrecondition precondition = ifMatch(ctx);
                   const MergePlan done = merge.apply(actorOf(ctx), id, into, precondition);
                   return withEtag(HttpResponse::json(200, done.toJson(true)), done.from.version);
               });
}

} // namespace

void registerAdminTaxonomyRoutes(Router &router, Services &services)
{
    auto &editor = services.keep(
        std::make_shared<TaxonomyEditor>(services.db, services.audit, services.events));
    auto &merge = services.keep(
        std::make_shared<SkillMerge>(services.db, services.clock, services.audit, services.events));
    addReadRoutes(router, services);
    addCategoryWrites(router, editor);
    addSkillWrites(router, editor);
    addReorderAndMerge(router, editor, merge);
}

} // namespace skillex::server
