// Razorpay's signing schemes, implemented with Qt's HMAC rather than the server's libsodium one,
// so that a mistake in one is caught by the other.
#include "server/sim/razorpaysimulator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace skillex::sim {

RazorpaySimulator::RazorpaySimulator(QByteArray webhookSecret, QByteArray keySecret,
                                     std::optional<quint32> seed)
    : m_webhookSecret(std::move(webhookSecret))
    , m_keySecret(std::move(keySecret))
    , m_random(seed.value_or(QRandomGenerator::system()->generate()))
{}

QString RazorpaySimulator::newId(const QString &prefix)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString id = prefix + QLatin1Char('_');
    for (int i = 0; i < 14; ++i)
        id += QLatin1Char(alphabet[m_random.bounded(static_cast<int>(sizeof alphabet - 1))]);
    return id;
}

QByteArray RazorpaySimulator::webhookSignature(const QByteArray &body) const
{
    return QMessageAuthenticationCode::hash(body, m_webhookSecret, QCryptographicHash::Sha256)
        .toHex();
}

QByteArray RazorpaySimulator::checkoutSignature(const QString &orderId,
                                                const QString &paymentId) const
{
    return QMessageAuthenticationCode::hash((orderId + QLatin1Char('|') + paymentId).toUtf8(),
                                            m_keySecret, QCryptographicHash::Sha256)
        .toHex();
}

SignedWebhook RazorpaySimulator::deliverBody(const QByteArray &body, const QString &eventId) const
{
    SignedWebhook w;
    w.body = body;
    w.eventId = eventId;
    w.headers.insert("Content-Type", "application/json");
    w.headers.insert("X-Razorpay-Signature", webhookSignature(body));
    w.headers.insert("X-Razorpay-Event-Id", eventId.toLatin1());
    return w;
}

SignedWebhook RazorpaySimulator::deliver(const QString &event, const QJsonObject &payload,
                                         const QStringList &contains)
{
    const QJsonObject envelope{{QStringLiteral("entity"), QStringLiteral("event")},
                               {QStringLiteral("account_id"), QStringLiteral("acc_SkillexTest01")},
                               {QStringLiteral("event"), event},
                               {QStringLiteral("contains"), QJsonArray::fromStringList(contains)},
                               {QStringLiteral("payload"), payload},
                               {QStringLiteral("created_at"), QDateTime::currentSecsSinceEpoch()}};
    return deliverBody(QJsonDocument(envelope).toJson(QJsonDocument::Compact),
                       newId(QStringLiteral("evt")));
}

QJsonObject RazorpaySimulator::paymentEntity(const QString &orderId, const QString &paymentId,
                                             qint64 amountMinor, const QString &currency,
                                             const QString &status, qint64 amountRefunded) const
{
    return {{QStringLiteral("id"), paymentId},
            {QStringLiteral("entity"), QStringLiteral("payment")},
            {QStringLiteral("amount"), amountMinor},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("status"), status},
            {QStringLiteral("order_id"), orderId},
            {QStringLiteral("method"), QStringLiteral("upi")},
            {QStringLiteral("amount_refunded"), amountRefunded},
            {QStringLiteral("captured"), status != QStringLiteral("failed")},
            {QStringLiteral("created_at"), QDateTime::currentSecsSinceEpoch()}};
}

SignedWebhook RazorpaySimulator::paymentCaptured(const QString &orderId, const QString &paymentId,
                                                 qint64 amountMinor, const QString &currency)
{
    const QJsonObject payload{{QStringLiteral("payment"),
                               QJsonObject{{QStringLiteral("entity"),
                                            paymentEntity(orderId, paymentId, amountMinor, currency,
                                                          QStringLiteral("captured"), 0)}}}};
    return deliver(QStringLiteral("payment.captured"), payload, {QStringLiteral("payment")});
}

