// The running balance is a window sum over all of the member's transfers in one statement, so
// it is consistent with itself and ends at the wallet's current available balance. A
// post_pending changes the balance by what was held minus what was posted (the rest returns);
// a void returns all that was held.
#include "server/domain/wallet/walletstatement.h"

#include "protocol/timestamps.h"
#include "server/domain/ledger/accounts.h"
#include "server/storage/sqlquery.h"

#include <limits>

namespace skillex::server {
namespace {

// me.acct is the wallet account: a derived table so the account is bound once.
const QString kChange = QStringLiteral(
    "CASE t.kind "
    "WHEN 'posted' THEN (CASE WHEN t.credit_account = me.acct THEN t.amount ELSE -t.amount END) "
    "WHEN 'pending' THEN (CASE WHEN t.debit_account = me.acct THEN -t.amount ELSE 0 END) "
    "WHEN 'post_pending' THEN (CASE WHEN t.debit_account = me.acct THEN p.amount - t.amount "
    "ELSE t.amount END) "
    "WHEN 'void_pending' THEN (CASE WHEN t.debit_account = me.acct THEN t.amount ELSE 0 END) "
    "ELSE 0 END");

} // namespace

QJsonObject StatementLine::toJson() const
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("transfer_id"), transferId},
            {QStringLiteral("code"), code},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("amount"), amount},
            {QStringLiteral("change"), change},
            {QStringLiteral("balance"), balance},
            {QStringLiteral("counterparty"), counterparty},
            {QStringLiteral("ref"),
             QJsonObject{{QStringLiteral("type"), refType}, {QStringLiteral("id"), refId}}},
            {QStringLiteral("at"), protocol::toWireTime(createdAt)}};
}

QList<StatementLine> walletStatement(QSqlDatabase &db, qint64 userId,
                                     std::optional<qint64> beforeSeq, int limit)
{
    const QString sql =
        QStringLiteral("SELECT seq, id, code, kind, amount, counterparty, ref_type, ref_id, "
                       "created_at, change, balance FROM ("
                       "SELECT t.seq, t.id, t.code, t.kind, t.amount, "
                       "CASE WHEN t.debit_account = me.acct THEN t.credit_account "
                       "ELSE t.debit_account END AS counterparty, "
                       "t.ref_type, t.ref_id, t.created_at, ") +
        kChange + QStringLiteral(" AS change, SUM(") + kChange +
        QStringLiteral(") OVER (ORDER BY t.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) "
                       "AS balance "
                       "FROM (SELECT CAST(:acct AS TEXT) AS acct) me "
                       "JOIN ledger_transfers t "
                       "ON t.debit_account = me.acct OR t.credit_account = me.acct "
                       "LEFT JOIN ledger_transfers p ON p.id = t.pending_id"
                       ") lines WHERE seq < :before ORDER BY seq DESC LIMIT :n");
    SqlQuery q(db, sql);
    q.bind(QStringLiteral(":acct"), accounts::user(userId))
        .bind(QStringLiteral(":before"), beforeSeq.value_or(std::numeric_limits<qint64>::max()))
        .bind(QStringLiteral(":n"), limit)
        .exec();
    QList<StatementLine> lines;
    while (q.next()) {
        StatementLine l;
        l.seq = q.int64(0);
        l.transferId = q.string(1);
        l.code = q.string(2);
        l.kind = q.string(3);
        l.amount = q.int64(4);
        l.counterparty = q.string(5);
        l.refType = q.string(6);
        l.refId = q.string(7);
        l.createdAt = q.int64(8);
        l.change = q.int64(9);
        l.balance = q.int64(10);
        lines.push_back(l);
    }
    return lines;
}

} // namespace skillex::server
