// The history of a case: one row per change (report added, claimed, released, escalated, note,
// action, ban proposal and decision, appeal, appeal decision, reopened), never edited.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server {

struct CaseHistoryEntry {
    qint64 caseId = 0;
    qint64 at = 0;
    std::optional<qint64> actorId; // none for the system (a suspension ending)
    QString action;                // report_added, claimed, released, escalated, note, ...
    QString fromStatus;            // empty when the status did not change
    QString toStatus;
    QJsonObject details;
};

// Appends inside the caller's transaction; returns the row as the API shows it.
QJsonObject appendCaseHistory(QSqlDatabase &tx, const CaseHistoryEntry &entry);
// [{id, at, actor: {id, name} | null, action, from_status, to_status, details}], oldest first;
// only rows of one action when action is given (the notes).
QJsonArray caseHistory(QSqlDatabase &db, qint64 caseId, const QString &action = {});

} // namespace skillex::server
