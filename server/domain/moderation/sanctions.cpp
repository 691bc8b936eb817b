// The ladder's side effects. Refunds go through Sessions (and so the Ledger) in the caller's
// transaction, so a sanction and its refunds commit together or not at all.
#include "server/domain/moderation/sanctions.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {

using namespace protocol;
using namespace moderation;

namespace {

QJsonValue optionalTime(const std::optional<qint64> &t)
{
    return t ? QJsonValue(toWireTime(*t)) : QJsonValue();
}

DomainError notApplicable(const QString &detail)
{
    return DomainError(409, problemtype::kActionNotApplicable,
                       QStringLiteral("Action not applicable"), detail);
}

} // namespace

QJsonObject SanctionEffect::toJson() const
{
    return {{QStringLiteral("sanction"), sanction},
            {QStringLiteral("cancelled_sessions"), cancelledSessions},
            {QStringLiteral("cancelled_bookings"), cancelledBookings},
            {QStringLiteral("hidden_sessions"), hiddenSessions},
            {QStringLiteral("revoked_sign_ins"), revokedSignIns}};
}

QJsonObject SuggestedAction::toJson() const
{
    return {
        {QStringLiteral("action"), action},
        {QStringLiteral("duration_days"), durationDays ? QJsonValue(*durationDays) : QJsonValue()},
        {QStringLiteral("live_strikes"), liveStrikes}};
}

Sanctions::Sanctions(Database &db, const Clock &clock, Sessions &sessions, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_sessions(sessions)
    , m_events(events)
{}

const QList<int> &Sanctions::suspensionDays()
{
    static const QList<int> days{1, 3, 7, 30};
    return days;
}

QString Sanctions::requireMember(QSqlDatabase &tx, qint64 userId) const
{
    // The member's row lock (PostgreSQL; SQLite has one writer) serialises sanctions on one
    // member: two ban proposals or two suspensions at once queue, and the second sees the first.
    const QString lock =
        m_db.dialect() == Dialect::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
    SqlQuery q(tx,
               QStringLiteral("SELECT status FROM users WHERE id = :u AND kind = 'member'") + lock);
    q.bind(QStringLiteral(":u"), userId).exec();
    if (!q.next())
        throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                          QStringLiteral("There is no member %1.").arg(userId));
    return q.string(0);
}

QJsonObject Sanctions::memberState(QSqlDatabase &db, qint64 userId) const
{
    SqlQuery q(db, QStringLiteral("SELECT id, name, status FROM users WHERE id = :u"));
    q.bind(QStringLiteral(":u"), userId).exec();
    if (!q.next())
        throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                          QStringLiteral("There is no member %1.").arg(userId));
    return {{QStringLiteral("id"), q.int64(0)},
            {QStringLiteral("name"), q.string(1)},
            {QStringLiteral("status"), q.string(2)}};
}

QJsonObject Sanctions::insertSanction(QSqlDatabase &tx, qint64 userId, const QString &kind,
                                      std::optional<qint64> caseId, int strike,
                                      const QString &reason, qint64 staffId,
                                      std::optional<qint64> endsAt, qint64 now)
{
    SqlQuery q(tx, QStringLiteral("INSERT INTO sanctions (user_id, kind, case_id, strike, reason, "
                                  "created_by, created_at, ends_at) VALUES (:u, :k, :c, :s, :r, "
                                  ":b, :t, :e) RETURNING id"));
    q.bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":k"), kind)
        .bindOptional(QStringLiteral(":c"), caseId)
        .bind(QStringLiteral(":s"), strike)
        .bind(QStringLiteral(":r"), reason)
        .bind(QStringLiteral(":b"), staffId)
        .bind(QStringLiteral(":t"), now)
        .bindOptional(QStringLiteral(":e"), endsAt)
        .exec();
    return {{QStringLiteral("id"), q.scalar().value_or(0).toLongLong()},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("case_id"), caseId ? QJsonValue(*caseId) : QJsonValue()},
            {QStringLiteral("strike"), strike},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("created_by"), staffId},
            {QStringLiteral("created_at"), toWireTime(now)},
            {QStringLiteral("ends_at"), optionalTime(endsAt)},
            {QStringLiteral("lifted_at"), QJsonValue()}};
}

SanctionEffect Sanctions::warn(QSqlDatabase &tx, qint64 userId, std::optional<qint64> caseId,
                               const QString &reason, qint64 staffId)
{
    requireMember(tx, userId);
    SanctionEffect e;
    e.sanction = insertSanction(tx, userId, QStringLiteral("warning"), caseId, 1, reason, staffId,
                                std::nullopt, m_clock.nowMs());
    return e;
}

