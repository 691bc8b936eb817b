// Transfers move totals on exactly two accounts; wallets (user:*) may never spend more than
// they hold, enforced by a conditional UPDATE so that concurrent writers on PostgreSQL cannot
// both pass the check. Lots track which grant each credit came from, for expiry and refunds.
#include "server/domain/ledger/ledger.h"

#include "server/domain/domainerror.h"
#include "server/domain/ledger/accounts.h"
#include "server/storage/sqlquery.h"

#include <QJsonObject>

#include <algorithm>
#include <stdexcept>

namespace skillex::server {
namespace {

using namespace protocol;

const QString kSelectTransfer =
    QStringLiteral("SELECT seq, id, debit_account, credit_account, amount, code, kind, pending_id, "
                   "ref_type, ref_id, created_at "
                   "FROM ledger_transfers ");

Transfer readTransfer(const SqlQuery &q)
{
    Transfer t;
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
    return t;
}

DomainError insufficient(const QString &account, qint64 amount)
{
    return DomainError(
        409, problemtype::kInsufficientCredits, QStringLiteral("Not enough credits"),
        QStringLiteral("%1 does not hold %2 available credits.").arg(account).arg(amount));
}

void validate(const TransferSpec &s)
{
    QMap<QString, QString> errors;
    if (s.id.isEmpty() || s.id.size() > 160)
        errors.insert(QStringLiteral("id"), QStringLiteral("must be 1 to 160 characters"));
    if (s.debit.isEmpty() || s.credit.isEmpty() || s.debit == s.credit)
        errors.insert(QStringLiteral("accounts"),
                      QStringLiteral("debit and credit must be two different accounts"));
    if (s.amount <= 0)
        errors.insert(QStringLiteral("amount"), QStringLiteral("must be positive"));
    if (s.code.isEmpty())
        errors.insert(QStringLiteral("code"), QStringLiteral("is required"));
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid transfer"))
            .withFieldErrors(errors);
}

} // namespace

QJsonObject Transfer::toJson() const
{
    QJsonObject o{{QStringLiteral("seq"), seq},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("debit"), debit},
                  {QStringLiteral("credit"), credit},
                  {QStringLiteral("amount"), amount},
                  {QStringLiteral("code"), code},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("ref"),
                   QJsonObject{{QStringLiteral("type"), refType}, {QStringLiteral("id"), refId}}},
                  {QStringLiteral("created_at"), createdAt}};
    o.insert(QStringLiteral("pending_id"),
             pendingId.isEmpty() ? QJsonValue() : QJsonValue(pendingId));
    return o;
}

Ledger::Ledger(Dialect dialect, const Clock &clock, LedgerPolicy policy)
    : m_dialect(dialect)
    , m_clock(clock)
    , m_policy(policy)
{}

QString Ledger::forUpdate() const
{
    return m_dialect == Dialect::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
}

Transfer Ledger::post(QSqlDatabase &tx, const TransferSpec &spec)
{
    return create(tx, spec, Kind::Posted);
}

Transfer Ledger::hold(QSqlDatabase &tx, const TransferSpec &spec)
{
    return create(tx, spec, Kind::Pending);
}

