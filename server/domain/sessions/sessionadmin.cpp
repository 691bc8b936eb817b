// The audit entry is appended before Sessions::cancelByModeration appends its events: every
// writer takes the audit lock before the event lock, so two writers never wait on each other.
#include "server/domain/sessions/sessionadmin.h"

#include "protocol/problem.h"
#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/sessions/sessionstates.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {
namespace {

QJsonArray transfersOfBooking(QSqlDatabase &db, qint64 bookingId)
{
    SqlQuery q(db, QStringLiteral("SELECT seq, id, debit_account, credit_account, amount, code, "
                                  "kind, pending_id, created_at FROM ledger_transfers WHERE "
                                  "ref_type = 'booking' AND ref_id = :b ORDER BY seq"));
    q.bind(QStringLiteral(":b"), QString::number(bookingId)).exec();
    QJsonArray out;
    while (q.next())
        out.push_back(QJsonObject{
            {QStringLiteral("seq"), q.int64(0)},
            {QStringLiteral("id"), q.string(1)},
            {QStringLiteral("debit"), q.string(2)},
            {QStringLiteral("credit"), q.string(3)},
            {QStringLiteral("amount"), q.int64(4)},
            {QStringLiteral("code"), q.string(5)},
            {QStringLiteral("kind"), q.string(6)},
            {QStringLiteral("pending_id"), q.isNull(7) ? QJsonValue() : QJsonValue(q.string(7))},
            {QStringLiteral("created_at"), protocol::toWireTime(q.int64(8))}});
    return out;
}

} // namespace

SessionAdmin::SessionAdmin(Database &db, Sessions &sessions, AuditLog &audit)
    : m_db(db)
    , m_sessions(sessions)
    , m_audit(audit)
{}

AdminSessionPage SessionAdmin::search(const AdminSessionSearch &s) const
{
    return m_db.read([&](QSqlDatabase &db) {
        QStringList where;
        if (s.teacherId)
            where << QStringLiteral("teacher_id = :teacher");
        if (s.learnerId)
            where << QStringLiteral(
                "id IN (SELECT session_id FROM bookings WHERE learner_id = :learner)");
        if (s.skillId)
            where << QStringLiteral("skill_id = :skill");
        if (s.state)
            where << QStringLiteral("status = :state");
        if (s.from)
            where << QStringLiteral("starts_at >= :from");
        if (s.to)
            where << QStringLiteral("starts_at < :to");
        if (s.after)
            where << QStringLiteral("(starts_at < :k OR (starts_at = :k2 AND id < :kid))");
        SqlQuery q(db, QStringLiteral("SELECT id FROM sessions %1 ORDER BY starts_at DESC, id "
                                      "DESC LIMIT :n")
                           .arg(where.isEmpty() ? QString()
                                                : QStringLiteral("WHERE ") +
                                                      where.join(QStringLiteral(" AND "))));
        if (s.teacherId)
            q.bind(QStringLiteral(":teacher"), *s.teacherId);
        if (s.learnerId)
            q.bind(QStringLiteral(":learner"), *s.learnerId);
        if (s.skillId)
            q.bind(QStringLiteral(":skill"), *s.skillId);
        if (s.state)
            q.bind(QStringLiteral(":state"), *s.state);
        if (s.from)
            q.bind(QStringLiteral(":from"), *s.from);
        if (s.to)
            q.bind(QStringLiteral(":to"), *s.to);
        if (s.after)
            q.bind(QStringLiteral(":k"), s.after->first)
                .bind(QStringLiteral(":k2"), s.after->first)
                .bind(QStringLiteral(":kid"), s.after->second);
        q.bind(QStringLiteral(":n"), s.limit + 1).exec();
        QList<qint64> ids;
        while (q.next())
            ids.push_back(q.int64(0));
        AdminSessionPage page;
        QList<Session> found;
        for (qint64 id : ids) {
            if (auto session = m_sessions.find(db, id))
                found.push_back(*session);
        }
        if (found.size() > s.limit) {
            found.removeLast();
            page.next = QPair<qint64, qint64>(found.last().startsAt, found.last().id);
        }
        for (const Session &session : found)
            page.items.push_back(session.toJson(true));
        return page;
    });
}