SanctionEffect Sanctions::removeContent(QSqlDatabase &tx, const SubjectRef &subject, qint64 userId,
                                        std::optional<qint64> caseId, const QString &reason,
                                        qint64 staffId)
{
    const qint64 now = m_clock.nowMs();
    QString table;
    if (subject.type == QStringLiteral("message"))
        table = QStringLiteral("messages");
    else if (subject.type == QStringLiteral("review"))
        table = QStringLiteral("reviews");
    else if (subject.type == QStringLiteral("listing"))
        table = QStringLiteral("sessions");
    else
        throw notApplicable(QStringLiteral("Only a message, review or listing can be removed; this "
                                           "case is about a %1.")
                                .arg(subject.type));
    requireMember(tx, userId);
    // Hidden, not deleted: the evidence and an overturned appeal may need it back.
    SqlQuery(tx, QStringLiteral("UPDATE %1 SET hidden_at = :t WHERE id = :i AND hidden_at IS NULL")
                     .arg(table))
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":i"), subject.id)
        .exec();
    SanctionEffect e;
    e.sanction = insertSanction(tx, userId, QStringLiteral("content_removed"), caseId, 1, reason,
                                staffId, std::nullopt, now);
    if (subject.type == QStringLiteral("listing"))
        e.hiddenSessions.push_back(subject.id);
    return e;
}

int Sanctions::revokeSignIns(QSqlDatabase &tx, qint64 userId, const QString &why, qint64 now)
{
    // Access tokens issued before now stop working at once (tokens_valid_after), and every
    // refresh token family is revoked, so no device can sign back in by refreshing.
    SqlQuery families(tx, QStringLiteral("UPDATE token_families SET revoked_at = :t, "
                                         "revoked_reason = :r WHERE user_id = :u AND revoked_at "
                                         "IS NULL"));
    families.bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":r"), why)
        .bind(QStringLiteral(":u"), userId)
        .exec();
    SqlQuery(tx, QStringLiteral("UPDATE users SET tokens_valid_after = :t WHERE id = :u"))
        .bind(QStringLiteral(":t"), now + 1)
        .bind(QStringLiteral(":u"), userId)
        .exec();
    return families.rowsAffected();
}

void Sanctions::setStatus(QSqlDatabase &tx, qint64 userId, const QString &status, qint64 now)
{
    SqlQuery(tx, QStringLiteral("UPDATE users SET status = :s, updated_at = :t WHERE id = :u"))
        .bind(QStringLiteral(":s"), status)
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":u"), userId)
        .exec();
}

void Sanctions::cancelUpcoming(QSqlDatabase &tx, qint64 userId, qint64 staffId,
                               SanctionEffect &effect, qint64 now)
{
    QList<qint64> sessions;
    SqlQuery taught(tx,
                    QStringLiteral("SELECT id FROM sessions WHERE teacher_id = :u AND status "
                                   "IN ('scheduled', 'booked') AND starts_at > :n ORDER BY id"));
    taught.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":n"), now).exec();
    while (taught.next())
        sessions.push_back(taught.int64(0));
    for (qint64 id : std::as_const(sessions)) {
        m_sessions.cancelByModeration(tx, id, staffId);
        effect.cancelledSessions.push_back(id);
    }
    QList<qint64> bookings;
    SqlQuery booked(tx, QStringLiteral("SELECT b.id FROM bookings b JOIN sessions s ON s.id = "
                                       "b.session_id WHERE b.learner_id = :u AND b.status = "
                                       "'booked' AND s.starts_at > :n ORDER BY b.id"));
    booked.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":n"), now).exec();
    while (booked.next())
        bookings.push_back(booked.int64(0));
    for (qint64 id : std::as_const(bookings)) {
        m_sessions.cancelBookingByModeration(tx, id, staffId);
        effect.cancelledBookings.push_back(id);
    }
}

SanctionEffect Sanctions::suspend(QSqlDatabase &tx, qint64 userId, int days,
                                  std::optional<qint64> caseId, const QString &reason,
                                  qint64 staffId)
{
    if (!suspensionDays().contains(days))
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid suspension"))
            .withFieldErrors(
                {{QStringLiteral("duration_days"), QStringLiteral("must be 1, 3, 7 or 30")}});
    const QString status = requireMember(tx, userId);
    if (status != QStringLiteral("active"))
        throw notApplicable(QStringLiteral("The member is %1 already.").arg(status));
    const qint64 now = m_clock.nowMs();
    SanctionEffect e;
    e.sanction = insertSanction(tx, userId, QStringLiteral("suspension"), caseId, 1, reason,
                                staffId, now + days * kDayMs, now);
    setStatus(tx, userId, QStringLiteral("suspended"), now);
    e.revokedSignIns = revokeSignIns(tx, userId, QStringLiteral("suspended"), now);
    cancelUpcoming(tx, userId, staffId, e, now);
    return e;
}

