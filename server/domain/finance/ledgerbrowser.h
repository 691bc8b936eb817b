// Reading the ledger for finance staff: transfers with filters, accounts with balances, and an
// account's statement with running balances, all newest first on indexed keysets.
#pragma once

#include "server/domain/ledger/ledger.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server {

struct TransferFilter {
    std::optional<QString> account; // a ledger account name: user:42, escrow, clearing:stripe
    std::optional<QString> code;
    std::optional<QString> refType;
    std::optional<QString> refId;
    std::optional<qint64> from; // created_at >= from (ms)
    std::optional<qint64> to;   // created_at < to (ms)
    std::optional<qint64> minAmount;
    std::optional<qint64> maxAmount;
    std::optional<QString> status; // posted, pending, voided
};

struct TransferItem {
    Transfer transfer;
    QString status; // posted, pending (held, not resolved yet) or voided

    QJsonObject toJson() const;
};

// Transfers with seq below beforeSeq, newest first, at most limit.
QList<TransferItem> listTransfers(QSqlDatabase &db, const TransferFilter &filter,
                                  std::optional<qint64> beforeSeq, int limit);

// A ref as a typed link the console can open: {type, id, href} (href null when unknown).
QJsonObject refLink(const QString &refType, const QString &refId);

struct AccountRow {
    AccountBalance totals;
    QString kind;
    std::optional<qint64> userId;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
};

// Accounts with ids after afterId in id order, optionally of one kind.
QList<AccountRow> listAccounts(QSqlDatabase &db, const std::optional<QString> &kind,
                               const std::optional<QString> &afterId, int limit);
std::optional<AccountRow> findAccount(QSqlDatabase &db, const QString &id);

// Balances are credit-normal (credits - debits): "balance" posted, "pending" held; a wallet's
// available credits are balance + pending (nothing pending ever credits a wallet).
struct StatementEntry {
    qint64 seq = 0;
    QString transferId;
    QString code;
    QString kind;
    qint64 amount = 0;
    QString counterparty;
    QString refType;
    QString refId;
    qint64 createdAt = 0;
    qint64 change = 0;        // on the posted balance
    qint64 pendingChange = 0; // on the pending balance
    qint64 balance = 0;       // after this entry
    qint64 pending = 0;       // after this entry

    QJsonObject toJson(bool wallet) const;
};

// Where the next page starts: below seq, with the balances after the entry just before it.
struct StatementCursor {
    qint64 seq = 0;
    qint64 balance = 0;
    qint64 pending = 0;

    QString encode() const;
    static std::optional<StatementCursor> decode(const QString &text);
};

struct StatementPage {
    QList<StatementEntry> entries;
    std::optional<StatementCursor> next;
};

// One statement reads the account's totals and its newest transfers together, so the running
// balance starts from the same snapshot the entries come from; later pages continue from the
// cursor's balances, so they need no sum over older transfers.
StatementPage accountStatement(QSqlDatabase &db, const QString &account,
                               const std::optional<StatementCursor> &after, int limit);

} // namespace skillex::server
