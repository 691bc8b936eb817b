// Member skills change under the member's profile lock, so the limit and the one-per-skill-and-
// direction rule hold under concurrent requests; every change appends its event last.
#include "server/domain/profiles/memberskills.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/profiles/memberlock.h"
#include "server/domain/profiles/skilltier.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {
namespace {

using namespace protocol;

constexpr int kMaxMergeHops = 16;

const QString kSelect = QStringLiteral(
    "SELECT ms.id, ms.user_id, ms.skill_id, s.slug, s.name_en, s.name_de, s.name_it, s.name_hi, "
    "ms.direction, ms.proficiency, ms.verified_at, ms.created_at, "
    "(SELECT COUNT(*) FROM skill_assessments a WHERE a.member_skill_id = ms.id) "
    "FROM member_skills ms JOIN skills s ON s.id = ms.skill_id ");

MemberSkill rowAt(const SqlQuery &q)
{
    MemberSkill m;
    m.id = q.int64(0);
    m.userId = q.int64(1);
    m.skillId = q.int64(2);
    m.skillSlug = q.string(3);
    m.skillNames = {q.string(4), q.string(5), q.string(6), q.string(7)};
    m.direction = q.string(8);
    m.proficiency = q.value(9).toInt();
    m.verifiedAt = q.optionalInt64(10);
    m.createdAt = q.int64(11);
    m.assessmentCount = q.value(12).toInt();
    return m;
}

DomainError notFound(qint64 memberSkillId)
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("You have no skill entry %1.").arg(memberSkillId));
}

DomainError notAMember()
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("There is no member profile for this account."));
}

struct ResolvedSkill {
    qint64 id = 0;
    QString status;
};

// Follows merges: adding a skill that was merged away adds the skill that absorbed it.
std::optional<ResolvedSkill> resolveSkill(QSqlDatabase &tx, qint64 skillId)
{
    std::optional<ResolvedSkill> found;
    qint64 id = skillId;
    for (int hop = 0; hop <= kMaxMergeHops; ++hop) {
        SqlQuery q(tx, QStringLiteral("SELECT status, merged_into FROM skills WHERE id = :id"));
        q.bind(QStringLiteral(":id"), id).exec();
        if (!q.next())
            break;
        found = ResolvedSkill{id, q.string(0)};
        const auto next = q.optionalInt64(1);
        if (!next)
            break;
        id = *next;
    }
    return found;
}

} // namespace

QJsonObject MemberSkill::toJson(Language language) const
{
    const LocalizedName name = localize(skillNames, language);
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("skill_id"), skillId},
        {QStringLiteral("skill"), QJsonObject{{QStringLiteral("id"), skillId},
                                              {QStringLiteral("slug"), skillSlug},
                                              {QStringLiteral("name"), name.text},
                                              {QStringLiteral("name_fallback"), name.fallback}}},
        {QStringLiteral("direction"), direction},
        {QStringLiteral("proficiency"), proficiency},
        {QStringLiteral("tier"), tierName(tierFor(proficiency))},
        {QStringLiteral("verified"), verifiedAt.has_value()},
        {QStringLiteral("verified_at"),
         verifiedAt ? QJsonValue(toWireTime(*verifiedAt)) : QJsonValue()},
        {QStringLiteral("assessment_count"), assessmentCount},
        {QStringLiteral("created_at"), toWireTime(createdAt)}};
}

QList<MemberSkill> memberSkillsOf(QSqlDatabase &db, qint64 userId, qint64 afterId, int limit)
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE ms.user_id = :u AND ms.id > :after "
                                            "ORDER BY ms.id LIMIT :n"));
    q.bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":after"), afterId)
        .bind(QStringLiteral(":n"), limit)
        .exec();
    QList<MemberSkill> out;
    while (q.next())
        out.push_back(rowAt(q));
    return out;
}

std::optional<MemberSkill> memberSkillById(QSqlDatabase &db, qint64 memberSkillId)
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE ms.id = :id"));
    q.bind(QStringLiteral(":id"), memberSkillId).exec();
    if (!q.next())
        return std::nullopt;
    return rowAt(q);
}

