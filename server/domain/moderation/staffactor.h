// The staff member behind a moderation operation: who, what they may do beyond moderating,
// and where the request came from (for the audit log).
#pragma once

#include "server/domain/versionprecondition.h"

#include <QList>
#include <QString>

#include <optional>

namespace skillex::server {

struct StaffActor {
    qint64 id = 0;
    QString label;       // the email, for the audit log
    bool senior = false; // may work escalated cases, decide appeals, approve bans
    QString address;
    QString requestId;
};

// If-Match on a versioned moderation resource: "*" or the versions it names. An absent header
// never reaches the domain (the HTTP layer answers 428); bulk operations pass none.
using VersionMatch = VersionPrecondition;

} // namespace skillex::server
