// Strict reading of provider payloads: every field the rules use must be there with the right
// type and within bounds, so that a verified but odd event is a clear 400, never a 500.
#include "server/domain/payments/providerevent.h"

#include "protocol/jsonlimits.h"
#include "server/domain/domainerror.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace skillex::server {
namespace {

using namespace protocol;

constexpr double kMaxAmount = 1e15;

bool isProviderId(const QString &s)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.:-]{1,255}$"));
    return pattern.match(s).hasMatch();
}

// Collects one message per bad field, like protocol::FieldReader, for nested paths.
class Reader {
public:
    QString id(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (!v.isString() || !isProviderId(v.toString())) {
            fail(path, QStringLiteral("must be an id of 1 to 255 letters, digits or _.:-"));
            return {};
        }
        return v.toString();
    }
    QString type(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (!v.isString() || v.toString().isEmpty() || v.toString().size() > 100) {
            fail(path, QStringLiteral("must be a string of 1 to 100 characters"));
            return {};
        }
        return v.toString();
    }
    qint64 amount(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d > kMaxAmount || std::floor(d) != d) {
            fail(path, QStringLiteral("must be a whole number of minor units"));
            return 0;
        }
        return static_cast<qint64>(d);
    }
    QString currency(const QJsonObject &o, const QString &key, const QString &path)
    {
        static const QRegularExpression pattern(QStringLiteral("^[A-Za-z]{3}$"));
        const QJsonValue v = o.value(key);
        if (!v.isString() || !pattern.match(v.toString()).hasMatch()) {
            fail(path, QStringLiteral("must be a three-letter currency code"));
            return {};
        }
        return v.toString().toUpper();
    }
    QJsonObject object(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (!v.isObject()) {
            fail(path, QStringLiteral("must be an object"));
            return {};
        }
        return v.toObject();
    }
    void fail(const QString &path, const QString &message)
    {
        if (!m_errors.contains(path))
            m_errors.insert(path, message);
    }
    void finish(const QString &provider) const
    {
        if (m_errors.isEmpty())
            return;
        QStringList parts;
        for (auto it = m_errors.begin(); it != m_errors.end(); ++it)
            parts.push_back(it.key() + QLatin1Char(' ') + it.value());
        throw DomainError(400, problemtype::kValidation,
                          QStringLiteral("Not a %1 event").arg(provider),
                          parts.join(QStringLiteral("; ")))
            .withFieldErrors(m_errors);
    }

private:
    QMap<QString, QString> m_errors;
};

QJsonObject parseObject(const QByteArray &body)
{
    const auto parsed = parseBoundedJson(body);
    if (!parsed)
        throw DomainError(400, problemtype::kMalformedJson, QStringLiteral("Malformed JSON body"),
                          parsed.error());
    if (!parsed.value().isObject())
        throw DomainError(400, problemtype::kMalformedJson, QStringLiteral("Malformed JSON body"),
                          QStringLiteral("The event must be a JSON object."));
    return parsed.value().object();
}

} // namespace

