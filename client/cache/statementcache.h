// StatementCache: prepared statements kept per connection, so a hot query is prepared once.
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>

namespace skillex::client {

class StatementCache {
public:
    explicit StatementCache(QSqlDatabase db)
        : m_db(std::move(db))
    {}
    ~StatementCache() { clear(); }
    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    // The prepared statement for sql, made on first use. Forward-only; the caller finishes
    // reading it before asking for the same sql again. Throws CacheError when it will not prepare.
    QSqlQuery &prepare(const QString &sql);
    // prepare, bind values in order, exec; throws CacheError on failure.
    QSqlQuery &run(const QString &sql, const QVariantList &values = {});

    // Resets every statement, so none keeps a read transaction or a snapshot open.
    void finishAll()
    {
        for (auto &statement : m_statements)
            statement->finish();
    }
    // Drops every statement (before the connection closes).
    void clear() { m_statements.clear(); }
    int size() const { return int(m_statements.size()); }

private:
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
};

// Runs one statement that is not worth caching (DDL, PRAGMA); throws CacheError on failure.
void execDirect(QSqlDatabase &db, const QString &sql);

} // namespace skillex::client