SignedWebhook RazorpaySimulator::paymentFailed(const QString &orderId, const QString &paymentId,
                                               qint64 amountMinor, const QString &currency)
{
    QJsonObject entity =
        paymentEntity(orderId, paymentId, amountMinor, currency, QStringLiteral("failed"), 0);
    entity.insert(QStringLiteral("error_code"), QStringLiteral("BAD_REQUEST_ERROR"));
    entity.insert(QStringLiteral("error_reason"), QStringLiteral("payment_failed"));
    const QJsonObject payload{
        {QStringLiteral("payment"), QJsonObject{{QStringLiteral("entity"), entity}}}};
    return deliver(QStringLiteral("payment.failed"), payload, {QStringLiteral("payment")});
}

SignedWebhook RazorpaySimulator::refundProcessed(const QString &orderId, const QString &paymentId,
                                                 qint64 paymentAmountMinor, qint64 refundMinor,
                                                 qint64 amountRefundedMinor,
                                                 const QString &currency)
{
    const QJsonObject refund{{QStringLiteral("id"), newId(QStringLiteral("rfnd"))},
                             {QStringLiteral("entity"), QStringLiteral("refund")},
                             {QStringLiteral("amount"), refundMinor},
                             {QStringLiteral("currency"), currency},
                             {QStringLiteral("payment_id"), paymentId},
                             {QStringLiteral("status"), QStringLiteral("processed")},
                             {QStringLiteral("created_at"), QDateTime::currentSecsSinceEpoch()}};
    QJsonObject payment =
        paymentEntity(orderId, paymentId, paymentAmountMinor, currency,
                      amountRefundedMinor >= paymentAmountMinor ? QStringLiteral("refunded")
                                                                : QStringLiteral("captured"),
                      amountRefundedMinor);
    payment.insert(QStringLiteral("refund_status"), amountRefundedMinor >= paymentAmountMinor
                                                        ? QStringLiteral("full")
                                                        : QStringLiteral("partial"));
    const QJsonObject payload{
        {QStringLiteral("refund"), QJsonObject{{QStringLiteral("entity"), refund}}},
        {QStringLiteral("payment"), QJsonObject{{QStringLiteral("entity"), payment}}}};
    return deliver(QStringLiteral("refund.processed"), payload,
                   {QStringLiteral("refund"), QStringLiteral("payment")});
}

QByteArray RazorpaySimulator::settlementReport(const QList<SettlementEntry> &entries)
{
    QByteArray out = "entity_id,type,debit,credit,amount,currency,fee,tax,on_hold,settled,"
                     "created_at,settled_at,settlement_id,posted_at,credit_type,description,notes,"
                     "payment_id,settlement_utr,order_id,order_receipt,method,card_network,"
                     "card_issuer,card_type,dispute_id\n";
    const QByteArray settlement = newId(QStringLiteral("setl_")).toLatin1();
    for (const SettlementEntry &e : entries) {
        const QString paymentId =
            e.paymentId.isEmpty() ? newId(QStringLiteral("pay_")) : e.paymentId;
        const qint64 fee = e.refund ? 0 : e.amountMinor * 2 / 100;
        const qint64 tax = fee * 18 / 100;
        const QByteArray n = QByteArray::number(e.amountMinor);
        QList<QByteArray> f{e.refund ? newId(QStringLiteral("rfnd_")).toLatin1()
                                     : paymentId.toLatin1(),
                            e.refund ? "refund" : "payment",
                            e.refund ? n : "0",
                            e.refund ? "0" : QByteArray::number(e.amountMinor - fee - tax),
                            n,
                            e.currency.toUpper().toLatin1(),
                            QByteArray::number(fee),
                            QByteArray::number(tax),
                            "false",
                            "true",
                            QByteArray::number(e.createdAt),
                            QByteArray::number(e.createdAt + 2 * 24 * 3600),
                            settlement,
                            "",
                            "default",
                            "Skillex credits",
                            "\"{\"\"source\"\": \"\"skillex\"\"}\"",
                            e.refund ? paymentId.toLatin1() : QByteArray(),
                            settlement + "utr",
                            e.orderId.toLatin1(),
                            "",
                            "card",
                            "Visa",
                            "HDFC",
                            "credit",
                            ""};
        out += f.join(',') + '\n';
    }
    return out;
}

} // namespace skillex::sim
