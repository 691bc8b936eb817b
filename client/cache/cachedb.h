// CacheDb: the console's local SQLite cache for one server profile and staff account. Writes
// go to one writer thread; reads use connections of their own; commits are announced.
#pragma once

#include "client/cache/cacheschema.h"
#include "client/cache/cachewriteresult.h"
#include "client/cache/tablechange.h"

#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <memory>

class QLockFile;
class QThread;

namespace skillex::client {

class CacheReader;
class CacheWriter;

class CacheDb : public QObject {
    Q_OBJECT

public:
    enum class OpenError {
        None,
        CannotOpen,      // no file, no folder, not a database
        InUse,           // another console has this cache open
        NewerVersion,    // written by a newer console: refused, nothing touched
        MigrationFailed, // a step failed and was rolled back
    };
    Q_ENUM(OpenError)

    struct Options {
        QString path;
        // Stop migrating at this version (0: the latest). For tests of stepwise migration.
        int targetVersion = 0;
        // Replaces the built-in steps (tests); empty means cacheMigrations().
        QList<CacheMigration> migrations;
    };

    explicit CacheDb(QObject *parent = nullptr);
    ~CacheDb() override;

    // Opens (creating the file and its folder) and migrates; blocks until done.
    bool open(const Options &options);
    bool open(const QString &path) { return open(Options{path, 0, {}}); }
    // Runs the jobs already posted, then closes every connection this thread made.
    void close();

    bool isOpen() const { return m_open; }
    OpenError openError() const { return m_openError; }
    // A sentence for the person: what went wrong and what to do.
    QString errorString() const { return m_errorString; }
    QString path() const { return m_path; }
    int schemaVersion() const { return m_version; }
    // Whether case search uses the FTS5 index (else LIKE over the stored text).
    bool hasFullTextSearch() const { return m_fullTextSearch; }

    // Posts job to the writer thread; it runs in one transaction, in posting order. The future
    // finishes after the commit (or the rollback) and after the change notices were sent.
    QFuture<CacheWriteResult> write(CacheWriteJob job);
    // The same, waiting for it: for start-up, command-line tools and tests, never a view.
    CacheWriteResult writeAndWait(CacheWriteJob job);

    // The calling thread's shared read connection, made on first use. On this object's thread
    // it closes with the cache; on another QThread when that thread finishes.
    CacheReader *reader();
    // A read connection of the caller's own (a model holding a snapshot), on the calling thread.
    std::unique_ptr<CacheReader> openReader(QString *error = nullptr) const;

signals:
    // After each commit, once per table it touched. Delivered on this object's thread.
    void changed(const skillex::client::TableChange &change);

private:
    void onCommitted(const QList<TableChange> &changes);
    void fail(OpenError error, const QString &text);

    // Read by write() from any thread.
    std::atomic<bool> m_open{false};
    std::atomic<bool> m_closing{false};
    QString m_path;
    int m_version = 0;
    bool m_fullTextSearch = false;
    OpenError m_openError = OpenError::None;
    QString m_errorString;
    QThread *m_thread = nullptr;
    CacheWriter *m_writer = nullptr; // lives on m_thread; deleted there
    std::unique_ptr<QLockFile> m_lock;
    QMutex m_readersMutex;
    QHash<QThread *, std::shared_ptr<CacheReader>> m_readers;
};

} // namespace skillex::client