std::optional<Transfer> Ledger::existing(QSqlDatabase &tx, const QString &id) const
{
    SqlQuery q(tx, kSelectTransfer + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return readTransfer(q);
}

std::optional<Transfer> Ledger::transfer(QSqlDatabase &db, const QString &id) const
{
    return existing(db, id);
}

void Ledger::ensureAccount(QSqlDatabase &tx, const QString &account)
{
    const auto userId = accounts::userOf(account);
    SqlQuery(tx, QStringLiteral("INSERT INTO ledger_accounts (id, kind, user_id, created_at) "
                                "VALUES (:id, :kind, :user, :t) "
                                "ON CONFLICT (id) DO NOTHING"))
        .bind(QStringLiteral(":id"), account)
        .bind(QStringLiteral(":kind"), accounts::kindOf(account))
        .bindOptional(QStringLiteral(":user"), userId)
        .bind(QStringLiteral(":t"), m_clock.nowMs())
        .exec();
}

void Ledger::applyToAccounts(QSqlDatabase &tx, const QString &debit, const QString &credit,
                             qint64 debitPosted, qint64 debitPending, qint64 creditPosted,
                             qint64 creditPending)
{
    // Rows are locked in name order, so two transfers between the same pair of accounts in
    // opposite directions cannot deadlock on PostgreSQL.
    const bool debitFirst = debit < credit;
    for (int pass = 0; pass < 2; ++pass) {
        const bool isDebit = (pass == 0) == debitFirst;
        if (isDebit) {
            // A wallet's spending (posted plus held) may never exceed what it was credited.
            const bool wallet = accounts::userOf(debit).has_value();
            SqlQuery q(
                tx,
                QStringLiteral("UPDATE ledger_accounts SET debits_posted = debits_posted + :dp, "
                               "debits_pending = debits_pending + :dq WHERE id = :id") +
                    (wallet && (debitPosted + debitPending) > 0
                         ? QStringLiteral(
                               " AND debits_posted + debits_pending + :total <= credits_posted")
                         : QString()));
            q.bind(QStringLiteral(":dp"), debitPosted)
                .bind(QStringLiteral(":dq"), debitPending)
                .bind(QStringLiteral(":id"), debit);
            if (wallet && (debitPosted + debitPending) > 0)
                q.bind(QStringLiteral(":total"), debitPosted + debitPending);
            q.exec();
            if (q.rowsAffected() != 1)
                throw insufficient(debit, debitPosted + debitPending);
        } else {
            SqlQuery(tx, QStringLiteral(
                             "UPDATE ledger_accounts SET credits_posted = credits_posted + :cp, "
                             "credits_pending = credits_pending + :cq WHERE id = :id"))
                .bind(QStringLiteral(":cp"), creditPosted)
                .bind(QStringLiteral(":cq"), creditPending)
                .bind(QStringLiteral(":id"), credit)
                .exec();
        }
    }
}

Transfer Ledger::insertTransfer(QSqlDatabase &tx, Transfer t)
{
    t.createdAt = m_clock.nowMs();
    SqlQuery q(
        tx,
        QStringLiteral(
            "INSERT INTO ledger_transfers (id, debit_account, credit_account, amount, code, kind, "
            "pending_id, ref_type, ref_id, created_at) VALUES (:id, :d, :c, :a, :code, :kind, :p, "
            ":rt, :ri, :t) RETURNING seq"));
    q.bind(QStringLiteral(":id"), t.id)
        .bind(QStringLiteral(":d"), t.debit)
        .bind(QStringLiteral(":c"), t.credit)
        .bind(QStringLiteral(":a"), t.amount)
        .bind(QStringLiteral(":code"), t.code)
        .bind(QStringLiteral(":kind"), t.kind)
        .bindOptional(QStringLiteral(":p"),
                      t.pendingId.isEmpty() ? std::nullopt : std::optional<QString>(t.pendingId))
        .bind(QStringLiteral(":rt"), t.refType)
        .bind(QStringLiteral(":ri"), t.refId)
        .bind(QStringLiteral(":t"), t.createdAt)
        .exec();
    t.seq = q.scalar().value_or(0).toLongLong();
    return t;
}

Transfer Ledger::create(QSqlDatabase &tx, const TransferSpec &spec, Kind kind)
{
    validate(spec);
    const QString kindName =
        kind == Kind::Posted ? QStringLiteral("posted") : QStringLiteral("pending");
    if (auto previous = existing(tx, spec.id)) {
        if (previous->debit != spec.debit || previous->credit != spec.credit ||
            previous->amount != spec.amount || previous->code != spec.code ||
            previous->kind != kindName)
            throw DomainError(
                409, problemtype::kTransferConflict, QStringLiteral("Transfer id in use"),
                QStringLiteral("Transfer %1 exists with different fields.").arg(spec.id));
        previous->replayed = true;
        return *previous;
    }
    ensureAccount(tx, spec.debit);
    ensureAccount(tx, spec.credit);
    if (kind == Kind::Posted)
        applyToAccounts(tx, spec.debit, spec.credit, spec.amount, 0, spec.amount, 0);
    else
        applyToAccounts(tx, spec.debit, spec.credit, 0, spec.amount, 0, spec.amount);

    Transfer t;
    t.id = spec.id;
    t.debit = spec.debit;
    t.credit = spec.credit;
    t.amount = spec.amount;
    t.code = spec.code;
    t.kind = kindName;
    t.refType = spec.refType;
    t.refId = spec.refId;
    t = insertTransfer(tx, t);

    if (const auto payer = accounts::userOf(spec.debit))
        drawLots(tx, *payer, t.id, spec.amount, spec.fromLot);
    if (const auto payee = accounts::userOf(spec.credit); payee && kind == Kind::Posted)
        grantLot(tx, *payee, t, spec.lotExpiresAt);
    return t;
}

Transfer Ledger::postPending(QSqlDatabase &tx, const QString &id, const QString &pendingId,
                             std::optional<qint64> amount)
{
    return resolve(tx, id, pendingId, amount, true);
}

Transfer Ledger::voidPending(QSqlDatabase &tx, const QString &id, const QString &pendingId)
{
    return resolve(tx, id, pendingId, std::nullopt, false);
}

Transfer Ledger::resolve(QSqlDatabase &tx, const QString &id, const QString &pendingId,
                         std::optional<qint64> amount, bool post)
{
    const auto pending = existing(tx, pendingId);
    if (!pending || pending->kind != QStringLiteral("pending"))
        throw DomainError(409, problemtype::kTransferConflict,
                          QStringLiteral("No such pending transfer"),
                          QStringLiteral("%1 is not a pending transfer.").arg(pendingId));
    const qint64 postAmount = post ? amount.value_or(pending->amount) : 0;
    if (postAmount < 0 || postAmount > pending->amount)
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid amount"),
                          QStringLiteral("Between 0 and %1 of %2 can be posted.")
                              .arg(pending->amount)
                              .arg(pendingId));
    const QString kind = post ? QStringLiteral("post_pending") : QStringLiteral("void_pending");
    const qint64 recorded = post ? postAmount : pending->amount;
    if (auto previous = existing(tx, id)) {
        if (previous->kind != kind || previous->pendingId != pendingId ||
            previous->amount != recorded)
            throw DomainError(409, problemtype::kTransferConflict,
                              QStringLiteral("Transfer id in use"),
                              QStringLiteral("Transfer %1 exists with different fields.").arg(id));
        previous->replayed = true;
        return *previous;
    }
    SqlQuery resolved(tx, QStringLiteral("SELECT id FROM ledger_transfers WHERE pending_id = :p"));
    resolved.bind(QStringLiteral(":p"), pendingId).exec();
    if (resolved.next())
        throw DomainError(
            409, problemtype::kPendingResolved, QStringLiteral("Already resolved"),
            QStringLiteral("%1 was resolved by %2.").arg(pendingId, resolved.string(0)));

    applyToAccounts(tx, pending->debit, pending->credit, postAmount, -pending->amount, postAmount,
                    -pending->amount);
    Transfer t;
    t.id = id;
    t.debit = pending->debit;
    t.credit = pending->credit;
    t.amount = recorded;
    t.code = pending->code + (post ? QStringLiteral("_posted") : QStringLiteral("_voided"));
    t.kind = kind;
    t.pendingId = pendingId;
    t.refType = pending->refType;
    t.refId = pending->refId;
    t = insertTransfer(tx, t);

    if (accounts::userOf(pending->debit) && pending->amount > postAmount)
        releaseDraws(tx, pendingId, pending->amount - postAmount);
    if (const auto payee = accounts::userOf(pending->credit); payee && postAmount > 0) {
        Transfer granted = t;
        granted.amount = postAmount;
        grantLot(tx, *payee, granted, std::nullopt);
    }
    return t;
}

