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
              });
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
    setQuery(SortSpec{QStringLiteral("t.created_at"), m_order},
             SqlFilter{where.join(QStringLiteral(" AND ")), values});
}

QVariant TransfersModel::rowData(qint64, const QVariantList &values, int, int role) const
{
    if (role == PendingRole)
        return values.value(Kind).toString() == QLatin1String("pending");
    return {};
}

} // namespace skillex::models
