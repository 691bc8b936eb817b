// Buying credits (packages, checkout, the member's payments, Razorpay checkout verification)
// and the providers' webhooks, which are open routes verified by signature on the raw body.
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "server/domain/domainerror.h"
#include "server/domain/payments/payments.h"
#include "server/domain/payments/webhookinbox.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"

#include <QJsonArray>

namespace skillex::server {
namespace {

using namespace protocol;

void requireMember(const RequestContext &ctx)
{
    ctx.memberId(QStringLiteral("Only members buy credits."));
}

std::optional<qint64> cursorId(const ListQuery &q)
{
    if (!q.after())
        return std::nullopt;
    bool ok = false;
    const qint64 id = q.after()->toLongLong(&ok);
    if (!ok || id <= 0)
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
            .withFieldErrors({{QStringLiteral("after"),
                               QStringLiteral("is not a cursor this server gave out")}});
    return id;
}

QJsonObject packageJson(const CreditPackage &p)
{
    return {{QStringLiteral("id"), p.id},
            {QStringLiteral("provider"), p.provider},
            {QStringLiteral("credits"), p.credits},
            {QStringLiteral("amount_minor"), p.amountMinor},
            {QStringLiteral("currency"), p.currency}};
}

} // namespace

void registerPaymentRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    const PaymentSecrets secrets{services.secrets.stripeWebhook, services.secrets.razorpayWebhook,
                                 services.secrets.razorpayKey};
    Payments &payments = services.keep(
        std::make_shared<Payments>(services.db, services.clock, services.ledger, services.events,
                                   services.audit, services.config, secrets));
    WebhookInbox &inbox = services.keep(std::make_shared<WebhookInbox>(
        services.db, services.clock, services.ledger, services.events, secrets));

    router.add(M::Get, QStringLiteral("/api/v1/payments/packages"), Access::open(),
               [&payments](RequestContext &ctx) {
                   const ListQuery q(ctx.request(), {QStringLiteral("provider")});
                   const auto provider = q.value(QStringLiteral("provider"));
                   if (provider && *provider != QStringLiteral("stripe") &&
                       *provider != QStringLiteral("razorpay"))
                       throw DomainError(400, problemtype::kValidation,
                                         QStringLiteral("Invalid query parameters"))
                           .withFieldErrors({{QStringLiteral("provider"),
                                              QStringLiteral("must be stripe or razorpay")}});
                   // A short, fixed list: the cursor is the position of the last item given.
                   const qsizetype start = cursorId(q).value_or(0);
                   QJsonArray items;
                   std::optional<QString> next;
                   const auto &all = payments.packages();
                   qsizetype i = start;
                   for (; i < all.size(); ++i) {
                       if (provider && all.at(i).provider != *provider)
                           continue;
                       if (items.size() == q.limit()) {
                           next = QString::number(i);
                           break;
                       }
                       items.push_back(packageJson(all.at(i)));
                   }
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });

    router.add(M::Post, QStringLiteral("/api/v1/payments/checkout"), Access::signedIn(),
               [&payments](RequestContext &ctx) {
                   requireMember(ctx);
                   FieldReader r(ctx.jsonObject());
                   const QString packageId = r.requiredString(QStringLiteral("package_id"), 64);
                   const QString provider = r.requiredString(QStringLiteral("provider"), 16);
                   r.rejectUnknown({QStringLiteral("package_id"), QStringLiteral("provider")});
                   requireValid(r, QStringLiteral("Invalid checkout"));
                   const Payment p = payments.checkout(ctx.principal().userId, packageId, provider);
                   return HttpResponse::json(
                       201, QJsonObject{{QStringLiteral("payment_id"), p.id},
                                        {QStringLiteral("provider"), p.provider},
                                        {QStringLiteral("provider_order_id"), p.providerOrderId},
                                        {QStringLiteral("package_id"), p.packageId},
                                        {QStringLiteral("credits"), p.credits},
                                        {QStringLiteral("amount"), p.amountMinor},
                                        {QStringLiteral("amount_minor"), p.amountMinor},
                                        {QStringLiteral("currency"), p.currency},
                                        {QStringLiteral("status"), p.status}});
               });