ProviderEvent parseStripeEvent(const QByteArray &body)
{
    const QJsonObject root = parseObject(body);
    Reader r;
    ProviderEvent e;
    e.provider = QStringLiteral("stripe");
    e.eventId = r.id(root, QStringLiteral("id"), QStringLiteral("id"));
    e.type = r.type(root, QStringLiteral("type"), QStringLiteral("type"));
    r.finish(e.provider);

    if (e.type == QStringLiteral("payment_intent.succeeded"))
        e.kind = ProviderEvent::Kind::Captured;
    else if (e.type == QStringLiteral("payment_intent.payment_failed"))
        e.kind = ProviderEvent::Kind::Failed;
    else if (e.type == QStringLiteral("charge.refunded"))
        e.kind = ProviderEvent::Kind::Refunded;
    else
        return e; // verified, and of no interest here

    const QJsonObject data = r.object(root, QStringLiteral("data"), QStringLiteral("data"));
    const QJsonObject object =
        r.object(data, QStringLiteral("object"), QStringLiteral("data.object"));
    r.finish(e.provider);
    if (e.kind == ProviderEvent::Kind::Refunded) {
        // A charge: its payment_intent is our order; amount_refunded is the running total.
        if (object.contains(QStringLiteral("payment_intent")))
            e.orderId = r.id(object, QStringLiteral("payment_intent"),
                             QStringLiteral("data.object.payment_intent"));
        else
            e.orderId = r.id(object, QStringLiteral("id"), QStringLiteral("data.object.id"));
        e.providerPaymentId = object.value(QStringLiteral("id")).toString().left(255);
        e.refundedTotalMinor = r.amount(object, QStringLiteral("amount_refunded"),
                                        QStringLiteral("data.object.amount_refunded"));
    } else {
        e.orderId = r.id(object, QStringLiteral("id"), QStringLiteral("data.object.id"));
        const QJsonValue charge = object.value(QStringLiteral("latest_charge"));
        if (charge.isString() && isProviderId(charge.toString()))
            e.providerPaymentId = charge.toString();
    }
    e.amountMinor =
        r.amount(object, QStringLiteral("amount"), QStringLiteral("data.object.amount"));
    e.currency =
        r.currency(object, QStringLiteral("currency"), QStringLiteral("data.object.currency"));
    r.finish(e.provider);
    return e;
}

ProviderEvent parseRazorpayEvent(const QByteArray &body, const QByteArray &eventIdHeader)
{
    Reader r;
    ProviderEvent e;
    e.provider = QStringLiteral("razorpay");
    // Razorpay has no id in the body; the header names the event (and stays the same on
    // redelivery), so it is required.
    e.eventId = QString::fromLatin1(eventIdHeader.trimmed());
    if (!isProviderId(e.eventId))
        throw DomainError(400, problemtype::kBadRequest, QStringLiteral("Missing event id"),
                          QStringLiteral("X-Razorpay-Event-Id must name the event (1 to 255 "
                                         "letters, digits or _.:-)."));
    const QJsonObject root = parseObject(body);
    e.type = r.type(root, QStringLiteral("event"), QStringLiteral("event"));
    r.finish(e.provider);

    if (e.type == QStringLiteral("payment.captured"))
        e.kind = ProviderEvent::Kind::Captured;
    else if (e.type == QStringLiteral("payment.failed"))
        e.kind = ProviderEvent::Kind::Failed;
    else if (e.type == QStringLiteral("refund.processed"))
        e.kind = ProviderEvent::Kind::Refunded;
    else
        return e;

    const QJsonObject payload =
        r.object(root, QStringLiteral("payload"), QStringLiteral("payload"));
    const QJsonObject payment =
        r.object(payload, QStringLiteral("payment"), QStringLiteral("payload.payment"));
    const QJsonObject entity =
        r.object(payment, QStringLiteral("entity"), QStringLiteral("payload.payment.entity"));
    r.finish(e.provider);
    const QString at = QStringLiteral("payload.payment.entity.");
    e.providerPaymentId = r.id(entity, QStringLiteral("id"), at + QStringLiteral("id"));
    // A payment made outside an order has order_id null: then it is no order of ours.
    if (!entity.value(QStringLiteral("order_id")).isNull())
        e.orderId = r.id(entity, QStringLiteral("order_id"), at + QStringLiteral("order_id"));
    e.amountMinor = r.amount(entity, QStringLiteral("amount"), at + QStringLiteral("amount"));
    e.currency = r.currency(entity, QStringLiteral("currency"), at + QStringLiteral("currency"));
    if (e.kind == ProviderEvent::Kind::Refunded)
        e.refundedTotalMinor = r.amount(entity, QStringLiteral("amount_refunded"),
                                        at + QStringLiteral("amount_refunded"));
    r.finish(e.provider);
    return e;
}

} // namespace skillex::server
