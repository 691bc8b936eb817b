// Checkout writes the payment and its event together; a refund request writes the refund row,
// the payment's new state, the audit entry and the event together. None of them moves credits.
#include "server/domain/payments/payments.h"

#include "server/domain/domainerror.h"
#include "server/domain/payments/providersignatures.h"
#include "server/storage/sqlquery.h"

#include <sodium.h>

namespace skillex::server {
namespace {

using namespace protocol;

constexpr qint64 kHourMs = 3600LL * 1000;

QString randomAlphanumeric(int length)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(alphabet[randombytes_uniform(sizeof alphabet - 1)]);
    return out;
}

DomainError notFound(qint64 paymentId)
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("There is no payment %1 of yours.").arg(paymentId));
}

QJsonObject paymentEventData(const Payment &p)
{
    return {
        {QStringLiteral("payment_id"), p.id},     {QStringLiteral("user_id"), p.userId},
        {QStringLiteral("provider"), p.provider}, {QStringLiteral("package_id"), p.packageId},
        {QStringLiteral("credits"), p.credits},   {QStringLiteral("amount_minor"), p.amountMinor},
        {QStringLiteral("currency"), p.currency}};
}

} // namespace

Payments::Payments(Database &db, const Clock &clock, Ledger &ledger, EventLog &events,
                   AuditLog &audit, const MarketplaceConfig &config, PaymentSecrets secrets)
    : m_db(db)
    , m_clock(clock)
    , m_ledger(ledger)
    , m_events(events)
    , m_audit(audit)
    , m_config(config)
    , m_secrets(std::move(secrets))
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium cannot be initialised");
}

QString Payments::newOrderId(const QString &provider) const
{
    // The shapes the providers use: Stripe payment intents pi_..., Razorpay orders order_...
    return provider == QStringLiteral("stripe") ? QStringLiteral("pi_") + randomAlphanumeric(24)
                                                : QStringLiteral("order_") + randomAlphanumeric(14);
}

Payment Payments::checkout(qint64 userId, const QString &packageId, const QString &provider)
{
    QMap<QString, QString> errors;
    if (provider != QStringLiteral("stripe") && provider != QStringLiteral("razorpay"))
        errors.insert(QStringLiteral("provider"), QStringLiteral("must be stripe or razorpay"));
    const CreditPackage *package = nullptr;
    for (const CreditPackage &p : m_config.packages) {
        if (p.id == packageId && p.provider == provider)
            package = &p;
    }
    if (!package && !errors.contains(QStringLiteral("provider")))
        errors.insert(QStringLiteral("package_id"),
                      QStringLiteral("is not a package sold through %1").arg(provider));
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid checkout"))
            .withFieldErrors(errors);

    return m_db.write([&](QSqlDatabase &tx) {
        const qint64 now = m_clock.nowMs();
        SqlQuery recent(tx, QStringLiteral("SELECT COUNT(*), MIN(created_at) FROM payments "
                                           "WHERE user_id = :u AND created_at > :since"));
        recent.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":since"), now - kHourMs);
        recent.exec();
        if (recent.next() && recent.int64(0) >= kMaxCheckoutsPerHour) {
            const qint64 retryAfter = std::max<qint64>(1, (recent.int64(1) + kHourMs - now) / 1000);
            throw DomainError(429, problemtype::kRateLimited, QStringLiteral("Too many checkouts"),
                              QStringLiteral("At most %1 checkouts an hour; try again in %2 s.")
                                  .arg(kMaxCheckoutsPerHour)
                                  .arg(retryAfter))
                .withHeader("Retry-After", QByteArray::number(retryAfter))
                .withExtension(QStringLiteral("retry_after"), retryAfter);
        }
        Payment p;
        p.userId = userId;
        p.provider = provider;
        p.packageId = package->id;
        p.credits = package->credits;
        p.amountMinor = package->amountMinor;
        p.currency = package->currency;
        p.status = QStringLiteral("created");
        p.providerOrderId = newOrderId(provider);
        p.createdAt = now;
        p.updatedAt = now;
        SqlQuery insert(
            tx, QStringLiteral("INSERT INTO payments (user_id, provider, package_id, credits, "
                               "amount_minor, currency, status, provider_order_id, created_at, "
                               "updated_at) VALUES (:u, :p, :pkg, :c, :a, :cur, 'created', :o, :t, "
                               ":t2) RETURNING id"));
        insert.bind(QStringLiteral(":u"), p.userId)
            .bind(QStringLiteral(":p"), p.provider)
            .bind(QStringLiteral(":pkg"), p.packageId)
            .bind(QStringLiteral(":c"), p.credits)
            .bind(QStringLiteral(":a"), p.amountMinor)
            .bind(QStringLiteral(":cur"), p.currency)
            .bind(QStringLiteral(":o"), p.providerOrderId)
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":t2"), now)
            .exec();
        p.id = insert.scalar().value_or(0).toLongLong();
        m_events.append(tx, {QStringLiteral("payment.created"), userId, QStringLiteral("payment"),
                             QString::number(p.id), paymentEventData(p)});
        return p;
    });
}

std::optional<Payment> Payments::find(qint64 userId, qint64 paymentId) const
{
    return m_db.read([&](QSqlDatabase &db) -> std::optional<Payment> {
        auto p = paymentstore::byId(db, m_db.dialect(), paymentId, false);
        if (!p || p->userId != userId)
            return std::nullopt;
        return p;
    });
}

QList<Payment> Payments::list(qint64 userId, std::optional<qint64> beforeId, int limit) const
{
    return m_db.read(
        [&](QSqlDatabase &db) { return paymentstore::ofUser(db, userId, beforeId, limit); });
}

