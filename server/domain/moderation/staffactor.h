// The staff member behind a moderation operation (server/domain/staffactor.h) and what If-Match
// asks of a moderation resource.
#pragma once

#include "server/domain/staffactor.h"
#include "server/domain/versionprecondition.h"

#include <QList>
#include <QString>

#include <optional>

namespace skillex::server {

// If-Match on a versioned moderation resource: "*" or the versions it names. An absent header
// never reaches the domain (the HTTP layer answers 428); bulk operations pass none.
using VersionMatch = VersionPrecondition;

} // namespace skillex::server
