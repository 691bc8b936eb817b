// The member skill's row is locked first, so concurrent assessments count each other: the third
// distinct assessor always verifies, exactly once.
#include "server/domain/profiles/assessments.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {
namespace {

using namespace protocol;

// The sessions a user took part in: those they taught, and those where their booking completed.
// The id is bound twice, under two names: a placeholder repeated in one statement is not portable
// across Qt's SQL drivers.
QString sessionsOf(const QString &asTeacher, const QString &asLearner)
{
    return QStringLiteral("SELECT id FROM sessions WHERE teacher_id = %1 UNION SELECT session_id "
                          "FROM bookings WHERE learner_id = %2 AND status = 'completed'")
        .arg(asTeacher, asLearner);
}

} // namespace

QJsonObject Assessment::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("member_skill_id"), memberSkillId},
            {QStringLiteral("assessor_id"), assessorId},
            {QStringLiteral("score"), score},
            {QStringLiteral("created_at"), toWireTime(createdAt)},
            {QStringLiteral("assessment_count"), assessmentCount},
            {QStringLiteral("verified"), verifiedAt.has_value()},
            {QStringLiteral("verified_at"),
             verifiedAt ? QJsonValue(toWireTime(*verifiedAt)) : QJsonValue()}};
}

Assessments::Assessments(Database &db, const Clock &clock, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_events(events)
{}

bool Assessments::sharedCompletedSession(QSqlDatabase &db, qint64 a, qint64 b)
{
    // A teacher took part once the session (or a booking in it) completed; a cancelled or
    // no-show session gives no standing to assess.
    SqlQuery q(db, QStringLiteral("SELECT 1 FROM sessions s WHERE s.id IN (%1) AND s.id IN (%2) "
                                  "AND (s.status = 'completed' OR EXISTS (SELECT 1 FROM bookings c "
                                  "WHERE c.session_id = s.id AND c.status = 'completed')) LIMIT 1")
                       .arg(sessionsOf(QStringLiteral(":a1"), QStringLiteral(":a2")),
                            sessionsOf(QStringLiteral(":b1"), QStringLiteral(":b2"))));
    q.bind(QStringLiteral(":a1"), a)
        .bind(QStringLiteral(":a2"), a)
        .bind(QStringLiteral(":b1"), b)
        .bind(QStringLiteral(":b2"), b)
        .exec();
    return q.next();
}

Assessment Assessments::assess(qint64 assessorId, qint64 memberId, qint64 memberSkillId, int score)
{
    if (assessorId == memberId)
        throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                          QStringLiteral("You cannot assess your own skills."));
    return m_db.write([&](QSqlDatabase &tx) {
        SqlQuery lock(tx, QStringLiteral("UPDATE member_skills SET proficiency = proficiency "
                                         "WHERE id = :id AND user_id = :u"));
        lock.bind(QStringLiteral(":id"), memberSkillId).bind(QStringLiteral(":u"), memberId).exec();
        if (lock.rowsAffected() == 0)
            throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("Member %1 has no skill entry %2.")
                                  .arg(memberId)
                                  .arg(memberSkillId));
        SqlQuery dup(tx, QStringLiteral("SELECT 1 FROM skill_assessments WHERE "
                                        "member_skill_id = :m AND assessor_id = :a"));
        dup.bind(QStringLiteral(":m"), memberSkillId).bind(QStringLiteral(":a"), assessorId).exec();
        if (dup.next())
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Already assessed"),
                              QStringLiteral("You have assessed this skill already."));
        if (!sharedCompletedSession(tx, assessorId, memberId))
            throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                              QStringLiteral("Only members who completed a session with this "
                                             "member may assess their skills."));
        Assessment a;
        a.memberSkillId = memberSkillId;
        a.assessorId = assessorId;
        a.score = score;
        a.createdAt = m_clock.nowMs();
        SqlQuery insert(tx, QStringLiteral("INSERT INTO skill_assessments (member_skill_id, "
                                           "assessor_id, score, created_at) "
                                           "VALUES (:m, :a, :s, :t) RETURNING id"));
        insert.bind(QStringLiteral(":m"), memberSkillId)
            .bind(QStringLiteral(":a"), assessorId)
            .bind(QStringLiteral(":s"), score)
            .bind(QStringLiteral(":t"), a.createdAt)
            .exec();
        a.id = insert.scalar().value_or(0).toLongLong();

        SqlQuery state(tx, QStringLiteral("SELECT ms.verified_at, (SELECT COUNT(DISTINCT "
                                          "assessor_id) FROM skill_assessments x WHERE "
                                          "x.member_skill_id = ms.id) FROM member_skills ms "
                                          "WHERE ms.id = :id"));
        state.bind(QStringLiteral(":id"), memberSkillId).exec();
        state.next();
        a.verifiedAt = state.optionalInt64(0);
        a.assessmentCount = state.value(1).toInt();
        const bool verifiesNow = !a.verifiedAt && a.assessmentCount >= kAssessorsToVerify;
        if (verifiesNow) {
            a.verifiedAt = a.createdAt;
            SqlQuery(tx, QStringLiteral("UPDATE member_skills SET verified_at = :t WHERE id = :id"))
                .bind(QStringLiteral(":t"), a.createdAt)
                .bind(QStringLiteral(":id"), memberSkillId)
                .exec();
        }
        const QString subject = QString::number(memberSkillId);
        m_events.append(tx, {QStringLiteral("member.skill_assessed"), assessorId,
                             QStringLiteral("member_skill"), subject,
                             QJsonObject{{QStringLiteral("user_id"), memberId},
                                         {QStringLiteral("assessment_id"), a.id},
                                         {QStringLiteral("score"), score}}});
        if (verifiesNow)
            m_events.append(tx, {QStringLiteral("member.skill_verified"), std::nullopt,
                                 QStringLiteral("member_skill"), subject,
                                 QJsonObject{{QStringLiteral("user_id"), memberId},
                                             {QStringLiteral("assessors"), a.assessmentCount}}});
        return a;
    });
}

} // namespace skillex::server
