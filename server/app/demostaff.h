// Demo staff accounts: one per role (and second approvers), passwords printed once and kept
// in DATA_DIR/demo-credentials.json (0600) so the console's --demo can sign in.
#pragma once

#include <QString>

namespace skillex::server {

class Accounts;
class AuditLog;
class Database;

// Creates the accounts on first start (returns true and fills printed with the text to show);
// on later starts does nothing and returns false.
bool ensureDemoStaff(Database &db, Accounts &accounts, AuditLog &audit, const QString &dataDir,
                     const QString &serverUrl, QString *printed, QString *error);

QString demoCredentialsPath(const QString &dataDir);

} // namespace skillex::server
