// Wire types of sign-in: login, token pair (OAuth 2 field names), refresh, and the signed-in
// person.
#pragma once

#include "protocol/decode.h"
#include "protocol/roles.h"

#include <QJsonObject>
#include <QString>

namespace skillex::protocol {

struct LoginRequest {
    QString email;
    QString password;

    QJsonObject toJson() const;
    static Decoded<LoginRequest> fromJson(const QJsonObject &object);
};

struct TokenResponse {
    QString accessToken;
    QString refreshToken;
    QString tokenType = QStringLiteral("Bearer");
    qint64 expiresIn = 0; // seconds until the access token expires

    QJsonObject toJson() const;
    static Decoded<TokenResponse> fromJson(const QJsonObject &object);
};

struct RefreshRequest {
    QString refreshToken;

    QJsonObject toJson() const;
    static Decoded<RefreshRequest> fromJson(const QJsonObject &object);
};

// GET /api/v1/me
struct Me {
    qint64 id = 0;
    QString email;
    QString name;
    QString kind; // "staff" or "member"
    QList<Role> roles;

    QJsonObject toJson() const;
    static Decoded<Me> fromJson(const QJsonObject &object);
};

inline constexpr int kMaxEmailLength = 254;
inline constexpr int kMaxPasswordLength = 1024;
inline constexpr int kMinPasswordLength = 10;

} // namespace skillex::protocol