std::optional<QJsonObject> SessionAdmin::detail(QSqlDatabase &db, qint64 sessionId) const
{
    const auto s = m_sessions.find(db, sessionId);
    if (!s)
        return std::nullopt;
    QJsonObject o = s->toJson(true);
    SqlQuery teacher(db, QStringLiteral("SELECT name, email FROM users WHERE id = :u"));
    teacher.bind(QStringLiteral(":u"), s->teacherId).exec();
    if (teacher.next())
        o.insert(QStringLiteral("teacher"),
                 QJsonObject{{QStringLiteral("id"), s->teacherId},
                             {QStringLiteral("name"), teacher.string(0)},
                             {QStringLiteral("email"), teacher.string(1)}});
    QJsonArray bookings;
    for (const Booking &b : m_sessions.bookingsOf(db, sessionId)) {
        QJsonObject bo = b.toJson();
        SqlQuery learner(db, QStringLiteral("SELECT name, email FROM users WHERE id = :u"));
        learner.bind(QStringLiteral(":u"), b.learnerId).exec();
        if (learner.next())
            bo.insert(QStringLiteral("learner"),
                      QJsonObject{{QStringLiteral("id"), b.learnerId},
                                  {QStringLiteral("name"), learner.string(0)},
                                  {QStringLiteral("email"), learner.string(1)}});
        bo.insert(QStringLiteral("transfers"), transfersOfBooking(db, b.id));
        bookings.push_back(bo);
    }
    o.insert(QStringLiteral("bookings"), bookings);
    return o;
}

QJsonObject SessionAdmin::cancelByModeration(const ModerationCancel &c)
{
    return m_db.write([&](QSqlDatabase &tx) {
        if (m_db.dialect() == Dialect::Postgres)
            SqlQuery(tx, QStringLiteral("SELECT id FROM sessions WHERE id = :id FOR UPDATE"))
                .bind(QStringLiteral(":id"), c.sessionId)
                .exec();
        const auto before = detail(tx, c.sessionId);
        if (!before)
            throw DomainError(404, protocol::problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("No such session."));
        const QString status = before->value(QStringLiteral("status")).toString();
        // Refuse before anything is written, naming the state (409 invalid-state).
        sessionstates::require(status, sessionstates::kCancelled, QStringLiteral("cancel"));
        QJsonArray refunded;
        for (const auto &b : before->value(QStringLiteral("bookings")).toArray()) {
            const QJsonObject bo = b.toObject();
            if (bo.value(QStringLiteral("status")).toString() == QStringLiteral("booked"))
                refunded.push_back(QJsonObject{
                    {QStringLiteral("booking_id"), bo.value(QStringLiteral("id"))},
                    {QStringLiteral("learner_id"), bo.value(QStringLiteral("learner_id"))},
                    {QStringLiteral("price"), bo.value(QStringLiteral("price"))}});
        }
        m_audit.append(
            tx, {c.staffId, c.staffEmail, QStringLiteral("session.cancelled_by_moderation"),
                 QStringLiteral("session"), QString::number(c.sessionId), c.reason,
                 QJsonObject{{QStringLiteral("status"), status},
                             {QStringLiteral("booked"), before->value(QStringLiteral("booked"))}},
                 QJsonObject{{QStringLiteral("status"), sessionstates::kCancelled},
                             {QStringLiteral("refunded"), refunded}},
                 c.address, c.requestId});
        m_sessions.cancelByModeration(tx, c.sessionId, c.staffId);
        return *detail(tx, c.sessionId);
    });
}

} // namespace skillex::server
