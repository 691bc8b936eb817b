// A case as the queue lists it and as every case event carries it (so a console cache can
// upsert it without refetching), and the case row the staff operations work from.
#pragma once

#include "server/domain/moderation/reportsubject.h"
#include "server/storage/sqlquery.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server {

struct CaseRow {
    qint64 id = 0;
    QString status;
    moderation::SubjectRef subject;
    std::optional<qint64> subjectUserId;
    std::optional<qint64> assigneeId;
    std::optional<qint64> decidedBy;
    QString category;
    QString severity;
    qint64 version = 0;
};

// The columns caseSummaryFrom() reads, for "SELECT <this> FROM cases c LEFT JOIN users su ON
// su.id = c.subject_user_id LEFT JOIN users a ON a.id = c.assignee_id ...".
QString caseSummaryColumns();
QString caseSummaryJoins();
// {id, status, priority, severity, category, subject: {type, id}, subject_user: {id, name} |
//  null, report_count, reporter_count, assignee: {id, name} | null, opened_at, sla_due_at,
//  closed_at, previous_case_id, ban_pending, version}
QJsonObject caseSummaryFrom(const SqlQuery &q);

// The summary of one case; nullopt when there is no such case.
std::optional<QJsonObject> findCaseSummary(QSqlDatabase &db, qint64 caseId);
// The case row; on PostgreSQL locked for the rest of the transaction (FOR UPDATE).
std::optional<CaseRow> loadCaseForUpdate(QSqlDatabase &tx, qint64 caseId);
// Throws DomainError 404 when there is no such case.
CaseRow requireCase(QSqlDatabase &tx, qint64 caseId);

// The ETag of a case version: "\"<version>\"".
QByteArray caseEtag(qint64 version);

} // namespace skillex::server
