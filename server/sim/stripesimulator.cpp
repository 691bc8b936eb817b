// Stripe's signing scheme, implemented with Qt's HMAC rather than the server's libsodium one,
// so that a mistake in one is caught by the other.
#include "server/sim/stripesimulator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace skillex::sim {

StripeSimulator::StripeSimulator(QByteArray endpointSecret, std::optional<quint32> seed)
    : m_secret(std::move(endpointSecret))
    , m_random(seed.value_or(QRandomGenerator::system()->generate()))
{}

QString StripeSimulator::newId(const QString &prefix)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString id = prefix + QLatin1Char('_');
    for (int i = 0; i < 24; ++i)
        id += QLatin1Char(alphabet[m_random.bounded(static_cast<int>(sizeof alphabet - 1))]);
    return id;
}

QByteArray StripeSimulator::signature(const QByteArray &secret, qint64 unixTime,
                                      const QByteArray &body)
{
    const QByteArray payload = QByteArray::number(unixTime) + '.' + body;
    return QMessageAuthenticationCode::hash(payload, secret, QCryptographicHash::Sha256).toHex();
}

QByteArray StripeSimulator::signatureHeader(const QByteArray &body, qint64 unixTime) const
{
    return "t=" + QByteArray::number(unixTime) + ",v1=" + signature(m_secret, unixTime, body);
}

QByteArray StripeSimulator::eventBody(const QString &type, const QJsonObject &object,
                                      const QString &eventId)
{
    const QJsonObject event{
        {QStringLiteral("id"), eventId.isEmpty() ? newId(QStringLiteral("evt")) : eventId},
        {QStringLiteral("object"), QStringLiteral("event")},
        {QStringLiteral("api_version"), QStringLiteral("2023-10-16")},
        {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("object"), object}}},
        {QStringLiteral("livemode"), false},
        {QStringLiteral("pending_webhooks"), 1},
        {QStringLiteral("request"), QJsonObject{{QStringLiteral("id"), QJsonValue()},
                                                {QStringLiteral("idempotency_key"), QJsonValue()}}},
        {QStringLiteral("type"), type}};
    // Stripe sends indented JSON; the signature covers these exact bytes.
    return QJsonDocument(event).toJson(QJsonDocument::Indented);
}

SignedWebhook StripeSimulator::deliver(const QByteArray &body, const QString &eventId,
                                       std::optional<qint64> unixTime) const
{
    SignedWebhook w;
    w.body = body;
    w.eventId = eventId;
    w.headers.insert("Content-Type", "application/json; charset=utf-8");
    w.headers.insert("Stripe-Signature",
                     signatureHeader(body, unixTime.value_or(QDateTime::currentSecsSinceEpoch())));
    return w;
}

SignedWebhook StripeSimulator::paymentSucceeded(const QString &paymentIntentId, qint64 amountMinor,
                                                const QString &currency)
{
    const QJsonObject intent{{QStringLiteral("id"), paymentIntentId},
                             {QStringLiteral("object"), QStringLiteral("payment_intent")},
                             {QStringLiteral("amount"), amountMinor},
                             {QStringLiteral("amount_received"), amountMinor},
                             {QStringLiteral("currency"), currency.toLower()},
                             {QStringLiteral("latest_charge"), newId(QStringLiteral("ch"))},
                             {QStringLiteral("status"), QStringLiteral("succeeded")}};
    const QString id = newId(QStringLiteral("evt"));
    return deliver(eventBody(QStringLiteral("payment_intent.succeeded"), intent, id), id);
}

SignedWebhook StripeSimulator::paymentFailed(const QString &paymentIntentId, qint64 amountMinor,
                                             const QString &currency)
{
    const QJsonObject intent{
        {QStringLiteral("id"), paymentIntentId},
        {QStringLiteral("object"), QStringLiteral("payment_intent")},
        {QStringLiteral("amount"), amountMinor},
        {QStringLiteral("amount_received"), 0},
        {QStringLiteral("currency"), currency.toLower()},
        {QStringLiteral("last_payment_error"),
         QJsonObject{{QStringLiteral("code"), QStringLiteral("card_declined")},
                     {QStringLiteral("decline_code"), QStringLiteral("insufficient_funds")}}},
        {QStringLiteral("status"), QStringLiteral("requires_payment_method")}};
    const QString id = newId(QStringLiteral("evt"));
    return deliver(eventBody(QStringLiteral("payment_intent.payment_failed"), intent, id), id);
}

SignedWebhook StripeSimulator::chargeRefunded(const QString &paymentIntentId,
                                              qint64 chargeAmountMinor, qint64 amountRefundedMinor,
                                              const QString &currency)
{
    const QJsonObject charge{{QStringLiteral("id"), newId(QStringLiteral("ch"))},
                             {QStringLiteral("object"), QStringLiteral("charge")},
                             {QStringLiteral("amount"), chargeAmountMinor},
                             {QStringLiteral("amount_captured"), chargeAmountMinor},
                             {QStringLiteral("amount_refunded"), amountRefundedMinor},
                             {QStringLiteral("currency"), currency.toLower()},
                             {QStringLiteral("payment_intent"), paymentIntentId},
                             {QStringLiteral("refunded"), amountRefundedMinor >= chargeAmountMinor},
                             {QStringLiteral("status"), QStringLiteral("succeeded")}};
    const QString id = newId(QStringLiteral("evt"));
    return deliver(eventBody(QStringLiteral("charge.refunded"), charge, id), id);
}

namespace {

// Major units with two decimals, as Stripe's reports write money ("-10.00").
QByteArray major(qint64 minor)
{
    const QByteArray sign = minor < 0 ? QByteArray("-") : QByteArray();
    const qint64 a = std::abs(minor);
    return sign + QByteArray::number(a / 100) + '.' +
           QByteArray::number(a % 100).rightJustified(2, '0');
}

} // namespace

QByteArray StripeSimulator::settlementReport(const QList<SettlementEntry> &entries)
{
    QByteArray out = "balance_transaction_id,created_utc,created,available_on_utc,currency,gross,"
                     "fee,net,reporting_category,source_id,description,customer_facing_amount,"
                     "customer_facing_currency,charge_id,payment_intent_id\r\n";
    for (const SettlementEntry &e : entries) {
        const QDateTime at = QDateTime::fromSecsSinceEpoch(e.createdAt, Qt::UTC);
        const QByteArray created = at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1();
        const QByteArray available =
            at.addDays(2).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1();
        const QString chargeId = e.paymentId.isEmpty() ? newId(QStringLiteral("ch_")) : e.paymentId;
        const qint64 gross = e.refund ? -e.amountMinor : e.amountMinor;
        const qint64 fee = e.refund ? 0 : e.amountMinor * 29 / 1000 + 30;
        const QByteArray currency = e.currency.toLower().toLatin1();
        QList<QByteArray> f{
            newId(QStringLiteral("txn_")).toLatin1(),
            created,
            created,
            available,
            currency,
            major(gross),
            major(fee),
            major(gross - fee),
            e.refund ? "refund" : "charge",
            e.refund ? newId(QStringLiteral("re_")).toLatin1() : chargeId.toLatin1(),
            "\"Skillex credits, " + QByteArray(e.refund ? "refund" : "purchase") + "\"",
            major(gross),
            currency,
            chargeId.toLatin1(),
            e.orderId.toLatin1()};
        out += f.join(',') + "\r\n";
    }
    return out;
}

} // namespace skillex::sim
