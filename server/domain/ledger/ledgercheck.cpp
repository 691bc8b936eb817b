// Each invariant is a query over the whole ledger; account totals are recomputed from the
// immutable transfers and compared with the running totals.
#include "server/domain/ledger/ledgercheck.h"

#include "server/storage/sqlquery.h"

#include <QJsonArray>

namespace skillex::server {
namespace {

InvariantResult balancedTotals(QSqlDatabase &db)
{
    InvariantResult r{1, QStringLiteral("Debits equal credits, posted and pending"), true, {}, {}};
    SqlQuery q(db, QStringLiteral(
                       "SELECT COALESCE(SUM(debits_posted), 0), COALESCE(SUM(credits_posted), 0), "
                       "COALESCE(SUM(debits_pending), 0), COALESCE(SUM(credits_pending), 0) FROM "
                       "ledger_accounts"));
    q.exec();
    if (q.next() && (q.int64(0) != q.int64(1) || q.int64(2) != q.int64(3))) {
        r.ok = false;
        r.detail = QStringLiteral("posted: debits %1, credits %2; pending: debits %3, credits %4")
                       .arg(q.int64(0))
                       .arg(q.int64(1))
                       .arg(q.int64(2))
                       .arg(q.int64(3));
    }
    return r;
}

InvariantResult noOverdrawnWallet(QSqlDatabase &db)
{
    InvariantResult r{2, QStringLiteral("No member wallet is overdrawn"), true, {}, {}};
    SqlQuery q(
        db, QStringLiteral(
                "SELECT id, credits_posted - debits_posted - debits_pending FROM ledger_accounts "
                "WHERE kind = 'user' AND debits_posted + debits_pending > credits_posted ORDER BY "
                "id LIMIT 100"));
    q.exec();
    while (q.next()) {
        r.ok = false;
        r.accounts.push_back(q.string(0));
        r.detail = QStringLiteral("%1 is at %2").arg(q.string(0)).arg(q.int64(1));
    }
    return r;
}

InvariantResult escrowMatchesBookings(QSqlDatabase &db)
{
    InvariantResult r{3, QStringLiteral("Escrow holds exactly the booked sessions"), true, {}, {}};
    SqlQuery e(db, QStringLiteral("SELECT credits_pending, debits_pending, credits_posted - "
                                  "debits_posted FROM ledger_accounts WHERE id = 'escrow'"));
    e.exec();
    qint64 held = 0, debitsPending = 0, postedBalance = 0;
    if (e.next()) {
        held = e.int64(0);
        debitsPending = e.int64(1);
        postedBalance = e.int64(2);
    }
    SqlQuery b(
        db, QStringLiteral("SELECT COALESCE(SUM(price), 0) FROM bookings WHERE status = 'booked'"));
    b.exec();
    const qint64 booked = b.scalar().value_or(0).toLongLong();
    if (held != booked || debitsPending != 0 || postedBalance != 0) {
        r.ok = false;
        r.accounts.push_back(QStringLiteral("escrow"));
        r.detail = QStringLiteral("escrow pending %1, booked sessions %2, escrow pending debits "
                                  "%3, posted balance %4")
                       .arg(held)
                       .arg(booked)
                       .arg(debitsPending)
                       .arg(postedBalance);
    }
    return r;
}

} // namespace

QJsonObject LedgerCheck::toJson() const
{
    QJsonArray list;
    for (const auto &i : invariants)
        list.push_back(
            QJsonObject{{QStringLiteral("number"), i.number},
                        {QStringLiteral("name"), i.name},
                        {QStringLiteral("ok"), i.ok},
                        {QStringLiteral("detail"), i.detail},
                        {QStringLiteral("accounts"), QJsonArray::fromStringList(i.accounts)}});
    return {{QStringLiteral("ok"), ok},
            {QStringLiteral("invariants"), list},
            {QStringLiteral("accounts_checked"), accountsChecked},
            {QStringLiteral("transfers_checked"), transfersChecked}};
}

LedgerCheck checkLedger(QSqlDatabase &db)
{
    return LedgerChecker().check(db);
}

LedgerCheck LedgerChecker::check(QSqlDatabase &db)
{
    // Fold in the transfers appended since the last check.
    SqlQuery q(db, QStringLiteral("SELECT seq, id, debit_account, credit_account, amount, kind, "
                                  "pending_id FROM ledger_transfers "
                                  "WHERE seq > :last ORDER BY seq"));
    q.bind(QStringLiteral(":last"), m_lastSeq).exec();
    while (q.next()) {
        ++m_transfers;
        m_lastSeq = q.int64(0);
        const QString id = q.string(1), debit = q.string(2), credit = q.string(3),
                      kind = q.string(5);
        const qint64 amount = q.int64(4);
        if (kind == QStringLiteral("posted")) {
            m_recomputed[debit].debitsPosted += amount;
            m_recomputed[credit].creditsPosted += amount;
        } else if (kind == QStringLiteral("pending")) {
            m_open.insert(id, {debit, credit, amount});
            m_recomputed[debit].debitsPending += amount;
            m_recomputed[credit].creditsPending += amount;
        } else {
            const QString pendingId = q.string(6);
            if (!m_open.contains(pendingId)) {
                m_resolutionProblems.push_back(
                    QStringLiteral("%1 resolves %2, which is %3")
                        .arg(id, pendingId,
                             m_resolved.contains(pendingId)
                                 ? QStringLiteral("resolved already")
                                 : QStringLiteral("not a pending transfer")));
                continue;
            }
            const Open p = m_open.take(pendingId);
            m_resolved.insert(pendingId);
            m_recomputed[p.debit].debitsPending -= p.amount;
            m_recomputed[p.credit].creditsPending -= p.amount;
            if (kind == QStringLiteral("post_pending")) {
                m_recomputed[p.debit].debitsPosted += amount;
                m_recomputed[p.credit].creditsPosted += amount;
            }
        }
    }

    LedgerCheck c;
    InvariantResult totals{
        4, QStringLiteral("Account totals equal the sums of their transfers"), true, {}, {}};
    QSet<QString> seen;
    SqlQuery stored(db, QStringLiteral("SELECT id, debits_posted, credits_posted, debits_pending, "
                                       "credits_pending FROM ledger_accounts ORDER BY id"));
    stored.exec();
    while (stored.next()) {
        ++c.accountsChecked;
        const QString id = stored.string(0);
        seen.insert(id);
        const Totals s{stored.int64(1), stored.int64(2), stored.int64(3), stored.int64(4)};
        const Totals r = m_recomputed.value(id);
        if (!(s == r)) {
            totals.ok = false;
            if (totals.accounts.size() < 100)
                totals.accounts.push_back(id);
            totals.detail = QStringLiteral("%1: stored %2/%3/%4/%5, from transfers %6/%7/%8/%9 "
                                           "(debits/credits posted, debits/credits pending)")
                                .arg(id)
                                .arg(s.debitsPosted)
                                .arg(s.creditsPosted)
                                .arg(s.debitsPending)
                                .arg(s.creditsPending)
                                .arg(r.debitsPosted)
                                .arg(r.creditsPosted)
                                .arg(r.debitsPending)
                                .arg(r.creditsPending);
        }
    }
    for (auto it = m_recomputed.begin(); it != m_recomputed.end(); ++it) {
        if (!seen.contains(it.key())) {
            totals.ok = false;
            totals.accounts.push_back(it.key());
            totals.detail = QStringLiteral("%1 has transfers but no account row").arg(it.key());
        }
    }

    InvariantResult once{
        5, QStringLiteral("Every pending transfer is posted or voided at most once"), true, {}, {}};
    if (!m_resolutionProblems.isEmpty()) {
        once.ok = false;
        once.accounts = m_resolutionProblems.mid(0, 100);
        once.detail = m_resolutionProblems.last();
    }

    c.invariants = {balancedTotals(db), noOverdrawnWallet(db), escrowMatchesBookings(db), totals,
                    once};
    c.transfersChecked = m_transfers;
    for (const auto &i : c.invariants)
        c.ok = c.ok && i.ok;
    return c;
}

InvariantResult checkLotsMatchWallets(QSqlDatabase &db)
{
    InvariantResult r{
        6, QStringLiteral("Credit lots cover exactly what each wallet can spend"), true, {}, {}};
    SqlQuery q(
        db,
        QStringLiteral(
            "SELECT a.id, a.credits_posted - a.debits_posted - a.debits_pending, "
            "(SELECT COALESCE(SUM(l.remaining), 0) FROM credit_lots l WHERE l.user_id = a.user_id) "
            "FROM ledger_accounts a WHERE a.kind = 'user'"));
    q.exec();
    while (q.next()) {
        if (q.int64(1) != q.int64(2)) {
            r.ok = false;
            r.accounts.push_back(q.string(0));
            r.detail = QStringLiteral("%1: available %2, lots %3")
                           .arg(q.string(0))
                           .arg(q.int64(1))
                           .arg(q.int64(2));
        }
    }
    return r;
}

} // namespace skillex::server
