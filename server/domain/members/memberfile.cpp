// Each part is one bounded query on an indexed column (user id, reporter, case subject, audit
// target), so the file costs the same for a member with ten sessions or ten thousand.
#include "server/domain/members/memberfile.h"

#include "protocol/timestamps.h"
#include "server/domain/reviews/reviews.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace skillex::server {
namespace {

constexpr int kLatest = 5;     // latest reports by and against
constexpr int kListed = 20;    // upcoming sessions, cases, audit entries
constexpr int kSanctions = 50; // sanctions, newest first
constexpr int kLotsShown = 5;  // lots, soonest expiring first

QJsonValue time(const SqlQuery &q, int column)
{
    return q.isNull(column) ? QJsonValue() : QJsonValue(protocol::toWireTime(q.int64(column)));
}

QJsonValue optionalId(const SqlQuery &q, int column)
{
    return q.isNull(column) ? QJsonValue() : QJsonValue(q.int64(column));
}

QJsonObject countsByStatus(QSqlDatabase &db, const QString &sql, qint64 userId)
{
    SqlQuery q(db, sql);
    q.bind(QStringLiteral(":u"), userId).exec();
    QJsonObject counts;
    qint64 total = 0;
    while (q.next()) {
        counts.insert(q.string(0), q.int64(1));
        total += q.int64(1);
    }
    counts.insert(QStringLiteral("total"), total);
    return counts;
}

QJsonObject profile(QSqlDatabase &db, qint64 userId)
{
    SqlQuery q(db, QStringLiteral("SELECT phone, avatar_url, languages, timezone, bio, "
                                  "referral_code, referred_by, email_verified_at, last_active_at, "
                                  "deleted_at, version FROM member_profiles WHERE user_id = :u"));
    q.bind(QStringLiteral(":u"), userId).exec();
    if (!q.next())
        return {};
    return {{QStringLiteral("phone"), q.string(0)},
            {QStringLiteral("avatar_url"), q.string(1)},
            {QStringLiteral("languages"), QJsonDocument::fromJson(q.string(2).toUtf8()).array()},
            {QStringLiteral("timezone"), q.string(3)},
            {QStringLiteral("bio"), q.string(4)},
            {QStringLiteral("referral_code"), q.string(5)},
            {QStringLiteral("referred_by"), optionalId(q, 6)},
            {QStringLiteral("email_verified_at"), time(q, 7)},
            {QStringLiteral("last_active_at"), time(q, 8)},
            {QStringLiteral("deleted_at"), time(q, 9)},
            {QStringLiteral("version"), q.int64(10)}};
}

QJsonArray skills(QSqlDatabase &db, qint64 userId)
{
    SqlQuery q(db, QStringLiteral("SELECT ms.skill_id, k.slug, k.name_en, ms.direction, "
                                  "ms.proficiency, ms.verified_at FROM member_skills ms JOIN "
                                  "skills k ON k.id = ms.skill_id WHERE ms.user_id = :u "
                                  "ORDER BY ms.direction, k.slug"));
    q.bind(QStringLiteral(":u"), userId).exec();
    QJsonArray out;
    while (q.next())
        out.push_back(QJsonObject{{QStringLiteral("skill_id"), q.int64(0)},
                                  {QStringLiteral("slug"), q.string(1)},
                                  {QStringLiteral("name"), q.string(2)},
                                  {QStringLiteral("direction"), q.string(3)},
                                  {QStringLiteral("proficiency"), q.int64(4)},
                                  {QStringLiteral("verified"), !q.isNull(5)}});
    return out;
}

QJsonObject sessions(QSqlDatabase &db, qint64 userId, qint64 now)
{
    QJsonObject out{
        {QStringLiteral("taught"),
         countsByStatus(db,
                        QStringLiteral("SELECT status, COUNT(*) FROM sessions WHERE teacher_id = "
                                       ":u GROUP BY status"),
                        userId)},
        {QStringLiteral("learned"),
         countsByStatus(db,
                        QStringLiteral("SELECT status, COUNT(*) FROM bookings WHERE learner_id = "
                                       ":u GROUP BY status"),
                        userId)}};
    SqlQuery q(db,
               QStringLiteral(
                   "SELECT s.id, s.title, s.starts_at, s.status, s.teacher_id, s.price, s.skill_id "
                   "FROM sessions s WHERE s.starts_at > :now AND s.status IN ('scheduled', "
                   "'booked') AND (s.teacher_id = :u OR s.id IN (SELECT b.session_id FROM "
                   "bookings b WHERE b.learner_id = :u2 AND b.status = 'booked')) "
                   "ORDER BY s.starts_at, s.id LIMIT :n"));
    q.bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":u2"), userId)
        .bind(QStringLiteral(":n"), kListed)
        .exec();
    QJsonArray upcoming;
    while (q.next())
        upcoming.push_back(
            QJsonObject{{QStringLiteral("id"), q.int64(0)},
                        {QStringLiteral("title"), q.string(1)},
                        {QStringLiteral("starts_at"), protocol::toWireTime(q.int64(2))},
                        {QStringLiteral("status"), q.string(3)},
                        {QStringLiteral("role"), q.int64(4) == userId ? QStringLiteral("teacher")
                                                                      : QStringLiteral("learner")},
                        {QStringLiteral("price"), q.int64(5)},
                        {QStringLiteral("skill_id"), q.int64(6)}});
    out.insert(QStringLiteral("upcoming"), upcoming);
    return out;
}

