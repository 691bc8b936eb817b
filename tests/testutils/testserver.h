// The real skillex-server as a child process on port 0, on a fresh SQLite file or a fresh
// PostgreSQL database (in the server the ctest "postgres" fixture started).
#pragma once

#include "tests/testutils/testdatabase.h"
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace skillex::testutils {

struct StaffAccount {
    QString email;
    QString password;
    QString role;
};

class TestServer {
public:
    enum class Backend { Sqlite, Postgres };
    // SKILLEX_TEST_DB=postgres selects PostgreSQL; anything else SQLite.
    static Backend backendFromEnvironment();

    explicit TestServer(Backend backend = backendFromEnvironment());
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    // Starts the server and waits for its "listening on" line. The database survives
    // stop()/start(), so restarts can be tested. false with error() on failure.
    bool start(const QStringList &extraArguments = {});
    // SIGTERM, then wait. false (with error()) unless it exits cleanly with status 0, so a
    // sanitizer report or a crash at shutdown fails the test that calls it.
    bool stop();
    void kill(); // SIGKILL: a crash
    bool isRunning() const;

    QString error() const { return m_error; }
    QUrl baseUrl() const { return m_baseUrl; }
    QString databaseUrl() const { return m_databaseUrl; }
    Backend backend() const { return m_backend; }
    QString backendName() const;
    QString dataDir() const { return m_dir.path(); }
    QByteArray jwtSecret() const { return m_jwtSecret; }
    QByteArray serverStderr() const;

    // Creates a staff account with `skillex-server admin create-staff`; empty email on failure
    // (error() says why). A random email and password are chosen when not given.
    StaffAccount createStaff(const QString &role, QString email = {}, QString password = {});

    // Runs skillex-server with arguments (and stdin), returning its exit code.
    int runCommand(const QStringList &arguments, const QByteArray &input, QByteArray *out,
                   QByteArray *err);

    static QString serverBinary();
    QProcessEnvironment environment() const;

    // Creates the test database (once) and sets databaseUrl(): for commands such as simulate
    // that write before the server first starts. start() and createStaff() call it themselves.
    bool prepareDatabase();

private:

    Backend m_backend;
    TestDatabase m_database;
    QTemporaryDir m_dir;
    QString m_databaseUrl;
    QByteArray m_jwtSecret;
    QUrl m_baseUrl;
    QString m_error;
    std::unique_ptr<QProcess> m_process;
};

} // namespace skillex::testutils
