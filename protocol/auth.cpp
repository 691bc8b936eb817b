// Auth wire codecs.
#include "protocol/auth.h"

#include <QJsonArray>

#include <limits>

namespace skillex::protocol {

QJsonObject LoginRequest::toJson() const
{
    return {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
}

Decoded<LoginRequest> LoginRequest::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    LoginRequest v;
    v.email = r.requiredString(QStringLiteral("email"), kMaxEmailLength);
    v.password = r.requiredString(QStringLiteral("password"), kMaxPasswordLength);
    r.rejectUnknown({QStringLiteral("email"), QStringLiteral("password")});
    return r.finish(std::move(v));
}

QJsonObject TokenResponse::toJson() const
{
    return {{QStringLiteral("access_token"), accessToken},
            {QStringLiteral("refresh_token"), refreshToken},
            {QStringLiteral("token_type"), tokenType},
            {QStringLiteral("expires_in"), expiresIn}};
}

Decoded<TokenResponse> TokenResponse::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    TokenResponse v;
    v.accessToken = r.requiredString(QStringLiteral("access_token"), 8192);
    v.refreshToken = r.requiredString(QStringLiteral("refresh_token"), 1024);
    v.tokenType = r.requiredString(QStringLiteral("token_type"), 32);
    v.expiresIn = r.requiredInteger(QStringLiteral("expires_in"), 1, 365LL * 24 * 3600);
    if (r.ok() && v.tokenType.compare(QStringLiteral("Bearer"), Qt::CaseInsensitive) != 0)
        r.fail(QStringLiteral("token_type"), QStringLiteral("must be Bearer"));
    return r.finish(std::move(v));
}

QJsonObject RefreshRequest::toJson() const
{
    return {{QStringLiteral("refresh_token"), refreshToken}};
}

Decoded<RefreshRequest> RefreshRequest::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    RefreshRequest v;
    v.refreshToken = r.requiredString(QStringLiteral("refresh_token"), 1024);
    r.rejectUnknown({QStringLiteral("refresh_token")});
    return r.finish(std::move(v));
}

QJsonObject Me::toJson() const
{
    QJsonArray roleArray;
    for (const auto &name : roleNames(roles))
        roleArray.push_back(name);
    return {{QStringLiteral("id"), id},
            {QStringLiteral("email"), email},
            {QStringLiteral("name"), name},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("roles"), roleArray}};
}

Decoded<Me> Me::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    Me v;
    v.id = r.requiredInteger(QStringLiteral("id"), 1, std::numeric_limits<qint64>::max());
    v.email = r.requiredString(QStringLiteral("email"), kMaxEmailLength);
    v.name = r.requiredString(QStringLiteral("name"), 256);
    v.kind = r.requiredString(QStringLiteral("kind"), 16);
    for (const auto &name : r.optionalStringList(QStringLiteral("roles"), 16, 64)) {
        if (auto role = roleFromName(name))
            v.roles.push_back(*role);
        else
            r.fail(QStringLiteral("roles"), QStringLiteral("has an unknown role: ") + name);
    }
    return r.finish(std::move(v));
}

} // namespace skillex::protocol