    router.add(M::Get, QStringLiteral("/api/v1/payments"), Access::signedIn(),
               [&payments](RequestContext &ctx) {
                   const ListQuery q(ctx.request(), {});
                   const QList<Payment> rows =
                       payments.list(ctx.principal().userId, cursorId(q), q.limit() + 1);
                   QJsonArray items;
                   for (qsizetype i = 0; i < rows.size() && i < q.limit(); ++i)
                       items.push_back(rows.at(i).toJson());
                   std::optional<QString> next;
                   if (rows.size() > q.limit())
                       next = QString::number(rows.at(q.limit() - 1).id);
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });

    router.add(M::Get, QStringLiteral("/api/v1/payments/{id}"), Access::signedIn(),
               [&payments](RequestContext &ctx) {
                   const qint64 id = ctx.idArgument(0);
                   const auto p = payments.find(ctx.principal().userId, id);
                   if (!p)
                       throw DomainError(
                           404, problemtype::kNotFound, QStringLiteral("Not found"),
                           QStringLiteral("There is no payment %1 of yours.").arg(id));
                   return HttpResponse::json(200, p->toJson());
               });

    router.add(
        M::Post, QStringLiteral("/api/v1/payments/{id}/razorpay-verify"), Access::signedIn(),
        [&payments](RequestContext &ctx) {
            const qint64 id = ctx.idArgument(0);
            FieldReader r(ctx.jsonObject());
            const QString paymentId = r.requiredString(QStringLiteral("razorpay_payment_id"), 255);
            const QString signature = r.requiredString(QStringLiteral("razorpay_signature"), 128);
            // The widget also hands back the order id; when sent it must be this order.
            const auto orderId = r.optionalString(QStringLiteral("razorpay_order_id"), 255);
            r.rejectUnknown({QStringLiteral("razorpay_payment_id"),
                             QStringLiteral("razorpay_signature"),
                             QStringLiteral("razorpay_order_id")});
            if (r.ok() && paymentId.isEmpty())
                r.fail(QStringLiteral("razorpay_payment_id"), QStringLiteral("is required"));
            if (r.ok() && signature.isEmpty())
                r.fail(QStringLiteral("razorpay_signature"), QStringLiteral("is required"));
            requireValid(r, QStringLiteral("Invalid verification"));
            Payment p = payments.verifyRazorpayCheckout(ctx.principal().userId, id, paymentId,
                                                        signature.toLatin1());
            if (orderId && *orderId != p.providerOrderId)
                throw DomainError(400, problemtype::kValidation,
                                  QStringLiteral("Invalid verification"))
                    .withFieldErrors({{QStringLiteral("razorpay_order_id"),
                                       QStringLiteral("is not this payment's order")}});
            return HttpResponse::json(200,
                                      QJsonObject{{QStringLiteral("payment_id"), p.id},
                                                  {QStringLiteral("verified"), true},
                                                  {QStringLiteral("status"), p.status},
                                                  {QStringLiteral("credited"), p.isCaptured()}});
        });

    router.add(M::Post, QStringLiteral("/api/v1/webhooks/stripe"), Access::open(),
               [&inbox](RequestContext &ctx) {
                   const HttpRequest &req = ctx.request();
                   return HttpResponse::json(
                       200, inbox.receiveStripe(req.header("stripe-signature"), req.body).toJson());
               });

    router.add(M::Post, QStringLiteral("/api/v1/webhooks/razorpay"), Access::open(),
               [&inbox](RequestContext &ctx) {
                   const HttpRequest &req = ctx.request();
                   return HttpResponse::json(
                       200, inbox
                                .receiveRazorpay(req.header("x-razorpay-signature"),
                                                 req.header("x-razorpay-event-id"), req.body)
                                .toJson());
               });
}

} // namespace skillex::server