QJsonObject wallet(QSqlDatabase &db, const Ledger &ledger, qint64 userId)
{
    const Wallet w = ledger.wallet(db, userId);
    QJsonArray lots;
    for (const CreditLot &lot : w.lots) {
        if (lots.size() >= kLotsShown)
            break;
        lots.push_back(
            QJsonObject{{QStringLiteral("id"), lot.id},
                        {QStringLiteral("source"), lot.source},
                        {QStringLiteral("amount"), lot.amount},
                        {QStringLiteral("remaining"), lot.remaining},
                        {QStringLiteral("granted_at"), protocol::toWireTime(lot.grantedAt)},
                        {QStringLiteral("expires_at"), protocol::toWireTime(lot.expiresAt)}});
    }
    return {{QStringLiteral("available"), w.available},
            {QStringLiteral("held"), w.inEscrow},
            {QStringLiteral("lot_count"), static_cast<qint64>(w.lots.size())},
            {QStringLiteral("lots"), lots}};
}

QJsonObject sanctionJson(const SqlQuery &q)
{
    return {{QStringLiteral("id"), q.int64(0)},
            {QStringLiteral("kind"), q.string(1)},
            {QStringLiteral("case_id"), optionalId(q, 2)},
            {QStringLiteral("strike"), q.int64(3)},
            {QStringLiteral("reason"), q.string(4)},
            {QStringLiteral("created_by"), optionalId(q, 5)},
            {QStringLiteral("created_at"), protocol::toWireTime(q.int64(6))},
            {QStringLiteral("ends_at"), time(q, 7)},
            {QStringLiteral("lifted_at"), time(q, 8)}};
}

const QString kSanctionColumns = QStringLiteral(
    "SELECT id, kind, case_id, strike, reason, created_by, created_at, ends_at, lifted_at "
    "FROM sanctions ");

QJsonObject strikes(QSqlDatabase &db, qint64 userId, qint64 now)
{
    SqlQuery q(db, kSanctionColumns + QStringLiteral("WHERE user_id = :u AND strike > 0 AND "
                                                     "lifted_at IS NULL AND created_at > :since "
                                                     "ORDER BY created_at DESC, id DESC"));
    q.bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":since"), now - MemberFile::kStrikeLifetimeMs)
        .exec();
    QJsonArray live;
    qint64 count = 0;
    while (q.next()) {
        count += q.int64(3);
        live.push_back(sanctionJson(q));
    }
    return {{QStringLiteral("live"), count}, {QStringLiteral("items"), live}};
}

QJsonArray sanctions(QSqlDatabase &db, qint64 userId)
{
    SqlQuery q(db, kSanctionColumns +
                       QStringLiteral("WHERE user_id = :u ORDER BY created_at DESC, id DESC "
                                      "LIMIT :n"));
    q.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":n"), kSanctions).exec();
    QJsonArray out;
    while (q.next())
        out.push_back(sanctionJson(q));
    return out;
}

QJsonObject reportsPart(QSqlDatabase &db, const QString &from, const QString &where, qint64 userId)
{
    SqlQuery count(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(from, where));
    count.bind(QStringLiteral(":u"), userId).exec();
    const qint64 total = count.scalar().value_or(0).toLongLong();
    SqlQuery q(db, QStringLiteral("SELECT r.id, r.reporter_id, r.subject_type, r.subject_id, "
                                  "r.category, r.case_id, r.created_at FROM %1 WHERE %2 "
                                  "ORDER BY r.created_at DESC, r.id DESC LIMIT :n")
                       .arg(from, where));
    q.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":n"), kLatest).exec();
    QJsonArray latest;
    while (q.next())
        latest.push_back(QJsonObject{
            {QStringLiteral("id"), q.int64(0)},
            {QStringLiteral("reporter_id"), q.int64(1)},
            {QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), q.string(2)},
                                                    {QStringLiteral("id"), q.int64(3)}}},
            {QStringLiteral("category"), q.string(4)},
            {QStringLiteral("case_id"), q.int64(5)},
            {QStringLiteral("created_at"), protocol::toWireTime(q.int64(6))}});
    return {{QStringLiteral("count"), total}, {QStringLiteral("latest"), latest}};
}

