// WindowedQuery: row-value comparisons on (key, id) so SQLite walks the (key, id) index.
#include "models/windowed/windowedquery.h"

namespace skillex::models {

WindowedQuery::WindowedQuery(const QString &source, const QString &idColumn,
                             const QStringList &columns, const SortSpec &sort,
                             const SqlFilter &filter)
    : m_source(source)
    , m_id(idColumn)
    , m_columns(columns.join(QStringLiteral(", ")))
    , m_sort(sort)
    , m_filter(filter)
{}

QString WindowedQuery::base() const
{
    return m_filter.where.isEmpty() ? QStringLiteral("1")
                                    : QStringLiteral("(%1)").arg(m_filter.where);
}

QString WindowedQuery::page(Direction direction, bool fromRow) const
{
    return select(m_columns.isEmpty() ? QString() : QStringLiteral(", ") + m_columns, direction,
                  fromRow);
}

QString WindowedQuery::keys(Direction direction, bool fromRow) const
{
    return select(QString(), direction, fromRow);
}

QString WindowedQuery::select(const QString &what, Direction direction, bool fromRow) const
{
    const bool ascending =
        (m_sort.order == Qt::AscendingOrder) == (direction == Direction::Forward);
    const QString dir = ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    const QString op = ascending ? QStringLiteral(">") : QStringLiteral("<");
    QString sql = QStringLiteral("SELECT %1, %2%3 FROM %4 WHERE %5")
                      .arg(m_id, m_sort.expr, what, m_source, base());
    if (fromRow)
        sql += QStringLiteral(" AND (%1, %2) %3 (?, ?)").arg(m_sort.expr, m_id, op);
    sql += QStringLiteral(" ORDER BY %1 %3, %2 %3 LIMIT ? OFFSET ?").arg(m_sort.expr, m_id, dir);
    return sql;
}

QString WindowedQuery::count() const
{
    return QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(m_source, base());
}

QString WindowedQuery::countBetween(bool lower, bool upper) const
{
    // "lower" is the bound earlier in the model's order, whichever way that sorts.
    const bool ascending = m_sort.order == Qt::AscendingOrder;
    QString sql = count();
    if (lower)
        sql += QStringLiteral(" AND (%1, %2) %3 (?, ?)")
                   .arg(m_sort.expr, m_id, ascending ? QStringLiteral(">") : QStringLiteral("<"));
    if (upper)
        sql += QStringLiteral(" AND (%1, %2) %3 (?, ?)")
                   .arg(m_sort.expr, m_id, ascending ? QStringLiteral("<") : QStringLiteral(">"));
    return sql;
}

QString WindowedQuery::members(int n) const
{
    QStringList marks;
    marks.reserve(n);
    for (int i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4 AND %1 IN (%5)")
        .arg(m_id, m_sort.expr, m_source, base(), marks.join(u','));
}

QVariantList WindowedQuery::pageValues(const RowKey *from, int limit, qint64 offset) const
{
    QVariantList values = m_filter.values;
    if (from)
        values << from->key << from->id;
    values << limit << offset;
    return values;
}

QVariantList WindowedQuery::countBetweenValues(const RowKey *lower, const RowKey *upper) const
{
    QVariantList values = m_filter.values;
    if (lower)
        values << lower->key << lower->id;
    if (upper)
        values << upper->key << upper->id;
    return values;
}

QVariantList WindowedQuery::memberValues(const QList<qint64> &ids, int n) const
{
    QVariantList values = m_filter.values;
    for (int i = 0; i < n; ++i)
        values << (i < ids.size() ? ids.at(i) : ids.constLast()); // pad with a repeat
    return values;
}

} // namespace skillex::models
