// The filters become one WHERE clause per arm. With an account filter the query is a UNION ALL
// of its debit and credit arms, each walking its (account, seq) index backwards, merged by seq:
// the cost is the page size, not the size of the ledger.
#include "server/domain/finance/ledgerbrowser.h"

#include "protocol/timestamps.h"
#include "server/domain/ledger/accounts.h"
#include "server/storage/sqlquery.h"

#include <QHash>
#include <QJsonValue>

#include <limits>

namespace skillex::server {
namespace {

const QString kTransferColumns = QStringLiteral(
    "t.seq, t.id, t.debit_account, t.credit_account, t.amount, t.code, t.kind, t.pending_id, "
    "t.ref_type, t.ref_id, t.created_at, r.kind AS resolution");

// The conditions of one arm; placeholders carry the arm's suffix so each is bound once.
QString conditions(const TransferFilter &f, const QString &s, const QString &accountColumn)
{
    QStringList c{QStringLiteral("t.seq < :before") + s};
    if (!accountColumn.isEmpty())
        c << QStringLiteral("t.%1 = :acct%2").arg(accountColumn, s);
    if (f.code)
        c << QStringLiteral("t.code = :code") + s;
    if (f.refType)
        c << QStringLiteral("t.ref_type = :rt") + s;
    if (f.refId)
        c << QStringLiteral("t.ref_id = :ri") + s;
    if (f.from)
        c << QStringLiteral("t.created_at >= :from") + s;
    if (f.to)
        c << QStringLiteral("t.created_at < :to") + s;
    if (f.minAmount)
        c << QStringLiteral("t.amount >= :min") + s;
    if (f.maxAmount)
        c << QStringLiteral("t.amount <= :max") + s;
    if (f.status == QStringLiteral("posted"))
        c << QStringLiteral("(t.kind IN ('posted', 'post_pending') OR r.kind = 'post_pending')");
    else if (f.status == QStringLiteral("pending"))
        c << QStringLiteral("(t.kind = 'pending' AND r.kind IS NULL)");
    else if (f.status == QStringLiteral("voided"))
        c << QStringLiteral("(t.kind = 'void_pending' OR r.kind = 'void_pending')");
    return c.join(QStringLiteral(" AND "));
}

void bindArm(SqlQuery &q, const TransferFilter &f, const QString &s, qint64 before)
{
    q.bind(QStringLiteral(":before") + s, before);
    if (f.account)
        q.bind(QStringLiteral(":acct") + s, *f.account);
    if (f.code)
        q.bind(QStringLiteral(":code") + s, *f.code);
    if (f.refType)
        q.bind(QStringLiteral(":rt") + s, *f.refType);
    if (f.refId)
        q.bind(QStringLiteral(":ri") + s, *f.refId);
    if (f.from)
        q.bind(QStringLiteral(":from") + s, *f.from);
    if (f.to)
        q.bind(QStringLiteral(":to") + s, *f.to);
    if (f.minAmount)
        q.bind(QStringLiteral(":min") + s, *f.minAmount);
    if (f.maxAmount)
        q.bind(QStringLiteral(":max") + s, *f.maxAmount);
}

QString arm(const TransferFilter &f, const QString &s, const QString &accountColumn)
{
    return QStringLiteral("SELECT ") + kTransferColumns +
           QStringLiteral(" FROM ledger_transfers t LEFT JOIN ledger_transfers r ON r.pending_id "
                          "= t.id AND t.kind = 'pending' WHERE ") +
           conditions(f, s, accountColumn);
}

QString statusOf(const QString &kind, const QString &resolution)
{
    if (kind == QStringLiteral("void_pending") || resolution == QStringLiteral("void_pending"))
        return QStringLiteral("voided");
    if (kind == QStringLiteral("pending") && resolution.isEmpty())
        return QStringLiteral("pending");
    return QStringLiteral("posted");
}

QJsonValue optionalId(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

const QString kAccountColumns =
    QStringLiteral("SELECT id, kind, user_id, debits_posted, credits_posted, debits_pending, "
                   "credits_pending, created_at FROM ledger_accounts ");

AccountRow readAccount(const SqlQuery &q)
{
    AccountRow a;
    a.totals = {q.string(0), q.int64(3), q.int64(4), q.int64(5), q.int64(6)};
    a.kind = q.string(1);
    a.userId = q.optionalInt64(2);
    a.createdAt = q.int64(7);
    return a;
}

} // namespace

QJsonObject refLink(const QString &refType, const QString &refId)
{
    static const QHash<QString, QString> paths{
        {QStringLiteral("payment"), QStringLiteral("/api/v1/admin/payments/")},
        {QStringLiteral("adjustment"), QStringLiteral("/api/v1/admin/adjustments/")},
        {QStringLiteral("case"), QStringLiteral("/api/v1/admin/cases/")},
        {QStringLiteral("session"), QStringLiteral("/api/v1/admin/sessions/")},
        {QStringLiteral("user"), QStringLiteral("/api/v1/admin/users/")},
    };
    const QString base = paths.value(refType);
    return {{QStringLiteral("type"), refType},
            {QStringLiteral("id"), refId},
            {QStringLiteral("href"),
             base.isEmpty() || refId.isEmpty() ? QJsonValue() : QJsonValue(base + refId)}};
}

QJsonObject TransferItem::toJson() const
{
    const Transfer &t = transfer;
    return {{QStringLiteral("seq"), t.seq},
            {QStringLiteral("id"), t.id},
            {QStringLiteral("debit_account"), t.debit},
            {QStringLiteral("credit_account"), t.credit},
            {QStringLiteral("amount"), t.amount},
            {QStringLiteral("code"), t.code},
            {QStringLiteral("kind"), t.kind},
            {QStringLiteral("status"), status},
            {QStringLiteral("pending_id"),
             t.pendingId.isEmpty() ? QJsonValue() : QJsonValue(t.pendingId)},
            {QStringLiteral("ref"), refLink(t.refType, t.refId)},
            {QStringLiteral("created_at"), protocol::toWireTime(t.createdAt)}};
}

QList<TransferItem> listTransfers(QSqlDatabase &db, const TransferFilter &filter,
                                  std::optional<qint64> beforeSeq, int limit)
{
    const qint64 before = beforeSeq.value_or(std::numeric_limits<qint64>::max());
    QString sql;
    if (filter.account) {
        sql = QStringLiteral("SELECT * FROM (") +
              arm(filter, QStringLiteral("_d"), QStringLiteral("debit_account")) +
              QStringLiteral(" UNION ALL ") +
              arm(filter, QStringLiteral("_c"), QStringLiteral("credit_account")) +
              QStringLiteral(") u ORDER BY seq DESC LIMIT :n");
    } else {
        sql =
            arm(filter, QStringLiteral("_a"), {}) + QStringLiteral(" ORDER BY t.seq DESC LIMIT :n");
    }
    SqlQuery q(db, sql);
    if (filter.account) {
        bindArm(q, filter, QStringLiteral("_d"), before);
        bindArm(q, filter, QStringLiteral("_c"), before);
    } else {
        bindArm(q, filter, QStringLiteral("_a"), before);
    }
    q.bind(QStringLiteral(":n"), limit).exec();
    QList<TransferItem> items;
    while (q.next()) {
        TransferItem i;
        Transfer &t = i.transfer;
        t.seq = q.int64(0);
        t.id = q.string(1);
        t.debit = q.string(2);
        t.credit = q.string(3);
        t.amount = q.int64(4);
        t.code = q.string(5);
        t.kind = q.string(6);
        t.pendingId = q.isNull(7) ? QString() : q.string(7);
        t.refType = q.string(8);
        t.refId = q.string(9);
        t.createdAt = q.int64(10);
        i.status = statusOf(t.kind, q.isNull(11) ? QString() : q.string(11));
        items.push_back(i);
    }
    return items;
}

QJsonObject AccountRow::toJson() const
{
    const qint64 balance = totals.creditsPosted - totals.debitsPosted;
    const qint64 pending = totals.creditsPending - totals.debitsPending;
    QJsonObject o{{QStringLiteral("id"), totals.id},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("user_id"), optionalId(userId)},
                  {QStringLiteral("debits_posted"), totals.debitsPosted},
                  {QStringLiteral("credits_posted"), totals.creditsPosted},
                  {QStringLiteral("debits_pending"), totals.debitsPending},
                  {QStringLiteral("credits_pending"), totals.creditsPending},
                  {QStringLiteral("balance"), balance},
                  {QStringLiteral("pending"), pending},
                  {QStringLiteral("created_at"), protocol::toWireTime(createdAt)}};
    if (kind == QStringLiteral("user"))
        o.insert(QStringLiteral("available"), balance + pending);
    return o;
}

QList<AccountRow> listAccounts(QSqlDatabase &db, const std::optional<QString> &kind,
                               const std::optional<QString> &afterId, int limit)
{
    QString sql = kAccountColumns + QStringLiteral("WHERE id > :after");
    if (kind)
        sql += QStringLiteral(" AND kind = :kind");
    SqlQuery q(db, sql + QStringLiteral(" ORDER BY id LIMIT :n"));
    q.bind(QStringLiteral(":after"), afterId.value_or(QString()));
    if (kind)
        q.bind(QStringLiteral(":kind"), *kind);
    q.bind(QStringLiteral(":n"), limit).exec();
    QList<AccountRow> rows;
    while (q.next())
        rows.push_back(readAccount(q));
    return rows;
}

std::optional<AccountRow> findAccount(QSqlDatabase &db, const QString &id)
{
    SqlQuery q(db, kAccountColumns + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return readAccount(q);
}

QJsonObject StatementEntry::toJson(bool wallet) const
{
    QJsonObject o{{QStringLiteral("seq"), seq},
                  {QStringLiteral("transfer_id"), transferId},
                  {QStringLiteral("code"), code},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("amount"), amount},
                  {QStringLiteral("counterparty"), counterparty},
                  {QStringLiteral("ref"), refLink(refType, refId)},
                  {QStringLiteral("change"), change},
                  {QStringLiteral("pending_change"), pendingChange},
                  {QStringLiteral("balance"), balance},
                  {QStringLiteral("pending"), pending},
                  {QStringLiteral("created_at"), protocol::toWireTime(createdAt)}};
    if (wallet)
        o.insert(QStringLiteral("available"), balance + pending);
    return o;
}

QString StatementCursor::encode() const
{
    return QStringLiteral("%1,%2,%3").arg(seq).arg(balance).arg(pending);
}

std::optional<StatementCursor> StatementCursor::decode(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 3)
        return std::nullopt;
    bool ok1 = false, ok2 = false, ok3 = false;
    StatementCursor c{parts.at(0).toLongLong(&ok1), parts.at(1).toLongLong(&ok2),
                      parts.at(2).toLongLong(&ok3)};
    if (!ok1 || !ok2 || !ok3 || c.seq <= 0)
        return std::nullopt;
    return c;
}

