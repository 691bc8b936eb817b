// TransfersModel: statement columns, amounts right-aligned as "1,250 cr", pending marked.
#include "models/transfersmodel.h"

#include <QDateTime>
#include <QLocale>

namespace skillex::models {

TransfersModel::TransfersModel(client::CacheDb *db, QObject *parent)
    : WindowedSqlModel(db, parent)
{
    const auto left = Qt::AlignLeft | Qt::AlignVCenter;
    setSource(QStringLiteral("transfers t"), QStringLiteral("transfers"), QStringLiteral("t.seq"),
              {
                  {tr("Date"), QStringLiteral("t.created_at"),
                   [](const QVariantList &v) {
                       return QLocale().toString(
                           QDateTime::fromMSecsSinceEpoch(v.at(Date).toLongLong()),
                           QLocale::ShortFormat);
                   },
                   left, QStringLiteral("t.created_at")},
                  {tr("Code"), QStringLiteral("t.code"), {}, left, {}},
                  {tr("From"), QStringLiteral("t.debit"), {}, left, {}},
                  {tr("To"), QStringLiteral("t.credit"), {}, left, {}},
                  {tr("Reference"),
                   QStringLiteral("CASE WHEN t.ref_type = '' THEN '' ELSE t.ref_type || ' ' || "
                                  "t.ref_id END"),
                   {},
                   left,
                   {}},
                  {tr("Amount"),
                   QStringLiteral("t.amount"),
                   [](const QVariantList &v) {
                       return tr("%1 cr").arg(QLocale().toString(v.at(Amount).toLongLong()));
                   },
                   Qt::AlignRight | Qt::AlignVCenter,
                   {}},
                  {tr("Kind"), QStringLiteral("t.kind"), {}, left, {}},
              },
              // The status says whether a pending transfer was resolved since; the JSON opens
              // the linked object.
              {QStringLiteral("COALESCE(json_extract(t.json, '$.status'), t.kind)"),
               QStringLiteral("t.json")});
    apply();
}

void TransfersModel::setAccount(const QString &account)
{
    m_account = account;
    apply();
}

void TransfersModel::setCode(const QString &code)
{
    m_code = code;
    apply();
}

void TransfersModel::setPeriod(qint64 fromMs, qint64 toMs)
{
    m_from = fromMs;
    m_to = toMs;
    apply();
}

void TransfersModel::setReference(const QString &ref)
{
    m_ref = ref.trimmed();
    apply();
}

void TransfersModel::setAmountRange(qint64 min, qint64 max)
{
    m_minAmount = min;
    m_maxAmount = max;
    apply();
}

void TransfersModel::sort(int column, Qt::SortOrder order)
{
    if (column != Date)
        return;
    m_order = order;
    apply();
}

void TransfersModel::apply()
{
    QStringList where;
    QVariantList values;
    if (!m_account.isEmpty()) {
        where << QStringLiteral("(t.debit = ? OR t.credit = ?)");
        values << m_account << m_account;
    }
    if (!m_code.isEmpty()) {
        where << QStringLiteral("t.code = ?");
        values << m_code;
    }
    if (m_from > 0) {
        where << QStringLiteral("t.created_at >= ?");
        values << m_from;
    }
    if (m_to > 0) {
        where << QStringLiteral("t.created_at < ?");
        values << m_to;
    }
    if (!m_ref.isEmpty()) {
        const qsizetype colon = m_ref.indexOf(u':');
        where << QStringLiteral("t.ref_type = ?");
        values << (colon < 0 ? m_ref : m_ref.left(colon));
        if (colon >= 0) {
            where << QStringLiteral("t.ref_id = ?");
            values << m_ref.mid(colon + 1);
        }
    }
    if (m_minAmount > 0) {
        where << QStringLiteral("t.amount >= ?");
        values << m_minAmount;
    }
    if (m_maxAmount > 0) {
        where << QStringLiteral("t.amount <= ?");
        values << m_maxAmount;
    }
    setQuery(SortSpec{QStringLiteral("t.created_at"), m_order},
             SqlFilter{where.join(QStringLiteral(" AND ")), values});
}

QVariant TransfersModel::rowData(qint64, const QVariantList &values, int, int role) const
{
    if (role == PendingRole)
        return values.value(Kind + 1).toString() == QLatin1String("pending");
    if (role == JsonRole)
        return values.value(Kind + 2);
    return {};
}

} // namespace skillex::models