SanctionEffect Sanctions::ban(QSqlDatabase &tx, qint64 userId, std::optional<qint64> caseId,
                              const QString &reason, qint64 staffId)
{
    const QString status = requireMember(tx, userId);
    if (status == QStringLiteral("banned"))
        throw notApplicable(QStringLiteral("The member is banned already."));
    const qint64 now = m_clock.nowMs();
    SanctionEffect e;
    e.sanction = insertSanction(tx, userId, QStringLiteral("ban"), caseId, 0, reason, staffId,
                                std::nullopt, now);
    setStatus(tx, userId, QStringLiteral("banned"), now);
    e.revokedSignIns = revokeSignIns(tx, userId, QStringLiteral("banned"), now);
    cancelUpcoming(tx, userId, staffId, e, now);
    // Their listings: every session still to come is hidden (the ones just cancelled too, so
    // nothing of theirs is offered or shown in search).
    SqlQuery listings(tx, QStringLiteral("SELECT id FROM sessions WHERE teacher_id = :u AND "
                                         "hidden_at IS NULL AND starts_at > :n ORDER BY id"));
    listings.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":n"), now).exec();
    while (listings.next())
        e.hiddenSessions.push_back(listings.int64(0));
    SqlQuery(tx, QStringLiteral("UPDATE sessions SET hidden_at = :t WHERE teacher_id = :u AND "
                                "hidden_at IS NULL AND starts_at > :n"))
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":n"), now)
        .exec();
    return e;
}

bool Sanctions::restoreIfClear(QSqlDatabase &tx, qint64 userId, qint64 now)
{
    SqlQuery holding(tx, QStringLiteral("SELECT COUNT(*) FROM sanctions WHERE user_id = :u AND "
                                        "lifted_at IS NULL AND ((kind = 'ban') OR (kind = "
                                        "'suspension' AND ended_at IS NULL AND ends_at > :n))"));
    holding.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":n"), now).exec();
    if (holding.scalar().value_or(0).toLongLong() > 0)
        return false;
    SqlQuery q(tx, QStringLiteral("UPDATE users SET status = 'active', updated_at = :t WHERE id = "
                                  ":u AND status IN ('suspended', 'banned')"));
    q.bind(QStringLiteral(":t"), now).bind(QStringLiteral(":u"), userId).exec();
    return q.rowsAffected() > 0;
}

QJsonArray Sanctions::reinstate(QSqlDatabase &tx, qint64 userId, const QString &reason,
                                qint64 staffId)
{
    requireMember(tx, userId);
    const qint64 now = m_clock.nowMs();
    QJsonArray lifted;
    SqlQuery active(tx, QStringLiteral("SELECT id, kind FROM sanctions WHERE user_id = :u AND "
                                       "lifted_at IS NULL AND kind IN ('suspension', 'ban') AND "
                                       "ended_at IS NULL AND (ends_at IS NULL OR ends_at > :n) "
                                       "ORDER BY id"));
    active.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":n"), now).exec();
    while (active.next())
        lifted.push_back(QJsonObject{{QStringLiteral("id"), active.int64(0)},
                                     {QStringLiteral("kind"), active.string(1)}});
    for (const QJsonValue &v : std::as_const(lifted))
        SqlQuery(tx, QStringLiteral("UPDATE sanctions SET lifted_at = :t, lifted_by = :b, "
                                    "lift_reason = :r WHERE id = :i"))
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":b"), staffId)
            .bind(QStringLiteral(":r"), reason)
            .bind(QStringLiteral(":i"), v.toObject().value(QStringLiteral("id")).toInteger())
            .exec();
    restoreIfClear(tx, userId, now);
    return lifted;
}

