// Admin finance, the ledger: transfers with filters, accounts with balances, an account's
// statement with running balances, and the five invariants on demand.
#include "server/http/routes/financeroutes.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/finance/ledgerbrowser.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/ledger/ledgercheck.h"

#include <QJsonArray>

#include <QRegularExpression>
#include <limits>

namespace skillex::server {
namespace {

using namespace protocol;
namespace fp = financeparams;

const QRegularExpression &accountPattern()
{
    static const QRegularExpression p(QStringLiteral("^[a-z]+(:[a-z0-9_]+){0,3}$"));
    return p;
}

TransferFilter transferFilter(const ListQuery &q)
{
    TransferFilter f;
    if (const auto account = q.value(QStringLiteral("account"))) {
        if (account->size() > 100 || !accountPattern().match(*account).hasMatch())
            fp::invalid(QStringLiteral("account"),
                        QStringLiteral("is not an account name such as user:42 or escrow"));
        f.account = *account;
    }
    if (const auto user =
            fp::integer(q, QStringLiteral("user"), 1, std::numeric_limits<qint64>::max())) {
        if (f.account && *f.account != accounts::user(*user))
            fp::invalid(QStringLiteral("user"),
                        QStringLiteral("names another account than account"));
        f.account = accounts::user(*user);
    }
    if (const auto code = q.value(QStringLiteral("code"))) {
        if (code->isEmpty() || code->size() > 64)
            fp::invalid(QStringLiteral("code"), QStringLiteral("must be 1 to 64 characters"));
        f.code = *code;
    }
    if (const auto ref = q.value(QStringLiteral("ref"))) {
        // type:id (session:12, payment:7) or a type alone.
        const qsizetype colon = ref->indexOf(QLatin1Char(':'));
        f.refType = colon < 0 ? *ref : ref->left(colon);
        if (colon >= 0)
            f.refId = ref->mid(colon + 1);
        if (f.refType->isEmpty() || f.refType->size() > 32 || (f.refId && f.refId->isEmpty()))
            fp::invalid(QStringLiteral("ref"),
                        QStringLiteral("must be a type and id such as payment:7"));
    }
    f.from = fp::time(q, QStringLiteral("from"));
    f.to = fp::time(q, QStringLiteral("to"));
    f.minAmount = fp::integer(q, QStringLiteral("min_amount"), 0, 1'000'000'000'000LL);
    f.maxAmount = fp::integer(q, QStringLiteral("max_amount"), 0, 1'000'000'000'000LL);
    f.status =
        fp::oneOf(q, QStringLiteral("status"),
                  {QStringLiteral("posted"), QStringLiteral("pending"), QStringLiteral("voided")});
    return f;
}

} // namespace

void registerAdminLedgerRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    const Access view = Access::staff(Permission::ViewFinance);

    router.add(M::Get, QStringLiteral("/api/v1/admin/ledger/transfers"), view,
               [&services](RequestContext &ctx) {
                   const ListQuery q(ctx.request(),
                                     {QStringLiteral("account"), QStringLiteral("user"),
                                      QStringLiteral("code"), QStringLiteral("ref"),
                                      QStringLiteral("from"), QStringLiteral("to"),
                                      QStringLiteral("min_amount"), QStringLiteral("max_amount"),
                                      QStringLiteral("status")});
                   const TransferFilter f = transferFilter(q);
                   const auto before = fp::idCursor(q);
                   const auto rows = services.db.read([&](QSqlDatabase &db) {
                       return listTransfers(db, f, before, q.limit() + 1);
                   });
                   QJsonArray items;
                   for (qsizetype i = 0; i < rows.size() && i < q.limit(); ++i)
                       items.push_back(rows.at(i).toJson());
                   std::optional<QString> next;
                   if (rows.size() > q.limit())
                       next = QString::number(rows.at(q.limit() - 1).transfer.seq);
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });

