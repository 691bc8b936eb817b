// Admin finance, reconciliation: upload a provider's settlement report (CSV, up to 10 MiB),
// list the runs, and read one run's rows by outcome.
#include "server/http/routes/financeroutes.h"

#include "server/domain/domainerror.h"
#include "server/domain/finance/reconciliation.h"

#include <QJsonArray>

namespace skillex::server {

using namespace protocol;
namespace fp = financeparams;

void registerAdminReconciliationRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    Reconciliation &recon = services.keep(std::make_shared<Reconciliation>(
        services.db, services.clock, services.audit, services.events));
    const QStringList providers{QStringLiteral("stripe"), QStringLiteral("razorpay")};

    router.addUpload(
        M::Post, QStringLiteral("/api/v1/admin/reconciliation"),
        Access::staff(Permission::MoveMoney), [&recon, providers](RequestContext &ctx) {
            const ListQuery q(ctx.request(), {QStringLiteral("provider")});
            const auto provider = fp::oneOf(q, QStringLiteral("provider"), providers);
            if (!provider)
                fp::invalid(QStringLiteral("provider"),
                            QStringLiteral("is required: stripe or razorpay"));
            const QByteArray type =
                ctx.request().header("content-type").split(';').first().trimmed();
            if (!type.isEmpty() && type != "text/csv" && type != "application/csv" &&
                type != "application/octet-stream" && type != "text/plain")
                throw DomainError(415, problemtype::kUnsupportedMediaType,
                                  QStringLiteral("Unsupported media type"),
                                  QStringLiteral("Send the settlement report as "
                                                 "text/csv."));
            const ReconciliationRun run = recon.run(fp::actor(ctx), *provider, ctx.request().body);
            return HttpResponse::json(201, run.toJson());
        });

    router.add(M::Get, QStringLiteral("/api/v1/admin/reconciliation"),
               Access::staff(Permission::ViewFinance), [&recon, providers](RequestContext &ctx) {
                   const ListQuery q(ctx.request(), {QStringLiteral("provider")});
                   const auto provider = fp::oneOf(q, QStringLiteral("provider"), providers);
                   const auto runs = recon.list(provider, fp::idCursor(q), q.limit() + 1);
                   QJsonArray items;
                   for (qsizetype i = 0; i < runs.size() && i < q.limit(); ++i)
                       items.push_back(runs.at(i).toJson());
                   std::optional<QString> next;
                   if (runs.size() > q.limit())
                       next = QString::number(runs.at(q.limit() - 1).id);
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });

    // The run's summary with a page of its rows; further pages by the cursor.
    router.add(M::Get, QStringLiteral("/api/v1/admin/reconciliation/{id}"),
               Access::staff(Permission::ViewFinance), [&recon](RequestContext &ctx) {
                   const qint64 id = ctx.idArgument(0);
                   const ListQuery q(ctx.request(), {QStringLiteral("outcome")});
                   const auto outcome =
                       fp::oneOf(q, QStringLiteral("outcome"),
                                 {QStringLiteral("matched"), QStringLiteral("missing_internal"),
                                  QStringLiteral("missing_in_report"), QStringLiteral("differing"),
                                  QStringLiteral("bad_row"), QStringLiteral("ignored")});
                   const auto after = fp::idCursor(q);
                   const auto run = recon.find(id);
                   if (!run)
                       throw DomainError(
                           404, problemtype::kNotFound, QStringLiteral("Not found"),
                           QStringLiteral("There is no reconciliation run %1.").arg(id));
                   const auto rows = recon.rows(id, outcome, after, q.limit() + 1);
                   QJsonArray items;
                   for (qsizetype i = 0; i < rows.size() && i < q.limit(); ++i)
                       items.push_back(rows.at(i).toJson());
                   std::optional<QString> next;
                   if (rows.size() > q.limit())
                       next = QString::number(rows.at(q.limit() - 1).id);
                   QJsonObject body = ListQuery::page(items, next);
                   body.insert(QStringLiteral("run"), run->toJson());
                   return HttpResponse::json(200, body);
               });
}

} // namespace skillex::server
