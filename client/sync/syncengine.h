// SyncEngine: keeps the cache equal to the server. A first sync from snapshot pages (resumable,
// with progress), then the event stream, each batch of events applied in the transaction that
// moves the cursor; a resync when the server asks; what an event names but does not carry is
// fetched.
#pragma once

#include "client/api/apierror.h"

#include <QJsonArray>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace skillex::client {

class ApiClient;
class CacheDb;
class ConnectionState;
class EventStream;
struct ApiResult;

class SyncEngine : public QObject {
    Q_OBJECT

public:
    enum class Phase { Idle, Snapshot, Streaming };
    Q_ENUM(Phase)

    struct Options {
        int pageSize = 500;
        // Events applied per transaction at most; a backlog is applied in big batches (fewer
        // commits), a trickle at once.
        int maxBatch = 2000;
        int flushDelayMs = 10;
        // In the order of the first sync: the taxonomy and staff first, the big tables last.
        QStringList resources{QStringLiteral("categories"), QStringLiteral("skills"),
                              QStringLiteral("staff"), QStringLiteral("users"),
                              QStringLiteral("cases")};
    };

    SyncEngine(CacheDb *db, ApiClient *api, QObject *parent = nullptr);
    ~SyncEngine() override;

    void setOptions(const Options &options) { m_options = options; }
    // Syncing with progress, live, server unavailable, and the last event's time go there.
    void setConnectionState(ConnectionState *state) { m_connection = state; }
    EventStream *stream() const { return m_stream; }

    // Continues where the cache left off: the rest of a first sync, or the stream.
    void start();
    void stop();
    // Takes a snapshot again (the server said resync, or the person asked).
    void resync();

    Phase phase() const { return m_phase; }
    bool isLive() const;
    qint64 cursor() const { return m_cursor; }

signals:
    void progress(int percent, const QString &text);
    void snapshotFinished(qint64 items, qint64 milliseconds);
    void live();
    void eventsApplied(qint64 lastSeq, int count);
    void failed(const skillex::client::ApiError &error);

private:
    struct ResourceProgress {
        QString after;
        bool done = false;
        qint64 items = 0;
    };

    void loadState();
    void nextPage();
    void onPage(const QString &resource, const ApiResult &result);
    void finishSnapshot();
    void startStream();
    void onEvent(const QJsonObject &event);
    void flushEvents();
    void fetchLater(const QString &kind, qint64 id);
    void fetchPending();
    void retrySoon(const ApiError &error);
    int percent() const;

    CacheDb *m_db = nullptr;
    ApiClient *m_api = nullptr;
    EventStream *m_stream = nullptr;
    ConnectionState *m_connection = nullptr;
    Options m_options;
    Phase m_phase = Phase::Idle;
    bool m_running = false;
    quint64 m_generation = 0; // answers of a stopped or restarted sync are dropped
    QHash<QString, ResourceProgress> m_progress;
    qint64 m_snapshotHead = 0;
    qint64 m_snapshotItems = 0;
    qint64 m_cursor = 0;
    qint64 m_snapshotStartedMs = 0;
    int m_retries = 0;
    QJsonArray m_buffer;
    QTimer m_flush;
    QTimer m_retry;
    QSet<qint64> m_fetchUsers;
    QSet<qint64> m_fetchCases;
    QTimer m_fetch;
};

} // namespace skillex::client
