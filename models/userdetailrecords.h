// UserDetailRecords: a member's file (GET /admin/users/{id}) kept in the cache's users.detail
// column, so the member's page opens offline with the time it was fetched.
#pragma once

#include <QJsonObject>

#include <optional>

namespace skillex::client {
class CacheReader;
class CacheWriteTx;
} // namespace skillex::client

namespace skillex::models::userdetailrecords {

struct StoredDetail {
    QJsonObject detail;
    qint64 fetchedAtMs = 0;
};

// Writes the file and refreshes the account's list fields from it (name, email, status).
// Runs inside a write job.
void store(client::CacheWriteTx &tx, const QJsonObject &detail, qint64 nowMs);
// The stored file of an account, or nothing when it was never fetched.
std::optional<StoredDetail> read(client::CacheReader &reader, qint64 userId);

} // namespace skillex::models::userdetailrecords
