// A payment row (a checkout and what the provider said about it), and reading it.
#pragma once

#include "server/storage/databaseurl.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server {

struct Payment {
    qint64 id = 0;
    qint64 userId = 0;
    QString provider;
    QString packageId;
    qint64 credits = 0;
    qint64 amountMinor = 0;
    QString currency;
    QString status; // created, captured, failed, refund_requested, refunded, partially_refunded
    QString providerOrderId;
    QString providerPaymentId;
    qint64 refundedMinor = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    // The ledger transfer that credits this purchase: one id per payment, so that no second
    // capture (another event id, a replay, a race) can ever credit it twice.
    QString purchaseTransferId() const { return QStringLiteral("purchase:payment:%1").arg(id); }
    bool isCaptured() const
    {
        return status != QStringLiteral("created") && status != QStringLiteral("failed");
    }
    QJsonObject toJson() const;
};

namespace paymentstore {
// Locks the row until commit on PostgreSQL (SQLite has one writer anyway).
std::optional<Payment> byId(QSqlDatabase &db, Dialect dialect, qint64 id, bool forUpdate);
std::optional<Payment> byOrder(QSqlDatabase &db, Dialect dialect, const QString &provider,
                               const QString &orderId, bool forUpdate);
// The member's payments, newest first, with ids below beforeId.
QList<Payment> ofUser(QSqlDatabase &db, qint64 userId, std::optional<qint64> beforeId, int limit);
} // namespace paymentstore

} // namespace skillex::server
