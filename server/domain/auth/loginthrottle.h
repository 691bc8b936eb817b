// Failed sign-in limits per account and per address, kept in the database so that every
// server instance behind the load balancer sees the same counts.
#pragma once

#include "server/domain/clock.h"

#include <QSqlDatabase>
#include <QString>

namespace skillex::server {

struct ThrottlePolicy {
    int accountFailures = 5;  // per email within the window
    int addressFailures = 20; // per client address within the window
    qint64 windowMs = 15 * 60 * 1000;
};

struct ThrottleDecision {
    bool allowed = true;
    qint64 retryAfterSeconds = 0;
    QString scope; // "account" or "address" when refused
};

class LoginThrottle {
public:
    LoginThrottle(const Clock &clock, ThrottlePolicy policy = {});

    ThrottleDecision check(QSqlDatabase &db, const QString &email, const QString &address) const;
    void recordFailure(QSqlDatabase &tx, const QString &email, const QString &address);
    // A successful sign-in forgives the account's earlier failures (not the address's).
    void clearAccount(QSqlDatabase &tx, const QString &email);

private:
    ThrottleDecision checkScope(QSqlDatabase &db, const QString &column, const QString &value,
                                int limit, const QString &scope) const;

    const Clock &m_clock;
    ThrottlePolicy m_policy;
};

} // namespace skillex::server