MemberSkills::MemberSkills(Database &db, const Clock &clock, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_events(events)
{}

QList<MemberSkill> MemberSkills::list(qint64 userId, qint64 afterId, int limit)
{
    return m_db.read([&](QSqlDatabase &db) { return memberSkillsOf(db, userId, afterId, limit); });
}

MemberSkill MemberSkills::add(qint64 userId, qint64 skillId, const QString &direction,
                              int proficiency)
{
    return m_db.write([&](QSqlDatabase &tx) {
        if (!lockMember(tx, userId))
            throw notAMember();
        const auto skill = resolveSkill(tx, skillId);
        if (!skill)
            throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid skill"),
                              QStringLiteral("There is no skill %1.").arg(skillId))
                .withFieldErrors({{QStringLiteral("skill_id"), QStringLiteral("is not a skill")}});
        if (skill->status != QLatin1String("active"))
            throw DomainError(
                409, problemtype::kConflict, QStringLiteral("Skill deprecated"),
                QStringLiteral("Skill %1 is deprecated; choose another skill.").arg(skill->id));
        SqlQuery count(tx, QStringLiteral("SELECT COUNT(*) FROM member_skills WHERE user_id = :u"));
        count.bind(QStringLiteral(":u"), userId).exec();
        if (count.scalar().value_or(0).toInt() >= kMaxMemberSkills)
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Too many skills"),
                              QStringLiteral("A member lists at most %1 skills; remove one first.")
                                  .arg(kMaxMemberSkills));
        SqlQuery dup(tx, QStringLiteral("SELECT id FROM member_skills WHERE user_id = :u AND "
                                        "skill_id = :s AND direction = :d"));
        dup.bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":s"), skill->id)
            .bind(QStringLiteral(":d"), direction)
            .exec();
        if (dup.next())
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Skill already listed"),
                              QStringLiteral("You already list skill %1 to %2 (entry %3).")
                                  .arg(skill->id)
                                  .arg(direction)
                                  .arg(dup.int64(0)))
                .withExtension(QStringLiteral("existing_id"), dup.int64(0));
        SqlQuery insert(tx, QStringLiteral("INSERT INTO member_skills (user_id, skill_id, "
                                           "direction, proficiency, created_at) "
                                           "VALUES (:u, :s, :d, :p, :t) RETURNING id"));
        insert.bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":s"), skill->id)
            .bind(QStringLiteral(":d"), direction)
            .bind(QStringLiteral(":p"), proficiency)
            .bind(QStringLiteral(":t"), m_clock.nowMs())
            .exec();
        const qint64 id = insert.scalar().value_or(0).toLongLong();
        const MemberSkill added = memberSkillById(tx, id).value();
        m_events.append(tx, {QStringLiteral("member.skill_added"), userId,
                             QStringLiteral("member_skill"), QString::number(id),
                             QJsonObject{{QStringLiteral("user_id"), userId},
                                         {QStringLiteral("skill_id"), skill->id},
                                         {QStringLiteral("direction"), direction},
                                         {QStringLiteral("proficiency"), proficiency}}});
        return added;
    });
}

MemberSkill MemberSkills::setProficiency(qint64 userId, qint64 memberSkillId, int proficiency)
{
    return m_db.write([&](QSqlDatabase &tx) {
        if (!lockMember(tx, userId))
            throw notAMember();
        SqlQuery update(tx, QStringLiteral("UPDATE member_skills SET proficiency = :p "
                                           "WHERE id = :id AND user_id = :u"));
        update.bind(QStringLiteral(":p"), proficiency)
            .bind(QStringLiteral(":id"), memberSkillId)
            .bind(QStringLiteral(":u"), userId)
            .exec();
        if (update.rowsAffected() == 0)
            throw notFound(memberSkillId);
        const MemberSkill updated = memberSkillById(tx, memberSkillId).value();
        m_events.append(tx, {QStringLiteral("member.skill_updated"), userId,
                             QStringLiteral("member_skill"), QString::number(memberSkillId),
                             QJsonObject{{QStringLiteral("user_id"), userId},
                                         {QStringLiteral("proficiency"), proficiency}}});
        return updated;
    });
}

void MemberSkills::remove(qint64 userId, qint64 memberSkillId)
{
    m_db.write([&](QSqlDatabase &tx) {
        if (!lockMember(tx, userId))
            throw notAMember();
        const auto existing = memberSkillById(tx, memberSkillId);
        if (!existing || existing->userId != userId)
            throw notFound(memberSkillId);
        // Its assessments go with it (ON DELETE CASCADE).
        SqlQuery(tx, QStringLiteral("DELETE FROM member_skills WHERE id = :id"))
            .bind(QStringLiteral(":id"), memberSkillId)
            .exec();
        m_events.append(tx, {QStringLiteral("member.skill_removed"), userId,
                             QStringLiteral("member_skill"), QString::number(memberSkillId),
                             QJsonObject{{QStringLiteral("user_id"), userId},
                                         {QStringLiteral("skill_id"), existing->skillId},
                                         {QStringLiteral("direction"), existing->direction}}});
    });
}

} // namespace skillex::server
