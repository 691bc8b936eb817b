// Stripe, simulated: payment intent and charge events shaped as Stripe sends them, signed with
// the endpoint secret the way Stripe signs webhooks (Stripe-Signature: t=<unix>,v1=<hex>).
#pragma once

#include "server/sim/settlemententry.h"
#include "server/sim/signedwebhook.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <optional>

namespace skillex::sim {

class StripeSimulator {
public:
    // seed makes the generated ids repeatable (the marketplace simulator); none: random.
    explicit StripeSimulator(QByteArray endpointSecret, std::optional<quint32> seed = {});

    // payment_intent.succeeded for the payment intent the checkout returned.
    SignedWebhook paymentSucceeded(const QString &paymentIntentId, qint64 amountMinor,
                                   const QString &currency = QStringLiteral("usd"));
    // payment_intent.payment_failed (card declined).
    SignedWebhook paymentFailed(const QString &paymentIntentId, qint64 amountMinor,
                                const QString &currency = QStringLiteral("usd"));
    // charge.refunded: the charge of the payment intent, with amount_refunded the total refunded
    // so far (Stripe reports the running total, not the amount of this refund).
    SignedWebhook chargeRefunded(const QString &paymentIntentId, qint64 chargeAmountMinor,
                                 qint64 amountRefundedMinor,
                                 const QString &currency = QStringLiteral("usd"));

    // The event envelope around a data.object; the id is made up when not given.
    QByteArray eventBody(const QString &type, const QJsonObject &object,
                         const QString &eventId = {});
    // Signs body as delivered at unixTime (default: now).
    SignedWebhook deliver(const QByteArray &body, const QString &eventId,
                          std::optional<qint64> unixTime = {}) const;

    // "t=<t>,v1=<hex>": what Stripe puts in the Stripe-Signature header.
    QByteArray signatureHeader(const QByteArray &body, qint64 unixTime) const;
    // hex HMAC-SHA256 of "<t>.<body>" with secret.
    static QByteArray signature(const QByteArray &secret, qint64 unixTime, const QByteArray &body);

    // The itemized balance change report (balance_change_from_activity.itemized) for entries,
    // as downloaded from Stripe: CRLF lines, amounts in major units, fee 2.9% + 30 minor units.
    QByteArray settlementReport(const QList<SettlementEntry> &entries);

    QString newId(const QString &prefix);

private:
    QByteArray m_secret;
    QRandomGenerator m_random;
};

} // namespace skillex::sim