void Ledger::drawLots(QSqlDatabase &tx, qint64 userId, const QString &transferId, qint64 amount,
                      std::optional<qint64> fromLot)
{
    SqlQuery lots(
        tx, QStringLiteral(
                "SELECT id, remaining FROM credit_lots WHERE user_id = :u AND remaining > 0") +
                (fromLot ? QStringLiteral(" AND id = :lot") : QString()) +
                QStringLiteral(" ORDER BY expires_at, id") + forUpdate());
    lots.bind(QStringLiteral(":u"), userId);
    if (fromLot)
        lots.bind(QStringLiteral(":lot"), *fromLot);
    lots.exec();
    QList<QPair<qint64, qint64>> draws;
    qint64 left = amount;
    while (left > 0 && lots.next()) {
        const qint64 take = std::min(left, lots.int64(1));
        draws.push_back({lots.int64(0), take});
        left -= take;
    }
    if (left > 0) {
        if (fromLot)
            throw DomainError(
                409, problemtype::kInsufficientCredits,
                QStringLiteral("Not enough credits left in the lot"),
                QStringLiteral("Lot %1 has less than %2 credits left.").arg(*fromLot).arg(amount));
        // The wallet guard passed, so the lots must cover it: anything else is a broken ledger.
        throw std::runtime_error("credit lots of user " + std::to_string(userId) +
                                 " do not cover the wallet balance");
    }
    for (const auto &[lotId, take] : draws) {
        SqlQuery(tx,
                 QStringLiteral("UPDATE credit_lots SET remaining = remaining - :a WHERE id = :id"))
            .bind(QStringLiteral(":a"), take)
            .bind(QStringLiteral(":id"), lotId)
            .exec();
        SqlQuery(tx, QStringLiteral(
                         "INSERT INTO lot_draws (transfer_id, lot_id, amount) VALUES (:t, :l, :a)"))
            .bind(QStringLiteral(":t"), transferId)
            .bind(QStringLiteral(":l"), lotId)
            .bind(QStringLiteral(":a"), take)
            .exec();
    }
}

