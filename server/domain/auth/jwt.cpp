// HS256 JWT signing and verification.
#include "server/domain/auth/jwt.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <sodium.h>

namespace skillex::server::jwt {
namespace {

constexpr auto kB64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray encodeSegment(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64(kB64);
}

QByteArray mac(const QByteArray &input, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256);
}

std::optional<QJsonObject> decodeSegment(const QByteArray &segment)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(segment, kB64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

} // namespace

QString sign(const QJsonObject &claims, const QByteArray &secret)
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QByteArray signingInput = encodeSegment(header) + '.' + encodeSegment(claims);
    return QString::fromLatin1(signingInput + '.' + mac(signingInput, secret).toBase64(kB64));
}

Verified verify(const QString &token, const QByteArray &secret, qint64 nowSeconds)
{
    Verified result;
    if (token.size() > 8192)
        return result;
    const QByteArray raw = token.toLatin1();
    const QList<QByteArray> parts = raw.split('.');
    if (parts.size() != 3)
        return result;
    const auto header = decodeSegment(parts[0]);
    if (!header || header->value(QStringLiteral("alg")).toString() != QStringLiteral("HS256"))
        return result;
    const auto signature =
        QByteArray::fromBase64Encoding(parts[2], kB64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!signature)
        return result;
    const QByteArray expected = mac(parts[0] + '.' + parts[1], secret);
    if (signature.decoded.size() != expected.size() ||
        sodium_memcmp(signature.decoded.constData(), expected.constData(),
                      static_cast<size_t>(expected.size())) != 0) {
        result.failure = Failure::BadSignature;
        return result;
    }
    const auto claims = decodeSegment(parts[1]);
    if (!claims)
        return result;
    if (claims->value(QStringLiteral("exp")).toInteger(0) <= nowSeconds) {
        result.failure = Failure::Expired;
        return result;
    }
    result.claims = claims;
    return result;
}

} // namespace skillex::server::jwt
