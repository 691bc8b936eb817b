// One transaction per delivery: the inbox row (provider, event id) is inserted first and its
// primary key makes a second delivery of the same event a no-op, even when two arrive at once.
// Then the payment row is locked and the event applied according to the payment's state, so
// reordered and late events change nothing twice; the ledger transfer ids are derived from the
// payment and the refund, so even a bug above could not credit twice.
#include "server/domain/payments/webhookinbox.h"

#include "server/domain/domainerror.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/payments/providersignatures.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {
namespace {

using namespace protocol;

DomainError invalidSignature(const QString &provider, SignatureCheck check)
{
    return DomainError(
        400, problemtype::kInvalidSignature, QStringLiteral("Invalid signature"),
        QStringLiteral("The %1 webhook was not accepted: %2.").arg(provider, describe(check)));
}

QJsonObject money(qint64 amountMinor, const QString &currency)
{
    return {{QStringLiteral("amount_minor"), amountMinor}, {QStringLiteral("currency"), currency}};
}

} // namespace

QJsonObject WebhookResult::toJson() const
{
    return {{QStringLiteral("received"), true},
            {QStringLiteral("event_id"), eventId},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("payment_id"), paymentId ? QJsonValue(*paymentId) : QJsonValue()}};
}

WebhookInbox::WebhookInbox(Database &db, const Clock &clock, Ledger &ledger, EventLog &events,
                           PaymentSecrets secrets)
    : m_db(db)
    , m_clock(clock)
    , m_ledger(ledger)
    , m_events(events)
    , m_secrets(std::move(secrets))
{}

WebhookResult WebhookInbox::receiveStripe(const QByteArray &signatureHeader, const QByteArray &body)
{
    const SignatureCheck check =
        checkStripeSignature(signatureHeader, body, m_secrets.stripeWebhook, m_clock.nowMs() / 1000,
                             kStripeToleranceSecs);
    if (check != SignatureCheck::Valid)
        throw invalidSignature(QStringLiteral("Stripe"), check);
    return apply(parseStripeEvent(body), body);
}

WebhookResult WebhookInbox::receiveRazorpay(const QByteArray &signatureHeader,
                                            const QByteArray &eventIdHeader, const QByteArray &body)
{
    const SignatureCheck check =
        checkRazorpaySignature(signatureHeader, body, m_secrets.razorpayWebhook);
    if (check != SignatureCheck::Valid)
        throw invalidSignature(QStringLiteral("Razorpay"), check);
    return apply(parseRazorpayEvent(body, eventIdHeader), body);
}

WebhookResult WebhookInbox::apply(const ProviderEvent &event, const QByteArray &body)
{
    return m_db.write([&](QSqlDatabase &tx) {
        SqlQuery inbox(tx, QStringLiteral("INSERT INTO webhook_events (provider, event_id, "
                                          "event_type, received_at, outcome, payload) VALUES "
                                          "(:p, :e, :type, :t, 'received', :body) "
                                          "ON CONFLICT (provider, event_id) DO NOTHING"));
        inbox.bind(QStringLiteral(":p"), event.provider)
            .bind(QStringLiteral(":e"), event.eventId)
            .bind(QStringLiteral(":type"), event.type)
            .bind(QStringLiteral(":t"), m_clock.nowMs())
            .bind(QStringLiteral(":body"), QString::fromUtf8(body))
            .exec();
        if (inbox.rowsAffected() == 0) {
            SqlQuery seen(tx, QStringLiteral("SELECT payment_id FROM webhook_events WHERE "
                                             "provider = :p AND event_id = :e"));
            seen.bind(QStringLiteral(":p"), event.provider)
                .bind(QStringLiteral(":e"), event.eventId)
                .exec();
            return WebhookResult{event.eventId, QStringLiteral("duplicate"),
                                 seen.next() ? seen.optionalInt64(0) : std::nullopt};
        }
        const Applied applied = dispatch(tx, event);
        SqlQuery(tx, QStringLiteral("UPDATE webhook_events SET outcome = :o, payment_id = :pay "
                                    "WHERE provider = :p AND event_id = :e"))
            .bind(QStringLiteral(":o"), applied.outcome)
            .bindOptional(QStringLiteral(":pay"), applied.paymentId)
            .bind(QStringLiteral(":p"), event.provider)
            .bind(QStringLiteral(":e"), event.eventId)
            .exec();
        if (applied.event)
            m_events.append(tx, *applied.event);
        return WebhookResult{event.eventId, applied.outcome, applied.paymentId};
    });
}

