// Columns are found by name (case-insensitive), so reordered or extra columns (Stripe's
// metadata columns) do no harm. Amounts: Stripe's reports give major units as decimals and
// negative refunds; Razorpay's recon report gives integers in paise (its API's unit), and a
// value with a decimal point is read as rupees, as spreadsheet re-exports write them.
#include "server/domain/finance/settlementreport.h"

#include "server/domain/domainerror.h"
#include "server/domain/finance/csvreader.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

namespace skillex::server {
namespace {

using namespace protocol;

class Columns {
public:
    explicit Columns(const QStringList &header)
    {
        for (qsizetype i = 0; i < header.size(); ++i)
            m_index.insert(header.at(i).trimmed().toLower(), static_cast<int>(i));
    }
    bool has(const QString &name) const { return m_index.contains(name); }
    QStringList missing(const QStringList &names) const
    {
        QStringList out;
        for (const QString &n : names)
            if (!has(n))
                out << n;
        return out;
    }
    QString get(const QStringList &fields, const QString &name) const
    {
        const int i = m_index.value(name, -1);
        return i >= 0 && i < fields.size() ? fields.at(i).trimmed() : QString();
    }

private:
    QHash<QString, int> m_index;
};

std::optional<qint64> parseTime(const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    static const QRegularExpression digits(QStringLiteral("^[0-9]{9,11}$"));
    if (digits.match(text).hasMatch())
        return text.toLongLong() * 1000;
    for (const QString &format :
         {QStringLiteral("yyyy-MM-dd HH:mm:ss"), QStringLiteral("yyyy-MM-dd HH:mm"),
          QStringLiteral("yyyy-MM-ddTHH:mm:ss"), QStringLiteral("dd/MM/yyyy HH:mm:ss"),
          QStringLiteral("yyyy-MM-dd")}) {
        QDateTime t = QDateTime::fromString(text, format);
        if (t.isValid()) {
            t.setTimeSpec(Qt::UTC);
            return t.toMSecsSinceEpoch();
        }
    }
    const QDateTime iso = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (iso.isValid())
        return iso.toMSecsSinceEpoch();
    return std::nullopt;
}

DomainError notLayout(const QString &provider, const QString &detail)
{
    return DomainError(400, problemtype::kSettlementLayout,
                       QStringLiteral("Not a %1 settlement report").arg(provider), detail);
}

// Stripe: the itemized balance change report (balance_change_from_activity.itemized) or the
// Dashboard's balance transactions export (id, Type, Source, Amount, ...).
void readStripe(SettlementReport &report, const Columns &cols, const QList<CsvRecord> &records,
                qsizetype headerFields)
{
    const bool itemized = cols.has(QStringLiteral("balance_transaction_id"));
    report.layout =
        itemized ? QStringLiteral("stripe_itemized") : QStringLiteral("stripe_balance_export");
    const QString idCol =
        itemized ? QStringLiteral("balance_transaction_id") : QStringLiteral("id");
    const QString kindCol =
        itemized ? QStringLiteral("reporting_category") : QStringLiteral("type");
    const QString amountCol = itemized ? QStringLiteral("gross") : QStringLiteral("amount");
    const QString timeCol =
        itemized ? (cols.has(QStringLiteral("created_utc")) ? QStringLiteral("created_utc")
                                                            : QStringLiteral("created"))
                 : QStringLiteral("created (utc)");
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord &rec = records.at(r);
        SettlementRow row;
        row.line = rec.line;
        if (!rec.error.isEmpty() || rec.fields.size() != headerFields) {
            row.error = rec.error.isEmpty() ? QStringLiteral("has %1 fields, the header %2")
                                                  .arg(rec.fields.size())
                                                  .arg(headerFields)
                                            : rec.error;
            report.rows.push_back(row);
            continue;
        }
        const QString &f0 = idCol;
        row.reportId = cols.get(rec.fields, f0);
        const QString kind = cols.get(rec.fields, kindCol).toLower();
        row.kind = kind == QStringLiteral("charge") || kind == QStringLiteral("payment")
                       ? QStringLiteral("charge")
                   : kind == QStringLiteral("refund") || kind == QStringLiteral("payment_refund")
                       ? QStringLiteral("refund")
                       : QStringLiteral("other");
        row.currency = cols.get(rec.fields, QStringLiteral("currency")).toUpper();
        const QString source =
            cols.get(rec.fields, itemized ? QStringLiteral("source_id") : QStringLiteral("source"));
        row.orderId = cols.get(rec.fields, QStringLiteral("payment_intent_id"));
        row.paymentRef = cols.get(rec.fields, QStringLiteral("charge_id"));
        if (row.orderId.isEmpty() && source.startsWith(QStringLiteral("pi_")))
            row.orderId = source;
        if (row.paymentRef.isEmpty() &&
            (source.startsWith(QStringLiteral("ch_")) || source.startsWith(QStringLiteral("py_"))))
            row.paymentRef = source;
        const auto amount = majorToMinor(cols.get(rec.fields, amountCol), row.currency);
        row.at = parseTime(cols.get(rec.fields, timeCol));
        if (row.reportId.isEmpty())
            row.error = QStringLiteral("%1 is empty").arg(idCol);
        else if (row.currency.size() != 3)
            row.error = QStringLiteral("currency is not an ISO 4217 code");
        else if (!amount)
            row.error = QStringLiteral("%1 is not an amount").arg(amountCol);
        else if (!row.at)
            row.error = QStringLiteral("%1 is not a time").arg(timeCol);
        else if (row.kind != QStringLiteral("other") && row.orderId.isEmpty() &&
                 row.paymentRef.isEmpty())
            row.error = QStringLiteral("names no payment intent or charge");
        if (amount)
            row.amountMinor = std::abs(*amount);
        report.rows.push_back(row);
    }
}

void readRazorpay(SettlementReport &report, const Columns &cols, const QList<CsvRecord> &records,
                  qsizetype headerFields)
{
    report.layout = QStringLiteral("razorpay_recon");
    static const QRegularExpression integer(QStringLiteral("^-?[0-9]+$"));
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord &rec = records.at(r);
        SettlementRow row;
        row.line = rec.line;
        if (!rec.error.isEmpty() || rec.fields.size() != headerFields) {
            row.error = rec.error.isEmpty() ? QStringLiteral("has %1 fields, the header %2")
                                                  .arg(rec.fields.size())
                                                  .arg(headerFields)
                                            : rec.error;
            report.rows.push_back(row);
            continue;
        }
        row.reportId = cols.get(rec.fields, QStringLiteral("entity_id"));
        const QString type = cols.get(rec.fields, QStringLiteral("type")).toLower();
        row.kind = type == QStringLiteral("payment")  ? QStringLiteral("charge")
                   : type == QStringLiteral("refund") ? QStringLiteral("refund")
                                                      : QStringLiteral("other");
        row.currency = cols.get(rec.fields, QStringLiteral("currency")).toUpper();
        row.orderId = cols.get(rec.fields, QStringLiteral("order_id"));
        row.paymentRef = row.kind == QStringLiteral("charge")
                             ? row.reportId
                             : cols.get(rec.fields, QStringLiteral("payment_id"));
        const QString amountText = cols.get(rec.fields, QStringLiteral("amount"));
        std::optional<qint64> amount;
        if (integer.match(amountText).hasMatch())
            amount = amountText.toLongLong();
        else
            amount = majorToMinor(amountText, row.currency);
        row.at = parseTime(cols.get(rec.fields, QStringLiteral("created_at")));
        if (row.reportId.isEmpty())
            row.error = QStringLiteral("entity_id is empty");
        else if (row.currency.size() != 3)
            row.error = QStringLiteral("currency is not an ISO 4217 code");
        else if (!amount)
            row.error = QStringLiteral("amount is not an amount");
        else if (!row.at)
            row.error = QStringLiteral("created_at is not a time");
        else if (row.kind != QStringLiteral("other") && row.orderId.isEmpty() &&
                 row.paymentRef.isEmpty())
            row.error = QStringLiteral("names no order or payment");
        if (amount)
            row.amountMinor = std::abs(*amount);
        report.rows.push_back(row);
    }
}

} // namespace

