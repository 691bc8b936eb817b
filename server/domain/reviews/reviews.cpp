// Review rules: who may review whom is read from the session's bookings.
#include "server/domain/reviews/reviews.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {
namespace {

using namespace protocol;

constexpr qint64 kRatingWindowMs = 365LL * 24 * 3600 * 1000;

const QString kSelect =
    QStringLiteral("SELECT id, session_id, reviewer_id, reviewee_id, knowledge, communication, "
                   "professionalism, body, created_at FROM reviews ");

Review readReview(const SqlQuery &q)
{
    return {q.int64(0),
            q.int64(1),
            q.int64(2),
            q.int64(3),
            static_cast<int>(q.int64(4)),
            static_cast<int>(q.int64(5)),
            static_cast<int>(q.int64(6)),
            q.string(7),
            q.int64(8)};
}

DomainError notFound()
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("No such session or review."));
}

} // namespace

QJsonObject Review::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("session_id"), sessionId},
            {QStringLiteral("reviewer_id"), reviewerId},
            {QStringLiteral("reviewee_id"), revieweeId},
            {QStringLiteral("knowledge"), knowledge},
            {QStringLiteral("communication"), communication},
            {QStringLiteral("professionalism"), professionalism},
            {QStringLiteral("body"), body},
            {QStringLiteral("created_at"), toWireTime(createdAt)}};
}

Reviews::Reviews(Database &db, const Clock &clock, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_events(events)
{}

Review Reviews::create(qint64 sessionId, qint64 reviewerId, const ReviewDraft &d)
{
    QMap<QString, QString> errors;
    for (const auto &[name, value] :
         {std::pair{QStringLiteral("knowledge"), d.knowledge},
          std::pair{QStringLiteral("communication"), d.communication},
          std::pair{QStringLiteral("professionalism"), d.professionalism}}) {
        if (value < 1 || value > 5)
            errors.insert(name, QStringLiteral("must be a whole number from 1 to 5"));
    }
    if (d.body.size() > 4000)
        errors.insert(QStringLiteral("body"), QStringLiteral("must be at most 4000 characters"));
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid review"))
            .withFieldErrors(errors);

    return m_db.write([&](QSqlDatabase &tx) {
        SqlQuery s(
            tx, QStringLiteral("SELECT teacher_id, status, capacity FROM sessions WHERE id = :id"));
        s.bind(QStringLiteral(":id"), sessionId).exec();
        if (!s.next())
            throw notFound();
        const qint64 teacher = s.int64(0);
        const QString status = s.string(1);
        const int capacity = static_cast<int>(s.int64(2));
        QList<qint64> completedLearners;
        QList<qint64> participants{teacher};
        SqlQuery b(tx, QStringLiteral("SELECT learner_id, status FROM bookings WHERE session_id = "
                                      ":id AND status IN ('booked', 'completed')"));
        b.bind(QStringLiteral(":id"), sessionId).exec();
        while (b.next()) {
            participants.push_back(b.int64(0));
            if (b.string(1) == QStringLiteral("completed"))
                completedLearners.push_back(b.int64(0));
        }
        if (!participants.contains(reviewerId))
            throw notFound(); // not a participant: the session is none of their business
        if (status != QStringLiteral("completed"))
            throw DomainError(
                409, problemtype::kInvalidState, QStringLiteral("Session not completed"),
                QStringLiteral("Reviews open once the session is completed; it is %1.").arg(status))
                .withExtension(QStringLiteral("current_state"), status);
        qint64 reviewee = teacher;
        if (reviewerId == teacher) {
            if (capacity > 1)
                throw DomainError(
                    409, problemtype::kConflict, QStringLiteral("Group sessions"),
                    QStringLiteral("Teachers review learners of one-on-one sessions only."));
            if (!d.revieweeId || !completedLearners.contains(*d.revieweeId))
                throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid review"))
                    .withFieldErrors({{QStringLiteral("reviewee_id"),
                                       QStringLiteral("must be the learner of this session")}});
            reviewee = *d.revieweeId;
        } else if (d.revieweeId && *d.revieweeId != teacher) {
            throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid review"))
                .withFieldErrors({{QStringLiteral("reviewee_id"),
                                   QStringLiteral("learners review the teacher")}});
        }
        SqlQuery dup(
            tx, QStringLiteral("SELECT 1 FROM reviews WHERE session_id = :s AND reviewer_id = :r"));
        dup.bind(QStringLiteral(":s"), sessionId).bind(QStringLiteral(":r"), reviewerId).exec();
        if (dup.next())
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Already reviewed"),
                              QStringLiteral("You reviewed this session already."));
        const qint64 now = m_clock.nowMs();
        SqlQuery insert(tx, QStringLiteral("INSERT INTO reviews (session_id, reviewer_id, "
                                           "reviewee_id, knowledge, communication, "
                                           "professionalism, body, created_at) VALUES (:s, :r, :e, "
                                           ":k, :c, :p, :b, :t) RETURNING id"));
        insert.bind(QStringLiteral(":s"), sessionId)
            .bind(QStringLiteral(":r"), reviewerId)
            .bind(QStringLiteral(":e"), reviewee)
            .bind(QStringLiteral(":k"), d.knowledge)
            .bind(QStringLiteral(":c"), d.communication)
            .bind(QStringLiteral(":p"), d.professionalism)
            .bind(QStringLiteral(":b"), d.body)
            .bind(QStringLiteral(":t"), now)
            .exec();
        const Review r{insert.scalar().value_or(0).toLongLong(),
                       sessionId,
                       reviewerId,
                       reviewee,
                       d.knowledge,
                       d.communication,
                       d.professionalism,
                       d.body,
                       now};
        m_events.append(tx, {QStringLiteral("review.created"), reviewerId, QStringLiteral("review"),
                             QString::number(r.id), r.toJson()});
        return r;
    });
}