StatementPage accountStatement(QSqlDatabase &db, const QString &account,
                               const std::optional<StatementCursor> &after, int limit)
{
    auto armSql = [](const QString &column, const QString &s) {
        return QStringLiteral("SELECT t.seq, t.id, t.code, t.kind, t.amount, t.debit_account, "
                              "t.credit_account, COALESCE(p.amount, 0) AS held, t.ref_type, "
                              "t.ref_id, t.created_at FROM ledger_transfers t LEFT JOIN "
                              "ledger_transfers p ON p.id = t.pending_id WHERE t.%1 = :a%2 AND "
                              "t.seq < :b%2")
            .arg(column, s);
    };
    const QString sql =
        QStringLiteral("SELECT u.*, a.credits_posted - a.debits_posted, a.credits_pending - "
                       "a.debits_pending FROM (") +
        armSql(QStringLiteral("debit_account"), QStringLiteral("d")) +
        QStringLiteral(" UNION ALL ") +
        armSql(QStringLiteral("credit_account"), QStringLiteral("c")) +
        QStringLiteral(") u CROSS JOIN ledger_accounts a WHERE a.id = :acct ORDER BY u.seq DESC "
                       "LIMIT :n");
    const qint64 before = after ? after->seq : std::numeric_limits<qint64>::max();
    SqlQuery q(db, sql);
    q.bind(QStringLiteral(":ad"), account)
        .bind(QStringLiteral(":bd"), before)
        .bind(QStringLiteral(":ac"), account)
        .bind(QStringLiteral(":bc"), before)
        .bind(QStringLiteral(":acct"), account)
        .bind(QStringLiteral(":n"), limit + 1)
        .exec();
    StatementPage page;
    std::optional<qint64> balance, pending;
    if (after) {
        balance = after->balance;
        pending = after->pending;
    }
    while (q.next()) {
        if (!balance) {
            balance = q.int64(11);
            pending = q.int64(12);
        }
        StatementEntry e;
        e.seq = q.int64(0);
        e.transferId = q.string(1);
        e.code = q.string(2);
        e.kind = q.string(3);
        e.amount = q.int64(4);
        const bool debit = q.string(5) == account;
        e.counterparty = debit ? q.string(6) : q.string(5);
        const qint64 held = q.int64(7);
        e.refType = q.string(8);
        e.refId = q.string(9);
        e.createdAt = q.int64(10);
        const qint64 sign = debit ? -1 : 1;
        if (e.kind == QStringLiteral("posted")) {
            e.change = sign * e.amount;
        } else if (e.kind == QStringLiteral("pending")) {
            e.pendingChange = sign * e.amount;
        } else if (e.kind == QStringLiteral("post_pending")) {
            e.change = sign * e.amount;
            e.pendingChange = -sign * held;
        } else if (e.kind == QStringLiteral("void_pending")) {
            e.pendingChange = -sign * held;
        }
        if (page.entries.size() == limit) {
            page.next = StatementCursor{page.entries.last().seq, *balance, *pending};
            break;
        }
        e.balance = *balance;
        e.pending = *pending;
        // The entry below this one saw the balances before this entry.
        *balance -= e.change;
        *pending -= e.pendingChange;
        page.entries.push_back(e);
    }
    return page;
}

} // namespace skillex::server
