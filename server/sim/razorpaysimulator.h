// Razorpay, simulated: payment and refund events shaped as Razorpay sends them, signed the way
// Razorpay signs webhooks (X-Razorpay-Signature: hex HMAC-SHA256 of the body with the webhook
// secret; event id in X-Razorpay-Event-Id), and the checkout's verification signature.
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

class RazorpaySimulator {
public:
    RazorpaySimulator(QByteArray webhookSecret, QByteArray keySecret,
                      std::optional<quint32> seed = {});

    // payment.captured for a payment (pay_...) of the order the checkout returned.
    SignedWebhook paymentCaptured(const QString &orderId, const QString &paymentId,
                                  qint64 amountMinor,
                                  const QString &currency = QStringLiteral("INR"));
    SignedWebhook paymentFailed(const QString &orderId, const QString &paymentId,
                                qint64 amountMinor,
                                const QString &currency = QStringLiteral("INR"));
    // refund.processed: one refund of refundMinor; the payment entity carries amount_refunded,
    // the total refunded so far including this one (as Razorpay reports it).
    SignedWebhook refundProcessed(const QString &orderId, const QString &paymentId,
                                  qint64 paymentAmountMinor, qint64 refundMinor,
                                  qint64 amountRefundedMinor,
                                  const QString &currency = QStringLiteral("INR"));

    // The event envelope around payload; signs and adds the headers.
    SignedWebhook deliver(const QString &event, const QJsonObject &payload,
                          const QStringList &contains);
    SignedWebhook deliverBody(const QByteArray &body, const QString &eventId) const;

    // hex HMAC-SHA256 of body with the webhook secret.
    QByteArray webhookSignature(const QByteArray &body) const;
    // hex HMAC-SHA256 of "<order_id>|<payment_id>" with the key secret: what the checkout
    // widget hands the member's app after a payment.
    QByteArray checkoutSignature(const QString &orderId, const QString &paymentId) const;

    // The settlement recon report for entries, with the columns of Razorpay's recon API
    // (amounts in paise, times in unix seconds), fee 2% plus 18% tax on the fee.
    QByteArray settlementReport(const QList<SettlementEntry> &entries);

    QString newId(const QString &prefix);

private:
    QJsonObject paymentEntity(const QString &orderId, const QString &paymentId, qint64 amountMinor,
                              const QString &currency, const QString &status,
                              qint64 amountRefunded) const;

    QByteArray m_webhookSecret;
    QByteArray m_keySecret;
    QRandomGenerator m_random;
};

} // namespace skillex::sim
