// The staff member behind an admin operation: who (for the audit log), whether they hold a
// senior moderation role, and where the request came from. One definition for every area:
// two structs of this name in one program are an ODR violation (ASan caught one).
#pragma once

#include <QString>

namespace skillex::server {

struct StaffActor {
    qint64 id = 0;
    QString label;       // the email, for the audit log
    bool senior = false; // may work escalated cases, decide appeals, approve bans
    QString address;
    QString requestId;
};

} // namespace skillex::server
