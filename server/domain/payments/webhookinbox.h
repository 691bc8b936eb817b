// Provider webhooks in: verify the signature on the raw body, deduplicate on the provider's
// event id, and apply the event to its payment once (capture credits through the ledger, a
// failure marks the payment, a refund takes credits back from the purchase's lot).
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/payments/payment.h"
#include "server/domain/payments/paymentsecrets.h"
#include "server/domain/payments/providerevent.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace skillex::server {

struct WebhookResult {
    QString eventId;
    QString outcome; // captured, failed, refunded, duplicate, ignored, unknown_order, ...
    std::optional<qint64> paymentId;

    QJsonObject toJson() const;
};

class WebhookInbox {
public:
    static constexpr qint64 kStripeToleranceSecs = 300;

    WebhookInbox(Database &db, const Clock &clock, Ledger &ledger, EventLog &events,
                 PaymentSecrets secrets);

    // Throw DomainError 400 (invalid-signature) unless the signature verifies, 400 when the
    // verified body is not an event, and 409 for a refund of a payment not captured yet (the
    // provider retries it later). Otherwise the event is recorded once and answered.
    WebhookResult receiveStripe(const QByteArray &signatureHeader, const QByteArray &body);
    WebhookResult receiveRazorpay(const QByteArray &signatureHeader,
                                  const QByteArray &eventIdHeader, const QByteArray &body);

private:
    struct Applied {
        QString outcome;
        std::optional<qint64> paymentId;
        std::optional<EventDraft> event; // appended last, after the inbox row is updated
    };

    WebhookResult apply(const ProviderEvent &event, const QByteArray &body);
    Applied dispatch(QSqlDatabase &tx, const ProviderEvent &event);
    Applied capture(QSqlDatabase &tx, const Payment &p, const ProviderEvent &event);
    Applied fail(QSqlDatabase &tx, const Payment &p, const ProviderEvent &event);
    Applied refund(QSqlDatabase &tx, const Payment &p, const ProviderEvent &event);

    Database &m_db;
    const Clock &m_clock;
    Ledger &m_ledger;
    EventLog &m_events;
    PaymentSecrets m_secrets;
};

} // namespace skillex::server
