// Reading payments for finance staff: every member's payments with filters, and one payment in
// full (its webhook history, refunds and ledger transfers).
#pragma once

#include "server/domain/payments/payment.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace skillex::server {

struct PaymentFilter {
    std::optional<QString> provider;
    std::optional<QString> status;
    std::optional<qint64> userId;
    std::optional<qint64> from; // created_at >= from (ms)
    std::optional<qint64> to;   // created_at < to (ms)
};

// The staff view of a payment: the member's fields plus the member and the provider's ids.
QJsonObject paymentAdminJson(const Payment &p);

// Payments with ids below beforeId, newest first.
QList<Payment> listPayments(QSqlDatabase &db, const PaymentFilter &filter,
                            std::optional<qint64> beforeId, int limit);

// The payment with webhooks, refunds and transfers; nullopt when there is none.
std::optional<QJsonObject> paymentDetail(QSqlDatabase &db, Dialect dialect, qint64 id);

} // namespace skillex::server
