// The password check runs outside any write transaction: argon2id takes tens of milliseconds,
// and SQLite has a single writer that must not wait on it.
#include "server/domain/auth/authservice.h"

#include "common/logging.h"
#include "server/domain/auth/jwt.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

#include <QCryptographicHash>
#include <QUuid>

#include <sodium.h>

namespace skillex::server {
namespace {

using namespace protocol;

DomainError invalidCredentials()
{
    return DomainError(401, problemtype::kInvalidCredentials, QStringLiteral("Invalid credentials"),
                       QStringLiteral("The email or password is wrong."));
}

DomainError unauthenticated(const QString &detail)
{
    return DomainError(401, problemtype::kUnauthenticated, QStringLiteral("Not signed in"), detail)
        .withHeader("WWW-Authenticate", "Bearer");
}

QString randomToken()
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

AuthService::AuthService(Database &db, const Clock &clock, Accounts &accounts,
                         LoginThrottle &throttle, AuditLog &audit, const PasswordHasher &hasher,
                         AuthSettings settings)
    : m_db(db)
    , m_clock(clock)
    , m_accounts(accounts)
    , m_throttle(throttle)
    , m_audit(audit)
    , m_hasher(hasher)
    , m_settings(std::move(settings))
{}

QString AuthService::hashRefreshToken(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

TokenResponse AuthService::login(const QString &rawEmail, const QString &password,
                                 const RequestMeta &meta)
{
    const QString email = Accounts::normaliseEmail(rawEmail);
    const auto throttle =
        m_db.read([&](QSqlDatabase &db) { return m_throttle.check(db, email, meta.address); });
    if (!throttle.allowed) {
        m_audit.appendNow(
            {std::nullopt,
             email,
             QStringLiteral("auth.login_throttled"),
             QStringLiteral("user"),
             email,
             QStringLiteral("too many failed sign-ins for this %1").arg(throttle.scope),
             {},
             {},
             meta.address,
             meta.requestId});
        throw DomainError(
            429, problemtype::kRateLimited, QStringLiteral("Too many failed sign-ins"),
            QStringLiteral("Too many failed sign-ins for this %1. Try again in %2 seconds.")
                .arg(throttle.scope)
                .arg(throttle.retryAfterSeconds))
            .withHeader("Retry-After", QByteArray::number(throttle.retryAfterSeconds))
            .withExtension(QStringLiteral("retry_after"), throttle.retryAfterSeconds);
    }

    const auto account =
        m_db.read([&](QSqlDatabase &db) { return m_accounts.findByEmail(db, email); });
    bool passwordOk = false;
    if (account)
        passwordOk = m_hasher.verify(account->passwordHash, password);
    else
        m_hasher.burnEquivalentTime(password);

    if (!passwordOk) {
        m_db.write([&](QSqlDatabase &tx) {
            m_throttle.recordFailure(tx, email, meta.address);
            m_audit.append(
                tx, {account ? std::optional<qint64>(account->id) : std::nullopt,
                     email,
                     QStringLiteral("auth.login_failed"),
                     QStringLiteral("user"),
                     account ? QString::number(account->id) : email,
                     account ? QStringLiteral("wrong password") : QStringLiteral("unknown email"),
                     {},
                     {},
                     meta.address,
                     meta.requestId});
        });
        throw invalidCredentials();
    }
    if (account->status != QStringLiteral("active")) {
        m_audit.appendNow({account->id,
                           email,
                           QStringLiteral("auth.login_refused"),
                           QStringLiteral("user"),
                           QString::number(account->id),
                           QStringLiteral("account is ") + account->status,
                           {},
                           {},
                           meta.address,
                           meta.requestId});
        throw DomainError(403, problemtype::kAccountDisabled, QStringLiteral("Account not active"),
                          QStringLiteral("This account is %1.").arg(account->status));
    }

    return m_db.write([&](QSqlDatabase &tx) {
        m_throttle.clearAccount(tx, email);
        const QString familyId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        SqlQuery(tx,
                 QStringLiteral(
                     "INSERT INTO token_families (id, user_id, created_at) VALUES (:f, :u, :t)"))
            .bind(QStringLiteral(":f"), familyId)
            .bind(QStringLiteral(":u"), account->id)
            .bind(QStringLiteral(":t"), m_clock.nowMs())
            .exec();
        m_audit.append(tx, {account->id,
                            email,
                            QStringLiteral("auth.login"),
                            QStringLiteral("user"),
                            QString::number(account->id),
                            {},
                            {},
                            {},
                            meta.address,
                            meta.requestId});
        return issue(tx, account->id, familyId);
    });
}

TokenResponse AuthService::issue(QSqlDatabase &tx, qint64 userId, const QString &familyId)
{
    const qint64 now = m_clock.nowMs();
    const QString refreshToken = randomToken();
    SqlQuery(tx, QStringLiteral(
                     "INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at) "
                     "VALUES (:h, :f, :t, :e)"))
        .bind(QStringLiteral(":h"), hashRefreshToken(refreshToken))
        .bind(QStringLiteral(":f"), familyId)
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":e"), now + m_settings.refreshTtlSeconds * 1000)
        .exec();
    const QJsonObject claims{{QStringLiteral("sub"), QString::number(userId)},
                             {QStringLiteral("fam"), familyId},
                             {QStringLiteral("iat"), now / 1000},
                             {QStringLiteral("iat_ms"), now},
                             {QStringLiteral("exp"), now / 1000 + m_settings.accessTtlSeconds}};
    TokenResponse r;
    r.accessToken = jwt::sign(claims, m_settings.jwtSecret);
    r.refreshToken = refreshToken;
    r.expiresIn = m_settings.accessTtlSeconds;
    return r;
}

TokenResponse AuthService::refresh(const QString &refreshToken, const RequestMeta &meta)
{
    enum class Outcome { Issued, Unknown, Expired, Revoked, Reused, Inactive };
    struct Result {
        Outcome outcome = Outcome::Unknown;
        TokenResponse tokens;
    };
    const Result result = m_db.write([&](QSqlDatabase &tx) {
        const qint64 now = m_clock.nowMs();
        SqlQuery q(
            tx, QStringLiteral("SELECT t.id, t.family_id, t.expires_at, t.rotated_at, "
                               "f.revoked_at, f.user_id, u.status, u.email "
                               "FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id "
                               "JOIN users u ON u.id = f.user_id WHERE t.token_hash = :h"));
        q.bind(QStringLiteral(":h"), hashRefreshToken(refreshToken)).exec();
        if (!q.next())
            return Result{Outcome::Unknown, {}};
        const qint64 tokenId = q.int64(0);
        const QString familyId = q.string(1);
        const qint64 userId = q.int64(5);
        const QString email = q.string(7);
        if (!q.isNull(4))
            return Result{Outcome::Revoked, {}};
        if (q.int64(2) <= now)
            return Result{Outcome::Expired, {}};
        if (q.string(6) != QStringLiteral("active"))
            return Result{Outcome::Inactive, {}};
        // Only one caller can rotate a token: the conditional update decides the race.
        SqlQuery rotate(
            tx,
            QStringLiteral(
                "UPDATE refresh_tokens SET rotated_at = :t WHERE id = :id AND rotated_at IS NULL"));
        rotate.bind(QStringLiteral(":t"), now).bind(QStringLiteral(":id"), tokenId).exec();
        if (rotate.rowsAffected() != 1) {
            SqlQuery(tx, QStringLiteral("UPDATE token_families SET revoked_at = :t, revoked_reason "
                                        "= 'refresh token reused' "
                                        "WHERE id = :f AND revoked_at IS NULL"))
                .bind(QStringLiteral(":t"), now)
                .bind(QStringLiteral(":f"), familyId)
                .exec();
            m_audit.append(
                tx, {userId,
                     email,
                     QStringLiteral("auth.refresh_reused"),
                     QStringLiteral("user"),
                     QString::number(userId),
                     QStringLiteral("a rotated refresh token was presented again; sign-in revoked"),
                     {},
                     {},
                     meta.address,
                     meta.requestId});
            return Result{Outcome::Reused, {}};
        }
        return Result{Outcome::Issued, issue(tx, userId, familyId)};
    });

    switch (result.outcome) {
    case Outcome::Issued:
        return result.tokens;
    case Outcome::Reused:
        throw DomainError(401, problemtype::kRefreshTokenReused,
                          QStringLiteral("Refresh token reused"),
                          QStringLiteral("This refresh token was already used. The sign-in has "
                                         "been revoked; sign in again."));
    case Outcome::Inactive:
        throw DomainError(403, problemtype::kAccountDisabled, QStringLiteral("Account not active"));
    case Outcome::Expired:
    case Outcome::Revoked:
    case Outcome::Unknown:
        break;
    }
    throw DomainError(
        401, problemtype::kInvalidRefreshToken, QStringLiteral("Invalid refresh token"),
        QStringLiteral("The refresh token is unknown, expired or revoked; sign in again."));
}

void AuthService::logout(const Principal &principal, const RequestMeta &meta)
{
    m_db.write([&](QSqlDatabase &tx) {
        SqlQuery(tx, QStringLiteral(
                         "UPDATE token_families SET revoked_at = :t, revoked_reason = 'signed out' "
                         "WHERE id = :f AND revoked_at IS NULL"))
            .bind(QStringLiteral(":t"), m_clock.nowMs())
            .bind(QStringLiteral(":f"), principal.familyId)
            .exec();
        m_audit.append(tx, {principal.userId,
                            principal.email,
                            QStringLiteral("auth.logout"),
                            QStringLiteral("user"),
                            QString::number(principal.userId),
                            {},
                            {},
                            {},
                            meta.address,
                            meta.requestId});
    });
}

Principal AuthService::authenticate(const QByteArray &authorizationHeader)
{
    static const QByteArray prefix = "Bearer ";
    if (authorizationHeader.isEmpty())
        throw unauthenticated(
            QStringLiteral("This endpoint needs an Authorization: Bearer <access token> header."));
    if (!authorizationHeader.startsWith(prefix))
        throw unauthenticated(
            QStringLiteral("The Authorization header must use the Bearer scheme."));
    const QString token = QString::fromLatin1(authorizationHeader.mid(prefix.size()).trimmed());
    const auto verified = jwt::verify(token, m_settings.jwtSecret, m_clock.nowMs() / 1000);
    if (!verified.claims) {
        if (verified.failure == jwt::Failure::Expired)
            throw DomainError(401, problemtype::kTokenExpired,
                              QStringLiteral("Access token expired"),
                              QStringLiteral("Refresh the access token and try again."))
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        throw unauthenticated(QStringLiteral("The access token is not valid."));
    }
    const qint64 userId = verified.claims->value(QStringLiteral("sub")).toString().toLongLong();
    const QString familyId = verified.claims->value(QStringLiteral("fam")).toString();
    const qint64 issuedMs = verified.claims->value(QStringLiteral("iat_ms")).toInteger(0);

    return m_db.read([&](QSqlDatabase &db) {
        // Roles and status are read on every request, so a role change or a ban takes effect at
        // once.
        const auto account = m_accounts.findById(db, userId);
        if (!account || account->status != QStringLiteral("active") ||
            issuedMs < account->tokensValidAfter)
            throw unauthenticated(QStringLiteral("This sign-in is no longer valid."));
        SqlQuery family(
            db,
            QStringLiteral("SELECT revoked_at FROM token_families WHERE id = :f AND user_id = :u"));
        family.bind(QStringLiteral(":f"), familyId).bind(QStringLiteral(":u"), userId).exec();
        if (!family.next() || !family.isNull(0))
            throw unauthenticated(QStringLiteral("This sign-in has ended; sign in again."));
        Principal p;
        p.userId = account->id;
        p.email = account->email;
        p.name = account->name;
        p.kind = account->kind;
        p.roles = account->roles;
        p.familyId = familyId;
        return p;
    });
}

} // namespace skillex::server
