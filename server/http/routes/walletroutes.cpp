// The member's wallet: balance, credit lots and the statement of their own transfers.
#include "server/http/routes/routes.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/wallet/walletstatement.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"

#include <QJsonArray>

namespace skillex::server {

void registerWalletRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    using namespace protocol;

    router.add(M::Get, QStringLiteral("/api/v1/wallet"), Access::signedIn(),
               [&services](RequestContext &ctx) {
                   if (!ctx.request().query.isEmpty())
                       throw DomainError(400, problemtype::kValidation,
                                         QStringLiteral("Invalid query parameters"),
                                         QStringLiteral("The wallet takes no query parameters."));
                   const Wallet w = services.db.read([&](QSqlDatabase &db) {
                       return services.ledger.wallet(db, ctx.principal().userId);
                   });
                   QJsonArray lots;
                   for (const CreditLot &l : w.lots)
                       lots.push_back(
                           QJsonObject{{QStringLiteral("id"), l.id},
                                       {QStringLiteral("source"), l.source},
                                       {QStringLiteral("amount"), l.amount},
                                       {QStringLiteral("remaining"), l.remaining},
                                       {QStringLiteral("granted_at"), toWireTime(l.grantedAt)},
                                       {QStringLiteral("expires_at"), toWireTime(l.expiresAt)}});
                   return HttpResponse::json(200,
                                             QJsonObject{{QStringLiteral("available"), w.available},
                                                         {QStringLiteral("in_escrow"), w.inEscrow},
                                                         {QStringLiteral("lots"), lots}});
               });

    router.add(M::Get, QStringLiteral("/api/v1/wallet/statement"), Access::signedIn(),
               [&services](RequestContext &ctx) {
                   const ListQuery q(ctx.request(), {});
                   std::optional<qint64> before;
                   if (q.after()) {
                       bool ok = false;
                       before = q.after()->toLongLong(&ok);
                       if (!ok || *before <= 0)
                           throw DomainError(400, problemtype::kValidation,
                                             QStringLiteral("Invalid query parameters"))
                               .withFieldErrors(
                                   {{QStringLiteral("after"),
                                     QStringLiteral("is not a cursor this server gave out")}});
                   }
                   const QList<StatementLine> lines = services.db.read([&](QSqlDatabase &db) {
                       return walletStatement(db, ctx.principal().userId, before, q.limit() + 1);
                   });
                   QJsonArray items;
                   for (qsizetype i = 0; i < lines.size() && i < q.limit(); ++i)
                       items.push_back(lines.at(i).toJson());
                   std::optional<QString> next;
                   if (lines.size() > q.limit())
                       next = QString::number(lines.at(q.limit() - 1).seq);
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });
}

} // namespace skillex::server
