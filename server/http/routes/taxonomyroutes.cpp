// Browsing the skills taxonomy (open to everyone): categories, skill search, one skill.
#include "server/http/routes/routes.h"

#include "server/domain/domainerror.h"
#include "server/domain/taxonomy/taxonomy.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/queryparams.h"

#include <QJsonArray>

namespace skillex::server {
namespace {

using namespace protocol;

constexpr int kMaxSearchLength = 100;

DomainError badParameter(const QString &name, const QString &problem)
{
    return DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
        .withFieldErrors({{name, problem}});
}

QString keysetText(const QList<qint64> &key)
{
    QStringList parts;
    for (qint64 k : key)
        parts.push_back(QString::number(k));
    return parts.join(QLatin1Char(':'));
}

// The whole list is in memory already (the taxonomy is small), so a page is a slice after the
// cursor's sort key; a key that is gone since (a skill deprecated) still orders correctly.
template <typename T, typename KeyFn, typename JsonFn>
QJsonObject pageOf(const QList<T> &items, const ListQuery &list, KeyFn key, JsonFn toJson)
{
    std::optional<QList<qint64>> after;
    if (list.after()) {
        QList<qint64> parsed;
        bool ok = true;
        for (const QString &part : list.after()->split(QLatin1Char(':'))) {
            parsed.push_back(part.toLongLong(&ok));
            if (!ok)
                break;
        }
        if (!ok)
            throw badParameter(QStringLiteral("after"),
                               QStringLiteral("is not a cursor this server gave out"));
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
        out.push_back(toJson(item));
        lastKey = k;
    }
    return ListQuery::page(out, next);
}

} // namespace

void registerTaxonomyRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    auto &taxonomy = services.keep(std::make_shared<Taxonomy>(services.db));

    router.add(M::Get, QStringLiteral("/api/v1/skills/categories"), Access::open(),
               [&taxonomy](RequestContext &ctx) {
                   const ListQuery list(ctx.request(), {QStringLiteral("lang")});
                   const Language language = languageParam(ctx.request());
                   return HttpResponse::json(
                       200, pageOf(
                                taxonomy.categories(), list,
                                [](const SkillCategory &c) {
                                    return QList<qint64>{c.position, c.id};
                                },
                                [language](const SkillCategory &c) { return c.toJson(language); }));
               });

    router.add(
        M::Get, QStringLiteral("/api/v1/skills"), Access::open(), [&taxonomy](RequestContext &ctx) {
            const ListQuery list(ctx.request(),
                                 {QStringLiteral("lang"), QStringLiteral("category"),
                                  QStringLiteral("q"), QStringLiteral("include_deprecated")});
            const Language language = languageParam(ctx.request());
            SkillSearch search;
            if (const auto category = list.value(QStringLiteral("category"))) {
                bool ok = false;
                search.categoryId = category->toLongLong(&ok);
                if (!ok || *search.categoryId <= 0)
                    throw badParameter(QStringLiteral("category"),
                                       QStringLiteral("must be a category id"));
            }
            if (const auto q = list.value(QStringLiteral("q"))) {
                if (q->size() > kMaxSearchLength)
                    throw badParameter(
                        QStringLiteral("q"),
                        QStringLiteral("must be at most %1 characters").arg(kMaxSearchLength));
                search.text = *q;
            }
            if (const auto deprecated = list.value(QStringLiteral("include_deprecated"))) {
                if (*deprecated != QLatin1String("true") && *deprecated != QLatin1String("false"))
                    throw badParameter(QStringLiteral("include_deprecated"),
                                       QStringLiteral("must be true or false"));
                search.includeDeprecated = *deprecated == QLatin1String("true");
            }
            return HttpResponse::json(
                200, pageOf(
                         taxonomy.search(search), list, [](const Skill &s) { return s.sortKey(); },
                         [language](const Skill &s) { return s.toJson(language); }));
        });

    router.add(M::Get, QStringLiteral("/api/v1/skills/{id}"), Access::open(),
               [&taxonomy](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {QStringLiteral("lang")});
                   const Language language = languageParam(ctx.request());
                   const qint64 id = ctx.idArgument(0);
                   const auto detail = taxonomy.find(id);
                   if (!detail)
                       throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                         QStringLiteral("There is no skill %1.").arg(id));
                   return HttpResponse::json(200, detail->toJson(language));
               });
}

} // namespace skillex::server
