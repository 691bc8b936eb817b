// CacheReader: a query-only connection; closing it removes it on the thread that made it.
#include "client/cache/cachereader.h"

#include "client/cache/cacheerror.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>

namespace skillex::client {

namespace {
QAtomicInteger<quint64> g_readerCount;
}

CacheReader::CacheReader(const QString &connectionName)
    : m_connectionName(connectionName)
{}

std::unique_ptr<CacheReader> CacheReader::open(const QString &path, QString *error)
{
    const QString name =
        QStringLiteral("skillex-cache-read-%1").arg(g_readerCount.fetchAndAddRelaxed(1) + 1);
    std::unique_ptr<CacheReader> reader(new CacheReader(name));
    reader->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    reader->m_db.setDatabaseName(path);
    reader->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!reader->m_db.open()) {
        if (error)
            *error = reader->m_db.lastError().text();
        return nullptr;
    }
    QSqlQuery pragma(reader->m_db);
    // A reader never writes: a bug that tries is refused instead of racing the writer thread.
    pragma.exec(QStringLiteral("PRAGMA query_only=ON"));
    pragma.exec(QStringLiteral("PRAGMA cache_size=-8192"));
    reader->m_statements = std::make_unique<StatementCache>(reader->m_db);
    return reader;
}

CacheReader::~CacheReader()
{
    if (m_inSnapshot)
        endSnapshot();
    m_statements.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QVariant CacheReader::scalar(const QString &sql, const QVariantList &values)
{
    try {
        QSqlQuery &query = run(sql, values);
        QVariant value = query.next() ? query.value(0) : QVariant();
        query.finish();
        return value;
    } catch (const CacheError &) {
        return {};
    }
}

bool CacheReader::beginSnapshot()
{
    if (m_inSnapshot)
        return true;
    QSqlQuery query(m_db);
    // BEGIN is deferred: the snapshot is taken by the first read, so read something now.
    m_inSnapshot = query.exec(QStringLiteral("BEGIN")) &&
                   query.exec(QStringLiteral("SELECT 1 FROM sqlite_master LIMIT 1"));
    return m_inSnapshot;
}

void CacheReader::endSnapshot()
{
    if (!m_inSnapshot)
        return;
    // Statements still stepping would keep the old snapshot alive past COMMIT.
    m_statements->finishAll();
    QSqlQuery(m_db).exec(QStringLiteral("COMMIT"));
    m_inSnapshot = false;
}

} // namespace skillex::client
