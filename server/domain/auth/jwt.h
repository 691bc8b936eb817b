// Access tokens: compact JWS with HS256 (RFC 7519), signed with the server's secret.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace skillex::server::jwt {

QString sign(const QJsonObject &claims, const QByteArray &secret);

enum class Failure { Malformed, BadSignature, Expired };
struct Verified {
    std::optional<QJsonObject> claims;
    Failure failure = Failure::Malformed;
};

// Checks the header (alg must be HS256: "none" and others are refused), the signature in
// constant time, and "exp" against nowSeconds.
Verified verify(const QString &token, const QByteArray &secret, qint64 nowSeconds);

} // namespace skillex::server::jwt
