// Role and status changes take effect on the caller's next request: AuthService::authenticate
// reads roles and status from the database on every request, and disabling also moves
// tokens_valid_after so no access token issued before it is accepted again.
#include "server/domain/auth/staffadmin.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

#include <sodium.h>

namespace skillex::server {
namespace {

using namespace protocol;

// 18 random bytes: 24 characters of base64url, well above the minimum password length.
QString temporaryPassword()
{
    unsigned char bytes[18];
    randombytes_buf(bytes, sizeof bytes);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes)
                                   .toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

StaffAdmin::StaffAdmin(Database &db, const Clock &clock, Accounts &accounts, AuditLog &audit,
                       EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_accounts(accounts)
    , m_audit(audit)
    , m_events(events)
{}

QByteArray StaffAdmin::etag(qint64 version)
{
    return '"' + QByteArray::number(version) + '"';
}

std::optional<QJsonObject> StaffAdmin::find(QSqlDatabase &db, qint64 id)
{
    SqlQuery q(db, QStringLiteral("SELECT id, email, name, status, staff_version, created_at, "
                                  "updated_at FROM users WHERE id = :id AND kind = 'staff'"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    QJsonObject o{{QStringLiteral("id"), q.int64(0)},
                  {QStringLiteral("email"), q.string(1)},
                  {QStringLiteral("name"), q.string(2)},
                  {QStringLiteral("status"), q.string(3)},
                  {QStringLiteral("version"), q.int64(4)},
                  {QStringLiteral("created_at"), toWireTime(q.int64(5))},
                  {QStringLiteral("updated_at"), toWireTime(q.int64(6))}};
    SqlQuery roles(db,
                   QStringLiteral("SELECT role FROM user_roles WHERE user_id = :u ORDER BY role"));
    roles.bind(QStringLiteral(":u"), id).exec();
    QJsonArray names;
    while (roles.next())
        names.push_back(roles.string(0));
    o.insert(QStringLiteral("roles"), names);
    return o;
}

QPair<QJsonArray, std::optional<qint64>> StaffAdmin::list(const StaffListFilter &f) const
{
    return m_db.read([&](QSqlDatabase &db) {
        QString sql = QStringLiteral("SELECT u.id FROM users u WHERE u.kind = 'staff' AND u.id > "
                                     ":after");
        if (f.status)
            sql += QStringLiteral(" AND u.status = :status");
        if (f.role)
            sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id "
                                  "AND r.role = :role)");
        SqlQuery q(db, sql + QStringLiteral(" ORDER BY u.id LIMIT :n"));
        q.bind(QStringLiteral(":after"), f.afterId);
        if (f.status)
            q.bind(QStringLiteral(":status"), *f.status);
        if (f.role)
            q.bind(QStringLiteral(":role"), *f.role);
        q.bind(QStringLiteral(":n"), f.limit + 1).exec();
        QList<qint64> ids;
        while (q.next())
            ids.push_back(q.int64(0));
        std::optional<qint64> next;
        if (ids.size() > f.limit) {
            ids.removeLast();
            next = ids.last();
        }
        QJsonArray items;
        for (qint64 id : ids) {
            if (auto o = find(db, id))
                items.push_back(*o);
        }
        return QPair<QJsonArray, std::optional<qint64>>(items, next);
    });
}

CreatedStaff StaffAdmin::create(const StaffActor &actor, const NewStaff &staff)
{
    CreatedStaff result;
    QString password;
    if (staff.password) {
        password = *staff.password;
    } else {
        password = temporaryPassword();
        result.temporaryPassword = password;
    }
    result.staff = m_db.write([&](QSqlDatabase &tx) {
        const qint64 id =
            m_accounts.createStaff(tx, staff.email, staff.name, staff.roles, password);
        const QJsonObject created = *find(tx, id);
        QJsonObject after = created;
        after.insert(QStringLiteral("temporary_password_issued"), !staff.password.has_value());
        m_audit.append(tx, {actor.id,
                            actor.email,
                            QStringLiteral("staff.created"),
                            QStringLiteral("user"),
                            QString::number(id),
                            QString(),
                            {},
                            after,
                            actor.address,
                            actor.requestId});
        m_events.append(tx, {QStringLiteral("staff.created"), actor.id, QStringLiteral("staff"),
                             QString::number(id), created});
        return created;
    });
    return result;
}

QJsonObject StaffAdmin::update(const StaffActor &actor, qint64 id, const StaffChange &change)
{
    return m_db.write([&](QSqlDatabase &tx) {
        // Lock every active admin row first (PostgreSQL), so two admins demoting each other at
        // once cannot both pass the last-admin check. SQLite has one writer anyway.
        if (m_db.dialect() == Dialect::Postgres)
            SqlQuery(tx, QStringLiteral("SELECT u.id FROM users u JOIN user_roles r ON r.user_id "
                                        "= u.id WHERE r.role = 'admin' OR u.id = :id ORDER BY u.id "
                                        "FOR UPDATE OF u"))
                .bind(QStringLiteral(":id"), id)
                .exec();
        const auto before = find(tx, id);
        if (!before)
            throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("No such staff account."));
        const qint64 version = before->value(QStringLiteral("version")).toInteger();
        if (!change.ifMatchAny && !change.ifMatch.contains(version))
            throw DomainError(412, problemtype::kPreconditionFailed,
                              QStringLiteral("Precondition failed"),
                              QStringLiteral("The staff account changed since you read it "
                                             "(version %1 now); review and retry.")
                                  .arg(version))
                .withExtension(QStringLiteral("current"), *before)
                .withHeader("ETag", etag(version));

        const QString oldStatus = before->value(QStringLiteral("status")).toString();
        const QString newStatus = change.status.value_or(oldStatus);
        const bool wasAdmin =
            before->value(QStringLiteral("roles")).toArray().contains(QStringLiteral("admin"));
        const bool isAdmin = change.roles ? change.roles->contains(Role::Admin) : wasAdmin;
        if (id == actor.id && newStatus != QStringLiteral("active"))
            throw DomainError(409, problemtype::kSelfLockout,
                              QStringLiteral("Cannot disable yourself"),
                              QStringLiteral("Ask another admin to disable your account."));
        if (wasAdmin && oldStatus == QStringLiteral("active") &&
            (!isAdmin || newStatus != QStringLiteral("active"))) {
            SqlQuery others(tx, QStringLiteral("SELECT COUNT(*) FROM users u JOIN user_roles r ON "
                                               "r.user_id = u.id WHERE r.role = 'admin' AND "
                                               "u.kind = 'staff' AND u.status = 'active' AND u.id "
                                               "<> :id"));
            others.bind(QStringLiteral(":id"), id).exec();
            if (others.scalar().value_or(0).toLongLong() == 0)
                throw DomainError(409, problemtype::kLastAdmin, QStringLiteral("Last admin"),
                                  QStringLiteral("This is the last active admin; make another "
                                                 "admin first."));
        }

        const qint64 now = m_clock.nowMs();
        if (change.roles) {
            SqlQuery(tx, QStringLiteral("DELETE FROM user_roles WHERE user_id = :u"))
                .bind(QStringLiteral(":u"), id)
                .exec();
            for (const Role role : *change.roles)
                SqlQuery(tx,
                         QStringLiteral("INSERT INTO user_roles (user_id, role) VALUES (:u, :r)"))
                    .bind(QStringLiteral(":u"), id)
                    .bind(QStringLiteral(":r"), roleName(role))
                    .exec();
        }
        const bool disabling =
            newStatus != QStringLiteral("active") && oldStatus == QStringLiteral("active");
        SqlQuery(tx, QStringLiteral("UPDATE users SET status = :s, staff_version = staff_version + "
                                    "1, updated_at = :t, tokens_valid_after = CASE WHEN :dis = 1 "
                                    "THEN :t2 ELSE tokens_valid_after END WHERE id = :id"))
            .bind(QStringLiteral(":s"), newStatus)
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":dis"), disabling ? 1 : 0)
            .bind(QStringLiteral(":t2"), now)
            .bind(QStringLiteral(":id"), id)
            .exec();
        if (disabling)
            SqlQuery(tx, QStringLiteral("UPDATE token_families SET revoked_at = :t, revoked_reason "
                                        "= 'account disabled' WHERE user_id = :u AND revoked_at "
                                        "IS NULL"))
                .bind(QStringLiteral(":t"), now)
                .bind(QStringLiteral(":u"), id)
                .exec();
        const QJsonObject after = *find(tx, id);
        QString action = QStringLiteral("staff.updated");
        if (change.roles && !change.status)
            action = QStringLiteral("staff.roles_changed");
        else if (disabling)
            action = QStringLiteral("staff.disabled");
        else if (newStatus != oldStatus)
            action = QStringLiteral("staff.enabled");
        m_audit.append(tx,
                       {actor.id, actor.email, action, QStringLiteral("user"), QString::number(id),
                        QString(), *before, after, actor.address, actor.requestId});
        m_events.append(tx, {QStringLiteral("staff.updated"), actor.id, QStringLiteral("staff"),
                             QString::number(id), after});
        return after;
    });
}

} // namespace skillex::server
