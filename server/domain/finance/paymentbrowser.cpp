// Payment lists walk the primary key backwards (payments_provider, payments_user and
// payments_status narrow them); a detail gathers the rows that hang off one payment.
#include "server/domain/finance/paymentbrowser.h"

#include "protocol/timestamps.h"
#include "server/domain/finance/ledgerbrowser.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace skillex::server {

QJsonObject paymentAdminJson(const Payment &p)
{
    QJsonObject o = p.toJson();
    o.insert(QStringLiteral("user_id"), p.userId);
    o.insert(QStringLiteral("provider_payment_id"), p.providerPaymentId);
    return o;
}

QList<Payment> listPayments(QSqlDatabase &db, const PaymentFilter &filter,
                            std::optional<qint64> beforeId, int limit)
{
    QString sql = QStringLiteral("SELECT id FROM payments WHERE id < :before");
    if (filter.provider)
        sql += QStringLiteral(" AND provider = :p");
    if (filter.status)
        sql += QStringLiteral(" AND status = :s");
    if (filter.userId)
        sql += QStringLiteral(" AND user_id = :u");
    if (filter.from)
        sql += QStringLiteral(" AND created_at >= :from");
    if (filter.to)
        sql += QStringLiteral(" AND created_at < :to");
    SqlQuery q(db, sql + QStringLiteral(" ORDER BY id DESC LIMIT :n"));
    q.bind(QStringLiteral(":before"), beforeId.value_or(std::numeric_limits<qint64>::max()));
    if (filter.provider)
        q.bind(QStringLiteral(":p"), *filter.provider);
    if (filter.status)
        q.bind(QStringLiteral(":s"), *filter.status);
    if (filter.userId)
        q.bind(QStringLiteral(":u"), *filter.userId);
    if (filter.from)
        q.bind(QStringLiteral(":from"), *filter.from);
    if (filter.to)
        q.bind(QStringLiteral(":to"), *filter.to);
    q.bind(QStringLiteral(":n"), limit).exec();
    QList<qint64> ids;
    while (q.next())
        ids.push_back(q.int64(0));
    QList<Payment> rows;
    for (qint64 id : ids)
        if (auto p = paymentstore::byId(db, Dialect::Sqlite, id, false))
            rows.push_back(*p);
    return rows;
}

std::optional<QJsonObject> paymentDetail(QSqlDatabase &db, Dialect dialect, qint64 id)
{
    const auto p = paymentstore::byId(db, dialect, id, false);
    if (!p)
        return std::nullopt;
    QJsonObject o = paymentAdminJson(*p);

    QJsonArray webhooks;
    SqlQuery w(db, QStringLiteral("SELECT provider, event_id, event_type, received_at, outcome, "
                                  "payload FROM webhook_events WHERE payment_id = :p ORDER BY "
                                  "received_at, event_id LIMIT 500"));
    w.bind(QStringLiteral(":p"), id).exec();
    while (w.next()) {
        const QJsonDocument payload = QJsonDocument::fromJson(w.string(5).toUtf8());
        webhooks.push_back(QJsonObject{
            {QStringLiteral("provider"), w.string(0)},
            {QStringLiteral("event_id"), w.string(1)},
            {QStringLiteral("event_type"), w.string(2)},
            {QStringLiteral("received_at"), protocol::toWireTime(w.int64(3))},
            {QStringLiteral("outcome"), w.string(4)},
            {QStringLiteral("payload"),
             payload.isObject() ? QJsonValue(payload.object()) : QJsonValue(w.string(5))}});
    }
    o.insert(QStringLiteral("webhooks"), webhooks);

    QJsonArray refunds;
    SqlQuery r(db, QStringLiteral("SELECT id, credits, amount_minor, status, reason, requested_by, "
                                  "transfer_id, created_at, completed_at FROM refunds WHERE "
                                  "payment_id = :p ORDER BY id LIMIT 500"));
    r.bind(QStringLiteral(":p"), id).exec();
    while (r.next()) {
        refunds.push_back(QJsonObject{
            {QStringLiteral("id"), r.int64(0)},
            {QStringLiteral("credits"), r.int64(1)},
            {QStringLiteral("amount_minor"), r.int64(2)},
            {QStringLiteral("currency"), p->currency},
            {QStringLiteral("status"), r.string(3)},
            {QStringLiteral("reason"), r.string(4)},
            {QStringLiteral("requested_by"), r.isNull(5) ? QJsonValue() : QJsonValue(r.int64(5))},
            {QStringLiteral("transfer_id"), r.isNull(6) ? QJsonValue() : QJsonValue(r.string(6))},
            {QStringLiteral("created_at"), protocol::toWireTime(r.int64(7))},
            {QStringLiteral("completed_at"),
             r.isNull(8) ? QJsonValue() : QJsonValue(protocol::toWireTime(r.int64(8)))}});
    }
    o.insert(QStringLiteral("refunds"), refunds);

    // The purchase and refund transfers: the purchase is ref payment:<id>, refunds ref it too.
    TransferFilter f;
    f.refType = QStringLiteral("payment");
    f.refId = QString::number(id);
    QJsonArray transfers;
    for (const TransferItem &t : listTransfers(db, f, std::nullopt, 500))
        transfers.push_back(t.toJson());
    o.insert(QStringLiteral("transfers"), transfers);
    return o;
}

} // namespace skillex::server