    router.add(M::Get, QStringLiteral("/api/v1/admin/ledger/accounts"), view,
               [&services](RequestContext &ctx) {
                   const ListQuery q(ctx.request(), {QStringLiteral("kind")});
                   const auto kind =
                       fp::oneOf(q, QStringLiteral("kind"),
                                 {QStringLiteral("user"), QStringLiteral("escrow"),
                                  QStringLiteral("clearing"), QStringLiteral("expense"),
                                  QStringLiteral("income"), QStringLiteral("equity")});
                   const auto rows = services.db.read([&](QSqlDatabase &db) {
                       return listAccounts(db, kind, q.after(), q.limit() + 1);
                   });
                   QJsonArray items;
                   for (qsizetype i = 0; i < rows.size() && i < q.limit(); ++i)
                       items.push_back(rows.at(i).toJson());
                   std::optional<QString> next;
                   if (rows.size() > q.limit())
                       next = rows.at(q.limit() - 1).totals.id;
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });

    router.add(
        M::Get, QStringLiteral("/api/v1/admin/ledger/accounts/{id}/statement"), view,
        [&services](RequestContext &ctx) {
            const ListQuery q(ctx.request(), {});
            const QString account = ctx.arguments().value(0);
            std::optional<StatementCursor> after;
            if (q.after()) {
                after = StatementCursor::decode(*q.after());
                if (!after)
                    fp::invalid(QStringLiteral("after"),
                                QStringLiteral("is not a cursor this server gave out"));
            }
            return services.db.read([&](QSqlDatabase &db) {
                const auto row = account.size() <= 100 ? findAccount(db, account) : std::nullopt;
                if (!row)
                    throw DomainError(
                        404, problemtype::kNotFound, QStringLiteral("Not found"),
                        QStringLiteral("There is no ledger account %1.").arg(account.left(100)));
                const StatementPage page = accountStatement(db, account, after, q.limit());
                const bool wallet = row->kind == QStringLiteral("user");
                QJsonArray items;
                for (const StatementEntry &e : page.entries)
                    items.push_back(e.toJson(wallet));
                QJsonObject body = ListQuery::page(
                    items, page.next ? std::optional<QString>(page.next->encode()) : std::nullopt);
                body.insert(QStringLiteral("account"), row->toJson());
                if (wallet && row->userId) {
                    // Lots with credits left, soonest expiry first: what the next spending draws.
                    const Wallet w = services.ledger.wallet(db, *row->userId);
                    QJsonArray lots;
                    for (const CreditLot &l : w.lots)
                        lots.push_back(
                            QJsonObject{{QStringLiteral("id"), l.id},
                                        {QStringLiteral("source"), l.source},
                                        {QStringLiteral("amount"), l.amount},
                                        {QStringLiteral("remaining"), l.remaining},
                                        {QStringLiteral("granted_at"), toWireTime(l.grantedAt)},
                                        {QStringLiteral("expires_at"), toWireTime(l.expiresAt)},
                                        {QStringLiteral("ref"), refLink(l.refType, l.refId)}});
                    body.insert(QStringLiteral("lots"), lots);
                }
                return HttpResponse::json(200, body);
            });
        });

    router.add(M::Get, QStringLiteral("/api/v1/admin/ledger/check"), view,
               [&services](RequestContext &ctx) {
                   const ListQuery q(ctx.request(), {});
                   if (q.after() || ctx.request().query.hasQueryItem(QStringLiteral("limit")))
                       fp::invalid(QStringLiteral("limit"),
                                   QStringLiteral("the check is not a list"));
                   const LedgerCheck check =
                       services.db.read([](QSqlDatabase &db) { return checkLedger(db); });
                   QJsonObject body = check.toJson();
                   body.insert(QStringLiteral("checked_at"), toWireTime(services.clock.nowMs()));
                   return HttpResponse::json(200, body);
               });
}

} // namespace skillex::server
