// Reading the audit log for staff: filtered pages newest first, and the chain check explained.
#pragma once

#include "server/domain/audit/auditlog.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace skillex::server {

struct AuditSearch {
    std::optional<qint64> actorId;
    std::optional<QString> action; // exact, or a prefix when it ends with '.' ("case.")
    std::optional<QString> targetType;
    std::optional<QString> targetId;
    std::optional<qint64> from; // at >= from
    std::optional<qint64> to;   // at < to
    int limit = 50;
    std::optional<qint64> beforeId; // keyset: ids below this one (newest first)
};

struct AuditPage {
    QJsonArray items;
    std::optional<qint64> next; // id of the last item when more follow
};

class AuditQuery {
public:
    explicit AuditQuery(Database &db);

    // Items: {id, at, actor_id, actor_label, action, target_type, target_id, reason, before,
    // after (JSON objects or null), address, request_id, hash}.
    AuditPage search(const AuditSearch &search) const;
    // {ok, checked, first_broken: null | {id, at, action, reason}} from AuditLog::verify, with
    // the reason the first broken row does not hold.
    QJsonObject verify(AuditLog &log) const;

private:
    Database &m_db;
};

} // namespace skillex::server
