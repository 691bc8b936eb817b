// Staff moves on a case. The state table (casestates) decides what is possible; this file
// decides who may (assignee, senior) and what else happens in the same transaction.
#include "server/domain/moderation/casework.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/moderation/casechange.h"
#include "server/domain/moderation/casestates.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {

using namespace protocol;
namespace cs = casestates;

namespace {

QJsonObject summaryOf(QSqlDatabase &tx, qint64 caseId)
{
    return findCaseSummary(tx, caseId).value_or(QJsonObject{});
}

DomainError notApplicable(const QString &detail)
{
    return DomainError(409, problemtype::kActionNotApplicable,
                       QStringLiteral("Action not applicable"), detail);
}

} // namespace

CaseWork::CaseWork(Database &db, const Clock &clock, AuditLog &audit, EventLog &events,
                   Sanctions &sanctions, CannedReasons &reasons, BanApprovals &bans)
    : m_db(db)
    , m_clock(clock)
    , m_audit(audit)
    , m_events(events)
    , m_sanctions(sanctions)
    , m_reasons(reasons)
    , m_bans(bans)
{}

CaseRow CaseWork::begin(QSqlDatabase &tx, const StaffActor &, qint64 caseId,
                        const VersionMatch *match) const
{
    CaseRow row = requireCase(tx, caseId);
    if (match)
        requireCaseVersion(tx, row, *match);
    return row;
}

void CaseWork::requireMove(const StaffActor &actor, const CaseRow &row, const QString &to,
                           const QString &what, QSqlDatabase &tx) const
{
    cs::require(row.status, to, what, summaryOf(tx, row.id));
    if (cs::requiredMover(row.status, to) == cs::Mover::Senior && !actor.senior)
        throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                          QStringLiteral("The case is %1: only a senior_moderator or an admin may "
                                         "%2 it.")
                              .arg(row.status, what));
}

void CaseWork::requireMine(const StaffActor &actor, const CaseRow &row, QSqlDatabase &tx) const
{
    if (row.assigneeId && *row.assigneeId != actor.id && !actor.senior)
        throw DomainError(409, problemtype::kCaseAssigned,
                          QStringLiteral("Case claimed by someone else"),
                          QStringLiteral("Case %1 is assigned to another moderator.").arg(row.id))
            .withExtension(QStringLiteral("current"), summaryOf(tx, row.id));
}

QJsonObject CaseWork::claim(const StaffActor &actor, qint64 caseId, const VersionMatch &match)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const CaseRow row = begin(tx, actor, caseId, &match);
        requireMove(actor, row, cs::kAssigned, QStringLiteral("claim"), tx);
        const QJsonObject before = summaryOf(tx, caseId);
        const qint64 now = m_clock.nowMs();
        SqlQuery(tx, QStringLiteral("UPDATE cases SET assignee_id = :a WHERE id = :c"))
            .bind(QStringLiteral(":a"), actor.id)
            .bind(QStringLiteral(":c"), caseId)
            .exec();
        moveCase(tx, caseId, cs::kAssigned, now);
        return recordCaseChange(tx, m_audit, m_events, &actor, caseId,
                                {QStringLiteral("claimed"),
                                 row.status,
                                 cs::kAssigned,
                                 {},
                                 QStringLiteral("case.claimed"),
                                 QStringLiteral("case.claim"),
                                 {},
                                 before},
                                now);
    });
}

QJsonObject CaseWork::release(const StaffActor &actor, qint64 caseId, const VersionMatch &match)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const CaseRow row = begin(tx, actor, caseId, &match);
        requireMove(actor, row, cs::kOpen, QStringLiteral("release"), tx);
        requireMine(actor, row, tx);
        const QJsonObject before = summaryOf(tx, caseId);
        const qint64 now = m_clock.nowMs();
        SqlQuery(tx, QStringLiteral("UPDATE cases SET assignee_id = NULL WHERE id = :c"))
            .bind(QStringLiteral(":c"), caseId)
            .exec();
        moveCase(tx, caseId, cs::kOpen, now);
        return recordCaseChange(tx, m_audit, m_events, &actor, caseId,
                                {QStringLiteral("released"),
                                 row.status,
                                 cs::kOpen,
                                 {},
                                 QStringLiteral("case.released"),
                                 QStringLiteral("case.release"),
                                 {},
                                 before},
                                now);
    });
}

