// CacheWriteTx: statement access and change bookkeeping for one write transaction.
#include "client/cache/cachewritetx.h"

namespace skillex::client {

CacheWriteTx::CacheWriteTx(QSqlDatabase &db, StatementCache &statements, bool fullTextSearch)
    : m_db(db)
    , m_statements(statements)
    , m_fullTextSearch(fullTextSearch)
{}

QVariant CacheWriteTx::scalar(const QString &sql, const QVariantList &values)
{
    QSqlQuery &query = run(sql, values);
    QVariant value = query.next() ? query.value(0) : QVariant();
    query.finish();
    return value;
}

QList<TableChange> CacheWriteTx::takeChanges()
{
    QList<TableChange> out;
    for (auto it = m_changes.begin(); it != m_changes.end(); ++it) {
        TableChange change = std::move(it.value());
        change.table = it.key();
        // A row inserted and then updated in the same job is, to a listener, an insert.
        for (qint64 id : std::as_const(change.inserted))
            change.updated.removeAll(id);
        std::sort(change.updated.begin(), change.updated.end());
        change.updated.erase(std::unique(change.updated.begin(), change.updated.end()),
                             change.updated.end());
        if (!change.isEmpty())
            out.push_back(std::move(change));
    }
    m_changes.clear();
    return out;
}

} // namespace skillex::client
