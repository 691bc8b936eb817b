// ConsoleHarness: what every GUI test of an area needs — the real skillex-server on the test's
// database with a simulated marketplace, and staff consoles signed in to it, each with its own
// cache, synced and live. The widgets under test get the console's Workspace, exactly as the
// executable gives it to them.
#pragma once

#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "client/connection/connectionstate.h"
#include "client/workspace/workspace.h"
#include "tests/testutils/testserver.h"

#include <QTemporaryDir>

#include <memory>

namespace skillex::tests {

// One staff member's console: client, session, connection state and workspace.
struct StaffConsole {
    testutils::StaffAccount account;
    QString cacheDir; // the folder its cache is in (CachePaths base), for reopening it offline
    client::ApiClient api;
    client::AuthSession session{&api, nullptr};
    client::ConnectionState connection;
    client::Workspace workspace{&session, &api, &connection};
    ~StaffConsole() { workspace.close(); }
};

class ConsoleHarness {
public:
    ConsoleHarness();
    ~ConsoleHarness();

    // Starts the server after `skillex-server simulate` made `members` members and `days` days
    // of activity (reports and cases among them). False with error() on failure.
    bool start(int members = 200, int days = 10, int seed = 7);

    // A new staff account with the role (e.g. "moderator", "senior_moderator", "finance",
    // "admin", "viewer"), signed in, its cache synced and the event stream live. Null with
    // error() on failure.
    std::unique_ptr<StaffConsole> openConsole(const QString &role, int timeoutMs = 90'000);

    testutils::TestServer &server() { return m_server; }
    QString databaseUrl() const { return m_server.databaseUrl(); }
    QString error() const { return m_error; }

private:
    testutils::TestServer m_server;
    QTemporaryDir m_caches;
    QString m_error;
    int m_consoles = 0;
};

} // namespace skillex::tests
