// Ledger account names (DOMAIN.md): member wallets and the platform's own accounts.
#pragma once

#include <QString>

#include <optional>

namespace skillex::server::accounts {

inline const QString kEscrow = QStringLiteral("escrow");
inline const QString kClearingStripe = QStringLiteral("clearing:stripe");
inline const QString kClearingRazorpay = QStringLiteral("clearing:razorpay");
inline const QString kBonusStarter = QStringLiteral("expense:bonus:starter");
inline const QString kBonusReferral = QStringLiteral("expense:bonus:referral");
inline const QString kBonusPromo = QStringLiteral("expense:bonus:promo");
inline const QString kFees = QStringLiteral("income:fees");
inline const QString kBreakage = QStringLiteral("income:breakage");
inline const QString kAdjustments = QStringLiteral("equity:adjustments");

inline QString user(qint64 userId)
{
    return QStringLiteral("user:") + QString::number(userId);
}

inline QString clearing(const QString &provider)
{
    return QStringLiteral("clearing:") + provider;
}

// The member behind a wallet account, or nullopt for a platform account.
inline std::optional<qint64> userOf(const QString &account)
{
    if (!account.startsWith(QStringLiteral("user:")))
        return std::nullopt;
    bool ok = false;
    const qint64 id = account.mid(5).toLongLong(&ok);
    return ok ? std::optional<qint64>(id) : std::nullopt;
}

// The account kind stored with the account: "user", "escrow", "clearing", "expense", "income",
// "equity".
inline QString kindOf(const QString &account)
{
    return account.section(QLatin1Char(':'), 0, 0);
}

} // namespace skillex::server::accounts
