// CacheWriter: opens the file (WAL, synchronous=NORMAL), migrates step by step, runs each job
// in one BEGIN IMMEDIATE transaction and tells listeners after the commit.
#include "client/cache/cachewriter.h"

#include "client/cache/cacheerror.h"
#include "client/cache/cachewritetx.h"
#include "client/cache/statementcache.h"
#include "common/logging.h"

#include <QSqlQuery>

namespace skillex::client {

namespace {

// Models more than this many row changes behind reload whole rather than replay them.
constexpr qint64 kChangeLogKept = 200'000;
constexpr int kPruneEvery = 256;

const auto &log()
{
    static const auto logger = logging::logger("client.cache");
    return logger;
}

// A temporary probe table: whether this SQLite was built with FTS5 (Debian's is).
bool probeFts5(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("CREATE VIRTUAL TABLE temp.skillex_fts5_probe USING fts5(x)")))
        return false;
    query.exec(QStringLiteral("DROP TABLE temp.skillex_fts5_probe"));
    return true;
}

} // namespace

CacheWriter::CacheWriter(const QString &path, const QString &connectionName)
    : m_path(path)
    , m_connectionName(connectionName)
{}

CacheWriter::~CacheWriter() = default;

CacheWriter::OpenOutcome CacheWriter::open(const QList<CacheMigration> &migrations,
                                           int targetVersion)
{
    OpenOutcome outcome;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        outcome.error = OpenOutcome::Error::CannotOpen;
        outcome.message = m_db.lastError().text();
        return outcome;
    }
    m_statements = std::make_unique<StatementCache>(m_db);
    try {
        // WAL lets the models read while this thread writes; NORMAL syncs at checkpoints
        // only, which loses nothing on a crash of the process (only on a power cut).
        QSqlQuery mode(m_db);
        if (!mode.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !mode.next() ||
            mode.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
            throw CacheError(QStringLiteral("the cache cannot use write-ahead logging"));
        mode.finish();
        execDirect(m_db, QStringLiteral("PRAGMA synchronous=NORMAL"));
        // A big transaction (a snapshot page, an event batch) touches many index pages; with
        // SQLite's 2 MB default they spill to the WAL and are written again and again.
        execDirect(m_db, QStringLiteral("PRAGMA cache_size=-65536"));
        execDirect(m_db, QStringLiteral("PRAGMA temp_store=MEMORY"));
        // Checkpoints (with their fsyncs) every 32 MB of WAL rather than every 4 MB.
        execDirect(m_db, QStringLiteral("PRAGMA wal_autocheckpoint=8000"));
        // After a burst the WAL restarts from its beginning; this gives the file back too.
        execDirect(m_db, QStringLiteral("PRAGMA journal_size_limit=67108864"));
        m_fullTextSearch = probeFts5(m_db);
        execDirect(m_db,
                   QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER "
                                  "NOT NULL)"));
        execDirect(m_db, QStringLiteral("INSERT INTO schema_version (version) SELECT 0 WHERE "
                                        "NOT EXISTS (SELECT 1 FROM schema_version)"));
        int version = readVersion();
        const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
        if (version > latest) {
            outcome.error = OpenOutcome::Error::NewerVersion;
            outcome.version = version;
            outcome.message = QStringLiteral("cache version %1, this console knows up to %2")
                                  .arg(version)
                                  .arg(latest);
            close();
            return outcome;
        }
        const int target = targetVersion > 0 ? qMin(targetVersion, latest) : latest;
        for (const CacheMigration &step : migrations) {
            if (step.version <= version || step.version > target)
                continue;
            migrate(step);
            version = step.version;
        }
        outcome.version = version;
        QSqlQuery fts(m_db);
        fts.exec(QStringLiteral(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases_fts'"));
        outcome.fullTextSearch = fts.next();
        fts.finish();
        fts.exec(QStringLiteral(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_log'"));
        m_hasChangeLog = fts.next();
        m_fullTextSearch = m_fullTextSearch && outcome.fullTextSearch;
    } catch (const CacheError &error) {
        outcome.error = OpenOutcome::Error::MigrationFailed;
        outcome.message = error.message();
        close();
    }
    return outcome;
}

int CacheWriter::readVersion()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT version FROM schema_version")) || !query.next())
        throw CacheError(QStringLiteral("read schema_version"), query.lastError());
    return query.value(0).toInt();
}

void CacheWriter::migrate(const CacheMigration &step)
{
    log()->info("cache {}: migrating to version {} ({})", logging::str(m_path), step.version,
                logging::str(step.name));
    execDirect(m_db, QStringLiteral("BEGIN IMMEDIATE"));
    try {
        CacheWriteTx tx(m_db, *m_statements, m_fullTextSearch);
        step.apply(tx);
        tx.run(QStringLiteral("UPDATE schema_version SET version = ?"), {step.version});
        m_statements->clear(); // statements prepared against the old schema
        execDirect(m_db, QStringLiteral("COMMIT"));
    } catch (const CacheError &error) {
        m_statements->clear();
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        throw CacheError(QStringLiteral("migration %1 (%2) failed, nothing of it was applied: %3")
                             .arg(step.version)
                             .arg(step.name, error.message()));
    }
}

void CacheWriter::run(const CacheWriteJob &job,
                      const std::shared_ptr<QPromise<CacheWriteResult>> &promise)
{
    CacheWriteResult result;
    QList<TableChange> changes;
    if (!m_db.isOpen()) {
        result.error = QStringLiteral("the cache is closed");
    } else {
        try {
            execDirect(m_db, QStringLiteral("BEGIN IMMEDIATE"));
            try {
                CacheWriteTx tx(m_db, *m_statements, m_fullTextSearch);
                job(tx);
                execDirect(m_db, QStringLiteral("COMMIT"));
                changes = tx.takeChanges();
                result.value = tx.result();
                result.ok = true;
            } catch (...) {
                QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
                throw;
            }
        } catch (const CacheError &error) {
            result.error = error.message();
        } catch (const std::exception &error) {
            result.error = QString::fromUtf8(error.what());
        }
        if (!result.ok)
            log()->warn("cache write rolled back: {}", logging::str(result.error));
    }
    if (!changes.isEmpty())
        emit committed(changes);
    promise->addResult(result);
    promise->finish();
    if (m_hasChangeLog && ++m_jobsSincePrune >= kPruneEvery) {
        m_jobsSincePrune = 0;
        pruneChangeLog();
    }
}

void CacheWriter::pruneChangeLog()
{
    // Its own small transaction after the job's, so a job never pays for it.
    QSqlQuery prune(m_db);
    prune.exec(QStringLiteral("DELETE FROM change_log WHERE seq <= (SELECT MAX(seq) FROM "
                              "change_log) - %1")
                   .arg(kChangeLogKept));
}

void CacheWriter::close()
{
    m_statements.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

} // namespace skillex::client
