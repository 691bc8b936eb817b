// Loading admin taxonomy nodes. Usage counts come from two grouped queries over the same
// filter as the skills, so a list costs three queries however long it is.
#include "server/domain/taxonomy/taxonomynodes.h"

#include "server/storage/sqlquery.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace skillex::server {
namespace {

LocalizedNames namesAt(const SqlQuery &q, int first)
{
    return {q.string(first), q.string(first + 1), q.string(first + 2), q.string(first + 3)};
}

// where is a condition on skills aliased "s", with :c bound when it names it.
QList<AdminSkill> loadSkills(QSqlDatabase &db, const QString &where,
                             std::optional<qint64> categoryId)
{
    const auto run = [&categoryId](SqlQuery &q) {
        if (categoryId)
            q.bind(QStringLiteral(":c"), *categoryId);
        q.exec();
    };
    QHash<qint64, AdminSkill> byId;
    QList<qint64> order;
    {
        SqlQuery q(db, QStringLiteral("SELECT s.id, s.category_id, c.position, s.slug, s.name_en, "
                                      "s.name_de, s.name_it, s.name_hi, s.status, s.merged_into, "
                                      "s.position, s.version FROM skills s JOIN skill_categories c "
                                      "ON c.id = s.category_id WHERE ") +
                           where);
        run(q);
        while (q.next()) {
            AdminSkill k;
            k.id = q.int64(0);
            k.categoryId = q.int64(1);
            k.categoryPosition = q.value(2).toInt();
            k.slug = q.string(3);
            k.names = namesAt(q, 4);
            k.status = q.string(8);
            k.mergedInto = q.optionalInt64(9);
            k.position = q.value(10).toInt();
            k.version = q.value(11).toInt();
            byId.insert(k.id, k);
            order.push_back(k.id);
        }
    }
    if (byId.isEmpty())
        return {};
    {
        SqlQuery q(db, QStringLiteral("SELECT a.skill_id, a.alias FROM skill_aliases a JOIN "
                                      "skills s ON s.id = a.skill_id WHERE ") +
                           where + QStringLiteral(" ORDER BY a.skill_id, a.alias"));
        run(q);
        while (q.next()) {
            if (auto it = byId.find(q.int64(0)); it != byId.end())
                it->aliases.push_back(q.string(1));
        }
    }
    {
        SqlQuery q(db, QStringLiteral("SELECT ms.skill_id, ms.direction, COUNT(*) FROM "
                                      "member_skills ms JOIN skills s ON s.id = ms.skill_id "
                                      "WHERE ") +
                           where + QStringLiteral(" GROUP BY ms.skill_id, ms.direction"));
        run(q);
        while (q.next()) {
            if (auto it = byId.find(q.int64(0)); it != byId.end()) {
                if (q.string(1) == QLatin1String("teach"))
                    it->usage.teach = q.value(2).toInt();
                else
                    it->usage.learn = q.value(2).toInt();
            }
        }
    }
    {
        SqlQuery q(db, QStringLiteral("SELECT x.skill_id, COUNT(*) FROM sessions x JOIN skills s "
                                      "ON s.id = x.skill_id WHERE ") +
                           where + QStringLiteral(" GROUP BY x.skill_id"));
        run(q);
        while (q.next()) {
            if (auto it = byId.find(q.int64(0)); it != byId.end())
                it->usage.sessions = q.value(1).toInt();
        }
    }
    QList<AdminSkill> out;
    out.reserve(order.size());
    for (qint64 id : std::as_const(order))
        out.push_back(byId.value(id));
    std::sort(out.begin(), out.end(),
              [](const AdminSkill &a, const AdminSkill &b) { return a.sortKey() < b.sortKey(); });
    return out;
}

QList<AdminCategory> loadCategories(QSqlDatabase &db, std::optional<qint64> id)
{
    QList<AdminCategory> out;
    SqlQuery q(db, QStringLiteral("SELECT c.id, c.slug, c.name_en, c.name_de, c.name_it, "
                                  "c.name_hi, c.position, c.version, "
                                  "(SELECT COUNT(*) FROM skills s WHERE s.category_id = c.id AND "
                                  "s.merged_into IS NULL AND s.status = 'active'), "
                                  "(SELECT COUNT(*) FROM skills s WHERE s.category_id = c.id AND "
                                  "s.merged_into IS NULL AND s.status = 'deprecated') "
                                  "FROM skill_categories c ") +
                       (id ? QStringLiteral("WHERE c.id = :id ") : QString()) +
                       QStringLiteral("ORDER BY c.position, c.id"));
    if (id)
        q.bind(QStringLiteral(":id"), *id);
    q.exec();
    while (q.next()) {
        AdminCategory c;
        c.id = q.int64(0);
        c.slug = q.string(1);
        c.names = namesAt(q, 2);
        c.position = q.value(6).toInt();
        c.version = q.value(7).toInt();
        c.activeSkills = q.value(8).toInt();
        c.deprecatedSkills = q.value(9).toInt();
        out.push_back(c);
    }
    return out;
}

} // namespace

