// The decision is a conditional UPDATE on status = 'pending', so two approvers at once cannot
// both apply it.
#include "server/domain/moderation/banapprovals.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/moderation/casechange.h"
#include "server/domain/moderation/casestates.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {

using namespace protocol;

namespace {

const QString kSelect = QStringLiteral(
    "SELECT b.id, b.user_id, u.name, u.status, b.case_id, b.proposed_by, p.name, b.reason, "
    "b.status, b.decided_by, d.name, b.decision_reason, b.created_at, b.decided_at "
    "FROM ban_approvals b JOIN users u ON u.id = b.user_id JOIN users p ON p.id = b.proposed_by "
    "LEFT JOIN users d ON d.id = b.decided_by ");

QJsonObject readRow(const SqlQuery &q)
{
    auto person = [&](int id, int name) {
        return q.isNull(id) ? QJsonValue()
                            : QJsonValue(QJsonObject{{QStringLiteral("id"), q.int64(id)},
                                                     {QStringLiteral("name"), q.string(name)}});
    };
    return {{QStringLiteral("id"), q.int64(0)},
            {QStringLiteral("user"), QJsonObject{{QStringLiteral("id"), q.int64(1)},
                                                 {QStringLiteral("name"), q.string(2)},
                                                 {QStringLiteral("status"), q.string(3)}}},
            {QStringLiteral("case_id"), q.isNull(4) ? QJsonValue() : QJsonValue(q.int64(4))},
            {QStringLiteral("proposed_by"), person(5, 6)},
            {QStringLiteral("reason"), q.string(7)},
            {QStringLiteral("status"), q.string(8)},
            {QStringLiteral("decided_by"), person(9, 10)},
            {QStringLiteral("decision_reason"), q.string(11)},
            {QStringLiteral("created_at"), toWireTime(q.int64(12))},
            {QStringLiteral("decided_at"),
             q.isNull(13) ? QJsonValue() : QJsonValue(toWireTime(q.int64(13)))}};
}

} // namespace

BanApprovals::BanApprovals(Database &db, const Clock &clock, AuditLog &audit, EventLog &events,
                           Sanctions &sanctions)
    : m_db(db)
    , m_clock(clock)
    , m_audit(audit)
    , m_events(events)
    , m_sanctions(sanctions)
{}

std::optional<QJsonObject> BanApprovals::find(QSqlDatabase &db, qint64 id) const
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE b.id = :i"));
    q.bind(QStringLiteral(":i"), id).exec();
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

std::optional<QJsonObject> BanApprovals::pendingForCase(QSqlDatabase &db, qint64 caseId) const
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE b.case_id = :c AND b.status = 'pending'"));
    q.bind(QStringLiteral(":c"), caseId).exec();
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

QJsonArray BanApprovals::list(QSqlDatabase &db, const BanApprovalQuery &query) const
{
    QStringList where{QStringLiteral("b.id > :after")};
    if (query.status)
        where.push_back(QStringLiteral("b.status = :s"));
    if (query.userId)
        where.push_back(QStringLiteral("b.user_id = :u"));
    if (query.caseId)
        where.push_back(QStringLiteral("b.case_id = :c"));
    SqlQuery q(db, kSelect + QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")) +
                       QStringLiteral(" ORDER BY b.id LIMIT %1").arg(query.limit));
    q.bind(QStringLiteral(":after"), query.afterId);
    if (query.status)
        q.bind(QStringLiteral(":s"), *query.status);
    if (query.userId)
        q.bind(QStringLiteral(":u"), *query.userId);
    if (query.caseId)
        q.bind(QStringLiteral(":c"), *query.caseId);
    q.exec();
    QJsonArray items;
    while (q.next())
        items.push_back(readRow(q));
    return items;
}

QJsonObject BanApprovals::propose(QSqlDatabase &tx, const StaffActor &actor, qint64 userId,
                                  std::optional<qint64> caseId, const QString &reason, qint64 now)
{
    const QString status = m_sanctions.requireMember(tx, userId);
    if (status == QStringLiteral("banned"))
        throw DomainError(409, problemtype::kActionNotApplicable,
                          QStringLiteral("Action not applicable"),
                          QStringLiteral("The member is banned already."));
    SqlQuery pending(tx, QStringLiteral("SELECT id FROM ban_approvals WHERE user_id = :u AND "
                                        "status = 'pending'"));
    pending.bind(QStringLiteral(":u"), userId).exec();
    if (pending.next())
        throw DomainError(409, problemtype::kBanPending, QStringLiteral("Ban already proposed"),
                          QStringLiteral("Ban proposal %1 for this member waits for a second "
                                         "approver.")
                              .arg(pending.int64(0)))
            .withExtension(QStringLiteral("ban_approval_id"), pending.int64(0));
    SqlQuery insert(tx, QStringLiteral("INSERT INTO ban_approvals (user_id, case_id, proposed_by, "
                                       "reason, status, created_at) VALUES (:u, :c, :p, :r, "
                                       "'pending', :t) RETURNING id"));
    insert.bind(QStringLiteral(":u"), userId)
        .bindOptional(QStringLiteral(":c"), caseId)
        .bind(QStringLiteral(":p"), actor.id)
        .bind(QStringLiteral(":r"), reason)
        .bind(QStringLiteral(":t"), now)
        .exec();
    return *find(tx, insert.scalar().value_or(0).toLongLong());
}

