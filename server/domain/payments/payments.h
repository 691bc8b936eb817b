// Buying credits: packages, checkout (a payment row and a provider order id), the member's own
// payments, Razorpay's checkout verification, and refunds requested by finance staff. Credits
// move only when the provider's webhook confirms (see WebhookInbox).
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/marketplaceconfig.h"
#include "server/domain/payments/payment.h"
#include "server/domain/payments/paymentsecrets.h"
#include "server/storage/database.h"

#include <QList>
#include <QString>

#include <optional>

namespace skillex::server {

struct RefundRequest {
    qint64 id = 0;
    qint64 paymentId = 0;
    qint64 credits = 0;
    qint64 amountMinor = 0;
    QString currency;
    QString status;
};

class Payments {
public:
    static constexpr int kMaxCheckoutsPerHour = 20;
    static constexpr int kMaxReasonLength = 500;

    Payments(Database &db, const Clock &clock, Ledger &ledger, EventLog &events, AuditLog &audit,
             const MarketplaceConfig &config, PaymentSecrets secrets);

    const QList<CreditPackage> &packages() const { return m_config.packages; }

    // A payment in state "created" with a fresh provider order id. 400 for an unknown provider
    // or a package that provider does not sell; 429 after kMaxCheckoutsPerHour in an hour.
    Payment checkout(qint64 userId, const QString &packageId, const QString &provider);

    // The member's own payment; nullopt for a payment of someone else, as for none.
    std::optional<Payment> find(qint64 userId, qint64 paymentId) const;
    QList<Payment> list(qint64 userId, std::optional<qint64> beforeId, int limit) const;

    // Checks the Razorpay checkout signature against the stored order id. Moves nothing: only
    // the webhook credits. 404 for another member's payment, 409 for a Stripe payment, 400
    // (invalid-signature) when the signature does not match.
    Payment verifyRazorpayCheckout(qint64 userId, qint64 paymentId,
                                   const QString &razorpayPaymentId,
                                   const QByteArray &signatureHex) const;

    // Finance staff ask the provider to refund credits of a captured purchase (at most what is
    // left of its lot); the provider's refund webhook completes it. 404 unknown payment, 409
    // when the payment is not refundable now or the lot holds fewer credits, 400 bad input.
    RefundRequest requestRefund(qint64 paymentId, qint64 credits, const QString &reason,
                                qint64 staffId, const QString &address = {},
                                const QString &requestId = {});

private:
    QString newOrderId(const QString &provider) const;

    Database &m_db;
    const Clock &m_clock;
    Ledger &m_ledger;
    EventLog &m_events;
    AuditLog &m_audit;
    const MarketplaceConfig &m_config;
    PaymentSecrets m_secrets;
};

} // namespace skillex::server
