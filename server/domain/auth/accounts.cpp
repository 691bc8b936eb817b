// Account storage over users and user_roles.
#include "server/domain/auth/accounts.h"

#include "protocol/auth.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {

Accounts::Accounts(const Clock &clock, const PasswordHasher &hasher)
    : m_clock(clock)
    , m_hasher(hasher)
{}

QString Accounts::normaliseEmail(const QString &email)
{
    return email.trimmed().toLower();
}

QString Accounts::emailProblem(const QString &email)
{
    const QString e = normaliseEmail(email);
    const auto at = e.indexOf(QLatin1Char('@'));
    if (e.isEmpty() || e.size() > protocol::kMaxEmailLength || at <= 0 ||
        at != e.lastIndexOf(QLatin1Char('@')) || at == e.size() - 1 ||
        e.contains(QLatin1Char(' ')) || !e.mid(at + 1).contains(QLatin1Char('.')))
        return QStringLiteral("must be an email address such as name@example.com");
    return {};
}

QString Accounts::passwordProblem(const QString &password)
{
    if (password.size() < protocol::kMinPasswordLength)
        return QStringLiteral("must be at least %1 characters").arg(protocol::kMinPasswordLength);
    if (password.size() > protocol::kMaxPasswordLength)
        return QStringLiteral("must be at most %1 characters").arg(protocol::kMaxPasswordLength);
    return {};
}

qint64 Accounts::createStaff(QSqlDatabase &tx, const QString &email, const QString &name,
                             const QList<protocol::Role> &roles, const QString &password)
{
    QMap<QString, QString> errors;
    if (const auto p = emailProblem(email); !p.isEmpty())
        errors.insert(QStringLiteral("email"), p);
    if (name.trimmed().isEmpty() || name.size() > 200)
        errors.insert(QStringLiteral("name"), QStringLiteral("must be 1 to 200 characters"));
    if (const auto p = passwordProblem(password); !p.isEmpty())
        errors.insert(QStringLiteral("password"), p);
    if (roles.isEmpty())
        errors.insert(QStringLiteral("roles"), QStringLiteral("must name at least one role"));
    if (!errors.isEmpty())
        throw DomainError(400, protocol::problemtype::kValidation,
                          QStringLiteral("Invalid staff account"))
            .withFieldErrors(errors);

    const QString normalised = normaliseEmail(email);
    if (findByEmail(tx, normalised))
        throw DomainError(409, protocol::problemtype::kConflict,
                          QStringLiteral("Email already in use"),
                          QStringLiteral("An account with %1 exists already.").arg(normalised));
    const qint64 now = m_clock.nowMs();
    SqlQuery insert(
        tx,
        QStringLiteral(
            "INSERT INTO users (email, name, password_hash, kind, status, created_at, updated_at) "
            "VALUES (:e, :n, :h, 'staff', 'active', :t, :t2) RETURNING id"));
    insert.bind(QStringLiteral(":e"), normalised)
        .bind(QStringLiteral(":n"), name.trimmed())
        .bind(QStringLiteral(":h"), m_hasher.hash(password))
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":t2"), now)
        .exec();
    const qint64 id = insert.scalar().value_or(0).toLongLong();
    for (const auto role : roles) {
        SqlQuery(tx, QStringLiteral("INSERT INTO user_roles (user_id, role) VALUES (:u, :r)"))
            .bind(QStringLiteral(":u"), id)
            .bind(QStringLiteral(":r"), protocol::roleName(role))
            .exec();
    }
    return id;
}

std::optional<Account> Accounts::findByEmail(QSqlDatabase &db, const QString &email) const
{
    return findWhere(db, QStringLiteral("email"), normaliseEmail(email));
}

std::optional<Account> Accounts::findById(QSqlDatabase &db, qint64 id) const
{
    return findWhere(db, QStringLiteral("id"), id);
}

std::optional<Account> Accounts::findWhere(QSqlDatabase &db, const QString &column,
                                           const QVariant &value) const
{
    // column is one of two literals above, never input.
    SqlQuery q(db, QStringLiteral(
                       "SELECT id, email, name, kind, status, password_hash, tokens_valid_after "
                       "FROM users WHERE %1 = :v")
                       .arg(column));
    q.bind(QStringLiteral(":v"), value).exec();
    if (!q.next())
        return std::nullopt;
    Account a;
    a.id = q.int64(0);
    a.email = q.string(1);
    a.name = q.string(2);
    a.kind = q.string(3);
    a.status = q.string(4);
    a.passwordHash = q.string(5);
    a.tokensValidAfter = q.int64(6);
    SqlQuery roles(db,
                   QStringLiteral("SELECT role FROM user_roles WHERE user_id = :u ORDER BY role"));
    roles.bind(QStringLiteral(":u"), a.id).exec();
    while (roles.next()) {
        if (auto r = protocol::roleFromName(roles.string(0)))
            a.roles.push_back(*r);
    }
    return a;
}

} // namespace skillex::server
