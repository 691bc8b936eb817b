// User accounts (staff and members): lookup, creation, roles.
#pragma once

#include "protocol/roles.h"
#include "server/domain/auth/passwordhasher.h"
#include "server/domain/clock.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server {

struct Account {
    qint64 id = 0;
    QString email;
    QString name;
    QString kind;
    QString status;
    QString passwordHash;
    qint64 tokensValidAfter = 0;
    QList<protocol::Role> roles;
};

class Accounts {
public:
    Accounts(const Clock &clock, const PasswordHasher &hasher);

    // Lower-cased and trimmed: emails are compared case-insensitively.
    static QString normaliseEmail(const QString &email);
    // Empty when acceptable; otherwise the reason, for the field error.
    static QString emailProblem(const QString &email);
    static QString passwordProblem(const QString &password);

    // Creates a staff account inside the caller's transaction. Throws DomainError:
    // 400 for a bad email, name, password or no role; 409 when the email is taken.
    qint64 createStaff(QSqlDatabase &tx, const QString &email, const QString &name,
                       const QList<protocol::Role> &roles, const QString &password);

    std::optional<Account> findByEmail(QSqlDatabase &db, const QString &email) const;
    std::optional<Account> findById(QSqlDatabase &db, qint64 id) const;

private:
    std::optional<Account> findWhere(QSqlDatabase &db, const QString &column,
                                     const QVariant &value) const;

    const Clock &m_clock;
    const PasswordHasher &m_hasher;
};

} // namespace skillex::server
