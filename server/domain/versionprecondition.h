// What an If-Match header asks of a versioned resource (cases, taxonomy nodes, adjustments,
// profiles, staff records): any version ("*"), or one of the listed ones.
#pragma once

#include <QList>

namespace skillex::server {

struct VersionPrecondition {
    bool any = false;
    QList<qint64> versions;

    bool admits(qint64 version) const { return any || versions.contains(version); }
};

} // namespace skillex::server