WebhookInbox::Applied WebhookInbox::dispatch(QSqlDatabase &tx, const ProviderEvent &event)
{
    if (event.kind == ProviderEvent::Kind::Other)
        return {QStringLiteral("ignored"), std::nullopt, std::nullopt};
    const auto payment =
        event.orderId.isEmpty()
            ? std::nullopt
            : paymentstore::byOrder(tx, m_db.dialect(), event.provider, event.orderId, true);
    if (!payment)
        return {QStringLiteral("unknown_order"), std::nullopt, std::nullopt};
    switch (event.kind) {
    case ProviderEvent::Kind::Captured:
        return capture(tx, *payment, event);
    case ProviderEvent::Kind::Failed:
        return fail(tx, *payment, event);
    case ProviderEvent::Kind::Refunded:
        return refund(tx, *payment, event);
    case ProviderEvent::Kind::Other:
        break;
    }
    return {QStringLiteral("ignored"), payment->id, std::nullopt};
}

namespace {

// A verified event that contradicts the payment: recorded for finance, and nothing moves.
EventDraft refused(const Payment &p, const ProviderEvent &e, const QString &reason)
{
    QJsonObject data{{QStringLiteral("payment_id"), p.id},
                     {QStringLiteral("user_id"), p.userId},
                     {QStringLiteral("provider"), p.provider},
                     {QStringLiteral("event_id"), e.eventId},
                     {QStringLiteral("event_type"), e.type},
                     {QStringLiteral("reason"), reason},
                     {QStringLiteral("expected"), money(p.amountMinor, p.currency)},
                     {QStringLiteral("received"), money(e.amountMinor, e.currency)}};
    if (e.kind == ProviderEvent::Kind::Refunded)
        data.insert(QStringLiteral("refunded_total_minor"), e.refundedTotalMinor);
    return {QStringLiteral("payment.webhook_refused"), std::nullopt, QStringLiteral("payment"),
            QString::number(p.id), data};
}

bool sameMoney(const Payment &p, const ProviderEvent &e)
{
    return e.amountMinor == p.amountMinor && e.currency == p.currency;
}

} // namespace

WebhookInbox::Applied WebhookInbox::capture(QSqlDatabase &tx, const Payment &p,
                                            const ProviderEvent &e)
{
    if (!sameMoney(p, e))
        return {QStringLiteral("amount_mismatch"), p.id,
                refused(p, e, QStringLiteral("amount_mismatch"))};
    if (p.isCaptured())
        return {QStringLiteral("already_captured"), p.id, std::nullopt};

    TransferSpec spec;
    spec.id = p.purchaseTransferId();
    spec.debit = accounts::clearing(p.provider);
    spec.credit = accounts::user(p.userId);
    spec.amount = p.credits;
    spec.code = QStringLiteral("purchase");
    spec.refType = QStringLiteral("payment");
    spec.refId = QString::number(p.id);
    const Transfer t = m_ledger.post(tx, spec);

    // A failed attempt may be followed by a successful one (the member retried the card).
    SqlQuery(tx, QStringLiteral("UPDATE payments SET status = 'captured', provider_payment_id = "
                                ":pp, updated_at = :t WHERE id = :id"))
        .bind(QStringLiteral(":pp"), e.providerPaymentId)
        .bind(QStringLiteral(":t"), m_clock.nowMs())
        .bind(QStringLiteral(":id"), p.id)
        .exec();
    return {QStringLiteral("captured"), p.id,
            EventDraft{QStringLiteral("payment.captured"), std::nullopt, QStringLiteral("payment"),
                       QString::number(p.id),
                       QJsonObject{{QStringLiteral("payment_id"), p.id},
                                   {QStringLiteral("user_id"), p.userId},
                                   {QStringLiteral("provider"), p.provider},
                                   {QStringLiteral("credits"), p.credits},
                                   {QStringLiteral("amount_minor"), p.amountMinor},
                                   {QStringLiteral("currency"), p.currency},
                                   {QStringLiteral("transfer_id"), t.id},
                                   {QStringLiteral("event_id"), e.eventId}}}};
}

