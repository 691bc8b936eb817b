// A fresh, empty database for one test: a SQLite file in a temporary folder, or a new
// PostgreSQL database in the server the ctest "postgres" fixture started (dropped afterwards).
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace skillex::testutils {

class TestDatabase {
public:
    enum class Backend { Sqlite, Postgres };
    // SKILLEX_TEST_DB=postgres selects PostgreSQL; anything else SQLite.
    static Backend backendFromEnvironment();

    explicit TestDatabase(Backend backend = backendFromEnvironment());
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // Creates the database on first call; empty with error() when it cannot.
    QString url();
    QString error() const { return m_error; }
    Backend backend() const { return m_backend; }
    QString backendName() const;
    QString folder() const { return m_dir.path(); }

private:
    Backend m_backend;
    QTemporaryDir m_dir;
    QString m_url;
    QString m_adminUrl;
    QString m_postgresName;
    QString m_error;
};

} // namespace skillex::testutils
