// A provider's webhook event, read out of Stripe's or Razorpay's own payload shape into the
// few facts the payment rules need.
#pragma once

#include <QByteArray>
#include <QString>

namespace skillex::server {

struct ProviderEvent {
    enum class Kind { Captured, Failed, Refunded, Other };

    QString provider; // "stripe" or "razorpay"
    QString eventId;  // the provider's id, the deduplication key
    QString type;     // the provider's name, e.g. "payment_intent.succeeded"
    Kind kind = Kind::Other;
    QString orderId;               // our provider_order_id (Stripe payment intent, Razorpay order)
    QString providerPaymentId;     // Razorpay pay_..., Stripe's charge id
    qint64 amountMinor = 0;        // the payment's amount
    QString currency;              // ISO 4217, upper case
    qint64 refundedTotalMinor = 0; // Refunded: everything refunded so far, as the provider says
};

// Both throw DomainError 400 when the (already verified) body is not an event of the provider's
// shape. Unknown event types are Kind::Other and need only the envelope.
ProviderEvent parseStripeEvent(const QByteArray &body);
ProviderEvent parseRazorpayEvent(const QByteArray &body, const QByteArray &eventIdHeader);

} // namespace skillex::server