QJsonObject CaseWork::escalate(const StaffActor &actor, qint64 caseId, const VersionMatch &match,
                               const QString &note)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const CaseRow row = begin(tx, actor, caseId, &match);
        requireMove(actor, row, cs::kEscalated, QStringLiteral("escalate"), tx);
        requireMine(actor, row, tx);
        const QJsonObject before = summaryOf(tx, caseId);
        const qint64 now = m_clock.nowMs();
        // Escalated cases wait for a senior to claim them.
        SqlQuery(tx, QStringLiteral("UPDATE cases SET assignee_id = NULL WHERE id = :c"))
            .bind(QStringLiteral(":c"), caseId)
            .exec();
        moveCase(tx, caseId, cs::kEscalated, now);
        return recordCaseChange(tx, m_audit, m_events, &actor, caseId,
                                {QStringLiteral("escalated"),
                                 row.status,
                                 cs::kEscalated,
                                 {{QStringLiteral("note"), note}},
                                 QStringLiteral("case.escalated"),
                                 QStringLiteral("case.escalate"),
                                 note,
                                 before},
                                now);
    });
}

QJsonObject CaseWork::addNote(const StaffActor &actor, qint64 caseId, const VersionMatch &match,
                              const QString &text)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const CaseRow row = begin(tx, actor, caseId, &match);
        const QJsonObject before = summaryOf(tx, caseId);
        const qint64 now = m_clock.nowMs();
        touchCase(tx, caseId, now);
        const QJsonObject after = recordCaseChange(tx, m_audit, m_events, &actor, caseId,
                                                   {QStringLiteral("note"),
                                                    {},
                                                    {},
                                                    {{QStringLiteral("text"), text}},
                                                    QStringLiteral("case.note_added"),
                                                    QStringLiteral("case.note"),
                                                    {},
                                                    before},
                                                   now);
        Q_UNUSED(row);
        return QJsonObject{
            {QStringLiteral("case"), after},
            {QStringLiteral("note"),
             QJsonObject{{QStringLiteral("at"), toWireTime(now)},
                         {QStringLiteral("author"), QJsonObject{{QStringLiteral("id"), actor.id}}},
                         {QStringLiteral("text"), text}}}};
    });
}

QString CaseWork::resolveReason(QSqlDatabase &tx, const CaseRow &row,
                                const CaseActionRequest &r) const
{
    if (!r.cannedReasonId)
        return r.reason.value_or(QString());
    QMap<QString, QString> values = r.placeholders;
    values.insert(QStringLiteral("case_id"), QString::number(row.id));
    values.insert(QStringLiteral("category"), row.category);
    if (r.durationDays)
        values.insert(QStringLiteral("duration_days"), QString::number(*r.durationDays));
    if (row.subjectUserId)
        values.insert(QStringLiteral("member_name"), m_sanctions.memberState(tx, *row.subjectUserId)
                                                         .value(QStringLiteral("name"))
                                                         .toString());
    QString text = m_reasons.render(tx, *r.cannedReasonId, r.action, values);
    // Free text given with a canned reason is appended: the template, then the specifics.
    if (r.reason && !r.reason->trimmed().isEmpty())
        text += QStringLiteral("\n") + *r.reason;
    return text;
}

