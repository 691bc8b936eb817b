// WindowedQuery: the SQL a windowed model runs for one source, filter and sort: pages forward
// and backward from a known row, counts, and membership of changed rows.
#pragma once

#include "models/windowed/sortkey.h"

#include <QStringList>
#include <QVariantList>

namespace skillex::models {

struct SqlFilter {
    QString where; // a boolean SQL expression over the source's columns; empty: every row
    QVariantList values;

    bool operator==(const SqlFilter &) const = default;
};

class WindowedQuery {
public:
    // Which way a page is read from its starting point.
    enum class Direction { Forward, Backward };

    WindowedQuery() = default;
    WindowedQuery(const QString &source, const QString &idColumn, const QStringList &columns,
                  const SortSpec &sort, const SqlFilter &filter);

    // SELECT id, key, columns... in order (Forward) or in reverse (Backward), after (before)
    // the bound row when `fromRow`, with LIMIT ? OFFSET ? at the end.
    QString page(Direction direction, bool fromRow) const;
    // The same, selecting only id and key (for anchors).
    QString keys(Direction direction, bool fromRow) const;
    QString count() const;
    // Rows strictly between two bounds; either bound may be open (start or end).
    QString countBetween(bool lower, bool upper) const;
    // SELECT id, key of the rows among `n` ids that pass the filter.
    QString members(int n) const;

    // Values to bind, in the order the statements above use them.
    QVariantList pageValues(const RowKey *from, int limit, qint64 offset) const;
    QVariantList countBetweenValues(const RowKey *lower, const RowKey *upper) const;
    QVariantList memberValues(const QList<qint64> &ids, int n) const;
    const QVariantList &filterValues() const { return m_filter.values; }

    const SortSpec &sort() const { return m_sort; }
    const SqlFilter &filter() const { return m_filter; }

private:
    QString base() const;
    QString select(const QString &what, Direction direction, bool fromRow) const;

    QString m_source;
    QString m_id;
    QString m_columns;
    SortSpec m_sort;
    SqlFilter m_filter;
};

} // namespace skillex::models
