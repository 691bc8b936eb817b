// Sessions as staff see them: search over every session, detail with bookings and the ledger
// transfers of each, and cancellation by moderation with its audit entry.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/sessions/sessions.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace skillex::server {

struct AdminSessionSearch {
    std::optional<qint64> teacherId;
    std::optional<qint64> learnerId;
    std::optional<qint64> skillId;
    std::optional<QString> state;
    std::optional<qint64> from; // starts_at >= from
    std::optional<qint64> to;   // starts_at < to
    int limit = 50;
    std::optional<QPair<qint64, qint64>> after; // (starts_at, id), newest first
};

struct AdminSessionPage {
    QJsonArray items;
    std::optional<QPair<qint64, qint64>> next;
};

struct ModerationCancel {
    qint64 sessionId = 0;
    qint64 staffId = 0;
    QString staffEmail;
    QString reason;
    QString address;
    QString requestId;
};

class SessionAdmin {
public:
    SessionAdmin(Database &db, Sessions &sessions, AuditLog &audit);

    AdminSessionPage search(const AdminSessionSearch &search) const;
    // The session with bookings (learner id, name, email) and each booking's transfers;
    // nullopt when there is no such session.
    std::optional<QJsonObject> detail(QSqlDatabase &db, qint64 sessionId) const;
    // One transaction: the audit entry, every booked learner refunded through the ledger, the
    // session cancelled, its events. 404 unknown session; 409 invalid-state when final.
    QJsonObject cancelByModeration(const ModerationCancel &cancel);

private:
    Database &m_db;
    Sessions &m_sessions;
    AuditLog &m_audit;
};

} // namespace skillex::server
