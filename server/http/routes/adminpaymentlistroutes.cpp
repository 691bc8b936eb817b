// Admin finance, payments: every member's payments with filters, one payment with its webhook
// history, refunds and transfers, and the refund request finance staff send to the provider.
#include "server/http/routes/financeroutes.h"

#include "server/domain/domainerror.h"
#include "server/domain/finance/paymentbrowser.h"
#include "server/domain/payments/payments.h"

#include <QJsonArray>

#include <limits>

namespace skillex::server {

using namespace protocol;
namespace fp = financeparams;

void registerAdminPaymentListRoutes(Router &router, Services &services, Payments &payments)
{
    using M = QHttpServerRequest::Method;

    router.add(
        M::Get, QStringLiteral("/api/v1/admin/payments"), Access::staff(Permission::ViewFinance),
        [&services](RequestContext &ctx) {
            const ListQuery q(ctx.request(), {QStringLiteral("provider"), QStringLiteral("status"),
                                              QStringLiteral("user"), QStringLiteral("from"),
                                              QStringLiteral("to")});
            PaymentFilter f;
            f.provider = fp::oneOf(q, QStringLiteral("provider"),
                                   {QStringLiteral("stripe"), QStringLiteral("razorpay")});
            f.status =
                fp::oneOf(q, QStringLiteral("status"),
                          {QStringLiteral("created"), QStringLiteral("captured"),
                           QStringLiteral("failed"), QStringLiteral("refund_requested"),
                           QStringLiteral("partially_refunded"), QStringLiteral("refunded")});
            f.userId =
                fp::integer(q, QStringLiteral("user"), 1, std::numeric_limits<qint64>::max());
            f.from = fp::time(q, QStringLiteral("from"));
            f.to = fp::time(q, QStringLiteral("to"));
            const auto before = fp::idCursor(q);
            const QList<Payment> rows = services.db.read(
                [&](QSqlDatabase &db) { return listPayments(db, f, before, q.limit() + 1); });
            QJsonArray items;
            for (qsizetype i = 0; i < rows.size() && i < q.limit(); ++i)
                items.push_back(paymentAdminJson(rows.at(i)));
            std::optional<QString> next;
            if (rows.size() > q.limit())
                next = QString::number(rows.at(q.limit() - 1).id);
            return HttpResponse::json(200, ListQuery::page(items, next));
        });

    router.add(M::Get, QStringLiteral("/api/v1/admin/payments/{id}"),
               Access::staff(Permission::ViewFinance), [&services](RequestContext &ctx) {
                   const qint64 id = ctx.idArgument(0);
                   const ListQuery q(ctx.request(), {});
                   const auto detail = services.db.read([&](QSqlDatabase &db) {
                       return paymentDetail(db, services.db.dialect(), id);
                   });
                   if (!detail)
                       throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                                         QStringLiteral("There is no payment %1.").arg(id));
                   return HttpResponse::json(200, *detail);
               });

    router.add(
        M::Post, QStringLiteral("/api/v1/admin/payments/{id}/refund"),
        Access::staff(Permission::MoveMoney), [&services, &payments](RequestContext &ctx) {
            const qint64 id = ctx.idArgument(0);
            FieldReader r(ctx.jsonObject());
            const qint64 credits = r.requiredInteger(QStringLiteral("credits"), 1, 1'000'000);
            const QString reason =
                r.requiredString(QStringLiteral("reason"), Payments::kMaxReasonLength);
            r.rejectUnknown({QStringLiteral("credits"), QStringLiteral("reason")});
            if (r.ok() && reason.trimmed().isEmpty())
                r.fail(QStringLiteral("reason"), QStringLiteral("is required"));
            requireValid(r, QStringLiteral("Invalid refund"));
            const StaffActor who = fp::actor(ctx);
            const RefundRequest refund =
                payments.requestRefund(id, credits, reason, who.id, who.address, who.requestId);
            const auto detail = services.db.read(
                [&](QSqlDatabase &db) { return paymentDetail(db, services.db.dialect(), id); });
            return HttpResponse::json(
                201, QJsonObject{{QStringLiteral("refund"),
                                  QJsonObject{{QStringLiteral("id"), refund.id},
                                              {QStringLiteral("payment_id"), refund.paymentId},
                                              {QStringLiteral("credits"), refund.credits},
                                              {QStringLiteral("amount_minor"), refund.amountMinor},
                                              {QStringLiteral("currency"), refund.currency},
                                              {QStringLiteral("status"), refund.status}}},
                                 {QStringLiteral("payment"), detail.value_or(QJsonObject())}});
        });
}

} // namespace skillex::server
