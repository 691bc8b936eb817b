// The resources of GET /admin/sync/snapshot: a small registry, so an area adds its own
// resource (canned reasons, adjustments, ...) with one entry in snapshotSources().
#pragma once

#include "protocol/roles.h"

#include <QJsonArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace skillex::server {

struct SnapshotPage {
    QJsonArray items;
    std::optional<qint64> next; // keyset of the last item when there may be more
};

struct SnapshotSource {
    QString name;
    // Any one of these admits the caller (like Access::staffAnyOf on the list endpoints).
    QList<protocol::Permission> anyOf;
    // Items with key > after (nullopt: from the start), at most limit, in key order.
    std::function<SnapshotPage(QSqlDatabase &, std::optional<qint64> after, int limit)> page;
};

// Every snapshot resource, in the order the console syncs them.
const std::vector<SnapshotSource> &snapshotSources();

} // namespace skillex::server