QJsonArray cases(QSqlDatabase &db, qint64 userId)
{
    SqlQuery q(db,
               QStringLiteral("SELECT id, subject_type, subject_id, status, category, "
                              "severity, report_count, opened_at, closed_at FROM cases WHERE "
                              "subject_user_id = :u ORDER BY opened_at DESC, id DESC LIMIT :n"));
    q.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":n"), kListed).exec();
    QJsonArray out;
    while (q.next())
        out.push_back(QJsonObject{
            {QStringLiteral("id"), q.int64(0)},
            {QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), q.string(1)},
                                                    {QStringLiteral("id"), q.int64(2)}}},
            {QStringLiteral("status"), q.string(3)},
            {QStringLiteral("category"), q.string(4)},
            {QStringLiteral("severity"), q.string(5)},
            {QStringLiteral("report_count"), q.int64(6)},
            {QStringLiteral("opened_at"), protocol::toWireTime(q.int64(7))},
            {QStringLiteral("closed_at"), time(q, 8)}});
    return out;
}

QJsonArray auditAbout(QSqlDatabase &db, qint64 userId)
{
    SqlQuery q(db, QStringLiteral("SELECT id, at, actor_id, actor_label, action, reason FROM "
                                  "audit_log WHERE target_type = 'user' AND target_id = :u "
                                  "ORDER BY id DESC LIMIT :n"));
    q.bind(QStringLiteral(":u"), QString::number(userId))
        .bind(QStringLiteral(":n"), kListed)
        .exec();
    QJsonArray out;
    while (q.next())
        out.push_back(QJsonObject{{QStringLiteral("id"), q.int64(0)},
                                  {QStringLiteral("at"), protocol::toWireTime(q.int64(1))},
                                  {QStringLiteral("actor_id"), optionalId(q, 2)},
                                  {QStringLiteral("actor_label"), q.string(3)},
                                  {QStringLiteral("action"), q.string(4)},
                                  {QStringLiteral("reason"), q.string(5)}});
    return out;
}

} // namespace

std::optional<QJsonObject> MemberFile::load(QSqlDatabase &db, const Ledger &ledger, qint64 userId,
                                            qint64 nowMs)
{
    SqlQuery account(db, QStringLiteral("SELECT id, email, name, kind, status, created_at, "
                                        "updated_at FROM users WHERE id = :u"));
    account.bind(QStringLiteral(":u"), userId).exec();
    if (!account.next())
        return std::nullopt;
    const qint64 createdAt = account.int64(5);
    const bool member = account.string(3) == QStringLiteral("member");
    QJsonObject o{{QStringLiteral("id"), account.int64(0)},
                  {QStringLiteral("email"), account.string(1)},
                  {QStringLiteral("name"), account.string(2)},
                  {QStringLiteral("kind"), account.string(3)},
                  {QStringLiteral("status"), account.string(4)},
                  {QStringLiteral("created_at"), protocol::toWireTime(createdAt)},
                  {QStringLiteral("updated_at"), protocol::toWireTime(account.int64(6))},
                  {QStringLiteral("account_age_days"),
                   std::max<qint64>(0, (nowMs - createdAt) / (24LL * 3600 * 1000))},
                  {QStringLiteral("recent_audit"), auditAbout(db, userId)}};
    if (!member) {
        SqlQuery roles(
            db, QStringLiteral("SELECT role FROM user_roles WHERE user_id = :u ORDER BY role"));
        roles.bind(QStringLiteral(":u"), userId).exec();
        QJsonArray names;
        while (roles.next())
            names.push_back(roles.string(0));
        o.insert(QStringLiteral("roles"), names);
        return o;
    }
    const QJsonObject p = profile(db, userId);
    o.insert(QStringLiteral("email_verified"),
             !p.value(QStringLiteral("email_verified_at")).isNull());
    o.insert(QStringLiteral("profile"), p);
    o.insert(QStringLiteral("skills"), skills(db, userId));
    o.insert(QStringLiteral("sessions"), sessions(db, userId, nowMs));
    const Rating rating = Reviews::rating(db, userId, nowMs);
    o.insert(
        QStringLiteral("rating"),
        QJsonObject{{QStringLiteral("mean"), rating.count ? QJsonValue(rating.mean) : QJsonValue()},
                    {QStringLiteral("count"), rating.count}});
    o.insert(QStringLiteral("wallet"), wallet(db, ledger, userId));
    o.insert(QStringLiteral("strikes"), strikes(db, userId, nowMs));
    o.insert(QStringLiteral("sanctions"), sanctions(db, userId));
    o.insert(
        QStringLiteral("reports_filed"),
        reportsPart(db, QStringLiteral("reports r"), QStringLiteral("r.reporter_id = :u"), userId));
    // Against them: every report whose case is about them, whatever the subject (their
    // profile, a message, a session or a review of theirs).
    o.insert(QStringLiteral("reports_against"),
             reportsPart(db, QStringLiteral("reports r JOIN cases c ON c.id = r.case_id"),
                         QStringLiteral("c.subject_user_id = :u"), userId));
    o.insert(QStringLiteral("cases"), cases(db, userId));
    return o;
}

} // namespace skillex::server
