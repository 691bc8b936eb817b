// Shared parts of taxonomy writes. Clash checks read the live skills whole and compare in C++
// with Unicode case folding, for the same reason the public search does (taxonomy.cpp).
#include "server/domain/taxonomy/taxonomychange.h"

#include "server/storage/sqlquery.h"

#include <QSet>

namespace skillex::server::taxonomychange {

using namespace protocol;

DomainError notFound(const QString &what, qint64 id)
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("There is no %1 %2.").arg(what).arg(id));
}

DomainError conflict(const QString &detail, QMap<QString, QString> fieldErrors)
{
    DomainError e(409, problemtype::kConflict, QStringLiteral("Conflict"), detail);
    if (!fieldErrors.isEmpty())
        e.withFieldErrors(std::move(fieldErrors));
    return e;
}

DomainError stale(const QJsonObject &current, int version)
{
    return DomainError(
               412, problemtype::kPreconditionFailed, QStringLiteral("Version changed"),
               QStringLiteral("It was changed since; the current version is %1.").arg(version))
        .withExtension(QStringLiteral("current"), current)
        .withHeader("ETag", taxonomynodes::etag(version));
}

DomainError invalid(const QString &title, QMap<QString, QString> fieldErrors)
{
    QStringList parts;
    for (auto it = fieldErrors.cbegin(); it != fieldErrors.cend(); ++it)
        parts.push_back(it.key() + QLatin1Char(' ') + it.value());
    return DomainError(400, problemtype::kValidation, title, parts.join(QStringLiteral("; ")))
        .withFieldErrors(std::move(fieldErrors));
}

void lockCategories(QSqlDatabase &tx, std::optional<qint64> categoryId)
{
    if (categoryId) {
        SqlQuery(tx,
                 QStringLiteral("UPDATE skill_categories SET position = position WHERE id = :c"))
            .bind(QStringLiteral(":c"), *categoryId)
            .exec();
    } else {
        SqlQuery(tx, QStringLiteral("UPDATE skill_categories SET position = position")).exec();
    }
}

QMap<QString, QString> skillClashes(QSqlDatabase &tx, qint64 selfId, const QString &slug,
                                    const LocalizedNames &names, const QStringList &aliases)
{
    QMap<QString, QString> out;
    const auto other = [](qint64 id, const QString &otherSlug) {
        return QStringLiteral("skill %1 (%2)").arg(id).arg(otherSlug);
    };
    SqlQuery slugs(tx, QStringLiteral("SELECT id FROM skills WHERE slug = :s AND id <> :id"));
    slugs.bind(QStringLiteral(":s"), slug).bind(QStringLiteral(":id"), selfId).exec();
    if (slugs.next())
        out.insert(QStringLiteral("slug"),
                   QStringLiteral("is taken by %1").arg(other(slugs.int64(0), slug)));

    const QString enFolded = names.en.toCaseFolded();
    QList<QString> aliasFolded;
    for (const QString &a : aliases)
        aliasFolded.push_back(a.toCaseFolded());
    SqlQuery live(tx, QStringLiteral("SELECT id, slug, name_en, name_de, name_it, name_hi FROM "
                                     "skills WHERE merged_into IS NULL AND id <> :id"));
    live.bind(QStringLiteral(":id"), selfId).exec();
    while (live.next()) {
        const qint64 id = live.int64(0);
        const QString otherSlug = live.string(1);
        if (live.string(2).toCaseFolded() == enFolded)
            out.insert(QStringLiteral("names.en"),
                       QStringLiteral("is the name of %1").arg(other(id, otherSlug)));
        QSet<QString> taken{otherSlug.toCaseFolded()};
        for (int column = 2; column <= 5; ++column) {
            if (!live.string(column).isEmpty())
                taken.insert(live.string(column).toCaseFolded());
        }
        for (qsizetype i = 0; i < aliasFolded.size(); ++i) {
            if (taken.contains(aliasFolded.at(i)))
                out.insert(QStringLiteral("aliases[%1]").arg(i),
                           QStringLiteral("is a name of %1").arg(other(id, otherSlug)));
        }
    }
    return out;
}

QMap<QString, QString> categoryClashes(QSqlDatabase &tx, qint64 selfId, const QString &slug,
                                       const LocalizedNames &names)
{
    QMap<QString, QString> out;
    SqlQuery q(tx,
               QStringLiteral("SELECT id, slug, name_en FROM skill_categories WHERE id <> :id"));
    q.bind(QStringLiteral(":id"), selfId).exec();
    while (q.next()) {
        const QString label = QStringLiteral("category %1 (%2)").arg(q.int64(0)).arg(q.string(1));
        if (q.string(1) == slug)
            out.insert(QStringLiteral("slug"), QStringLiteral("is taken by ") + label);
        if (q.string(2).toCaseFolded() == names.en.toCaseFolded())
            out.insert(QStringLiteral("names.en"), QStringLiteral("is the name of ") + label);
    }
    return out;
}

QList<qint64> closeGap(QSqlDatabase &tx, qint64 categoryId, int position)
{
    QList<qint64> moved;
    SqlQuery q(tx, QStringLiteral("SELECT id FROM skills WHERE category_id = :c AND merged_into "
                                  "IS NULL AND position > :p"));
    q.bind(QStringLiteral(":c"), categoryId).bind(QStringLiteral(":p"), position).exec();
    while (q.next())
        moved.push_back(q.int64(0));
    SqlQuery(tx, QStringLiteral("UPDATE skills SET position = position - 1, version = version + 1 "
                                "WHERE category_id = :c AND merged_into IS NULL AND position > :p"))
        .bind(QStringLiteral(":c"), categoryId)
        .bind(QStringLiteral(":p"), position)
        .exec();
    return moved;
}

int nextPosition(QSqlDatabase &tx, std::optional<qint64> categoryId)
{
    SqlQuery q(tx, categoryId ? QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM skills "
                                               "WHERE category_id = :c AND merged_into IS NULL")
                              : QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM "
                                               "skill_categories"));
    if (categoryId)
        q.bind(QStringLiteral(":c"), *categoryId);
    return q.exec().scalar().value_or(0).toInt() + 1;
}

QJsonArray toJsonArray(const QList<AdminSkill> &skills)
{
    QJsonArray out;
    for (const AdminSkill &s : skills)
        out.push_back(s.toJson());
    return out;
}

QJsonArray toJsonArray(const QList<AdminCategory> &categories)
{
    QJsonArray out;
    for (const AdminCategory &c : categories)
        out.push_back(c.toJson());
    return out;
}

void record(QSqlDatabase &tx, AuditLog &audit, EventLog &events, const TaxonomyActor &actor,
            const Change &change)
{
    const QString &target = change.targetId;
    audit.append(tx, {actor.id,
                      actor.email,
                      change.action,
                      change.targetType,
                      target,
                      {},
                      change.before,
                      change.after,
                      actor.address,
                      actor.requestId});
    QJsonObject data = change.extra;
    data.insert(QStringLiteral("categories"), toJsonArray(change.categories));
    data.insert(QStringLiteral("skills"), toJsonArray(change.skills));
    events.append(tx, {change.action, actor.id, change.targetType, target, data});
}

} // namespace skillex::server::taxonomychange