Payment Payments::verifyRazorpayCheckout(qint64 userId, qint64 paymentId,
                                         const QString &razorpayPaymentId,
                                         const QByteArray &signatureHex) const
{
    const auto p = find(userId, paymentId);
    if (!p)
        throw notFound(paymentId);
    if (p->provider != QStringLiteral("razorpay"))
        throw DomainError(
            409, problemtype::kConflict, QStringLiteral("Not a Razorpay payment"),
            QStringLiteral("Payment %1 goes through %2.").arg(p->id).arg(p->provider));
    // The order id is the stored one: a signature made for another order never passes.
    if (!razorpayCheckoutSignatureValid(p->providerOrderId, razorpayPaymentId, signatureHex,
                                        m_secrets.razorpayKey))
        throw DomainError(400, problemtype::kInvalidSignature, QStringLiteral("Invalid signature"),
                          QStringLiteral("razorpay_signature does not match this order and "
                                         "payment."))
            .withFieldErrors({{QStringLiteral("razorpay_signature"),
                               QStringLiteral("does not match this order and payment")}});
    return *p;
}

RefundRequest Payments::requestRefund(qint64 paymentId, qint64 credits, const QString &reason,
                                      qint64 staffId, const QString &address,
                                      const QString &requestId)
{
    QMap<QString, QString> errors;
    if (credits < 1 || credits > 1'000'000)
        errors.insert(QStringLiteral("credits"), QStringLiteral("must be between 1 and 1000000"));
    if (reason.trimmed().isEmpty() || reason.size() > kMaxReasonLength)
        errors.insert(QStringLiteral("reason"),
                      QStringLiteral("must be 1 to %1 characters").arg(kMaxReasonLength));
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid refund"))
            .withFieldErrors(errors);

    return m_db.write([&](QSqlDatabase &tx) {
        SqlQuery staff(tx, QStringLiteral("SELECT email FROM users WHERE id = :id AND kind = "
                                          "'staff' AND status = 'active'"));
        staff.bind(QStringLiteral(":id"), staffId).exec();
        if (!staff.next())
            throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                              QStringLiteral("Only active staff may request refunds."));
        const QString staffEmail = staff.string(0);

        const auto p = paymentstore::byId(tx, m_db.dialect(), paymentId, true);
        if (!p)
            throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("There is no payment %1.").arg(paymentId));
        if (p->status != QStringLiteral("captured") &&
            p->status != QStringLiteral("partially_refunded"))
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Not refundable now"),
                              QStringLiteral("Payment %1 is %2; only a captured purchase without "
                                             "a refund in progress can be refunded.")
                                  .arg(p->id)
                                  .arg(p->status));
        const auto lot = m_ledger.lotOfTransfer(tx, p->purchaseTransferId());
        const qint64 left = lot ? lot->remaining : 0;
        if (credits > left)
            throw DomainError(
                409, problemtype::kInsufficientCredits,
                QStringLiteral("Not enough credits left of the purchase"),
                QStringLiteral("At most %1 credits are left of this purchase.").arg(left))
                .withExtension(QStringLiteral("refundable_credits"), left);
        // Money for the credits, rounded down, and never more than is left unrefunded.
        const qint64 amount =
            std::min(credits * p->amountMinor / p->credits, p->amountMinor - p->refundedMinor);
        if (amount <= 0)
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Nothing to refund"),
                              QStringLiteral("Payment %1 has no money left to refund.").arg(p->id));

        const qint64 now = m_clock.nowMs();
        SqlQuery insert(tx, QStringLiteral("INSERT INTO refunds (payment_id, credits, "
                                           "amount_minor, status, reason, requested_by, "
                                           "created_at) VALUES (:p, :c, :a, 'requested', :r, "
                                           ":by, :t) RETURNING id"));
        insert.bind(QStringLiteral(":p"), p->id)
            .bind(QStringLiteral(":c"), credits)
            .bind(QStringLiteral(":a"), amount)
            .bind(QStringLiteral(":r"), reason.trimmed())
            .bind(QStringLiteral(":by"), staffId)
            .bind(QStringLiteral(":t"), now)
            .exec();
        RefundRequest r{insert.scalar().value_or(0).toLongLong(),
                        p->id,
                        credits,
                        amount,
                        p->currency,
                        QStringLiteral("requested")};
        SqlQuery(tx, QStringLiteral("UPDATE payments SET status = 'refund_requested', "
                                    "updated_at = :t WHERE id = :id"))
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":id"), p->id)
            .exec();
        const QJsonObject after{{QStringLiteral("refund_id"), r.id},
                                {QStringLiteral("credits"), credits},
                                {QStringLiteral("amount_minor"), amount},
                                {QStringLiteral("currency"), p->currency},
                                {QStringLiteral("status"), QStringLiteral("refund_requested")}};
        m_audit.append(tx, {staffId, staffEmail, QStringLiteral("payment.refund_requested"),
                            QStringLiteral("payment"), QString::number(p->id), reason.trimmed(),
                            QJsonObject{{QStringLiteral("status"), p->status}}, after, address,
                            requestId});
        QJsonObject data = after;
        data.insert(QStringLiteral("payment_id"), p->id);
        data.insert(QStringLiteral("user_id"), p->userId);
        m_events.append(tx, {QStringLiteral("payment.refund_requested"), staffId,
                             QStringLiteral("payment"), QString::number(p->id), data});
        return r;
    });
}

} // namespace skillex::server
