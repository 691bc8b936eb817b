// CaseRecords: writing cases, their reports, evidence and attachments into the cache from the
// API's JSON (snapshot items, case details, event data). Runs inside a write job.
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace skillex::client {

class CacheWriteTx;

namespace caserecords {

enum class Upserted { Inserted, Updated, Unchanged, Stale };

// A case as the snapshot and the case list give it, or the partial case an event carries
// (fields it lacks are left as stored). A row whose stored version is higher is left alone (an
// event older than the snapshot row it follows): Stale. Equal versions update, because
// priority refreshes move a case without a new version; an item that changes nothing is
// Unchanged and writes nothing (the overlap of a snapshot and the replay that follows it).
Upserted upsertCase(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs);

// GET /admin/cases/{id}: the list fields plus reports and evidence; kept whole in `detail`,
// reports and evidence also in their tables, and the text that search matches.
void storeCaseDetail(CacheWriteTx &tx, const QJsonObject &detail, qint64 nowMs);

// A file of some evidence, by SHA-256. The bytes are optional (metadata first, bytes when
// "prepare for offline" fetched them).
void storeAttachment(CacheWriteTx &tx, const QString &sha256, qint64 size,
                     const QString &contentType, const QString &fileName, const QByteArray *bytes,
                     qint64 nowMs);

// What the text search of the queue matches for a case.
QString searchText(const QJsonObject &item, const QJsonObject &detail = {});

// Wire time (ISO 8601) or a number of milliseconds, to milliseconds; fallback when absent.
qint64 timeMs(const QJsonValue &value, qint64 fallback = 0);

} // namespace caserecords
} // namespace skillex::client
