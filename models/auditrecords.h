// AuditRecords: audit entries (GET /admin/audit items) into the cache's audit_entries table.
#pragma once

#include <QJsonObject>

namespace skillex::client {
class CacheWriteTx;
}

namespace skillex::models::auditrecords {

// {id, at, actor_id, actor_label, action, target_type, target_id, reason, before, after, ...}.
// Entries never change on the server, but a tampered row read again replaces what was kept, so
// the list shows what the server holds now. Runs inside a write job.
void upsert(client::CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs);

} // namespace skillex::models::auditrecords
