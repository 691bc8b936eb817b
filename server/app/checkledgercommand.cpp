// Prints each invariant with a tick or a cross and what breaks it, for operators and scripts.
#include "server/app/checkledgercommand.h"

#include "server/app/serverinstance.h"
#include "server/domain/ledger/ledgercheck.h"
#include "server/storage/database.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

namespace skillex::server {

int runCheckLedger(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("db"), QStringLiteral("Database URL (or SKILLEX_DB)."),
                      QStringLiteral("url")});
    if (!parser.parse(QStringList{QStringLiteral("check-ledger")} + arguments)) {
        err << "check-ledger: " << parser.errorText() << "\n";
        return 2;
    }
    const QString dbUrl =
        parser.isSet(QStringLiteral("db"))
            ? parser.value(QStringLiteral("db"))
            : QProcessEnvironment::systemEnvironment().value(QStringLiteral("SKILLEX_DB"));
    if (dbUrl.isEmpty()) {
        err << "usage: skillex-server admin check-ledger --db URL\n";
        return 2;
    }
    QString error;
    auto db = openAndMigrate(dbUrl, &error);
    if (!db) {
        err << "check-ledger: " << error << "\n";
        return 1;
    }
    const LedgerCheck check = db->read([](QSqlDatabase &c) { return checkLedger(c); });
    for (const InvariantResult &i : check.invariants) {
        out << (i.ok ? "ok     " : "BROKEN ") << i.number << ". " << i.name;
        if (!i.ok)
            out << ": " << i.detail << " [" << i.accounts.join(QStringLiteral(", ")) << "]";
        out << "\n";
    }
    const InvariantResult lots = db->read([](QSqlDatabase &c) { return checkLotsMatchWallets(c); });
    out << (lots.ok ? "ok     " : "BROKEN ") << "   " << lots.name
        << (lots.ok ? QString() : QStringLiteral(": ") + lots.detail) << "\n";
    out << check.accountsChecked << " accounts, " << check.transfersChecked
        << " transfers checked\n";
    return check.ok && lots.ok ? 0 : 1;
}

} // namespace skillex::server
