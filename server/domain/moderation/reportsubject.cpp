// The visibility rules of reportsubject.h, one query per subject type.
#include "server/domain/moderation/reportsubject.h"

#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

namespace skillex::server::moderation {

using namespace protocol;

namespace {

DomainError notVisible(const SubjectRef &ref)
{
    return DomainError(
        404, problemtype::kNotFound, QStringLiteral("Not found"),
        QStringLiteral("There is no %1 %2 that you can report.").arg(ref.type).arg(ref.id));
}

DomainError ownSubject()
{
    return DomainError(400, problemtype::kValidation, QStringLiteral("Invalid report"),
                       QStringLiteral("subject is your own; you cannot report yourself"))
        .withFieldErrors({{QStringLiteral("subject"), QStringLiteral("is your own")}});
}

} // namespace

QJsonObject SubjectRef::toJson() const
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("id"), id}};
}

ResolvedSubject resolveReportSubject(QSqlDatabase &tx, qint64 reporterId, const SubjectRef &ref)
{
    ResolvedSubject out{ref, std::nullopt};
    if (ref.type == QStringLiteral("user")) {
        SqlQuery q(tx, QStringLiteral("SELECT id FROM users WHERE id = :id AND kind = 'member'"));
        q.bind(QStringLiteral(":id"), ref.id).exec();
        if (!q.next())
            throw notVisible(ref);
        out.userId = ref.id;
    } else if (ref.type == QStringLiteral("message")) {
        SqlQuery q(tx, QStringLiteral("SELECT m.sender_id FROM messages m JOIN "
                                      "conversation_members cm ON cm.conversation_id = "
                                      "m.conversation_id AND cm.user_id = :r WHERE m.id = :id"));
        q.bind(QStringLiteral(":r"), reporterId).bind(QStringLiteral(":id"), ref.id).exec();
        if (!q.next())
            throw notVisible(ref);
        out.userId = q.int64(0);
    } else if (ref.type == QStringLiteral("session")) {
        // Only the learners who booked it were there; a teacher reports a learner as a user.
        SqlQuery q(tx, QStringLiteral("SELECT s.teacher_id, (SELECT COUNT(*) FROM bookings b "
                                      "WHERE b.session_id = s.id AND b.learner_id = :r) "
                                      "FROM sessions s WHERE s.id = :id"));
        q.bind(QStringLiteral(":r"), reporterId).bind(QStringLiteral(":id"), ref.id).exec();
        if (!q.next())
            throw notVisible(ref);
        if (q.int64(0) == reporterId)
            throw ownSubject();
        if (q.int64(1) == 0)
            throw notVisible(ref);
        out.userId = q.int64(0);
    } else if (ref.type == QStringLiteral("review")) {
        SqlQuery q(tx, QStringLiteral("SELECT reviewer_id, reviewee_id, hidden_at, deleted_at "
                                      "FROM reviews WHERE id = :id"));
        q.bind(QStringLiteral(":id"), ref.id).exec();
        if (!q.next() || !q.isNull(3) || (!q.isNull(2) && q.int64(1) != reporterId))
            throw notVisible(ref);
        out.userId = q.int64(0);
    } else if (ref.type == QStringLiteral("listing")) {
        SqlQuery q(tx, QStringLiteral("SELECT teacher_id, hidden_at FROM sessions WHERE id = :id"));
        q.bind(QStringLiteral(":id"), ref.id).exec();
        if (!q.next() || !q.isNull(1))
            throw notVisible(ref);
        out.userId = q.int64(0);
    } else {
        throw notVisible(ref);
    }
    if (out.userId == reporterId)
        throw ownSubject();
    return out;
}

} // namespace skillex::server::moderation
