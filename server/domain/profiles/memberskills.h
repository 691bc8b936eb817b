// A member's skills: what they teach or learn, how well (a tier), and whether peers verified it.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/taxonomy/localizednames.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace skillex::server {

inline constexpr int kMaxMemberSkills = 100;

struct MemberSkill {
    qint64 id = 0;
    qint64 userId = 0;
    qint64 skillId = 0;
    QString skillSlug;
    LocalizedNames skillNames;
    QString direction; // "teach" or "learn"
    int proficiency = 0;
    std::optional<qint64> verifiedAt;
    int assessmentCount = 0;
    qint64 createdAt = 0;

    QJsonObject toJson(Language language) const;
};

// Reads inside the caller's transaction or read.
QList<MemberSkill> memberSkillsOf(QSqlDatabase &db, qint64 userId, qint64 afterId, int limit);
std::optional<MemberSkill> memberSkillById(QSqlDatabase &db, qint64 memberSkillId);

class MemberSkills {
public:
    MemberSkills(Database &db, const Clock &clock, EventLog &events);

    QList<MemberSkill> list(qint64 userId, qint64 afterId, int limit);
    // A skill merged away is added as the skill it was merged into. Throws DomainError: 400 for
    // an unknown skill, 409 for a deprecated one, a duplicate (skill and direction) or too many.
    MemberSkill add(qint64 userId, qint64 skillId, const QString &direction, int proficiency);
    // Throws DomainError 404 unless the member skill is the member's own.
    MemberSkill setProficiency(qint64 userId, qint64 memberSkillId, int proficiency);
    void remove(qint64 userId, qint64 memberSkillId);

private:
    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
};

} // namespace skillex::server
