// CacheWriter: the one connection that writes the cache, living on its own thread.
#pragma once

#include "client/cache/cacheschema.h"
#include "client/cache/cachewriteresult.h"
#include "client/cache/tablechange.h"

#include <QObject>
#include <QPromise>
#include <QSqlDatabase>

#include <memory>

namespace skillex::client {

class StatementCache;

class CacheWriter : public QObject {
    Q_OBJECT

public:
    struct OpenOutcome {
        enum class Error { None, CannotOpen, NewerVersion, MigrationFailed };
        Error error = Error::None;
        QString message;
        int version = 0;
        bool fullTextSearch = false;
    };

    CacheWriter(const QString &path, const QString &connectionName);
    ~CacheWriter() override;

    // Everything below runs on the writer thread only.
    OpenOutcome open(const QList<CacheMigration> &migrations, int targetVersion);
    void run(const CacheWriteJob &job, const std::shared_ptr<QPromise<CacheWriteResult>> &promise);
    // Closes and removes the connection: on this thread, which made it.
    void close();

signals:
    // After COMMIT, never before: a listener that reads at once sees the change.
    void committed(const QList<skillex::client::TableChange> &changes);

private:
    void migrate(const CacheMigration &step);
    int readVersion();
    void pruneChangeLog();

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<StatementCache> m_statements;
    bool m_fullTextSearch = false;
    bool m_hasChangeLog = false;
    int m_jobsSincePrune = 0;
};

} // namespace skillex::client
