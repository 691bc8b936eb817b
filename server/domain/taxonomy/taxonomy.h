// Browsing the skills taxonomy: categories, skill search in any language, merges resolved.
#pragma once

#include "server/domain/taxonomy/localizednames.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace skillex::server {

struct SkillCategory {
    qint64 id = 0;
    QString slug;
    LocalizedNames names;
    int position = 0;
    int version = 1;
    int skillCount = 0; // active skills, merged ones not counted

    QJsonObject toJson(Language language) const;
};

struct Skill {
    qint64 id = 0;
    qint64 categoryId = 0;
    QString slug;
    LocalizedNames names;
    QStringList aliases;
    QString status; // "active" or "deprecated"
    std::optional<qint64> mergedInto;
    int position = 0;
    int version = 1;
    int categoryPosition = 0;

    // Order of browsing: category position, category, skill position, skill.
    QList<qint64> sortKey() const;
    QJsonObject toJson(Language language) const;
};

struct SkillDetail {
    Skill skill;
    SkillCategory category;
    qint64 requestedId = 0; // differs from skill.id when the requested skill was merged away

    QJsonObject toJson(Language language) const;
};

struct SkillSearch {
    std::optional<qint64> categoryId;
    QString text; // matched against names in every language, aliases and the slug
    bool includeDeprecated = false;
};

class Taxonomy {
public:
    explicit Taxonomy(Database &db);

    QList<SkillCategory> categories();
    // Matching skills in browsing order. A merged skill shows as the skill it was merged into,
    // once; the category and deprecation filters apply to that target.
    QList<Skill> search(const SkillSearch &search);
    // The skill, or the skill it was merged into; nullopt when there is no such skill.
    std::optional<SkillDetail> find(qint64 id);

private:
    struct Snapshot;
    Snapshot load();

    Database &m_db;
};

} // namespace skillex::server