void Ledger::releaseDraws(QSqlDatabase &tx, const QString &transferId, qint64 amount)
{
    // Credits go back to the latest-expiring lots first, so what stays spent is the
    // soonest-expiring.
    SqlQuery q(
        tx, QStringLiteral(
                "SELECT d.lot_id, d.amount FROM lot_draws d JOIN credit_lots l ON l.id = d.lot_id "
                "WHERE d.transfer_id = :t ORDER BY l.expires_at DESC, l.id DESC"));
    q.bind(QStringLiteral(":t"), transferId).exec();
    QList<QPair<qint64, qint64>> draws;
    while (q.next())
        draws.push_back({q.int64(0), q.int64(1)});
    qint64 left = amount;
    for (const auto &[lotId, drawn] : draws) {
        if (left == 0)
            break;
        const qint64 give = std::min(left, drawn);
        SqlQuery(tx,
                 QStringLiteral("UPDATE credit_lots SET remaining = remaining + :a WHERE id = :id"))
            .bind(QStringLiteral(":a"), give)
            .bind(QStringLiteral(":id"), lotId)
            .exec();
        SqlQuery(
            tx,
            QStringLiteral(
                "UPDATE lot_draws SET amount = amount - :a WHERE transfer_id = :t AND lot_id = :l"))
            .bind(QStringLiteral(":a"), give)
            .bind(QStringLiteral(":t"), transferId)
            .bind(QStringLiteral(":l"), lotId)
            .exec();
        left -= give;
    }
    if (left > 0)
        throw std::runtime_error("lot draws of " + transferId.toStdString() +
                                 " are smaller than the release");
}

