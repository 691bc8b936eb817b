// Everything a moderator needs to decide, read in one consistent read.
#include "server/domain/moderation/casedetail.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/moderation/casehistory.h"
#include "server/domain/moderation/casepriority.h"
#include "server/domain/moderation/casesummary.h"
#include "server/storage/sqlquery.h"

#include <QJsonDocument>

#include <cmath>

namespace skillex::server {

using namespace protocol;
using namespace moderation;

namespace {

constexpr int kPriorCases = 20;
constexpr int kSanctionsShown = 50;
constexpr qint64 kRatingWindowMs = 365LL * kDayMs;

QJsonValue optionalTime(const SqlQuery &q, int column)
{
    return q.isNull(column) ? QJsonValue() : QJsonValue(toWireTime(q.int64(column)));
}

qint64 count(QSqlDatabase &db, const QString &sql, qint64 a, qint64 b = 0)
{
    SqlQuery q(db, sql);
    q.bind(QStringLiteral(":a"), a);
    if (sql.contains(QStringLiteral(":b")))
        q.bind(QStringLiteral(":b"), b);
    q.exec();
    return q.scalar().value_or(0).toLongLong();
}

} // namespace

CaseDetail::CaseDetail(Database &db, Ledger &ledger, Sanctions &sanctions, BanApprovals &bans)
    : m_db(db)
    , m_ledger(ledger)
    , m_sanctions(sanctions)
    , m_bans(bans)
{}

QJsonArray CaseDetail::reports(QSqlDatabase &db, qint64 caseId) const
{
    SqlQuery q(db, QStringLiteral("SELECT r.id, r.reporter_id, u.name, r.created_at, r.category, "
                                  "r.description FROM reports r JOIN users u ON u.id = "
                                  "r.reporter_id WHERE r.case_id = :c ORDER BY r.id"));
    q.bind(QStringLiteral(":c"), caseId).exec();
    QJsonArray out;
    while (q.next())
        out.push_back(QJsonObject{
            {QStringLiteral("id"), q.int64(0)},
            {QStringLiteral("reporter"), QJsonObject{{QStringLiteral("id"), q.int64(1)},
                                                     {QStringLiteral("name"), q.string(2)}}},
            {QStringLiteral("created_at"), toWireTime(q.int64(3))},
            {QStringLiteral("category"), q.string(4)},
            {QStringLiteral("description"), q.string(5)}});
    return out;
}

QJsonArray CaseDetail::evidence(QSqlDatabase &db, qint64 caseId) const
{
    QJsonArray out;
    QList<qint64> ids;
    SqlQuery q(db, QStringLiteral("SELECT id, report_id, kind, snapshot, created_at FROM evidence "
                                  "WHERE case_id = :c ORDER BY id"));
    q.bind(QStringLiteral(":c"), caseId).exec();
    while (q.next()) {
        ids.push_back(q.int64(0));
        out.push_back(QJsonObject{
            {QStringLiteral("id"), q.int64(0)},
            {QStringLiteral("report_id"), q.int64(1)},
            {QStringLiteral("kind"), q.string(2)},
            {QStringLiteral("snapshot"), QJsonDocument::fromJson(q.string(3).toUtf8()).object()},
            {QStringLiteral("captured_at"), toWireTime(q.int64(4))},
            {QStringLiteral("attachments"), QJsonArray()}});
    }
    SqlQuery files(db, QStringLiteral("SELECT ea.evidence_id, a.sha256, a.size, a.mime FROM "
                                      "evidence_attachments ea JOIN evidence e ON e.id = "
                                      "ea.evidence_id JOIN attachments a ON a.sha256 = ea.sha256 "
                                      "WHERE e.case_id = :c ORDER BY ea.evidence_id, a.sha256"));
    files.bind(QStringLiteral(":c"), caseId).exec();
    while (files.next()) {
        const auto index = ids.indexOf(files.int64(0));
        if (index < 0)
            continue;
        QJsonObject e = out.at(index).toObject();
        QJsonArray list = e.value(QStringLiteral("attachments")).toArray();
        list.push_back(
            QJsonObject{{QStringLiteral("sha256"), files.string(1)},
                        {QStringLiteral("size"), files.int64(2)},
                        {QStringLiteral("content_type"), files.string(3)},
                        {QStringLiteral("url"),
                         QStringLiteral("/api/v1/admin/attachments/") + files.string(1)}});
        e.insert(QStringLiteral("attachments"), list);
        out.replace(index, e);
    }
    return out;
}

QJsonObject CaseDetail::priorityTerms(QSqlDatabase &db, const QJsonObject &summary,
                                      qint64 now) const
{
    const qint64 caseId = summary.value(QStringLiteral("id")).toInteger();
    const Severity severity = severityFromName(summary.value(QStringLiteral("severity")).toString())
                                  .value_or(Severity::Low);
    const int reporters = summary.value(QStringLiteral("reporter_count")).toInt();
    const auto opened = fromWireTime(summary.value(QStringLiteral("opened_at")).toString());
    const qint64 openedAt = opened ? opened->toMSecsSinceEpoch() : now;
    // The same inputs as Cases::priorityOf, explained term by term.
    SqlQuery trust(
        db,
        QStringLiteral(
            "SELECT u.created_at, "
            "(SELECT COUNT(DISTINCT p.case_id) FROM reports p JOIN cases c ON c.id = "
            "p.case_id WHERE p.reporter_id = u.id AND p.case_id <> :c1 AND c.status IN "
            "('resolved', 'appeal_upheld')), "
            "(SELECT COUNT(DISTINCT q.case_id) FROM reports q JOIN cases d ON d.id = "
            "q.case_id WHERE q.reporter_id = u.id AND q.case_id <> :c2 AND d.status IN "
            "('dismissed', 'appeal_overturned')) "
            "FROM users u WHERE u.id IN (SELECT reporter_id FROM reports WHERE case_id = :c3)"));
    trust.bind(QStringLiteral(":c1"), caseId)
        .bind(QStringLiteral(":c2"), caseId)
        .bind(QStringLiteral(":c3"), caseId)
        .exec();
    QList<double> trusts;
    while (trust.next())
        trusts.push_back(reporterTrust(now - trust.int64(0), static_cast<int>(trust.int64(1)),
                                       static_cast<int>(trust.int64(2))));
    int strikes = 0;
    const QJsonValue subjectUser = summary.value(QStringLiteral("subject_user"));
    if (subjectUser.isObject()) {
        SqlQuery s(db,
                   QStringLiteral("SELECT COALESCE(SUM(strike), 0) FROM sanctions WHERE "
                                  "user_id = :u AND strike > 0 AND lifted_at IS NULL AND "
                                  "created_at > :since AND (case_id IS NULL OR case_id <> :c)"));
        s.bind(QStringLiteral(":u"), subjectUser.toObject().value(QStringLiteral("id")).toInteger())
            .bind(QStringLiteral(":since"), now - kStrikeLifetimeMs)
            .bind(QStringLiteral(":c"), caseId)
            .exec();
        strikes = static_cast<int>(s.scalar().value_or(0).toLongLong());
    }
    const PriorityInputs in{severity, reporters, meanTrust(trusts), strikes, now - openedAt};
    return {{QStringLiteral("severity_weight"), severityWeight(in.severity)},
            {QStringLiteral("distinct_reporters"), reporters},
            {QStringLiteral("reporter_term"), reporterTerm(in.distinctReporters)},
            {QStringLiteral("reporter_trust"), in.reporterTrust},
            {QStringLiteral("prior_strikes"), strikes},
            {QStringLiteral("strike_term"), strikeTerm(in.priorStrikes)},
            {QStringLiteral("age_term"), ageTerm(in.waitingMs)},
            {QStringLiteral("total"), casePriority(in)},
            {QStringLiteral("stored"), summary.value(QStringLiteral("priority"))},
            {QStringLiteral("formula"),
             QStringLiteral("severity_weight x reporter_term x reporter_trust x strike_term + "
                            "age_term")}};
}

QJsonValue CaseDetail::subjectContext(QSqlDatabase &db, std::optional<qint64> userId, qint64 caseId,
                                      qint64 now) const
{
    if (!userId)
        return QJsonValue();
    const qint64 u = *userId;
    SqlQuery user(db, QStringLiteral("SELECT id, name, email, status, created_at FROM users WHERE "
                                     "id = :u"));
    user.bind(QStringLiteral(":u"), u).exec();
    if (!user.next())
        return QJsonValue();
    const qint64 createdAt = user.int64(4);
    QJsonObject out{{QStringLiteral("user"),
                     QJsonObject{{QStringLiteral("id"), user.int64(0)},
                                 {QStringLiteral("name"), user.string(1)},
                                 {QStringLiteral("email"), user.string(2)},
                                 {QStringLiteral("status"), user.string(3)},
                                 {QStringLiteral("created_at"), toWireTime(createdAt)}}},
                    {QStringLiteral("account_age_days"), (now - createdAt) / kDayMs}};

    QJsonArray prior;
    SqlQuery cases(db, QStringLiteral("SELECT id, status, category, severity, resolution, "
                                      "opened_at, closed_at FROM cases WHERE subject_user_id = :u "
                                      "AND id <> :c ORDER BY id DESC LIMIT %1")
                           .arg(kPriorCases));
    cases.bind(QStringLiteral(":u"), u).bind(QStringLiteral(":c"), caseId).exec();
    while (cases.next())
        prior.push_back(QJsonObject{{QStringLiteral("id"), cases.int64(0)},
                                    {QStringLiteral("status"), cases.string(1)},
                                    {QStringLiteral("category"), cases.string(2)},
                                    {QStringLiteral("severity"), cases.string(3)},
                                    {QStringLiteral("resolution"),
                                     cases.isNull(4) ? QJsonValue() : QJsonValue(cases.string(4))},
                                    {QStringLiteral("opened_at"), toWireTime(cases.int64(5))},
                                    {QStringLiteral("closed_at"), optionalTime(cases, 6)}});
    out.insert(QStringLiteral("prior_cases"), prior);

    QJsonArray sanctions;
    SqlQuery s(db, QStringLiteral("SELECT id, kind, case_id, strike, reason, created_by, "
                                  "created_at, ends_at, lifted_at FROM sanctions WHERE user_id = "
                                  ":u ORDER BY id DESC LIMIT %1")
                       .arg(kSanctionsShown));
    s.bind(QStringLiteral(":u"), u).exec();
    while (s.next()) {
        const bool lifted = !s.isNull(8);
        const bool live = !lifted && s.int64(3) > 0 && s.int64(6) > now - kStrikeLifetimeMs;
        sanctions.push_back(QJsonObject{
            {QStringLiteral("id"), s.int64(0)},
            {QStringLiteral("kind"), s.string(1)},
            {QStringLiteral("case_id"), s.isNull(2) ? QJsonValue() : QJsonValue(s.int64(2))},
            {QStringLiteral("strike"), s.int64(3)},
            {QStringLiteral("live_strike"), live},
            {QStringLiteral("reason"), s.string(4)},
            {QStringLiteral("created_by"), s.isNull(5) ? QJsonValue() : QJsonValue(s.int64(5))},
            {QStringLiteral("created_at"), toWireTime(s.int64(6))},
            {QStringLiteral("ends_at"), optionalTime(s, 7)},
            {QStringLiteral("lifted_at"), optionalTime(s, 8)}});
    }
    out.insert(QStringLiteral("sanctions"), sanctions);
    out.insert(QStringLiteral("live_strikes"), m_sanctions.liveStrikes(db, u, now));

    out.insert(
        QStringLiteral("sessions"),
        QJsonObject{
            {QStringLiteral("taught"),
             count(db, QStringLiteral("SELECT COUNT(*) FROM sessions WHERE teacher_id = :a"), u)},
            {QStringLiteral("taught_completed"),
             count(db,
                   QStringLiteral("SELECT COUNT(*) FROM sessions WHERE teacher_id = :a AND "
                                  "status = 'completed'"),
                   u)},
            {QStringLiteral("booked"),
             count(db, QStringLiteral("SELECT COUNT(*) FROM bookings WHERE learner_id = :a"), u)}});

    SqlQuery rating(db, QStringLiteral("SELECT COUNT(*), COALESCE(SUM(knowledge + communication + "
                                       "professionalism), 0) FROM reviews WHERE reviewee_id = :u "
                                       "AND hidden_at IS NULL AND deleted_at IS NULL AND "
                                       "created_at >= :since"));
    rating.bind(QStringLiteral(":u"), u)
        .bind(QStringLiteral(":since"), now - kRatingWindowMs)
        .exec();
    rating.next();
    const qint64 ratingCount = rating.int64(0);
    out.insert(
        QStringLiteral("rating"),
        QJsonObject{{QStringLiteral("mean"),
                     ratingCount > 0 ? QJsonValue(std::round(rating.value(1).toDouble() /
                                                             (3.0 * double(ratingCount)) * 100.0) /
                                                  100.0)
                                     : QJsonValue()},
                    {QStringLiteral("count"), ratingCount}});

    const Wallet wallet = m_ledger.wallet(db, u);
    out.insert(QStringLiteral("wallet"),
               QJsonObject{{QStringLiteral("available"), wallet.available},
                           {QStringLiteral("in_escrow"), wallet.inEscrow},
                           {QStringLiteral("lots"), static_cast<qint64>(wallet.lots.size())}});
    out.insert(QStringLiteral("reports_by"),
               count(db, QStringLiteral("SELECT COUNT(*) FROM reports WHERE reporter_id = :a"), u));
    out.insert(QStringLiteral("reports_against"),
               count(db,
                     QStringLiteral("SELECT COUNT(*) FROM reports r JOIN cases c ON c.id = "
                                    "r.case_id WHERE c.subject_user_id = :a"),
                     u));
    return out;
}

QJsonObject CaseDetail::detail(qint64 caseId, qint64 now) const
{
    return m_db.read([&](QSqlDatabase &db) {
        const auto summary = findCaseSummary(db, caseId);
        if (!summary)
            throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("There is no case %1.").arg(caseId));
        SqlQuery extra(db, QStringLiteral("SELECT subject_user_id, subject_type, decided_by, "
                                          "resolution, first_action_at FROM cases WHERE id = :c"));
        extra.bind(QStringLiteral(":c"), caseId).exec();
        extra.next();
        const std::optional<qint64> subjectUser = extra.optionalInt64(0);
        QJsonObject out = *summary;
        out.insert(QStringLiteral("decided_by"),
                   extra.isNull(2) ? QJsonValue() : QJsonValue(extra.int64(2)));
        out.insert(QStringLiteral("resolution"),
                   extra.isNull(3) ? QJsonValue() : QJsonValue(extra.string(3)));
        out.insert(QStringLiteral("first_action_at"), optionalTime(extra, 4));
        out.insert(QStringLiteral("reports"), reports(db, caseId));
        out.insert(QStringLiteral("evidence"), evidence(db, caseId));
        out.insert(QStringLiteral("priority_explanation"), priorityTerms(db, *summary, now));
        out.insert(QStringLiteral("subject_context"), subjectContext(db, subjectUser, caseId, now));
        out.insert(QStringLiteral("notes"), caseHistory(db, caseId, QStringLiteral("note")));
        out.insert(QStringLiteral("history"), caseHistory(db, caseId));
        out.insert(QStringLiteral("suggested_action"),
                   m_sanctions.suggest(db, subjectUser, extra.string(1), now).toJson());
        const auto pending = m_bans.pendingForCase(db, caseId);
        out.insert(QStringLiteral("ban_approval"), pending ? QJsonValue(*pending) : QJsonValue());
        SqlQuery appeal(db,
                        QStringLiteral("SELECT id, user_id, body, status, decided_by, "
                                       "created_at, decided_at FROM appeals WHERE case_id = :c"));
        appeal.bind(QStringLiteral(":c"), caseId).exec();
        out.insert(QStringLiteral("appeal"),
                   appeal.next()
                       ? QJsonValue(QJsonObject{
                             {QStringLiteral("id"), appeal.int64(0)},
                             {QStringLiteral("user_id"), appeal.int64(1)},
                             {QStringLiteral("body"), appeal.string(2)},
                             {QStringLiteral("status"), appeal.string(3)},
                             {QStringLiteral("decided_by"),
                              appeal.isNull(4) ? QJsonValue() : QJsonValue(appeal.int64(4))},
                             {QStringLiteral("created_at"), toWireTime(appeal.int64(5))},
                             {QStringLiteral("decided_at"), optionalTime(appeal, 6)}})
                       : QJsonValue());
        return out;
    });
}

std::optional<StoredAttachment> CaseDetail::evidenceAttachment(const QString &sha256) const
{
    return m_db.read([&](QSqlDatabase &db) -> std::optional<StoredAttachment> {
        SqlQuery q(db, QStringLiteral("SELECT a.mime, a.data FROM attachments a WHERE a.sha256 = "
                                      ":h AND EXISTS (SELECT 1 FROM evidence_attachments e WHERE "
                                      "e.sha256 = :h2)"));
        q.bind(QStringLiteral(":h"), sha256).bind(QStringLiteral(":h2"), sha256).exec();
        if (!q.next())
            return std::nullopt;
        return StoredAttachment{q.string(0), q.value(1).toByteArray()};
    });
}

} // namespace skillex::server