QJsonObject BanApprovals::approve(const StaffActor &actor, qint64 id, const QString &note)
{
    return decide(actor, id, true, note);
}

QJsonObject BanApprovals::reject(const StaffActor &actor, qint64 id, const QString &note)
{
    return decide(actor, id, false, note);
}

QJsonObject BanApprovals::decide(const StaffActor &actor, qint64 id, bool approve,
                                 const QString &note)
{
    if (!actor.senior)
        throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                          QStringLiteral("Bans are decided by a senior_moderator or an admin."));
    return m_db.write([&](QSqlDatabase &tx) {
        const qint64 now = m_clock.nowMs();
        const auto before = find(tx, id);
        if (!before)
            throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("There is no ban proposal %1.").arg(id));
        if (before->value(QStringLiteral("status")).toString() != QStringLiteral("pending"))
            throw DomainError(409, problemtype::kBanApprovalState,
                              QStringLiteral("Ban proposal decided"),
                              QStringLiteral("The proposal is %1 already.")
                                  .arg(before->value(QStringLiteral("status")).toString()))
                .withExtension(QStringLiteral("current"), *before);
        const qint64 proposer = before->value(QStringLiteral("proposed_by"))
                                    .toObject()
                                    .value(QStringLiteral("id"))
                                    .toInteger();
        if (proposer == actor.id)
            throw DomainError(403, problemtype::kSecondApproverRequired,
                              QStringLiteral("Second approver required"),
                              QStringLiteral("A ban needs a second person: the proposer cannot "
                                             "decide it."));
        const qint64 userId = before->value(QStringLiteral("user"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
        const QJsonValue caseValue = before->value(QStringLiteral("case_id"));
        std::optional<CaseRow> caseRow;
        QJsonObject caseBefore;
        if (!caseValue.isNull()) {
            caseRow = requireCase(tx, caseValue.toInteger());
            caseBefore = findCaseSummary(tx, caseRow->id).value_or(QJsonObject{});
            if (approve)
                casestates::require(caseRow->status, casestates::kResolved,
                                    QStringLiteral("resolve the case with a ban"), caseBefore);
        }
        SqlQuery decideRow(tx, QStringLiteral("UPDATE ban_approvals SET status = :s, decided_by = "
                                              ":d, decision_reason = :r, decided_at = :t WHERE id "
                                              "= :i AND status = 'pending'"));
        decideRow
            .bind(QStringLiteral(":s"),
                  approve ? QStringLiteral("approved") : QStringLiteral("rejected"))
            .bind(QStringLiteral(":d"), actor.id)
            .bind(QStringLiteral(":r"), note)
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":i"), id)
            .exec();
        if (decideRow.rowsAffected() != 1)
            throw DomainError(409, problemtype::kBanApprovalState,
                              QStringLiteral("Ban proposal decided"),
                              QStringLiteral("Someone decided the proposal meanwhile."));
        QJsonObject effect;
        if (approve) {
            const QString reason = before->value(QStringLiteral("reason")).toString();
            // The proposer took the decision; the sanction names them, the approval the second.
            effect =
                m_sanctions
                    .ban(tx, userId, caseRow ? std::optional<qint64>(caseRow->id) : std::nullopt,
                         reason, proposer)
                    .toJson();
            if (caseRow)
                moveCase(tx, caseRow->id, casestates::kResolved, now, QStringLiteral("ban"),
                         proposer);
        } else if (caseRow) {
            touchCase(tx, caseRow->id, now);
        }
        const QJsonObject after = *find(tx, id);
        m_audit.append(tx, {actor.id, actor.label,
                            approve ? QStringLiteral("ban.approve") : QStringLiteral("ban.reject"),
                            QStringLiteral("ban_approval"), QString::number(id), note, *before,
                            after, actor.address, actor.requestId});
        m_events.append(tx, {approve ? QStringLiteral("ban_approval.approved")
                                     : QStringLiteral("ban_approval.rejected"),
                             actor.id, QStringLiteral("ban_approval"), QString::number(id), after});
        if (approve)
            m_events.append(tx, {QStringLiteral("user.banned"),
                                 actor.id,
                                 QStringLiteral("user"),
                                 QString::number(userId),
                                 {{QStringLiteral("user"), m_sanctions.memberState(tx, userId)},
                                  {QStringLiteral("ban_approval_id"), id},
                                  {QStringLiteral("effect"), effect}}});
        QJsonObject response{{QStringLiteral("ban_approval"), after}};
        if (approve)
            response.insert(QStringLiteral("effect"), effect);
        if (caseRow) {
            CaseChange change;
            change.historyAction =
                approve ? QStringLiteral("ban_approved") : QStringLiteral("ban_rejected");
            if (approve) {
                change.fromStatus = caseRow->status;
                change.toStatus = casestates::kResolved;
            }
            change.details = {{QStringLiteral("ban_approval_id"), id},
                              {QStringLiteral("note"), note},
                              {QStringLiteral("effect"), effect}};
            change.eventType =
                approve ? QStringLiteral("case.ban_approved") : QStringLiteral("case.ban_rejected");
            change.auditAction =
                approve ? QStringLiteral("case.ban_approved") : QStringLiteral("case.ban_rejected");
            change.reason = note;
            change.before = caseBefore;
            response.insert(QStringLiteral("case"), recordCaseChange(tx, m_audit, m_events, &actor,
                                                                     caseRow->id, change, now));
        }
        return response;
    });
}

} // namespace skillex::server
