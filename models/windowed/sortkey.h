// SortKey: a row's place in a windowed model's order, (key, id), compared as SQLite does.
#pragma once

#include <QString>
#include <QVariant>

namespace skillex::models {

// The column a windowed model pages on. It must be NOT NULL and indexed as (expr, id), so a
// page is a walk along that index from a known row ("keyset").
struct SortSpec {
    QString expr;
    Qt::SortOrder order = Qt::AscendingOrder;

    bool operator==(const SortSpec &) const = default;
};

struct RowKey {
    QVariant key;
    qint64 id = 0;
};

// Three-way comparison of (key, id) in ascending SQLite order (numbers before text, text
// byte-wise as the BINARY collation), so the model's arithmetic agrees with its queries.
int compareRowKeys(const RowKey &a, const RowKey &b);

// Whether a comes before b in the given order.
inline bool rowKeyBefore(const RowKey &a, const RowKey &b, Qt::SortOrder order)
{
    const int c = compareRowKeys(a, b);
    return order == Qt::AscendingOrder ? c < 0 : c > 0;
}

} // namespace skillex::models
