// PostgreSQL databases are created through the fixture's maintenance connection.
#include "tests/testutils/testdatabase.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace skillex::testutils {
namespace {

QString randomSuffix()
{
    return QUuid::createUuid().toString(QUuid::Id128).left(12).toLower();
}

// Reads KEY=VALUE lines written by postgres-fixture.sh.
QString fixtureValue(const QString &key)
{
    QFile f(qEnvironmentVariable("SKILLEX_PG_STATE"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.startsWith(key + QLatin1Char('=')))
            return line.mid(key.size() + 1);
    }
    return {};
}

bool runAdminStatement(const QString &adminUrl, const QString &sql, QString *error)
{
    const QUrl url(adminUrl);
    const QString name = QStringLiteral("testdatabase-admin-") + randomSuffix();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
        if (!db.open()) {
            *error = QStringLiteral("cannot reach the test PostgreSQL at %1: %2")
                         .arg(adminUrl, db.lastError().text());
        } else {
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
                *error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

TestDatabase::Backend TestDatabase::backendFromEnvironment()
{
    return qEnvironmentVariable("SKILLEX_TEST_DB") == QStringLiteral("postgres") ? Backend::Postgres
                                                                                 : Backend::Sqlite;
}

TestDatabase::TestDatabase(Backend backend)
    : m_backend(backend)
{}

TestDatabase::~TestDatabase()
{
    if (!m_postgresName.isEmpty()) {
        QString ignored;
        runAdminStatement(
            m_adminUrl,
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_postgresName),
            &ignored);
    }
}

QString TestDatabase::backendName() const
{
    return m_backend == Backend::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres");
}

QString TestDatabase::url()
{
    if (!m_url.isEmpty())
        return m_url;
    if (m_backend == Backend::Sqlite) {
        m_url = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("skillex.db"));
        return m_url;
    }
    m_adminUrl = fixtureValue(QStringLiteral("SKILLEX_TEST_PG_URL"));
    if (m_adminUrl.isEmpty()) {
        m_error = QStringLiteral("no test PostgreSQL: the ctest fixture postgres_fixture_start did "
                                 "not run or failed "
                                 "(state file %1)")
                      .arg(qEnvironmentVariable("SKILLEX_PG_STATE"));
        return {};
    }
    const QString name = QStringLiteral("skillex_test_") + randomSuffix();
    if (!runAdminStatement(m_adminUrl, QStringLiteral("CREATE DATABASE ") + name, &m_error))
        return {};
    m_postgresName = name;
    QUrl url(m_adminUrl);
    url.setPath(QLatin1Char('/') + name);
    m_url = url.toString();
    return m_url;
}

} // namespace skillex::testutils
