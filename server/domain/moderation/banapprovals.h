// Bans need two people: a moderator proposes (from a case or the member's file), and a
// senior_moderator or admin who is not the proposer approves, which applies the ban and
// resolves the case; or rejects it, which leaves the case as it was.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/moderation/sanctions.h"
#include "server/domain/moderation/staffactor.h"
#include "server/storage/database.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace skillex::server {

struct BanApprovalQuery {
    std::optional<QString> status; // pending, approved, rejected; all when empty
    std::optional<qint64> userId;
    std::optional<qint64> caseId;
    qint64 afterId = 0; // keyset: ids ascending
    int limit = 50;
};

class BanApprovals {
public:
    BanApprovals(Database &db, const Clock &clock, AuditLog &audit, EventLog &events,
                 Sanctions &sanctions);

    // Inside the caller's transaction: records the proposal. 409 ban-pending when one waits
    // for the member already; 409 action-not-applicable when the member is banned.
    QJsonObject propose(QSqlDatabase &tx, const StaffActor &actor, qint64 userId,
                        std::optional<qint64> caseId, const QString &reason, qint64 now);
    // Own transaction. 403 second-approver-required for the proposer, 403 forbidden unless
    // senior, 404, 409 ban-approval-state when decided already, 409 case-state when the case
    // can no longer be resolved.
    QJsonObject approve(const StaffActor &actor, qint64 id, const QString &note);
    QJsonObject reject(const StaffActor &actor, qint64 id, const QString &note);

    QJsonArray list(QSqlDatabase &db, const BanApprovalQuery &query) const;
    std::optional<QJsonObject> find(QSqlDatabase &db, qint64 id) const;
    // The pending proposal on a case, if any.
    std::optional<QJsonObject> pendingForCase(QSqlDatabase &db, qint64 caseId) const;

private:
    QJsonObject decide(const StaffActor &actor, qint64 id, bool approve, const QString &note);

    Database &m_db;
    const Clock &m_clock;
    AuditLog &m_audit;
    EventLog &m_events;
    Sanctions &m_sanctions;
};

} // namespace skillex::server
