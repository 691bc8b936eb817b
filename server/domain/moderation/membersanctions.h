// Sanctions taken on a member's file rather than on a case (POST /admin/users/{id}/suspend,
// ban, reinstate), and the end of suspensions: the member is active again and their file comes
// back to the moderation queue as a case on the user.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/marketplaceconfig.h"
#include "server/domain/moderation/banapprovals.h"
#include "server/domain/moderation/sanctions.h"
#include "server/domain/moderation/staffactor.h"
#include "server/storage/database.h"

#include <QJsonObject>

namespace skillex::server {

class MemberSanctions {
public:
    MemberSanctions(Database &db, const Clock &clock, AuditLog &audit, EventLog &events,
                    Sanctions &sanctions, BanApprovals &bans);

    // {user, effect}
    QJsonObject suspend(const StaffActor &actor, qint64 userId, int days, const QString &reason);
    // {ban_approval}: a proposal, applied when a second person approves it.
    QJsonObject proposeBan(const StaffActor &actor, qint64 userId, const QString &reason);
    // {user, lifted}; 409 not-sanctioned when the member is active with nothing to lift.
    QJsonObject reinstate(const StaffActor &actor, qint64 userId, const QString &reason);

    // The job: every suspension that has ended is handled (account active again unless another
    // sanction holds) and the member's file returns to the queue: the open case on the user
    // gets a history row, or else a new case on the user is opened, linking the suspension's
    // case. Returns how many suspensions were handled.
    int endSuspensions(qint64 now);

private:
    // The open case on the user, reopened into the queue; returns its id.
    qint64 requeue(QSqlDatabase &tx, qint64 userId, std::optional<qint64> suspensionCase,
                   qint64 sanctionId, qint64 now);

    Database &m_db;
    const Clock &m_clock;
    AuditLog &m_audit;
    EventLog &m_events;
    Sanctions &m_sanctions;
    BanApprovals &m_bans;
};

// The suspension end job with its services made for the run (the maintenance thread's own).
int endEndedSuspensions(Database &db, const Clock &clock, Ledger &ledger, AuditLog &audit,
                        EventLog &events, const MarketplaceConfig &config);

} // namespace skillex::server
