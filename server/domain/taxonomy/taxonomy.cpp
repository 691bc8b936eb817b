// The taxonomy is small and curated (hundreds of skills), so a search reads it whole and
// matches in C++: SQLite's LOWER() folds ASCII only and PostgreSQL's depends on the server's
// locale, while "Ölmalerei" must match "ÖLMALEREI" on both.
#include "server/domain/taxonomy/taxonomy.h"

#include "server/storage/sqlquery.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace skillex::server {
namespace {

// Merges chain (A into B, later B into C); a bound keeps a corrupt cycle from looping forever.
constexpr int kMaxMergeHops = 16;

QJsonObject localizedJson(const LocalizedNames &names, Language language)
{
    const LocalizedName name = localize(names, language);
    return {{QStringLiteral("name"), name.text}, {QStringLiteral("name_fallback"), name.fallback}};
}

LocalizedNames namesAt(const SqlQuery &q, int firstColumn)
{
    return {q.string(firstColumn), q.string(firstColumn + 1), q.string(firstColumn + 2),
            q.string(firstColumn + 3)};
}

bool matches(const Skill &skill, const QString &folded)
{
    if (folded.isEmpty())
        return true;
    const auto has = [&folded](const QString &text) {
        return text.toCaseFolded().contains(folded);
    };
    return has(skill.names.en) || has(skill.names.de) || has(skill.names.it) ||
           has(skill.names.hi) || has(skill.slug) ||
           std::any_of(skill.aliases.cbegin(), skill.aliases.cend(), has);
}

} // namespace

QJsonObject SkillCategory::toJson(Language language) const
{
    QJsonObject o = localizedJson(names, language);
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("slug"), slug);
    o.insert(QStringLiteral("position"), position);
    o.insert(QStringLiteral("skill_count"), skillCount);
    o.insert(QStringLiteral("version"), version);
    return o;
}

QList<qint64> Skill::sortKey() const
{
    return {categoryPosition, categoryId, position, id};
}

QJsonObject Skill::toJson(Language language) const
{
    QJsonObject o = localizedJson(names, language);
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("slug"), slug);
    o.insert(QStringLiteral("category_id"), categoryId);
    o.insert(QStringLiteral("aliases"), QJsonArray::fromStringList(aliases));
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("position"), position);
    o.insert(QStringLiteral("version"), version);
    return o;
}

QJsonObject SkillDetail::toJson(Language language) const
{
    QJsonObject o = skill.toJson(language);
    o.insert(QStringLiteral("names"), QJsonObject{{QStringLiteral("en"), skill.names.en},
                                                  {QStringLiteral("de"), skill.names.de},
                                                  {QStringLiteral("it"), skill.names.it},
                                                  {QStringLiteral("hi"), skill.names.hi}});
    QJsonObject c = localizedJson(category.names, language);
    c.insert(QStringLiteral("id"), category.id);
    c.insert(QStringLiteral("slug"), category.slug);
    o.insert(QStringLiteral("category"), c);
    if (requestedId != skill.id)
        o.insert(QStringLiteral("resolved_from"), requestedId);
    return o;
}

struct Taxonomy::Snapshot {
    QList<SkillCategory> categories; // in position order
    QHash<qint64, Skill> skills;

    const Skill *resolve(qint64 id) const
    {
        auto it = skills.constFind(id);
        if (it == skills.cend())
            return nullptr;
        const Skill *skill = &*it;
        for (int hop = 0; hop < kMaxMergeHops && skill->mergedInto; ++hop) {
            auto next = skills.constFind(*skill->mergedInto);
            if (next == skills.cend())
                break;
            skill = &*next;
        }
        return skill;
    }
};

Taxonomy::Taxonomy(Database &db)
    : m_db(db)
{}

Taxonomy::Snapshot Taxonomy::load()
{
    return m_db.read([](QSqlDatabase &db) {
        Snapshot s;
        QHash<qint64, int> categoryPositions;
        SqlQuery cats(db, QStringLiteral("SELECT id, slug, name_en, name_de, name_it, name_hi, "
                                         "position, version FROM skill_categories "
                                         "ORDER BY position, id"));
        cats.exec();
        while (cats.next()) {
            SkillCategory c;
            c.id = cats.int64(0);
            c.slug = cats.string(1);
            c.names = namesAt(cats, 2);
            c.position = cats.value(6).toInt();
            c.version = cats.value(7).toInt();
            categoryPositions.insert(c.id, c.position);
            s.categories.push_back(c);
        }
        SqlQuery skills(db, QStringLiteral("SELECT id, category_id, slug, name_en, name_de, "
                                           "name_it, name_hi, status, merged_into, position, "
                                           "version FROM skills"));
        skills.exec();
        while (skills.next()) {
            Skill k;
            k.id = skills.int64(0);
            k.categoryId = skills.int64(1);
            k.slug = skills.string(2);
            k.names = namesAt(skills, 3);
            k.status = skills.string(7);
            k.mergedInto = skills.optionalInt64(8);
            k.position = skills.value(9).toInt();
            k.version = skills.value(10).toInt();
            k.categoryPosition = categoryPositions.value(k.categoryId);
            s.skills.insert(k.id, k);
        }
        SqlQuery aliases(db, QStringLiteral("SELECT skill_id, alias FROM skill_aliases "
                                            "ORDER BY skill_id, alias"));
        aliases.exec();
        while (aliases.next()) {
            auto it = s.skills.find(aliases.int64(0));
            if (it != s.skills.end())
                it->aliases.push_back(aliases.string(1));
        }
        QHash<qint64, int> counts;
        for (const Skill &k : std::as_const(s.skills)) {
            if (k.status == QLatin1String("active") && !k.mergedInto)
                ++counts[k.categoryId];
        }
        for (SkillCategory &c : s.categories)
            c.skillCount = counts.value(c.id);
        return s;
    });
}

QList<SkillCategory> Taxonomy::categories()
{
    return load().categories;
}

QList<Skill> Taxonomy::search(const SkillSearch &search)
{
    const Snapshot s = load();
    const QString folded = search.text.simplified().toCaseFolded();
    QHash<qint64, const Skill *> found;
    for (const Skill &k : s.skills) {
        if (!matches(k, folded))
            continue;
        const Skill *target = s.resolve(k.id);
        if (target->mergedInto)
            continue; // a broken or cyclic chain: show nothing rather than a dead skill
        if (search.categoryId && target->categoryId != *search.categoryId)
            continue;
        if (!search.includeDeprecated && target->status != QLatin1String("active"))
            continue;
        found.insert(target->id, target);
    }
    QList<Skill> out;
    out.reserve(found.size());
    for (const Skill *k : std::as_const(found))
        out.push_back(*k);
    std::sort(out.begin(), out.end(),
              [](const Skill &a, const Skill &b) { return a.sortKey() < b.sortKey(); });
    return out;
}

std::optional<SkillDetail> Taxonomy::find(qint64 id)
{
    const Snapshot s = load();
    const Skill *target = s.resolve(id);
    if (!target)
        return std::nullopt;
    SkillDetail d;
    d.skill = *target;
    d.requestedId = id;
    for (const SkillCategory &c : s.categories) {
        if (c.id == target->categoryId)
            d.category = c;
    }
    return d;
}

} // namespace skillex::server
