// The audit log: every staff action and security event, append-only and hash-chained.
#pragma once

#include "server/domain/clock.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace skillex::server {

struct AuditEntry {
    std::optional<qint64> actorId; // none for anonymous security events (a failed login)
    QString actorLabel;            // the actor's email at the time, or "system"
    QString action;                // dotted verb, e.g. "auth.login_failed"
    QString targetType;
    QString targetId;
    QString reason;
    QJsonObject before;
    QJsonObject after;
    QString address;
    QString requestId;
};

struct AuditVerification {
    bool ok = true;
    qint64 checked = 0;
    std::optional<qint64> firstBroken; // id of the first row whose hash does not hold
};

class AuditLog {
public:
    AuditLog(Database &db, const Clock &clock);

    // Appends inside the caller's write transaction; returns the new row's id.
    qint64 append(QSqlDatabase &tx, const AuditEntry &entry);
    // Appends in a transaction of its own.
    qint64 appendNow(const AuditEntry &entry);

    // Recomputes the chain from the first row and names the first row that does not match.
    AuditVerification verify();

    static QString genesisHash();
    static QString chainHash(const QString &prevHash, qint64 at,
                             const std::optional<qint64> &actorId, const QString &actorLabel,
                             const QString &action, const QString &targetType,
                             const QString &targetId, const QString &reason, const QString &before,
                             const QString &after, const QString &address,
                             const QString &requestId);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace skillex::server