void Reviews::remove(qint64 reviewId, qint64 userId)
{
    m_db.write([&](QSqlDatabase &tx) {
        SqlQuery q(tx,
                   QStringLiteral(
                       "SELECT reviewer_id FROM reviews WHERE id = :id AND deleted_at IS NULL"));
        q.bind(QStringLiteral(":id"), reviewId).exec();
        if (!q.next() || q.int64(0) != userId)
            throw notFound();
        SqlQuery(tx, QStringLiteral("UPDATE reviews SET deleted_at = :t WHERE id = :id"))
            .bind(QStringLiteral(":t"), m_clock.nowMs())
            .bind(QStringLiteral(":id"), reviewId)
            .exec();
        m_events.append(tx, {QStringLiteral("review.deleted"),
                             userId,
                             QStringLiteral("review"),
                             QString::number(reviewId),
                             {}});
    });
}

QList<Review> Reviews::about(qint64 userId, int limit, std::optional<qint64> afterId) const
{
    return m_db.read([&](QSqlDatabase &db) {
        SqlQuery q(db, kSelect + QStringLiteral("WHERE reviewee_id = :u AND hidden_at IS NULL AND "
                                                "deleted_at IS NULL AND id < :after "
                                                "ORDER BY id DESC LIMIT :n"));
        q.bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":after"), afterId.value_or(std::numeric_limits<qint64>::max()))
            .bind(QStringLiteral(":n"), limit)
            .exec();
        QList<Review> out;
        while (q.next())
            out.push_back(readReview(q));
        return out;
    });
}

Rating Reviews::rating(QSqlDatabase &db, qint64 userId, qint64 nowMs)
{
    SqlQuery q(db, QStringLiteral("SELECT COUNT(*), COALESCE(AVG((knowledge + communication + "
                                  "professionalism) / 3.0), 0) FROM reviews "
                                  "WHERE reviewee_id = :u AND created_at > :since AND hidden_at IS "
                                  "NULL AND deleted_at IS NULL"));
    q.bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":since"), nowMs - kRatingWindowMs)
        .exec();
    Rating r;
    if (q.next()) {
        r.count = static_cast<int>(q.int64(0));
        r.mean = q.value(1).toDouble();
    }
    return r;
}

} // namespace skillex::server
