// The admin view of taxonomy nodes: every translation, aliases, status, merges, usage counts.
#pragma once

#include "server/domain/taxonomy/localizednames.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace skillex::server {

QJsonObject namesJson(const LocalizedNames &names);
// The codes of the empty translations among de, it, hi (en is always present).
QStringList missingTranslations(const LocalizedNames &names);

struct AdminCategory {
    qint64 id = 0;
    QString slug;
    LocalizedNames names;
    int position = 0;
    int version = 1;
    int activeSkills = 0;
    int deprecatedSkills = 0; // merged ones not counted

    QJsonObject toJson() const;
};

struct SkillUsage {
    int teach = 0; // member skills in each direction
    int learn = 0;
    int sessions = 0; // sessions in any state
};

struct AdminSkill {
    qint64 id = 0;
    qint64 categoryId = 0;
    int categoryPosition = 0;
    QString slug;
    LocalizedNames names;
    QStringList aliases; // sorted
    QString status;      // "active" or "deprecated"
    std::optional<qint64> mergedInto;
    int position = 0;
    int version = 1;
    SkillUsage usage;

    bool isMerged() const { return mergedInto.has_value(); }
    QList<qint64> sortKey() const { return {categoryPosition, categoryId, position, id}; }
    QJsonObject toJson() const;
};

// Reads nodes on the caller's connection, so writers see their own uncommitted changes.
namespace taxonomynodes {

QList<AdminCategory> categories(QSqlDatabase &db); // in position order
std::optional<AdminCategory> category(QSqlDatabase &db, qint64 id);
// Every skill (merged ones too) in browsing order, optionally of one category.
QList<AdminSkill> skills(QSqlDatabase &db, std::optional<qint64> categoryId = std::nullopt);
std::optional<AdminSkill> skill(QSqlDatabase &db, qint64 id);
QList<AdminSkill> skillsByIds(QSqlDatabase &db, const QList<qint64> &ids);

QByteArray etag(int version); // "\"3\""

} // namespace taxonomynodes

} // namespace skillex::server