QJsonObject CaseWork::act(const StaffActor &actor, qint64 caseId, const VersionMatch *match,
                          const CaseActionRequest &request)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const CaseRow row = begin(tx, actor, caseId, match);
        const qint64 now = m_clock.nowMs();
        const QString &action = request.action;
        const bool proposal = action == QStringLiteral("ban");
        const QString to = action == QStringLiteral("dismiss") ? cs::kDismissed : cs::kResolved;
        // A ban proposal does not move the case, but it is only made where a resolution could
        // be: the same check as the move it leads to.
        requireMove(actor, row, to, action, tx);
        requireMine(actor, row, tx);
        if (const auto pending = m_bans.pendingForCase(tx, caseId))
            throw DomainError(409, problemtype::kBanPending, QStringLiteral("Ban proposal pending"),
                              QStringLiteral("A ban proposal on this case waits for a second "
                                             "approver; approve or reject it first."))
                .withExtension(QStringLiteral("ban_approval_id"),
                               pending->value(QStringLiteral("id")))
                .withExtension(QStringLiteral("current"), summaryOf(tx, caseId));
        if (action != QStringLiteral("dismiss") && !row.subjectUserId)
            throw notApplicable(QStringLiteral("The case is about no member to sanction."));
        const QString reason = resolveReason(tx, row, request);
        const QJsonObject before = summaryOf(tx, caseId);

        QJsonObject response{{QStringLiteral("action"), action},
                             {QStringLiteral("reason"), reason}};
        QJsonObject details{{QStringLiteral("action"), action}, {QStringLiteral("reason"), reason}};
        if (request.cannedReasonId)
            details.insert(QStringLiteral("canned_reason_id"), *request.cannedReasonId);
        std::optional<SanctionEffect> effect;
        QString eventType = action == QStringLiteral("dismiss") ? QStringLiteral("case.dismissed")
                                                                : QStringLiteral("case.resolved");
        if (action == QStringLiteral("warn")) {
            effect = m_sanctions.warn(tx, *row.subjectUserId, caseId, reason, actor.id);
        } else if (action == QStringLiteral("remove_content")) {
            effect = m_sanctions.removeContent(tx, row.subject, *row.subjectUserId, caseId, reason,
                                               actor.id);
        } else if (action == QStringLiteral("suspend")) {
            if (!request.durationDays)
                throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid action"),
                                  QStringLiteral("duration_days is required for suspend"))
                    .withFieldErrors({{QStringLiteral("duration_days"),
                                       QStringLiteral("is required: 1, 3, 7 or 30")}});
            effect = m_sanctions.suspend(tx, *row.subjectUserId, *request.durationDays, caseId,
                                         reason, actor.id);
            details.insert(QStringLiteral("duration_days"), *request.durationDays);
        } else if (proposal) {
            const QJsonObject approval =
                m_bans.propose(tx, actor, *row.subjectUserId, caseId, reason, now);
            response.insert(QStringLiteral("ban_approval"), approval);
            details.insert(QStringLiteral("ban_approval_id"), approval.value(QStringLiteral("id")));
            eventType = QStringLiteral("case.ban_proposed");
            m_events.append(tx, {QStringLiteral("ban_approval.created"), actor.id,
                                 QStringLiteral("ban_approval"),
                                 QString::number(approval.value(QStringLiteral("id")).toInteger()),
                                 approval});
        }
        if (effect) {
            response.insert(QStringLiteral("effect"), effect->toJson());
            details.insert(QStringLiteral("sanction_id"),
                           effect->sanction.value(QStringLiteral("id")));
            if (action == QStringLiteral("suspend"))
                m_events.append(
                    tx, {QStringLiteral("user.suspended"),
                         actor.id,
                         QStringLiteral("user"),
                         QString::number(*row.subjectUserId),
                         {{QStringLiteral("user"), m_sanctions.memberState(tx, *row.subjectUserId)},
                          {QStringLiteral("case_id"), caseId},
                          {QStringLiteral("effect"), effect->toJson()}}});
        }
        if (proposal)
            touchCase(tx, caseId, now);
        else
            moveCase(tx, caseId, to, now, action, actor.id);
        CaseChange change{proposal ? QStringLiteral("ban_proposed") : QStringLiteral("action"),
                          proposal ? QString() : row.status,
                          proposal ? QString() : to,
                          details,
                          eventType,
                          QStringLiteral("case.") + action,
                          reason,
                          before};
        response.insert(QStringLiteral("case"),
                        recordCaseChange(tx, m_audit, m_events, &actor, caseId, change, now));
        return response;
    });
}

