// The credit ledger (double entry, after TigerBeetle). The one module that moves credits: no
// other code writes ledger_accounts, ledger_transfers, credit_lots or lot_draws.
#pragma once

#include "server/domain/clock.h"
#include "server/storage/databaseurl.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server {

struct TransferSpec {
    QString id; // idempotency key: a retry with the same id and fields returns the first result
    QString debit;
    QString credit;
    qint64 amount = 0;
    QString code; // why: "purchase", "booking_hold", "teacher_payout", ...
    QString refType;
    QString refId;
    // Debits of a wallet draw on this lot only (refunds of a purchase, expiry of a lot);
    // otherwise on the soonest-expiring lots.
    std::optional<qint64> fromLot;
    // Credits to a wallet make a lot that expires at this time; default: now + lot lifetime.
    std::optional<qint64> lotExpiresAt;
};

struct Transfer {
    qint64 seq = 0;
    QString id;
    QString debit;
    QString credit;
    qint64 amount = 0;
    QString code;
    QString kind; // posted, pending, post_pending, void_pending
    QString pendingId;
    QString refType;
    QString refId;
    qint64 createdAt = 0;
    bool replayed = false; // true when this id existed already and nothing moved

    QJsonObject toJson() const;
};

struct AccountBalance {
    QString id;
    qint64 debitsPosted = 0;
    qint64 creditsPosted = 0;
    qint64 debitsPending = 0;
    qint64 creditsPending = 0;
};

struct CreditLot {
    qint64 id = 0;
    QString source;
    qint64 amount = 0;
    qint64 remaining = 0;
    qint64 grantedAt = 0;
    qint64 expiresAt = 0;
    QString refType;
    QString refId;
};

struct Wallet {
    qint64 available = 0;  // credits posted - debits posted - debits pending
    qint64 inEscrow = 0;   // debits pending: held for booked sessions
    QList<CreditLot> lots; // lots with credits left, soonest expiry first
};

struct LedgerPolicy {
    qint64 lotLifetimeMs = 365LL * 24 * 3600 * 1000; // credits expire a year after the grant
};

class Ledger {
public:
    Ledger(Dialect dialect, const Clock &clock, LedgerPolicy policy = {});

    // A posted transfer. Throws DomainError 409 "insufficient-credits" when a wallet would be
    // overdrawn, 409 "transfer-conflict" when the id exists with other fields.
    Transfer post(QSqlDatabase &tx, const TransferSpec &spec);
    // A pending transfer (two-phase): the debit is held, not yet spent.
    Transfer hold(QSqlDatabase &tx, const TransferSpec &spec);
    // Resolves a pending transfer by posting amount (default: all of it); the rest is released
    // back to the lots it came from. 409 "pending-resolved" when it was posted or voided already.
    Transfer postPending(QSqlDatabase &tx, const QString &id, const QString &pendingId,
                         std::optional<qint64> amount = std::nullopt);
    // Resolves a pending transfer by releasing all of it.
    Transfer voidPending(QSqlDatabase &tx, const QString &id, const QString &pendingId);

    // Moves what is left of every lot that expired by now to income:breakage (at most
    // maxLots lots per call). Returns the credits expired.
    qint64 expireLots(QSqlDatabase &tx, int maxLots = 1000);

    std::optional<Transfer> transfer(QSqlDatabase &db, const QString &id) const;
    AccountBalance balance(QSqlDatabase &db, const QString &account) const;
    Wallet wallet(QSqlDatabase &db, qint64 userId) const;
    // The lot a transfer created (purchases, bonuses), if any.
    std::optional<CreditLot> lotOfTransfer(QSqlDatabase &db, const QString &transferId) const;

private:
    enum class Kind { Posted, Pending };
    Transfer create(QSqlDatabase &tx, const TransferSpec &spec, Kind kind);
    std::optional<Transfer> existing(QSqlDatabase &tx, const QString &id) const;
    void ensureAccount(QSqlDatabase &tx, const QString &account);
    void applyToAccounts(QSqlDatabase &tx, const QString &debit, const QString &credit,
                         qint64 debitPosted, qint64 debitPending, qint64 creditPosted,
                         qint64 creditPending);
    void drawLots(QSqlDatabase &tx, qint64 userId, const QString &transferId, qint64 amount,
                  std::optional<qint64> fromLot);
    void releaseDraws(QSqlDatabase &tx, const QString &transferId, qint64 amount);
    void grantLot(QSqlDatabase &tx, qint64 userId, const Transfer &t,
                  std::optional<qint64> expiresAt);
    Transfer insertTransfer(QSqlDatabase &tx, Transfer t);
    Transfer resolve(QSqlDatabase &tx, const QString &id, const QString &pendingId,
                     std::optional<qint64> amount, bool post);
    QString forUpdate() const;

    Dialect m_dialect;
    const Clock &m_clock;
    LedgerPolicy m_policy;
};

} // namespace skillex::server
