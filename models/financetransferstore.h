// financetransferstore: the ledger pages the console fetched (GET /admin/ledger/transfers, a
// payment's transfers) written into the cache's `transfers` table, so TransfersModel shows them
// and they stay readable offline ("ledger pages seen", read-through).
#pragma once

#include "client/cache/cachewriteresult.h"

#include <QFuture>
#include <QJsonArray>
#include <QJsonObject>
#include <QVariantList>

namespace skillex::client {
class CacheDb;
}

namespace skillex::models::financetransfers {

// One server transfer item as the values of a `transfers` row, in the column order of
// kUpsertSql; empty when the item lacks its seq or id (nothing to key it on).
QVariantList rowValues(const QJsonObject &item, qint64 seenAtMs);

// Inserts or replaces the items (a pending transfer that was posted since comes back with its
// new status). The result's value is how many rows were written.
QFuture<client::CacheWriteResult> store(client::CacheDb *db, const QJsonArray &items);

} // namespace skillex::models::financetransfers
