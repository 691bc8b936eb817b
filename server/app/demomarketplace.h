// The demo's marketplace: a month of history made on first start, then live activity, so a
// new user of `skillex-console --demo` sees a busy marketplace and reports arriving.
#pragma once

#include "server/domain/payments/paymentsecrets.h"

#include <QString>
#include <QTextStream>

#include <memory>

namespace skillex::server {

class Database;
class MaintenanceJobs;

namespace sim_demo {
// Members and days of the demo history: SKILLEX_DEMO_MEMBERS (default 5000) and
// SKILLEX_DEMO_DAYS (default 30); tests make small ones.
int demoMembers();
int demoDays();
} // namespace sim_demo

// Builds the history when the database has no members yet. Progress goes to err as lines
// "progress: <day>/<days> <text>", which the console shows while it waits. false and error
// on failure.
bool buildDemoHistoryIfEmpty(Database &db, const PaymentSecrets &secrets, QTextStream &err,
                             QString *error);

// Starts live activity on a thread of its own (a few actions every couple of seconds).
std::unique_ptr<MaintenanceJobs> startLiveDemo(Database &db, const PaymentSecrets &secrets);

} // namespace skillex::server
