// CacheWriteTx: what a write job sees inside its transaction on the writer thread.
#pragma once

#include "client/cache/statementcache.h"
#include "client/cache/tablechange.h"

#include <QMap>
#include <QSqlDatabase>
#include <QVariant>

namespace skillex::client {

class CacheWriteTx {
public:
    CacheWriteTx(QSqlDatabase &db, StatementCache &statements, bool fullTextSearch);

    QSqlDatabase &db() { return m_db; }
    // Cached prepared statements; both throw CacheError on failure.
    QSqlQuery &prepare(const QString &sql) { return m_statements.prepare(sql); }
    QSqlQuery &run(const QString &sql, const QVariantList &values = {})
    {
        return m_statements.run(sql, values);
    }
    // The first column of the first row, or an invalid QVariant when there is no row.
    QVariant scalar(const QString &sql, const QVariantList &values = {});
    // Rows changed by the last exec of that statement.
    static int affected(const QSqlQuery &query) { return query.numRowsAffected(); }

    // Record what the job changed; listeners are told once the transaction has committed.
    void inserted(const QString &table, qint64 id) { m_changes[table].inserted.push_back(id); }
    void updated(const QString &table, qint64 id) { m_changes[table].updated.push_back(id); }
    void removed(const QString &table, qint64 id) { m_changes[table].removed.push_back(id); }
    void changedEverything(const QString &table) { m_changes[table].everything = true; }

    // Whether the cache has its SQLite FTS5 index (see CacheDb::hasFullTextSearch).
    bool fullTextSearch() const { return m_fullTextSearch; }

    // What the job hands back to the caller (CacheWriteResult::value).
    void setResult(const QVariant &value) { m_result = value; }
    const QVariant &result() const { return m_result; }

    QList<TableChange> takeChanges();

private:
    QSqlDatabase &m_db;
    StatementCache &m_statements;
    bool m_fullTextSearch = false;
    QMap<QString, TableChange> m_changes;
    QVariant m_result;
};

} // namespace skillex::client
