// HMAC with libsodium (any key length) and sodium_memcmp for the comparison, so neither the
// position of the first differing byte nor the number of candidate signatures leaks timing
// that would help forge one.
#include "server/domain/payments/providersignatures.h"

#include <QList>

#include <sodium.h>

namespace skillex::server {
namespace {

constexpr int kDigestBytes = crypto_auth_hmacsha256_BYTES;
constexpr int kMaxHeaderBytes = 4096;
constexpr int kMaxSignatures = 16;

bool isDigits(const QByteArray &s)
{
    if (s.isEmpty() || s.size() > 12)
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

QByteArray hmacSha256(const QByteArray &key, const QByteArray &message)
{
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.constData()),
                                static_cast<size_t>(key.size()));
    crypto_auth_hmacsha256_update(&state,
                                  reinterpret_cast<const unsigned char *>(message.constData()),
                                  static_cast<unsigned long long>(message.size()));
    QByteArray out(kDigestBytes, Qt::Uninitialized);
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(out.data()));
    sodium_memzero(&state, sizeof state);
    return out;
}

bool hexDigestMatches(const QByteArray &digest, const QByteArray &hex)
{
    if (digest.size() != kDigestBytes || hex.size() != 2 * kDigestBytes)
        return false;
    unsigned char candidate[kDigestBytes];
    size_t length = 0;
    const char *end = nullptr;
    if (sodium_hex2bin(candidate, sizeof candidate, hex.constData(),
                       static_cast<size_t>(hex.size()), nullptr, &length, &end) != 0 ||
        length != sizeof candidate || end != hex.constData() + hex.size())
        return false;
    return sodium_memcmp(candidate, digest.constData(), sizeof candidate) == 0;
}

QString describe(SignatureCheck check)
{
    switch (check) {
    case SignatureCheck::Valid:
        return QStringLiteral("the signature is valid");
    case SignatureCheck::Missing:
        return QStringLiteral("the signature header is missing");
    case SignatureCheck::Malformed:
        return QStringLiteral("the signature header is malformed");
    case SignatureCheck::OutsideTolerance:
        return QStringLiteral("the signed timestamp is outside the 300 second tolerance");
    case SignatureCheck::Mismatch:
        return QStringLiteral("no signature matches the body");
    }
    return {};
}

SignatureCheck checkStripeSignature(const QByteArray &header, const QByteArray &body,
                                    const QByteArray &endpointSecret, qint64 nowSecs,
                                    qint64 toleranceSecs)
{
    if (header.isEmpty() || endpointSecret.isEmpty())
        return SignatureCheck::Missing;
    if (header.size() > kMaxHeaderBytes)
        return SignatureCheck::Malformed;
    QByteArray timestamp;
    QList<QByteArray> signatures;
    for (const QByteArray &item : header.split(',')) {
        const qsizetype eq = item.indexOf('=');
        if (eq <= 0)
            return SignatureCheck::Malformed;
        const QByteArray key = item.left(eq).trimmed();
        const QByteArray value = item.mid(eq + 1).trimmed();
        if (key == "t") {
            if (!timestamp.isEmpty() || !isDigits(value))
                return SignatureCheck::Malformed;
            timestamp = value;
        } else if (key == "v1") {
            signatures.push_back(value);
        }
        // Other schemes (v0 is Stripe's test scheme) are not ours to trust.
    }
    if (timestamp.isEmpty() || signatures.isEmpty() || signatures.size() > kMaxSignatures)
        return SignatureCheck::Malformed;

    const QByteArray expected = hmacSha256(endpointSecret, timestamp + '.' + body);
    bool matched = false;
    for (const QByteArray &candidate : signatures)
        matched = hexDigestMatches(expected, candidate) || matched; // no early exit
    if (!matched)
        return SignatureCheck::Mismatch;
    const qint64 t = timestamp.toLongLong();
    if (nowSecs - t > toleranceSecs || t - nowSecs > toleranceSecs)
        return SignatureCheck::OutsideTolerance;
    return SignatureCheck::Valid;
}

SignatureCheck checkRazorpaySignature(const QByteArray &header, const QByteArray &body,
                                      const QByteArray &webhookSecret)
{
    if (header.isEmpty() || webhookSecret.isEmpty())
        return SignatureCheck::Missing;
    if (header.trimmed().size() != 2 * kDigestBytes)
        return SignatureCheck::Malformed;
    return hexDigestMatches(hmacSha256(webhookSecret, body), header.trimmed())
               ? SignatureCheck::Valid
               : SignatureCheck::Mismatch;
}

bool razorpayCheckoutSignatureValid(const QString &orderId, const QString &paymentId,
                                    const QByteArray &signatureHex, const QByteArray &keySecret)
{
    if (keySecret.isEmpty() || orderId.isEmpty() || paymentId.isEmpty())
        return false;
    const QByteArray expected =
        hmacSha256(keySecret, (orderId + QLatin1Char('|') + paymentId).toUtf8());
    return hexDigestMatches(expected, signatureHex);
}

} // namespace skillex::server
