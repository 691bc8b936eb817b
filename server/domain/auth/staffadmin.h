// Staff accounts managed by admins: list, create (with a one-time temporary password when none
// is given), change roles or status under a version, with the last-admin and self-lockout rules.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/accounts.h"
#include "server/domain/events/eventlog.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace skillex::server {

struct StaffActor {
    qint64 id = 0;
    QString email;
    QString address;
    QString requestId;
};

struct StaffListFilter {
    std::optional<QString> role;
    std::optional<QString> status;
    int limit = 50;
    qint64 afterId = 0;
};

struct NewStaff {
    QString email;
    QString name;
    QList<protocol::Role> roles;
    std::optional<QString> password; // none: a temporary password is made and returned once
};

struct StaffChange {
    std::optional<QList<protocol::Role>> roles;
    std::optional<QString> status; // active | disabled
    QList<qint64> ifMatch;         // acceptable versions
    bool ifMatchAny = false;       // If-Match: *
};

struct CreatedStaff {
    QJsonObject staff;
    std::optional<QString> temporaryPassword;
};

class StaffAdmin {
public:
    StaffAdmin(Database &db, const Clock &clock, Accounts &accounts, AuditLog &audit,
               EventLog &events);

    // {items, next id}
    QPair<QJsonArray, std::optional<qint64>> list(const StaffListFilter &filter) const;
    // {id, email, name, status, roles, version, created_at, updated_at}; nullopt if not staff.
    static std::optional<QJsonObject> find(QSqlDatabase &db, qint64 id);
    CreatedStaff create(const StaffActor &actor, const NewStaff &staff);
    // 404 not staff; 412 (with "current") on a stale version; 409 last-admin when it would leave
    // no active admin; 409 self-lockout when an admin disables themselves. Disabling revokes
    // every sign-in of the account.
    QJsonObject update(const StaffActor &actor, qint64 id, const StaffChange &change);

    static QByteArray etag(qint64 version);

private:
    Database &m_db;
    const Clock &m_clock;
    Accounts &m_accounts;
    AuditLog &m_audit;
    EventLog &m_events;
};

} // namespace skillex::server