void Ledger::grantLot(QSqlDatabase &tx, qint64 userId, const Transfer &t,
                      std::optional<qint64> expiresAt)
{
    const qint64 now = m_clock.nowMs();
    SqlQuery(tx, QStringLiteral(
                     "INSERT INTO credit_lots (user_id, source, transfer_id, ref_type, ref_id, "
                     "amount, remaining, "
                     "granted_at, expires_at) VALUES (:u, :s, :t, :rt, :ri, :a, :a2, :g, :e)"))
        .bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":s"), t.code)
        .bind(QStringLiteral(":t"), t.id)
        .bind(QStringLiteral(":rt"), t.refType)
        .bind(QStringLiteral(":ri"), t.refId)
        .bind(QStringLiteral(":a"), t.amount)
        .bind(QStringLiteral(":a2"), t.amount)
        .bind(QStringLiteral(":g"), now)
        .bind(QStringLiteral(":e"), expiresAt.value_or(now + m_policy.lotLifetimeMs))
        .exec();
}

qint64 Ledger::expireLots(QSqlDatabase &tx, int maxLots)
{
    const qint64 now = m_clock.nowMs();
    SqlQuery q(tx, QStringLiteral("SELECT id, user_id, remaining FROM credit_lots WHERE expires_at "
                                  "<= :now AND remaining > 0 "
                                  "ORDER BY expires_at, id LIMIT :n"));
    q.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":n"), maxLots).exec();
    struct Due {
        qint64 lot, user, remaining;
    };
    QList<Due> due;
    while (q.next())
        due.push_back({q.int64(0), q.int64(1), q.int64(2)});
    qint64 total = 0;
    for (const Due &d : due) {
        TransferSpec spec;
        spec.id = QStringLiteral("expiry:lot:%1:%2").arg(d.lot).arg(now);
        spec.debit = accounts::user(d.user);
        spec.credit = accounts::kBreakage;
        spec.amount = d.remaining;
        spec.code = QStringLiteral("expiry");
        spec.refType = QStringLiteral("lot");
        spec.refId = QString::number(d.lot);
        spec.fromLot = d.lot;
        post(tx, spec);
        total += d.remaining;
    }
    return total;
}

AccountBalance Ledger::balance(QSqlDatabase &db, const QString &account) const
{
    AccountBalance b;
    b.id = account;
    SqlQuery q(db, QStringLiteral("SELECT debits_posted, credits_posted, debits_pending, "
                                  "credits_pending FROM ledger_accounts WHERE id = :id"));
    q.bind(QStringLiteral(":id"), account).exec();
    if (q.next()) {
        b.debitsPosted = q.int64(0);
        b.creditsPosted = q.int64(1);
        b.debitsPending = q.int64(2);
        b.creditsPending = q.int64(3);
    }
    return b;
}

Wallet Ledger::wallet(QSqlDatabase &db, qint64 userId) const
{
    const AccountBalance b = balance(db, accounts::user(userId));
    Wallet w;
    w.available = b.creditsPosted - b.debitsPosted - b.debitsPending;
    w.inEscrow = b.debitsPending;
    SqlQuery q(db, QStringLiteral("SELECT id, source, amount, remaining, granted_at, expires_at, "
                                  "ref_type, ref_id FROM credit_lots "
                                  "WHERE user_id = :u AND remaining > 0 ORDER BY expires_at, id"));
    q.bind(QStringLiteral(":u"), userId).exec();
    while (q.next())
        w.lots.push_back({q.int64(0), q.string(1), q.int64(2), q.int64(3), q.int64(4), q.int64(5),
                          q.string(6), q.string(7)});
    return w;
}

std::optional<CreditLot> Ledger::lotOfTransfer(QSqlDatabase &db, const QString &transferId) const
{
    SqlQuery q(db, QStringLiteral("SELECT id, source, amount, remaining, granted_at, expires_at, "
                                  "ref_type, ref_id FROM credit_lots "
                                  "WHERE transfer_id = :t"));
    q.bind(QStringLiteral(":t"), transferId).exec();
    if (!q.next())
        return std::nullopt;
    return CreditLot{q.int64(0), q.string(1), q.int64(2),  q.int64(3),
                     q.int64(4), q.int64(5),  q.string(6), q.string(7)};
}

} // namespace skillex::server
