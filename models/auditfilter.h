// AuditFilter: the audit log's filters, one value for both the server query (read-through
// fetch) and the cached list (AuditModel), so the two always ask for the same entries.
#pragma once

#include <QDateTime>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace skillex::models {

struct AuditFilter {
    std::optional<qint64> actorId;
    QString action; // exact, or a prefix ending in "."
    QString targetType;
    QString targetId;
    QDateTime from; // from <= at
    QDateTime to;   // at < to

    bool isEmpty() const
    {
        return !actorId && action.isEmpty() && targetType.isEmpty() && targetId.isEmpty() &&
               !from.isValid() && !to.isValid();
    }
    // The query of GET /admin/audit for these filters (without limit and cursor).
    QUrlQuery toQuery() const;
    bool operator==(const AuditFilter &) const = default;
};

} // namespace skillex::models
