// CacheDb: the writer thread's lifetime, the open/migrate handshake, and per-thread readers.
#include "client/cache/cachedb.h"

#include "client/cache/cachereader.h"
#include "client/cache/cachewriter.h"
#include "common/logging.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QThread>

namespace skillex::client {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("client.cache");
    return logger;
}

QAtomicInteger<quint64> g_cacheCount;

QFuture<CacheWriteResult> failedWrite(const QString &error)
{
    QPromise<CacheWriteResult> promise;
    QFuture<CacheWriteResult> future = promise.future();
    promise.start();
    promise.addResult(CacheWriteResult{false, error, {}});
    promise.finish();
    return future;
}

} // namespace

CacheDb::CacheDb(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<TableChange>();
    qRegisterMetaType<QList<TableChange>>();
}

CacheDb::~CacheDb()
{
    close();
}

void CacheDb::fail(OpenError error, const QString &text)
{
    m_openError = error;
    m_errorString = text;
    log()->error("cache {}: {}", logging::str(m_path), logging::str(text));
}

bool CacheDb::open(const Options &options)
{
    close();
    m_path = options.path;
    m_openError = OpenError::None;
    m_errorString.clear();
    m_closing = false;

    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        fail(OpenError::CannotOpen,
             tr("The cache folder %1 cannot be created.").arg(info.absolutePath()));
        return false;
    }
    // Two consoles writing one cache would fight over it; the second is told plainly. A lock
    // left by a killed console is stale (its process is gone) and is taken over.
    m_lock = std::make_unique<QLockFile>(m_path + QStringLiteral(".lock"));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(100)) {
        m_lock.reset();
        fail(OpenError::InUse,
             tr("The cache %1 is in use by another Skillex console.").arg(m_path));
        return false;
    }

    const QString connection =
        QStringLiteral("skillex-cache-write-%1").arg(g_cacheCount.fetchAndAddRelaxed(1) + 1);
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cache-writer"));
    m_writer = new CacheWriter(m_path, connection);
    m_writer->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    connect(m_writer, &CacheWriter::committed, this, &CacheDb::onCommitted, Qt::QueuedConnection);
    m_thread->start();

    const QList<CacheMigration> migrations =
        options.migrations.isEmpty() ? cacheMigrations() : options.migrations;
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    CacheWriter::OpenOutcome outcome;
    QMetaObject::invokeMethod(
        m_writer, [&] { outcome = m_writer->open(migrations, options.targetVersion); },
        Qt::BlockingQueuedConnection);

    switch (outcome.error) {
    case CacheWriter::OpenOutcome::Error::None:
        break;
    case CacheWriter::OpenOutcome::Error::CannotOpen:
        fail(OpenError::CannotOpen,
             tr("The cache %1 cannot be opened: %2").arg(m_path, outcome.message));
        break;
    case CacheWriter::OpenOutcome::Error::NewerVersion:
        fail(OpenError::NewerVersion,
             tr("The cache %1 was written by a newer Skillex console (cache version %2; this "
                "console knows up to version %3). Update the console, or start it with "
                "--cache-dir pointing elsewhere.")
                 .arg(m_path)
                 .arg(outcome.version)
                 .arg(latest));
        break;
    case CacheWriter::OpenOutcome::Error::MigrationFailed:
        fail(OpenError::MigrationFailed,
             tr("The cache %1 could not be brought up to date: %2").arg(m_path, outcome.message));
        break;
    }
    if (m_openError != OpenError::None) {
        m_open = true; // so that close() stops the thread
        close();
        return false;
    }
    m_version = outcome.version;
    m_fullTextSearch = outcome.fullTextSearch;
    m_open = true;
    log()->info("cache {} open at version {}{}", logging::str(m_path), m_version,
                m_fullTextSearch ? "" : " (no FTS5: text search falls back to LIKE)");
    return true;
}

void CacheDb::close()
{
    if (!m_thread)
        return;
    m_closing = true;
    {
        QMutexLocker lock(&m_readersMutex);
        // Readers of other threads should have ended with their threads; closing them here
        // is the lesser evil than leaking an SQLite handle, and is said in the log.
        for (auto it = m_readers.begin(); it != m_readers.end(); ++it) {
            if (it.key() != QThread::currentThread())
                log()->warn("cache reader of another thread still open at close");
        }
        m_readers.clear();
    }
    // Queued after every job already posted, so they all run first; blocking, so the
    // connection is closed and removed on the writer thread (which made it) before the
    // thread is told to quit.
    CacheWriter *writer = m_writer;
    if (m_thread->isRunning())
        QMetaObject::invokeMethod(
            writer, [writer] { writer->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread; // the writer was deleted by deleteLater as the thread finished
    m_thread = nullptr;
    m_writer = nullptr;
    m_lock.reset();
    m_open = false;
}

QFuture<CacheWriteResult> CacheDb::write(CacheWriteJob job)
{
    if (!m_open || m_closing)
        return failedWrite(tr("The cache is not open."));
    auto promise = std::make_shared<QPromise<CacheWriteResult>>();
    QFuture<CacheWriteResult> future = promise->future();
    promise->start();
    CacheWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        writer, [writer, job = std::move(job), promise] { writer->run(job, promise); },
        Qt::QueuedConnection);
    return future;
}

CacheWriteResult CacheDb::writeAndWait(CacheWriteJob job)
{
    QFuture<CacheWriteResult> future = write(std::move(job));
    future.waitForFinished();
    return future.result();
}

void CacheDb::onCommitted(const QList<TableChange> &changes)
{
    for (const TableChange &change : changes)
        emit changed(change);
}

CacheReader *CacheDb::reader()
{
    QThread *current = QThread::currentThread();
    QMutexLocker lock(&m_readersMutex);
    auto it = m_readers.find(current);
    if (it != m_readers.end())
        return it->get();
    std::shared_ptr<CacheReader> reader = openReader();
    if (!reader)
        return nullptr;
    m_readers.insert(current, reader);
    if (current != thread()) {
        // Closed from the finishing thread itself (a direct connection runs there).
        connect(
            current, &QThread::finished, this,
            [this, current] {
                QMutexLocker inner(&m_readersMutex);
                m_readers.remove(current);
            },
            Qt::DirectConnection);
    }
    return reader.get();
}

std::unique_ptr<CacheReader> CacheDb::openReader(QString *error) const
{
    if (!m_open)
        return nullptr;
    return CacheReader::open(m_path, error);
}

} // namespace skillex::client
