// Per-thread connections: QSqlDatabase objects may only be used on the thread that made them,
// so each thread (the HTTP pool's and the main one) gets its own, removed when the thread ends.
#include "server/storage/database.h"

#include "common/logging.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <unordered_map>

namespace skillex::server {
namespace {

std::atomic<quint64> g_nextInstance{1};

struct CachedStatement {
    std::unique_ptr<QSqlQuery> query;
    bool inUse = false;
};

// A bound on cached statements per connection; past it the cache starts again.
constexpr size_t kMaxCachedStatements = 256;

// Owns the connection names this thread opened and their prepared statements; closes them
// when the thread exits. Statements go first: a QSqlQuery must not outlive its connection.
struct ThreadConnections {
    std::unordered_map<quint64, QString> names;
    std::unordered_map<QString, std::unordered_map<QString, CachedStatement>>
        statements; // by connection name, then SQL

    void forgetStatements(const QString &connection) { statements.erase(connection); }

    void closeAll()
    {
        statements.clear();
        for (const auto &entry : names) {
            {
                QSqlDatabase db = QSqlDatabase::database(entry.second, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(entry.second);
        }
        names.clear();
    }

    // A fallback only: threads are expected to call Database::closeThreadConnections() first.
    ~ThreadConnections() { closeAll(); }
};

thread_local ThreadConnections t_connections;

void execOrThrow(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        throw DbError(DbError::Kind::Query, sql + QStringLiteral(": ") + q.lastError().text());
}

} // namespace

namespace statements {

Lease acquire(const QSqlDatabase &db, const QString &sql, QString *prepareError)
{
    auto &cache = t_connections.statements[db.connectionName()];
    auto it = cache.find(sql);
    if (it != cache.end()) {
        if (it->second.inUse)
            return {};
        it->second.inUse = true;
        return {it->second.query.get(), &it->second.inUse};
    }
    if (cache.size() >= kMaxCachedStatements) {
        bool busy = false;
        for (const auto &entry : cache)
            busy = busy || entry.second.inUse;
        if (!busy)
            cache.clear();
    }
    auto query = std::make_unique<QSqlQuery>(db);
    // Results are only ever read front to back; forward-only keeps Qt from caching every row.
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        *prepareError = query->lastError().text();
        return {};
    }
    CachedStatement &entry = cache[sql];
    entry.query = std::move(query);
    entry.inUse = true;
    return {entry.query.get(), &entry.inUse};
}

void release(const Lease &lease)
{
    if (!lease.query)
        return;
    lease.query->finish();
    *lease.inUse = false;
}

} // namespace statements

Database::Database(DatabaseUrl url)
    : m_url(std::move(url))
    , m_instanceId(g_nextInstance++)
{}

Database::~Database()
{
    // Only this thread's connection can be removed here; pool threads close theirs on exit.
    auto it = t_connections.names.find(m_instanceId);
    if (it != t_connections.names.end()) {
        const QString name = it->second;
        t_connections.names.erase(it);
        t_connections.forgetStatements(name);
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QSqlDatabase Database::connection()
{
    auto it = t_connections.names.find(m_instanceId);
    if (it != t_connections.names.end()) {
        QSqlDatabase db = QSqlDatabase::database(it->second, false);
        if (db.isOpen())
            return db;
        if (db.open())
            return db;
        throw DbError(DbError::Kind::Connection, db.lastError().text());
    }
    const QString name = QStringLiteral("skillex-%1-%2")
                             .arg(m_instanceId)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    QSqlDatabase db = openConnection(name);
    t_connections.names.emplace(m_instanceId, name);
    return db;
}

QSqlDatabase Database::openConnection(const QString &name)
{
    const bool sqlite = dialect() == Dialect::Sqlite;
    QSqlDatabase db = QSqlDatabase::addDatabase(
        sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
    if (sqlite) {
        db.setDatabaseName(m_url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db.setHostName(m_url.host);
        db.setPort(m_url.port);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
        db.setDatabaseName(m_url.name);
        db.setConnectOptions(QStringLiteral("connect_timeout=5"));
    }
    if (!db.open()) {
        const QString message = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw DbError(DbError::Kind::Connection,
                      QStringLiteral("cannot open %1: %2").arg(m_url.redacted(), message));
    }
    if (sqlite) {
        // WAL lets readers run beside the one writer; NORMAL sync is safe with WAL.
        execOrThrow(db, QStringLiteral("PRAGMA journal_mode=WAL"));
        execOrThrow(db, QStringLiteral("PRAGMA synchronous=NORMAL"));
        execOrThrow(db, QStringLiteral("PRAGMA foreign_keys=ON"));
    } else {
        execOrThrow(db, QStringLiteral("SET TIME ZONE 'UTC'"));
    }
    return db;
}

int &Database::writeDepth()
{
    thread_local std::unordered_map<quint64, int> depths;
    return depths[m_instanceId];
}

void Database::execStatement(QSqlDatabase &db, const QString &sql)
{
    execOrThrow(db, sql);
}

void Database::rollbackTo(QSqlDatabase &db, const QString &savepoint) noexcept
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint);
    q.exec(QStringLiteral("RELEASE SAVEPOINT ") + savepoint);
}

void Database::begin(QSqlDatabase &db)
{
    if (dialect() == Dialect::Sqlite)
        execOrThrow(db, QStringLiteral("BEGIN IMMEDIATE"));
    else if (!db.transaction())
        throw DbError(DbError::Kind::Query, QStringLiteral("BEGIN: ") + db.lastError().text());
}

void Database::commit(QSqlDatabase &db)
{
    if (dialect() == Dialect::Sqlite)
        execOrThrow(db, QStringLiteral("COMMIT"));
    else if (!db.commit())
        throw DbError(DbError::Kind::Query, QStringLiteral("COMMIT: ") + db.lastError().text());
}

void Database::rollback(QSqlDatabase &db) noexcept
{
    if (dialect() == Dialect::Sqlite) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("ROLLBACK"));
    } else {
        db.rollback();
    }
}

void Database::closeThreadConnections()
{
    t_connections.closeAll();
}

bool Database::ping()
{
    try {
        QSqlDatabase db = connection();
        QSqlQuery q(db);
        return q.exec(QStringLiteral("SELECT 1")) && q.next();
    } catch (const DbError &) {
        return false;
    }
}

} // namespace skillex::server