QJsonObject CaseWork::decideAppeal(const StaffActor &actor, qint64 caseId,
                                   const VersionMatch &match, const QString &decision,
                                   const QString &reason)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const CaseRow row = begin(tx, actor, caseId, &match);
        const bool overturn = decision == QStringLiteral("overturned");
        const QString to = overturn ? cs::kAppealOverturned : cs::kAppealUpheld;
        requireMove(actor, row, to, QStringLiteral("decide the appeal on"), tx);
        // Not by whoever took the decision under appeal: the moderator who acted, nor (for a
        // ban) the senior who approved it.
        SqlQuery approver(tx, QStringLiteral("SELECT decided_by FROM ban_approvals WHERE case_id "
                                             "= :c AND status = 'approved'"));
        approver.bind(QStringLiteral(":c"), caseId).exec();
        bool sameDecider = row.decidedBy && *row.decidedBy == actor.id;
        while (approver.next())
            sameDecider = sameDecider || approver.int64(0) == actor.id;
        if (sameDecider)
            throw DomainError(403, problemtype::kSameDecider,
                              QStringLiteral("Decided by someone else"),
                              QStringLiteral("You took the decision under appeal; another senior "
                                             "moderator or admin decides the appeal."));
        const QJsonObject before = summaryOf(tx, caseId);
        const qint64 now = m_clock.nowMs();
        SqlQuery appeal(tx, QStringLiteral("UPDATE appeals SET status = :s, decided_by = :d, "
                                           "decided_at = :t WHERE case_id = :c AND status = "
                                           "'pending' RETURNING id"));
        appeal.bind(QStringLiteral(":s"), decision)
            .bind(QStringLiteral(":d"), actor.id)
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":c"), caseId)
            .exec();
        const auto appealId = appeal.scalar();
        QJsonArray lifted;
        if (overturn) {
            lifted = m_sanctions.liftCaseSanctions(
                tx, caseId, row.subject, QStringLiteral("appeal overturned: ") + reason, actor.id);
            QList<qint64> users;
            for (const QJsonValue &v : std::as_const(lifted)) {
                const qint64 u = v.toObject().value(QStringLiteral("user_id")).toInteger();
                if (!users.contains(u))
                    users.push_back(u);
            }
            for (qint64 u : std::as_const(users))
                m_events.append(tx, {QStringLiteral("user.reinstated"),
                                     actor.id,
                                     QStringLiteral("user"),
                                     QString::number(u),
                                     {{QStringLiteral("user"), m_sanctions.memberState(tx, u)},
                                      {QStringLiteral("case_id"), caseId},
                                      {QStringLiteral("lifted"), lifted}}});
        }
        moveCase(tx, caseId, to, now);
        const QJsonObject after =
            recordCaseChange(tx, m_audit, m_events, &actor, caseId,
                             {QStringLiteral("appeal_decided"),
                              row.status,
                              to,
                              {{QStringLiteral("decision"), decision},
                               {QStringLiteral("reason"), reason},
                               {QStringLiteral("appeal_id"),
                                appealId ? QJsonValue(appealId->toLongLong()) : QJsonValue()},
                               {QStringLiteral("lifted"), lifted}},
                              QStringLiteral("case.appeal_decided"),
                              QStringLiteral("case.appeal_decision"),
                              reason,
                              before},
                             now);
        return QJsonObject{{QStringLiteral("case"), after},
                           {QStringLiteral("decision"), decision},
                           {QStringLiteral("lifted"), lifted}};
    });
}

} // namespace skillex::server
