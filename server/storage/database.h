// The database: one connection per thread, transactions that serialise writers on SQLite.
#pragma once

#include "server/storage/databaseurl.h"
#include "server/storage/dberror.h"

#include <QSqlDatabase>

#include <mutex>
#include <type_traits>
#include <utility>

class QSqlQuery;

namespace skillex::server {

namespace statements {
// Prepared statements are cached per connection (on this thread). acquire lends the cached,
// prepared query for sql; its query is null when that statement is in use further up the
// stack (the caller then prepares its own) or failed to prepare. Every lease is released.
struct Lease {
    QSqlQuery *query = nullptr;
    bool *inUse = nullptr;
};
Lease acquire(const QSqlDatabase &db, const QString &sql, QString *prepareError);
void release(const Lease &lease);
} // namespace statements

class Database {
public:
    explicit Database(DatabaseUrl url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Dialect dialect() const { return m_url.dialect; }
    const DatabaseUrl &url() const { return m_url; }

    // This thread's connection, opened on first use. Throws DbError when it cannot open.
    QSqlDatabase connection();

    // Runs fn(QSqlDatabase&) inside one write transaction and returns what it returns.
    // SQLite allows one writer: writers take a process lock and BEGIN IMMEDIATE, so a
    // transaction never fails half-way on a lock upgrade. Any exception rolls back.
    // Called inside another write on the same thread, it runs in a SAVEPOINT of that
    // transaction: an exception undoes only the inner part (the caller may catch it and go
    // on), and nothing is committed until the outermost write returns. This lets a batch of
    // domain operations (the simulator's) share one commit.
    template <typename Fn>
    auto write(Fn &&fn) -> std::invoke_result_t<Fn, QSqlDatabase &>
    {
        int &depth = writeDepth();
        if (depth > 0)
            return nested(std::forward<Fn>(fn), depth);
        std::unique_lock lock(m_writerMutex, std::defer_lock);
        if (dialect() == Dialect::Sqlite)
            lock.lock();
        QSqlDatabase db = connection();
        begin(db);
        DepthGuard guard(depth);
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<Fn, QSqlDatabase &>>) {
                fn(db);
                commit(db);
            } else {
                auto result = fn(db);
                commit(db);
                return result;
            }
        } catch (...) {
            rollback(db);
            throw;
        }
    }

    // Runs fn(QSqlDatabase&) for reading; consistent within itself on both dialects.
    template <typename Fn>
    auto read(Fn &&fn) -> std::invoke_result_t<Fn, QSqlDatabase &>
    {
        QSqlDatabase db = connection();
        return fn(db);
    }

    // Checks the connection with a trivial query; false instead of throwing.
    bool ping();

    // Drops this thread's cached statements and closes its connections. Worker threads call it
    // before they end: thread_local destructors run after Qt has let go of the thread, when
    // QSqlDatabase no longer recognises it and would leak or double-free the connection.
    static void closeThreadConnections();

private:
    struct DepthGuard {
        explicit DepthGuard(int &d)
            : depth(d)
        {
            ++depth;
        }
        ~DepthGuard() { --depth; }
        int &depth;
    };

    template <typename Fn>
    auto nested(Fn &&fn, int &depth) -> std::invoke_result_t<Fn, QSqlDatabase &>
    {
        QSqlDatabase db = connection();
        const QString name = QStringLiteral("sp%1").arg(depth);
        execStatement(db, QStringLiteral("SAVEPOINT ") + name);
        DepthGuard guard(depth);
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<Fn, QSqlDatabase &>>) {
                fn(db);
                execStatement(db, QStringLiteral("RELEASE SAVEPOINT ") + name);
            } else {
                auto result = fn(db);
                execStatement(db, QStringLiteral("RELEASE SAVEPOINT ") + name);
                return result;
            }
        } catch (...) {
            rollbackTo(db, name);
            throw;
        }
    }

    // How deep this thread is in write() calls on this database.
    int &writeDepth();
    static void execStatement(QSqlDatabase &db, const QString &sql);
    static void rollbackTo(QSqlDatabase &db, const QString &savepoint) noexcept;
    void begin(QSqlDatabase &db);
    void commit(QSqlDatabase &db);
    void rollback(QSqlDatabase &db) noexcept;
    QSqlDatabase openConnection(const QString &name);

    DatabaseUrl m_url;
    quint64 m_instanceId;
    std::mutex m_writerMutex;
};

} // namespace skillex::server
