// Sign-in, token refresh with rotation and reuse detection, sign-out, and request authentication.
#pragma once

#include "protocol/auth.h"
#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/accounts.h"
#include "server/domain/auth/loginthrottle.h"
#include "server/domain/auth/principal.h"
#include "server/storage/database.h"

#include <QJsonArray>

namespace skillex::server {

struct AuthSettings {
    QByteArray jwtSecret;
    qint64 accessTtlSeconds = 15 * 60;
    qint64 refreshTtlSeconds = 30LL * 24 * 3600;
    // The appeal token a suspended or banned member gets from a refused sign-in.
    qint64 appealTtlSeconds = 15 * 60;
};

// Whether a route takes an appeal token (scope "appeal") as well as an access token.
enum class AppealTokens { Refused, Accepted };

// Where a request came from, for throttling and the audit log.
struct RequestMeta {
    QString address;
    QString requestId;
};

class AuthService {
public:
    AuthService(Database &db, const Clock &clock, Accounts &accounts, LoginThrottle &throttle,
                AuditLog &audit, const PasswordHasher &hasher, AuthSettings settings);

    // Throws DomainError: 401 invalid credentials, 403 account disabled, 429 throttled. The 403
    // of a suspended or banned member with the right password carries the account status,
    // ends_at for a suspension, the member's appealable cases and, when there is one, an
    // appeal token (no refresh token): the one way in for such a member, to appeal.
    protocol::TokenResponse login(const QString &email, const QString &password,
                                  const RequestMeta &meta);
    // Throws DomainError 401 for an unknown, expired or revoked token; reuse of a rotated
    // token revokes its whole family first.
    protocol::TokenResponse refresh(const QString &refreshToken, const RequestMeta &meta);
    // Revokes the sign-in (token family) the principal's access token belongs to.
    void logout(const Principal &principal, const RequestMeta &meta);
    // Resolves "Bearer <token>"; throws DomainError 401 when missing, invalid, expired or revoked.
    // An appeal token is refused (401, as an invalid token) unless appealTokens is Accepted;
    // when accepted it gives a Principal with appealOnly set, for a member still suspended or
    // banned.
    Principal authenticate(const QByteArray &authorizationHeader,
                           AppealTokens appealTokens = AppealTokens::Refused);

    // The member's resolved cases with a sanction of theirs on them, closed within the appeal
    // window and not appealed yet, newest first: [{case_id, category, sanction, closed_at,
    // appeal_until}].
    QJsonArray appealableCases(QSqlDatabase &db, qint64 userId) const;

    static QString hashRefreshToken(const QString &token);

private:
    protocol::TokenResponse issue(QSqlDatabase &tx, qint64 userId, const QString &familyId);
    [[noreturn]] void refuseInactive(const Account &account, const RequestMeta &meta);
    Principal authenticateAppeal(const QJsonObject &claims);

    Database &m_db;
    const Clock &m_clock;
    Accounts &m_accounts;
    LoginThrottle &m_throttle;
    AuditLog &m_audit;
    const PasswordHasher &m_hasher;
    AuthSettings m_settings;
};

} // namespace skillex::server
