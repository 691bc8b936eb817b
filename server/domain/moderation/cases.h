// The intake side of moderation: a member files a report, the server snapshots the evidence and
// files the report into the one open case of its subject (opening one when there is none), and
// keeps the case's counts, severity, SLA and priority up to date.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/domain/moderation/reportsubject.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace skillex::server {

struct ReportDraft {
    moderation::SubjectRef subject;
    QString category;
    QString description;
};

struct FiledReport {
    qint64 id = 0;
    qint64 caseId = 0;
    bool caseOpened = false; // a new case (else the report joined the subject's open case)
    moderation::SubjectRef subject;
    QString category;
    QString description;
    qint64 createdAt = 0;

    // What the reporter sees: their report, not the case (its priority and other reporters
    // are staff matters).
    QJsonObject toJson() const;
};

class Cases {
public:
    Cases(Database &db, const Clock &clock, EventLog &events);

    // Throws DomainError 400 (fields, or a report on oneself), 403 (not an active member), 404
    // (no such subject, or not one the reporter could see), 429 (too many reports an hour).
    FiledReport fileReport(qint64 reporterId, const ReportDraft &draft);

    // Refreshes the priority of every open case as of now (the age term grows, reporters'
    // trust and the subject's strikes change). Returns how many cases changed. Runs in chunks,
    // each its own transaction, so SQLite's writer is never held for long.
    int recomputePriorities(qint64 now);

    // Field errors for a draft (empty when it is fine); public so the HTTP layer and tests
    // share the rules.
    static QMap<QString, QString> draftProblems(const ReportDraft &draft);

private:
    // Recounts the case from its reports and stores counts, severity, category, SLA and
    // priority; bumps the version when the case is not new. Returns the case as an event body.
    QJsonObject refreshCase(QSqlDatabase &tx, qint64 caseId, qint64 now, bool bumpVersion);
    double priorityOf(QSqlDatabase &tx, qint64 caseId, moderation::Severity severity, int reporters,
                      qint64 openedAt, std::optional<qint64> subjectUser, qint64 now) const;
    // Serialises reports on one subject on PostgreSQL (SQLite's single writer does already),
    // so two first reports cannot open two cases.
    void lockSubject(QSqlDatabase &tx, const moderation::SubjectRef &subject) const;

    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
};

} // namespace skillex::server
