// Payment rows to and from the database and the wire.
#include "server/domain/payments/payment.h"

#include "protocol/timestamps.h"
#include "server/storage/sqlquery.h"

#include <limits>

namespace skillex::server {
namespace {

const QString kSelect = QStringLiteral(
    "SELECT id, user_id, provider, package_id, credits, amount_minor, currency, status, "
    "provider_order_id, provider_payment_id, refunded_minor, created_at, updated_at FROM "
    "payments ");

Payment read(const SqlQuery &q)
{
    Payment p;
    p.id = q.int64(0);
    p.userId = q.int64(1);
    p.provider = q.string(2);
    p.packageId = q.string(3);
    p.credits = q.int64(4);
    p.amountMinor = q.int64(5);
    p.currency = q.string(6);
    p.status = q.string(7);
    p.providerOrderId = q.string(8);
    p.providerPaymentId = q.string(9);
    p.refundedMinor = q.int64(10);
    p.createdAt = q.int64(11);
    p.updatedAt = q.int64(12);
    return p;
}

QString lock(Dialect dialect, bool forUpdate)
{
    return forUpdate && dialect == Dialect::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
}

} // namespace

QJsonObject Payment::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("provider"), provider},
            {QStringLiteral("package_id"), packageId},
            {QStringLiteral("credits"), credits},
            {QStringLiteral("amount_minor"), amountMinor},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("status"), status},
            {QStringLiteral("provider_order_id"), providerOrderId},
            {QStringLiteral("refunded_minor"), refundedMinor},
            {QStringLiteral("created_at"), protocol::toWireTime(createdAt)},
            {QStringLiteral("updated_at"), protocol::toWireTime(updatedAt)}};
}

namespace paymentstore {

std::optional<Payment> byId(QSqlDatabase &db, Dialect dialect, qint64 id, bool forUpdate)
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE id = :id") + lock(dialect, forUpdate));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return read(q);
}

std::optional<Payment> byOrder(QSqlDatabase &db, Dialect dialect, const QString &provider,
                               const QString &orderId, bool forUpdate)
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE provider_order_id = :o AND provider = :p") +
                       lock(dialect, forUpdate));
    q.bind(QStringLiteral(":o"), orderId).bind(QStringLiteral(":p"), provider).exec();
    if (!q.next())
        return std::nullopt;
    return read(q);
}

QList<Payment> ofUser(QSqlDatabase &db, qint64 userId, std::optional<qint64> beforeId, int limit)
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE user_id = :u AND id < :before "
                                            "ORDER BY id DESC LIMIT :n"));
    q.bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":before"), beforeId.value_or(std::numeric_limits<qint64>::max()))
        .bind(QStringLiteral(":n"), limit)
        .exec();
    QList<Payment> out;
    while (q.next())
        out.push_back(read(q));
    return out;
}

} // namespace paymentstore
} // namespace skillex::server
