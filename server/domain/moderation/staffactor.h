// The staff member behind a moderation operation: who, what they may do beyond moderating,
// and where the request came from (for the audit log).
#pragma once

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
struct VersionMatch {
    bool any = false;
    QList<qint64> versions;

    bool admits(qint64 version) const { return any || versions.contains(version); }
};

} // namespace skillex::server
