// Shared by the payment and wallet tests: members signing up and in, webhook delivery, wallet
// reads straight from the server's database, and the ledger invariants checked from outside.
#pragma once

#include "server/domain/ledger/ledgercheck.h"
#include "server/sim/signedwebhook.h"
#include "server/storage/database.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testsql.h"

#include <QJsonDocument>
#include <QString>
#include <QUrl>

namespace skillex::testutils {

struct SignedInMember {
    qint64 id = 0;
    QString token;
};

inline SignedInMember registerAndSignIn(const QUrl &base, const QString &email)
{
    TestHttp http(base);
    const QString password = QStringLiteral("learning-is-fun");
    const auto r = http.post(QStringLiteral("/api/v1/auth/register"),
                             {{QStringLiteral("email"), email},
                              {QStringLiteral("password"), password},
                              {QStringLiteral("name"), QStringLiteral("Test Member")}});
    const auto login =
        http.post(QStringLiteral("/api/v1/auth/login"),
                  {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    return {r.json().value(QStringLiteral("id")).toInteger(),
            login.json().value(QStringLiteral("access_token")).toString()};
}

inline TestResponse deliver(const QUrl &base, const QString &path, const sim::SignedWebhook &w)
{
    return TestHttp(base).send("POST", path, w.body, w.headers);
}

// What the member can spend, straight from the ledger's account row.
inline qint64 availableCredits(const QString &dbUrl, qint64 userId)
{
    return sqlScalar(dbUrl,
                     QStringLiteral("SELECT credits_posted - debits_posted - debits_pending "
                                    "FROM ledger_accounts WHERE id = :a"),
                     {{QStringLiteral(":a"), QStringLiteral("user:%1").arg(userId)}})
        .toLongLong();
}

inline qint64 countOf(const QString &dbUrl, const QString &sql, const QVariantMap &bindings = {})
{
    return sqlScalar(dbUrl, sql, bindings).toLongLong();
}

// The five ledger invariants and the lots-match-wallets property; empty when all hold.
inline QString ledgerProblems(server::Database &db)
{
    return db.read([](QSqlDatabase &c) {
        QStringList problems;
        const server::LedgerCheck check = server::checkLedger(c);
        if (!check.ok)
            problems.push_back(
                QString::fromUtf8(QJsonDocument(check.toJson()).toJson(QJsonDocument::Compact)));
        const server::InvariantResult lots = server::checkLotsMatchWallets(c);
        if (!lots.ok)
            problems.push_back(lots.detail + QLatin1Char(' ') +
                               lots.accounts.join(QLatin1Char(',')));
        return problems.join(QLatin1Char('\n'));
    });
}

} // namespace skillex::testutils
