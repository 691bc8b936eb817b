// The five ledger invariants of DOMAIN.md, checked on demand (GET /admin/ledger/check) and
// after every step of the ledger property test.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>

namespace skillex::server {

struct InvariantResult {
    int number = 0;
    QString name;
    bool ok = true;
    QString detail;       // what differs, when it does
    QStringList accounts; // accounts (or transfers, for 5) that break it; at most 100
};

struct LedgerCheck {
    bool ok = true;
    QList<InvariantResult> invariants;
    qint64 accountsChecked = 0;
    qint64 transfersChecked = 0;

    QJsonObject toJson() const;
};

// Checks everything from scratch.
LedgerCheck checkLedger(QSqlDatabase &db);

// Keeps the totals it recomputed from transfers, so that each later check reads only the
// transfers appended since (transfers are immutable). For one writer at a time, such as the
// property test; with concurrent PostgreSQL writers a lower seq may commit late, so the
// endpoint uses checkLedger().
class LedgerChecker {
public:
    LedgerCheck check(QSqlDatabase &db);

private:
    struct Totals {
        qint64 debitsPosted = 0, creditsPosted = 0, debitsPending = 0, creditsPending = 0;
        bool operator==(const Totals &) const = default;
    };
    struct Open {
        QString debit, credit;
        qint64 amount = 0;
    };
    QHash<QString, Totals> m_recomputed;
    QHash<QString, Open> m_open;      // pending transfers not yet resolved
    QSet<QString> m_resolved;         // pending transfers posted or voided
    QStringList m_resolutionProblems; // transfers that broke invariant 5
    qint64 m_lastSeq = 0;
    qint64 m_transfers = 0;
};

// Not one of the five, but what lots promise: for every wallet, the credits left in its lots
// equal what it can spend. Used by the property test; offenders listed in accounts.
InvariantResult checkLotsMatchWallets(QSqlDatabase &db);

} // namespace skillex::server
