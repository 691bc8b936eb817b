// What staff do to a case: claim, release, escalate, note, act on the ladder (dismiss, warn,
// remove content, suspend, propose a ban) and decide appeals. Each is one transaction with its
// side effects, ledger transfers, history row, audit entry and event (last).
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/moderation/banapprovals.h"
#include "server/domain/moderation/cannedreasons.h"
#include "server/domain/moderation/casesummary.h"
#include "server/domain/moderation/sanctions.h"
#include "server/domain/moderation/staffactor.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QMap>

#include <optional>

namespace skillex::server {

struct CaseActionRequest {
    QString action; // dismiss, warn, remove_content, suspend, ban
    std::optional<QString> reason;
    std::optional<qint64> cannedReasonId;
    QMap<QString, QString> placeholders;
    std::optional<int> durationDays; // suspend: 1, 3, 7 or 30
};

class CaseWork {
public:
    CaseWork(Database &db, const Clock &clock, AuditLog &audit, EventLog &events,
             Sanctions &sanctions, CannedReasons &reasons, BanApprovals &bans);

    constexpr static int kMaxNote = 4000;
    constexpr static int kMaxReason = 2000;

    // Each returns the case summary after the change (the ETag's version is in it).
    QJsonObject claim(const StaffActor &actor, qint64 caseId, const VersionMatch &match);
    QJsonObject release(const StaffActor &actor, qint64 caseId, const VersionMatch &match);
    QJsonObject escalate(const StaffActor &actor, qint64 caseId, const VersionMatch &match,
                         const QString &note);
    // {note: history row, case: summary}
    QJsonObject addNote(const StaffActor &actor, qint64 caseId, const VersionMatch &match,
                        const QString &text);
    // {case, action, reason, effect?, ban_approval?}. match is null for bulk actions (each
    // case judged as it is).
    QJsonObject act(const StaffActor &actor, qint64 caseId, const VersionMatch *match,
                    const CaseActionRequest &request);
    // decision: upheld or overturned. {case, appeal, lifted}
    QJsonObject decideAppeal(const StaffActor &actor, qint64 caseId, const VersionMatch &match,
                             const QString &decision, const QString &reason);

private:
    // Loads and locks the case, checks If-Match and, for staff moves, the table and the mover.
    CaseRow begin(QSqlDatabase &tx, const StaffActor &actor, qint64 caseId,
                  const VersionMatch *match) const;
    void requireMove(const StaffActor &actor, const CaseRow &row, const QString &to,
                     const QString &what, QSqlDatabase &tx) const;
    // A moderator may only work a case that is unclaimed or theirs; seniors any.
    void requireMine(const StaffActor &actor, const CaseRow &row, QSqlDatabase &tx) const;
    QString resolveReason(QSqlDatabase &tx, const CaseRow &row, const CaseActionRequest &r) const;

    Database &m_db;
    const Clock &m_clock;
    AuditLog &m_audit;
    EventLog &m_events;
    Sanctions &m_sanctions;
    CannedReasons &m_reasons;
    BanApprovals &m_bans;
};

} // namespace skillex::server
