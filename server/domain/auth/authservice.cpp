// The password check runs outside any write transaction: argon2id takes tens of milliseconds,
// and SQLite has a single writer that must not wait on it.
#include "server/domain/auth/authservice.h"

#include "common/logging.h"
#include "protocol/timestamps.h"
#include "server/domain/auth/jwt.h"
#include "server/domain/domainerror.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/storage/sqlquery.h"

#include <QCryptographicHash>
#include <QSet>
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
    if (account->status != QStringLiteral("active"))
        refuseInactive(*account, meta);

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

QJsonArray AuthService::appealableCases(QSqlDatabase &db, qint64 userId) const
{
    const qint64 since = m_clock.nowMs() - moderation::kAppealWindowMs;
    SqlQuery q(db, QStringLiteral("SELECT c.id, c.category, s.kind, c.closed_at FROM cases c "
                                  "JOIN sanctions s ON s.case_id = c.id AND s.user_id = :u "
                                  "WHERE c.status = 'resolved' AND c.closed_at IS NOT NULL "
                                  "AND c.closed_at >= :since "
                                  "AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.case_id = c.id) "
                                  "ORDER BY c.closed_at DESC, c.id DESC, s.id"));
    q.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":since"), since).exec();
    QJsonArray cases;
    QSet<qint64> seen;
    while (q.next()) {
        const qint64 caseId = q.int64(0);
        if (seen.contains(caseId))
            continue; // one entry per case, with its first sanction
        seen.insert(caseId);
        cases.append(QJsonObject{{QStringLiteral("case_id"), caseId},
                                 {QStringLiteral("category"), q.string(1)},
                                 {QStringLiteral("sanction"), q.string(2)},
                                 {QStringLiteral("closed_at"), toWireTime(q.int64(3))},
                                 {QStringLiteral("appeal_until"),
                                  toWireTime(q.int64(3) + moderation::kAppealWindowMs)}});
    }
    return cases;
}

void AuthService::refuseInactive(const Account &account, const RequestMeta &meta)
{
    // DOMAIN.md: a suspension or ban means no sign-in, yet the sanctioned member may appeal.
    // The refusal stays a 403; a member with an appealable case also gets an appeal token,
    // which only the appeal routes accept (see authenticate).
    const bool sanctioned = account.kind == QStringLiteral("member") &&
                            (account.status == QStringLiteral("suspended") ||
                             account.status == QStringLiteral("banned"));
    struct Refusal {
        std::optional<qint64> endsAt;
        QJsonArray cases;
        QString appealToken;
    };
    const Refusal refusal = m_db.write([&](QSqlDatabase &tx) {
        Refusal r;
        m_audit.append(tx, {account.id,
                            account.email,
                            QStringLiteral("auth.login_refused"),
                            QStringLiteral("user"),
                            QString::number(account.id),
                            QStringLiteral("account is ") + account.status,
                            {},
                            {},
                            meta.address,
                            meta.requestId});
        if (!sanctioned)
            return r;
        if (account.status == QStringLiteral("suspended")) {
            SqlQuery ends(tx, QStringLiteral("SELECT MAX(ends_at) FROM sanctions WHERE user_id = "
                                             ":u AND kind = 'suspension' AND lifted_at IS NULL "
                                             "AND ended_at IS NULL"));
            ends.bind(QStringLiteral(":u"), account.id).exec();
            if (ends.next() && !ends.isNull(0))
                r.endsAt = ends.int64(0);
        }
        r.cases = appealableCases(tx, account.id);
        if (r.cases.isEmpty())
            return r;
        const qint64 now = m_clock.nowMs();
        r.appealToken = jwt::sign(
            QJsonObject{{QStringLiteral("sub"), QString::number(account.id)},
                        {QStringLiteral("scope"), QStringLiteral("appeal")},
                        {QStringLiteral("iat"), now / 1000},
                        {QStringLiteral("iat_ms"), now},
                        {QStringLiteral("exp"), now / 1000 + m_settings.appealTtlSeconds}},
            m_settings.jwtSecret);
        QStringList ids;
        for (const QJsonValue &c : std::as_const(r.cases))
            ids.push_back(
                QString::number(c.toObject().value(QStringLiteral("case_id")).toInteger()));
        m_audit.append(tx, {account.id,
                            account.email,
                            QStringLiteral("auth.appeal_token_issued"),
                            QStringLiteral("user"),
                            QString::number(account.id),
                            QStringLiteral("account is %1; appealable cases %2")
                                .arg(account.status, ids.join(QStringLiteral(", "))),
                            {},
                            {},
                            meta.address,
                            meta.requestId});
        return r;
    });

    QString detail = QStringLiteral("This account is %1.").arg(account.status);
    if (refusal.endsAt)
        detail =
            QStringLiteral("This account is suspended until %1.").arg(toWireTime(*refusal.endsAt));
    DomainError error(403, problemtype::kAccountDisabled, QStringLiteral("Account not active"),
                      detail);
    error.withExtension(QStringLiteral("account_status"), account.status);
    if (refusal.endsAt)
        error.withExtension(QStringLiteral("ends_at"), toWireTime(*refusal.endsAt));
    if (sanctioned)
        error.withExtension(QStringLiteral("appealable_cases"), refusal.cases);
    if (!refusal.appealToken.isEmpty()) {
        error.withExtension(QStringLiteral("appeal_token"), refusal.appealToken);
        error.withExtension(QStringLiteral("appeal_token_expires_in"), m_settings.appealTtlSeconds);
    }
    throw error;
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

Principal AuthService::authenticateAppeal(const QJsonObject &claims)
{
    const qint64 userId = claims.value(QStringLiteral("sub")).toString().toLongLong();
    const qint64 issuedMs = claims.value(QStringLiteral("iat_ms")).toInteger(0);
    return m_db.read([&](QSqlDatabase &db) {
        // Only while the member is still suspended or banned: once the account is active again
        // (an appeal overturned, a suspension ended) the member signs in as usual.
        const auto account = m_accounts.findById(db, userId);
        if (!account || account->kind != QStringLiteral("member") ||
            (account->status != QStringLiteral("suspended") &&
             account->status != QStringLiteral("banned")) ||
            issuedMs < account->tokensValidAfter)
            throw unauthenticated(QStringLiteral("This appeal token is no longer valid."));
        Principal p;
        p.userId = account->id;
        p.email = account->email;
        p.name = account->name;
        p.kind = account->kind;
        p.appealOnly = true;
        return p;
    });
}

Principal AuthService::authenticate(const QByteArray &authorizationHeader,
                                    AppealTokens appealTokens)
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
    // The one place that decides what an appeal token may do: the routes that accept it.
    // Everywhere else it is not a token at all.
    const QJsonValue scope = verified.claims->value(QStringLiteral("scope"));
    if (!scope.isUndefined()) {
        if (scope.toString() != QStringLiteral("appeal") || appealTokens != AppealTokens::Accepted)
            throw unauthenticated(QStringLiteral("The access token is not valid."));
        return authenticateAppeal(*verified.claims);
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
