// Peer assessments of member skills: by members who shared a completed session, once each;
// the third distinct assessor verifies the skill.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/storage/database.h"

#include <QJsonObject>

#include <optional>

namespace skillex::server {

inline constexpr int kAssessorsToVerify = 3;

struct Assessment {
    qint64 id = 0;
    qint64 memberSkillId = 0;
    qint64 assessorId = 0;
    int score = 0;
    qint64 createdAt = 0;
    int assessmentCount = 0;          // of the member skill, this one included
    std::optional<qint64> verifiedAt; // of the member skill

    QJsonObject toJson() const;
};

class Assessments {
public:
    Assessments(Database &db, const Clock &clock, EventLog &events);

    // Throws DomainError: 404 when memberSkillId is not a skill of memberId; 403 on one's own
    // skill or without a completed session shared with the member; 409 when already assessed.
    Assessment assess(qint64 assessorId, qint64 memberId, qint64 memberSkillId, int score);

    // Whether the two took part in one completed session, as teacher or learner, either way.
    static bool sharedCompletedSession(QSqlDatabase &db, qint64 a, qint64 b);

private:
    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
};

} // namespace skillex::server