int currencyExponent(const QString &currency)
{
    static const QStringList zeroDecimal{
        QStringLiteral("BIF"), QStringLiteral("CLP"), QStringLiteral("DJF"), QStringLiteral("GNF"),
        QStringLiteral("JPY"), QStringLiteral("KMF"), QStringLiteral("KRW"), QStringLiteral("MGA"),
        QStringLiteral("PYG"), QStringLiteral("RWF"), QStringLiteral("UGX"), QStringLiteral("VND"),
        QStringLiteral("VUV"), QStringLiteral("XAF"), QStringLiteral("XOF"), QStringLiteral("XPF")};
    return zeroDecimal.contains(currency.toUpper()) ? 0 : 2;
}

std::optional<qint64> majorToMinor(const QString &text, const QString &currency)
{
    static const QRegularExpression decimal(QStringLiteral("^(-?)([0-9]{1,15})(?:\\.([0-9]*))?$"));
    const auto m = decimal.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const int exponent = currencyExponent(currency);
    QString fraction = m.captured(3);
    while (fraction.size() > exponent && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    if (fraction.size() > exponent)
        return std::nullopt;
    fraction = fraction.leftJustified(exponent, QLatin1Char('0'));
    qint64 value = m.captured(2).toLongLong();
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    value += fraction.isEmpty() ? 0 : fraction.toLongLong();
    return m.captured(1).isEmpty() ? value : -value;
}

SettlementReport readSettlementReport(const QString &provider, const QByteArray &csv)
{
    const QList<CsvRecord> records = parseCsv(csv);
    if (records.isEmpty())
        throw notLayout(provider, QStringLiteral("The file is empty."));
    const Columns cols(records.first().fields);
    SettlementReport report;
    report.provider = provider;
    const qsizetype headerFields = records.first().fields.size();
    if (provider == QStringLiteral("stripe")) {
        const QStringList itemized{QStringLiteral("balance_transaction_id"),
                                   QStringLiteral("currency"), QStringLiteral("gross"),
                                   QStringLiteral("reporting_category")};
        const QStringList exported{QStringLiteral("id"),       QStringLiteral("type"),
                                   QStringLiteral("source"),   QStringLiteral("amount"),
                                   QStringLiteral("currency"), QStringLiteral("created (utc)")};
        if (!cols.missing(itemized).isEmpty() && !cols.missing(exported).isEmpty())
            throw notLayout(
                provider,
                QStringLiteral("The header has neither the itemized balance change report's "
                               "columns (missing: %1) nor the balance transaction export's "
                               "(missing: %2).")
                    .arg(cols.missing(itemized).join(QStringLiteral(", ")),
                         cols.missing(exported).join(QStringLiteral(", "))));
        if (cols.missing(itemized).isEmpty() && !cols.has(QStringLiteral("created_utc")) &&
            !cols.has(QStringLiteral("created")))
            throw notLayout(provider, QStringLiteral("The header has no created_utc column."));
        readStripe(report, cols, records, headerFields);
    } else {
        const QStringList recon{QStringLiteral("entity_id"),  QStringLiteral("type"),
                                QStringLiteral("amount"),     QStringLiteral("currency"),
                                QStringLiteral("created_at"), QStringLiteral("order_id")};
        if (const QStringList missing = cols.missing(recon); !missing.isEmpty())
            throw notLayout(provider,
                            QStringLiteral("The header lacks the settlement recon report's "
                                           "columns: %1.")
                                .arg(missing.join(QStringLiteral(", "))));
        readRazorpay(report, cols, records, headerFields);
    }
    return report;
}

} // namespace skillex::server
