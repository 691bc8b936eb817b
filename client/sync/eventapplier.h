// EventApplier: applies stream events to the cache and advances the cursor in the same
// transaction, so a crash never applies an event twice or skips one.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace skillex::client {

class CacheWriteTx;

namespace eventapplier {

struct Outcome {
    qint64 applied = 0; // events that changed or could change the cache
    qint64 skipped = 0; // at or below the cursor: already applied (a replay overlap)
    qint64 ignored = 0; // types the console does not keep
    qint64 lastSeq = 0; // the cursor after the batch
    qint64 lastAt = 0;  // the last event's time (ms), for "last event 2 s ago"
};

// Applies events in order; each must be the cursor's next (seq = last + 1) or already applied.
// A gap throws CacheError: the batch rolls back and the caller resyncs.
Outcome apply(CacheWriteTx &tx, const QJsonArray &events, qint64 nowMs);
// Applies one event's change without touching the cursor (apply() does the cursor).
// Returns false for a type the console does not keep.
bool applyOne(CacheWriteTx &tx, const QJsonObject &event, qint64 nowMs);

qint64 cursor(CacheWriteTx &tx);

// What an event names but does not carry (a new member's account, the cases whose priority a
// refresh moved): the caller fetches them and upserts them outside the cursor's transaction.
QList<std::pair<QString, qint64>> needsFetch(const QJsonObject &event);

} // namespace eventapplier
} // namespace skillex::client
