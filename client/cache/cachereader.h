// CacheReader: one read connection to the cache with its prepared statements, for one thread.
#pragma once

#include "client/cache/statementcache.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace skillex::client {

class CacheReader {
public:
    // Opens a connection of its own on the calling thread; null (and error set) on failure.
    static std::unique_ptr<CacheReader> open(const QString &path, QString *error = nullptr);
    // Must run on the thread that opened it: a QSqlDatabase belongs to its thread.
    ~CacheReader();
    CacheReader(const CacheReader &) = delete;
    CacheReader &operator=(const CacheReader &) = delete;

    QSqlDatabase &db() { return m_db; }
    // Cached prepared statements (throw CacheError on failure; see StatementCache).
    QSqlQuery &prepare(const QString &sql) { return m_statements->prepare(sql); }
    QSqlQuery &run(const QString &sql, const QVariantList &values = {})
    {
        return m_statements->run(sql, values);
    }
    // The first column of the first row; an invalid QVariant when there is no row or it failed.
    QVariant scalar(const QString &sql, const QVariantList &values = {});

    // A read transaction: every query until endSnapshot sees the cache as it was at the first
    // of them, whatever the writer commits meanwhile (WAL). A windowed model holds one between
    // two change notices, so its row count and its pages always agree.
    bool beginSnapshot();
    void endSnapshot();
    bool inSnapshot() const { return m_inSnapshot; }

private:
    explicit CacheReader(const QString &connectionName);

    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<StatementCache> m_statements;
    bool m_inSnapshot = false;
};

} // namespace skillex::client