QJsonArray Sanctions::liftCaseSanctions(QSqlDatabase &tx, qint64 caseId, const SubjectRef &subject,
                                        const QString &reason, qint64 staffId)
{
    const qint64 now = m_clock.nowMs();
    QJsonArray lifted;
    QList<qint64> users;
    bool contentRemoved = false;
    SqlQuery q(tx, QStringLiteral("SELECT id, kind, user_id FROM sanctions WHERE case_id = :c AND "
                                  "lifted_at IS NULL ORDER BY id"));
    q.bind(QStringLiteral(":c"), caseId).exec();
    while (q.next()) {
        lifted.push_back(QJsonObject{{QStringLiteral("id"), q.int64(0)},
                                     {QStringLiteral("kind"), q.string(1)},
                                     {QStringLiteral("user_id"), q.int64(2)}});
        contentRemoved = contentRemoved || q.string(1) == QStringLiteral("content_removed");
        if (!users.contains(q.int64(2)))
            users.push_back(q.int64(2));
    }
    SqlQuery(tx, QStringLiteral("UPDATE sanctions SET lifted_at = :t, lifted_by = :b, lift_reason "
                                "= :r WHERE case_id = :c AND lifted_at IS NULL"))
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":b"), staffId)
        .bind(QStringLiteral(":r"), reason)
        .bind(QStringLiteral(":c"), caseId)
        .exec();
    if (contentRemoved) {
        const QHash<QString, QString> tables{
            {QStringLiteral("message"), QStringLiteral("messages")},
            {QStringLiteral("review"), QStringLiteral("reviews")},
            {QStringLiteral("listing"), QStringLiteral("sessions")}};
        if (tables.contains(subject.type))
            SqlQuery(tx, QStringLiteral("UPDATE %1 SET hidden_at = NULL WHERE id = :i")
                             .arg(tables.value(subject.type)))
                .bind(QStringLiteral(":i"), subject.id)
                .exec();
    }
    for (qint64 u : std::as_const(users))
        restoreIfClear(tx, u, now);
    return lifted;
}

QList<Sanctions::EndedSuspension> Sanctions::endedSuspensions(QSqlDatabase &db, qint64 now,
                                                              int limit) const
{
    SqlQuery q(db, QStringLiteral("SELECT id, user_id, case_id FROM sanctions WHERE kind = "
                                  "'suspension' AND ends_at <= :n AND lifted_at IS NULL AND "
                                  "ended_at IS NULL ORDER BY ends_at, id LIMIT %1")
                       .arg(limit));
    q.bind(QStringLiteral(":n"), now).exec();
    QList<EndedSuspension> out;
    while (q.next())
        out.push_back({q.int64(0), q.int64(1), q.optionalInt64(2)});
    return out;
}

bool Sanctions::endSuspension(QSqlDatabase &tx, const EndedSuspension &ended, qint64 now)
{
    // Ended, not lifted: its strike stays live for the 90 days.
    SqlQuery mark(tx, QStringLiteral("UPDATE sanctions SET ended_at = :t WHERE id = :i AND "
                                     "ended_at IS NULL AND lifted_at IS NULL"));
    mark.bind(QStringLiteral(":t"), now).bind(QStringLiteral(":i"), ended.sanctionId).exec();
    if (mark.rowsAffected() != 1)
        return false;
    return restoreIfClear(tx, ended.userId, now);
}

int Sanctions::liveStrikes(QSqlDatabase &db, qint64 userId, qint64 now) const
{
    SqlQuery s(db,
               QStringLiteral("SELECT COALESCE(SUM(strike), 0) FROM sanctions WHERE user_id = "
                              ":u AND strike > 0 AND lifted_at IS NULL AND created_at > :since"));
    s.bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":since"), now - kStrikeLifetimeMs)
        .exec();
    return static_cast<int>(s.scalar().value_or(0).toLongLong());
}

SuggestedAction Sanctions::suggest(QSqlDatabase &db, std::optional<qint64> userId,
                                   const QString &subjectType, qint64 now) const
{
    SuggestedAction s;
    if (!userId) {
        s.action = QStringLiteral("dismiss");
        return s;
    }
    s.liveStrikes = liveStrikes(db, *userId, now);
    const bool content = subjectType == QStringLiteral("message") ||
                         subjectType == QStringLiteral("review") ||
                         subjectType == QStringLiteral("listing");
    // The ladder: a first offence is a strike (content removed when there is content), then
    // suspensions of growing length, then a ban.
    switch (s.liveStrikes) {
    case 0:
        s.action = content ? QStringLiteral("remove_content") : QStringLiteral("warn");
        break;
    case 1:
    case 2:
    case 3:
    case 4:
        s.action = QStringLiteral("suspend");
        s.durationDays = suspensionDays().at(s.liveStrikes - 1);
        break;
    default:
        s.action = QStringLiteral("ban");
        break;
    }
    return s;
}

} // namespace skillex::server
