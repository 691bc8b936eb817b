// Outbox: where a view puts an action. It is written to the cache first (with its
// idempotency key), may be held a few seconds for Undo, and is sent by OutboxDispatcher.
#pragma once

#include "client/cache/cachewriteresult.h"
#include "client/outbox/action.h"
#include "client/outbox/outboxentry.h"
#include "client/outbox/outboxstore.h"

#include <QFuture>
#include <QObject>

#include <functional>
#include <memory>

namespace skillex::client {

class CacheDb;
class CacheReader;
struct TableChange;

class Outbox : public QObject {
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // milliseconds since the epoch

    explicit Outbox(CacheDb *db, QObject *parent = nullptr);
    ~Outbox() override;

    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const;

    // Persists the action as `queued` with a fresh idempotency key; it becomes sendable after
    // holdMs (the Undo window). The result's value is the outbox id.
    QFuture<CacheWriteResult> enqueue(const Action &action, int holdMs = 0);
    // Undo: only while never attempted (the value says whether it was cancelled).
    QFuture<CacheWriteResult> cancel(qint64 id);
    // "Discard mine" on a conflict or failure.
    QFuture<CacheWriteResult> discard(qint64 id);
    // Send a conflict or failure again, with a new key (and the version the person now acts on).
    QFuture<CacheWriteResult> retry(qint64 id,
                                    const std::optional<QString> &ifMatch = std::nullopt);

    std::optional<OutboxEntry> entry(qint64 id);
    // Open actions, and those finished in the last `recentMs`.
    QList<OutboxEntry> entries(qint64 recentMs = 60'000);
    // Kept current from the cache's change notices.
    outboxstore::Counts counts() const { return m_counts; }

    // 1-128 characters of A-Za-z0-9._:- (docs/api.md).
    static QString newIdempotencyKey();

signals:
    void countsChanged(const skillex::client::outboxstore::Counts &counts);
    // An action was added or moved on (state, attempts); ids as in the outbox table.
    void entriesChanged(const QList<qint64> &ids);

private:
    void onCacheChanged(const TableChange &change);
    void refreshCounts();
    CacheReader *reader();

    CacheDb *m_db = nullptr;
    std::unique_ptr<CacheReader> m_reader;
    Clock m_clock;
    outboxstore::Counts m_counts;
};

} // namespace skillex::client

Q_DECLARE_METATYPE(skillex::client::outboxstore::Counts)