QJsonObject namesJson(const LocalizedNames &names)
{
    return {{QStringLiteral("en"), names.en},
            {QStringLiteral("de"), names.de},
            {QStringLiteral("it"), names.it},
            {QStringLiteral("hi"), names.hi}};
}

QStringList missingTranslations(const LocalizedNames &names)
{
    QStringList out;
    for (Language l : {Language::De, Language::It, Language::Hi}) {
        if (names.in(l).trimmed().isEmpty())
            out.push_back(languageCode(l));
    }
    return out;
}

QJsonObject AdminCategory::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("slug"), slug},
            {QStringLiteral("names"), namesJson(names)},
            {QStringLiteral("missing_translations"),
             QJsonArray::fromStringList(missingTranslations(names))},
            {QStringLiteral("position"), position},
            {QStringLiteral("version"), version},
            {QStringLiteral("skill_counts"),
             QJsonObject{{QStringLiteral("active"), activeSkills},
                         {QStringLiteral("deprecated"), deprecatedSkills}}}};
}

QJsonObject AdminSkill::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("category_id"), categoryId},
            {QStringLiteral("slug"), slug},
            {QStringLiteral("names"), namesJson(names)},
            {QStringLiteral("missing_translations"),
             QJsonArray::fromStringList(missingTranslations(names))},
            {QStringLiteral("aliases"), QJsonArray::fromStringList(aliases)},
            {QStringLiteral("status"), status},
            {QStringLiteral("merged_into"), mergedInto ? QJsonValue(*mergedInto) : QJsonValue()},
            {QStringLiteral("position"), position},
            {QStringLiteral("version"), version},
            {QStringLiteral("usage"), QJsonObject{{QStringLiteral("teach"), usage.teach},
                                                  {QStringLiteral("learn"), usage.learn},
                                                  {QStringLiteral("sessions"), usage.sessions}}}};
}

namespace taxonomynodes {

QList<AdminCategory> categories(QSqlDatabase &db)
{
    return loadCategories(db, std::nullopt);
}

std::optional<AdminCategory> category(QSqlDatabase &db, qint64 id)
{
    const QList<AdminCategory> found = loadCategories(db, id);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<AdminSkill> skills(QSqlDatabase &db, std::optional<qint64> categoryId)
{
    return loadSkills(db,
                      categoryId ? QStringLiteral("s.category_id = :c") : QStringLiteral("1 = 1"),
                      categoryId);
}

std::optional<AdminSkill> skill(QSqlDatabase &db, qint64 id)
{
    const QList<AdminSkill> found = skillsByIds(db, {id});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<AdminSkill> skillsByIds(QSqlDatabase &db, const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return {};
    // Ids are integers formatted here, never caller text, so inlining them is safe.
    QStringList list;
    for (qint64 id : ids)
        list.push_back(QString::number(id));
    return loadSkills(db, QStringLiteral("s.id IN (%1)").arg(list.join(QLatin1Char(','))),
                      std::nullopt);
}

QByteArray etag(int version)
{
    return '"' + QByteArray::number(version) + '"';
}

} // namespace taxonomynodes

} // namespace skillex::server
