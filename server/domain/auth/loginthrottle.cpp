// Sliding-window counts of failures; the retry time is when the oldest counted failure ages out.
#include "server/domain/auth/loginthrottle.h"

#include "server/storage/sqlquery.h"

namespace skillex::server {

LoginThrottle::LoginThrottle(const Clock &clock, ThrottlePolicy policy)
    : m_clock(clock)
    , m_policy(policy)
{}

ThrottleDecision LoginThrottle::check(QSqlDatabase &db, const QString &email,
                                      const QString &address) const
{
    auto decision = checkScope(db, QStringLiteral("email"), email, m_policy.accountFailures,
                               QStringLiteral("account"));
    if (!decision.allowed)
        return decision;
    return checkScope(db, QStringLiteral("address"), address, m_policy.addressFailures,
                      QStringLiteral("address"));
}

ThrottleDecision LoginThrottle::checkScope(QSqlDatabase &db, const QString &column,
                                           const QString &value, int limit,
                                           const QString &scope) const
{
    const qint64 since = m_clock.nowMs() - m_policy.windowMs;
    // The limit-th newest failure decides: once it ages out, one more attempt is allowed.
    SqlQuery q(db, QStringLiteral("SELECT at FROM login_failures WHERE %1 = :v AND at > :since "
                                  "ORDER BY at DESC LIMIT 1 OFFSET :skip")
                       .arg(column));
    q.bind(QStringLiteral(":v"), value)
        .bind(QStringLiteral(":since"), since)
        .bind(QStringLiteral(":skip"), limit - 1)
        .exec();
    ThrottleDecision d;
    if (q.next()) {
        d.allowed = false;
        d.scope = scope;
        const qint64 freeAt = q.int64(0) + m_policy.windowMs;
        d.retryAfterSeconds = std::max<qint64>(1, (freeAt - m_clock.nowMs() + 999) / 1000);
    }
    return d;
}

void LoginThrottle::recordFailure(QSqlDatabase &tx, const QString &email, const QString &address)
{
    const qint64 now = m_clock.nowMs();
    SqlQuery(tx,
             QStringLiteral("INSERT INTO login_failures (email, address, at) VALUES (:e, :a, :t)"))
        .bind(QStringLiteral(":e"), email)
        .bind(QStringLiteral(":a"), address)
        .bind(QStringLiteral(":t"), now)
        .exec();
    // Rows older than the window no longer count; drop them so the table stays small.
    SqlQuery(tx, QStringLiteral("DELETE FROM login_failures WHERE at <= :old"))
        .bind(QStringLiteral(":old"), now - m_policy.windowMs)
        .exec();
}

void LoginThrottle::clearAccount(QSqlDatabase &tx, const QString &email)
{
    SqlQuery(tx, QStringLiteral("DELETE FROM login_failures WHERE email = :e"))
        .bind(QStringLiteral(":e"), email)
        .exec();
}

} // namespace skillex::server
