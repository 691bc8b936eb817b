// Reviews after a completed session (three 1-5 ratings and text) and a member's rating.
#pragma once

#include "server/domain/events/eventlog.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace skillex::server {

struct Review {
    qint64 id = 0;
    qint64 sessionId = 0;
    qint64 reviewerId = 0;
    qint64 revieweeId = 0;
    int knowledge = 0;
    int communication = 0;
    int professionalism = 0;
    QString body;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
};

struct ReviewDraft {
    std::optional<qint64> revieweeId; // required when the teacher reviews a learner
    int knowledge = 0;
    int communication = 0;
    int professionalism = 0;
    QString body;
};

struct Rating {
    double mean = 0; // mean of the three ratings over the window; 0 when count is 0
    int count = 0;
};

class Reviews {
public:
    Reviews(Database &db, const Clock &clock, EventLog &events);

    // Learners review the teacher; the teacher may review the learner of a one-on-one session.
    // Only after the session completed, only by its participants, once per session.
    Review create(qint64 sessionId, qint64 reviewerId, const ReviewDraft &draft);
    // A member removes their own review (soft delete: evidence of it may be kept).
    void remove(qint64 reviewId, qint64 userId);
    QList<Review> about(qint64 userId, int limit, std::optional<qint64> afterId) const;

    // The mean of the three ratings of the reviews about userId in the last 12 months,
    // leaving out hidden and deleted ones (DOMAIN.md).
    static Rating rating(QSqlDatabase &db, qint64 userId, qint64 nowMs);

private:
    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
};

} // namespace skillex::server
