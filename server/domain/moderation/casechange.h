// The tail of every case mutation, in the order the transactional outbox wants: the history
// row, the audit entry (before and after), and last the event carrying the case summary.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/moderation/casesummary.h"
#include "server/domain/moderation/staffactor.h"

#include <QJsonObject>
#include <QString>

namespace skillex::server {

struct CaseChange {
    QString historyAction; // claimed, released, escalated, note, action, ...
    QString fromStatus;    // empty when the status did not change
    QString toStatus;
    QJsonObject details;
    QString eventType;   // case.claimed, ...
    QString auditAction; // case.claim, ...
    QString reason;      // for the audit entry
    QJsonObject before;  // the summary before the change
};

// Writes history, audit and event for a case changed in tx; actor null for the system.
// Returns the case summary after the change with "change" (the history row) left out.
QJsonObject recordCaseChange(QSqlDatabase &tx, AuditLog &audit, EventLog &events,
                             const StaffActor *actor, qint64 caseId, const CaseChange &change,
                             qint64 now);

// Throws 412 with the current summary (and its ETag) unless match admits the case's version.
void requireCaseVersion(QSqlDatabase &tx, const CaseRow &row, const VersionMatch &match);

// The UPDATE every case move makes: status, version + 1, updated_at; and when closing, the
// closing time, the decider and the resolution; first_action_at on the first staff move.
void moveCase(QSqlDatabase &tx, qint64 caseId, const QString &to, qint64 now,
              const QString &resolution = {}, std::optional<qint64> decidedBy = std::nullopt);
// Bumps the version of a case changed without a move (a note, a ban proposal).
void touchCase(QSqlDatabase &tx, qint64 caseId, qint64 now);

} // namespace skillex::server
