// Checking the payment providers' signatures: Stripe and Razorpay webhooks, and Razorpay's
// checkout verification signature. Every comparison runs in constant time.
#pragma once

#include <QByteArray>
#include <QString>

namespace skillex::server {

// HMAC-SHA256 of message with key (raw 32 bytes).
QByteArray hmacSha256(const QByteArray &key, const QByteArray &message);

// True when hex is exactly the lower- or upper-case hex of digest; constant time in the digest.
bool hexDigestMatches(const QByteArray &digest, const QByteArray &hex);

enum class SignatureCheck {
    Valid,
    Missing,          // no header, or no secret configured
    Malformed,        // the header cannot be read
    OutsideTolerance, // Stripe: the signed timestamp is too old or too far ahead
    Mismatch,         // no signature matches the body
};

QString describe(SignatureCheck check);

// Stripe-Signature: "t=<unix>,v1=<hex>[,v1=<hex>...]" (other schemes ignored). The signed
// payload is "<t>.<raw body>"; any v1 may match; t must be within toleranceSecs of now.
SignatureCheck checkStripeSignature(const QByteArray &header, const QByteArray &body,
                                    const QByteArray &endpointSecret, qint64 nowSecs,
                                    qint64 toleranceSecs = 300);

// X-Razorpay-Signature: hex HMAC-SHA256 of the raw body with the webhook secret.
SignatureCheck checkRazorpaySignature(const QByteArray &header, const QByteArray &body,
                                      const QByteArray &webhookSecret);

// The checkout's razorpay_signature: hex HMAC-SHA256 of "<order_id>|<payment_id>" with the key
// secret, where order_id is the one this server stored (never one the client sends).
bool razorpayCheckoutSignatureValid(const QString &orderId, const QString &paymentId,
                                    const QByteArray &signatureHex, const QByteArray &keySecret);

} // namespace skillex::server
