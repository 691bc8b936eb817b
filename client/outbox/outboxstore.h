// OutboxStore: the outbox table's statements. Writes run inside cache write jobs (so each
// state change is one transaction on the writer thread); reads take a reader.
#pragma once

#include "client/outbox/outboxentry.h"

#include <QJsonValue>
#include <QList>
#include <QSet>

namespace skillex::client {

class CacheReader;
class CacheWriteTx;

namespace outboxstore {

inline const QString kTable = QStringLiteral("outbox");

// Writes ---------------------------------------------------------------------------------
qint64 enqueue(CacheWriteTx &tx, const Action &action, const QString &idempotencyKey, qint64 nowMs,
               qint64 holdUntilMs);
// Only an action never attempted can be cancelled: one that was sent may have been applied.
bool cancel(CacheWriteTx &tx, qint64 id, qint64 nowMs);
bool discard(CacheWriteTx &tx, qint64 id, qint64 nowMs);
// A conflict or failure sent again: a fresh key (the server replays a stored refusal for the
// old one), and If-Match replaced when the person acted on the server's current version.
bool retry(CacheWriteTx &tx, qint64 id, const QString &newKey, qint64 nowMs,
           const std::optional<QString> &ifMatch = std::nullopt);
// queued -> sending, attempts + 1; false when the row is no longer sendable (cancelled).
bool markSending(CacheWriteTx &tx, qint64 id, qint64 nowMs);
void recordDone(CacheWriteTx &tx, qint64 id, qint64 nowMs, int status, const QJsonValue &result,
                const QString &note);
void recordRetry(CacheWriteTx &tx, qint64 id, qint64 nowMs, int status, const QString &error,
                 qint64 nextTryAtMs);
void recordConflict(CacheWriteTx &tx, qint64 id, qint64 nowMs, int status, const QString &error,
                    const QJsonValue &current);
void recordFailed(CacheWriteTx &tx, qint64 id, qint64 nowMs, int status, const QString &error);
// Found `sending` at start-up: the process ended mid-request. Back to queued, same key.
int resetInFlight(CacheWriteTx &tx);
// Makes every queued action due now (the person pressed "Try now").
int makeDueNow(CacheWriteTx &tx, qint64 nowMs);
int pruneFinished(CacheWriteTx &tx, qint64 olderThanMs);

// Reads ----------------------------------------------------------------------------------
std::optional<OutboxEntry> entry(CacheReader &reader, qint64 id);
// Every action still open or finished after `finishedSinceMs`, oldest first.
QList<OutboxEntry> entries(CacheReader &reader, qint64 finishedSinceMs = 0);
// Queued actions due at nowMs that head their target's line (no earlier open action on the
// same target), oldest first, skipping ids in `busy`.
QList<OutboxEntry> sendable(CacheReader &reader, qint64 nowMs, int limit, const QSet<qint64> &busy);
// When the next queued action becomes due (hold or backoff), if any.
std::optional<qint64> nextDueAt(CacheReader &reader);

struct Counts {
    int queued = 0; // queued or sending
    int conflicts = 0;
    int failed = 0;
    int open() const { return queued + conflicts + failed; }
    bool operator==(const Counts &) const = default;
};
Counts counts(CacheReader &reader);

} // namespace outboxstore
} // namespace skillex::client