WebhookInbox::Applied WebhookInbox::fail(QSqlDatabase &tx, const Payment &p, const ProviderEvent &e)
{
    if (p.status == QStringLiteral("failed"))
        return {QStringLiteral("already_failed"), p.id, std::nullopt};
    if (p.isCaptured()) // a late failure of an earlier attempt: the money arrived
        return {QStringLiteral("ignored_after_capture"), p.id, std::nullopt};
    SqlQuery(tx, QStringLiteral("UPDATE payments SET status = 'failed', updated_at = :t "
                                "WHERE id = :id AND status = 'created'"))
        .bind(QStringLiteral(":t"), m_clock.nowMs())
        .bind(QStringLiteral(":id"), p.id)
        .exec();
    return {QStringLiteral("failed"), p.id,
            EventDraft{QStringLiteral("payment.failed"), std::nullopt, QStringLiteral("payment"),
                       QString::number(p.id),
                       QJsonObject{{QStringLiteral("payment_id"), p.id},
                                   {QStringLiteral("user_id"), p.userId},
                                   {QStringLiteral("provider"), p.provider},
                                   {QStringLiteral("event_id"), e.eventId}}}};
}

WebhookInbox::Applied WebhookInbox::refund(QSqlDatabase &tx, const Payment &p,
                                           const ProviderEvent &e)
{
    if (!sameMoney(p, e))
        return {QStringLiteral("amount_mismatch"), p.id,
                refused(p, e, QStringLiteral("amount_mismatch"))};
    if (!p.isCaptured())
        // The capture is still on its way (deliveries are not ordered). Not recorded, so the
        // provider's retry is applied once the capture has credited the purchase.
        throw DomainError(409, problemtype::kConflict, QStringLiteral("Payment not captured yet"),
                          QStringLiteral("Payment %1 is %2; deliver the refund again later.")
                              .arg(p.id)
                              .arg(p.status));
    if (e.refundedTotalMinor > p.amountMinor)
        return {QStringLiteral("refund_exceeds_payment"), p.id,
                refused(p, e, QStringLiteral("refund_exceeds_payment"))};
    // The provider reports the running total, so an old or reordered refund event, whose total
    // is already counted, changes nothing.
    if (e.refundedTotalMinor <= p.refundedMinor)
        return {QStringLiteral("already_refunded"), p.id, std::nullopt};
    const qint64 delta = e.refundedTotalMinor - p.refundedMinor;
    const qint64 now = m_clock.nowMs();

    // Credits for money, rounded up, computed on totals so that partial refunds add up exactly.
    const auto creditsFor = [&p](qint64 minor) {
        return (minor * p.credits + p.amountMinor - 1) / p.amountMinor;
    };
    qint64 refundId = 0;
    qint64 credits = 0;
    QString reason;
    SqlQuery requested(tx, QStringLiteral("SELECT id, credits, reason FROM refunds WHERE "
                                          "payment_id = :p AND status = 'requested' AND "
                                          "amount_minor = :a ORDER BY id LIMIT 1"));
    requested.bind(QStringLiteral(":p"), p.id).bind(QStringLiteral(":a"), delta).exec();
    if (requested.next()) { // the refund finance asked for
        refundId = requested.int64(0);
        credits = requested.int64(1);
        reason = requested.string(2);
    } else { // refunded at the provider (its dashboard, a dispute)
        credits = creditsFor(e.refundedTotalMinor) - creditsFor(p.refundedMinor);
        reason = QStringLiteral("refunded at %1").arg(p.provider);
        SqlQuery insert(tx, QStringLiteral("INSERT INTO refunds (payment_id, credits, "
                                           "amount_minor, status, reason, created_at) VALUES "
                                           "(:p, :c, :a, 'requested', :r, :t) RETURNING id"));
        insert.bind(QStringLiteral(":p"), p.id)
            .bind(QStringLiteral(":c"), credits)
            .bind(QStringLiteral(":a"), delta)
            .bind(QStringLiteral(":r"), reason)
            .bind(QStringLiteral(":t"), now)
            .exec();
        refundId = insert.scalar().value_or(0).toLongLong();
    }

    // At most what is left of this purchase's lot: credits already spent stay spent.
    const auto lot = m_ledger.lotOfTransfer(tx, p.purchaseTransferId());
    const qint64 taken = std::min(credits, lot ? lot->remaining : 0);
    std::optional<QString> transferId;
    if (taken > 0) {
        TransferSpec spec;
        spec.id = QStringLiteral("refund:%1").arg(refundId);
        spec.debit = accounts::user(p.userId);
        spec.credit = accounts::clearing(p.provider);
        spec.amount = taken;
        spec.code = QStringLiteral("refund");
        spec.refType = QStringLiteral("payment");
        spec.refId = QString::number(p.id);
        spec.fromLot = lot->id;
        transferId = m_ledger.post(tx, spec).id;
    }
    // credits now says what was taken back; the event keeps what was asked.
    SqlQuery(tx, QStringLiteral("UPDATE refunds SET status = 'completed', credits = :c, "
                                "transfer_id = :tr, completed_at = :t WHERE id = :id"))
        .bind(QStringLiteral(":c"), taken)
        .bindOptional(QStringLiteral(":tr"), transferId)
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":id"), refundId)
        .exec();
    SqlQuery open(tx, QStringLiteral("SELECT COUNT(*) FROM refunds WHERE payment_id = :p AND "
                                     "status = 'requested'"));
    open.bind(QStringLiteral(":p"), p.id).exec();
    const bool stillRequested = open.scalar().value_or(0).toLongLong() > 0;
    const QString status = e.refundedTotalMinor >= p.amountMinor ? QStringLiteral("refunded")
                           : stillRequested ? QStringLiteral("refund_requested")
                                            : QStringLiteral("partially_refunded");
    SqlQuery(tx, QStringLiteral("UPDATE payments SET status = :s, refunded_minor = :r, "
                                "updated_at = :t WHERE id = :id"))
        .bind(QStringLiteral(":s"), status)
        .bind(QStringLiteral(":r"), e.refundedTotalMinor)
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":id"), p.id)
        .exec();
    return {QStringLiteral("refunded"), p.id,
            EventDraft{QStringLiteral("payment.refunded"), std::nullopt, QStringLiteral("payment"),
                       QString::number(p.id),
                       QJsonObject{{QStringLiteral("payment_id"), p.id},
                                   {QStringLiteral("user_id"), p.userId},
                                   {QStringLiteral("provider"), p.provider},
                                   {QStringLiteral("refund_id"), refundId},
                                   {QStringLiteral("amount_minor"), delta},
                                   {QStringLiteral("refunded_minor"), e.refundedTotalMinor},
                                   {QStringLiteral("currency"), p.currency},
                                   {QStringLiteral("credits_requested"), credits},
                                   {QStringLiteral("credits_taken"), taken},
                                   {QStringLiteral("credits_not_recovered"), credits - taken},
                                   {QStringLiteral("status"), status},
                                   {QStringLiteral("reason"), reason},
                                   {QStringLiteral("event_id"), e.eventId}}}};
}

} // namespace skillex::server
