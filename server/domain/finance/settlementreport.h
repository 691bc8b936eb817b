// Provider settlement reports read into one shape: Stripe's itemized balance change report (or
// the Dashboard's balance transaction export) and Razorpay's settlement recon report.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace skillex::server {

struct SettlementRow {
    int line = 0;
    QString kind;             // charge, refund, or other (payouts, fees, transfers: not matched)
    QString reportId;         // the report's own id: txn_... or pay_... / rfnd_...
    QString orderId;          // what our payments call provider_order_id (pi_..., order_...)
    QString paymentRef;       // the provider's payment id (ch_..., pay_...), when given
    qint64 amountMinor = 0;   // positive, in minor units
    QString currency;         // upper case
    std::optional<qint64> at; // ms since the epoch
    QString error;            // a bad row: why; nothing else is trusted then
};

struct SettlementReport {
    QString provider;
    QString layout; // stripe_itemized, stripe_balance_export, razorpay_recon
    QList<SettlementRow> rows;
};

// Throws DomainError 400 settlement-layout when the header is not a layout of provider. Bad
// rows are kept with their line and error, never fatal.
SettlementReport readSettlementReport(const QString &provider, const QByteArray &csv);

// A decimal amount in major units ("10.00", "-4.5") to minor units of currency; nullopt when it
// is not a number or has more decimals than the currency.
std::optional<qint64> majorToMinor(const QString &text, const QString &currency);
int currencyExponent(const QString &currency);

} // namespace skillex::server
