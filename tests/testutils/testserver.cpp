// Each TestServer gets its own database, so tests never see each other's data.
#include "tests/testutils/testserver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace skillex::testutils {
namespace {

QString randomSuffix()
{
    return QUuid::createUuid().toString(QUuid::Id128).left(12);
}

} // namespace

TestServer::Backend TestServer::backendFromEnvironment()
{
    return qEnvironmentVariable("SKILLEX_TEST_DB") == QStringLiteral("postgres") ? Backend::Postgres
                                                                                 : Backend::Sqlite;
}

TestServer::TestServer(Backend backend)
    : m_backend(backend)
    , m_database(backend == Backend::Postgres ? TestDatabase::Backend::Postgres
                                              : TestDatabase::Backend::Sqlite)
    , m_jwtSecret(QUuid::createUuid().toByteArray(QUuid::Id128) +
                  QUuid::createUuid().toByteArray(QUuid::Id128))
{}

TestServer::~TestServer()
{
    stop();
}

QString TestServer::backendName() const
{
    return m_backend == Backend::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres");
}

QString TestServer::serverBinary()
{
    const QString fromEnv = qEnvironmentVariable("SKILLEX_SERVER_BINARY");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../../bin/skillex-server");
}

QProcessEnvironment TestServer::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SKILLEX_JWT_SECRET"), QString::fromLatin1(m_jwtSecret));
    env.insert(QStringLiteral("SKILLEX_STRIPE_WEBHOOK_SECRET"),
               QStringLiteral("whsec_test_stripe"));
    env.insert(QStringLiteral("SKILLEX_RAZORPAY_WEBHOOK_SECRET"),
               QStringLiteral("test_razorpay_webhook"));
    env.insert(QStringLiteral("SKILLEX_RAZORPAY_KEY_SECRET"), QStringLiteral("test_razorpay_key"));
    env.remove(QStringLiteral("SKILLEX_DB"));
    return env;
}

bool TestServer::prepareDatabase()
{
    if (m_databaseUrl.isEmpty())
        m_databaseUrl = m_database.url();
    if (m_databaseUrl.isEmpty())
        m_error = m_database.error();
    return !m_databaseUrl.isEmpty();
}

bool TestServer::start(const QStringList &extraArguments)
{
    m_error.clear();
    if (!prepareDatabase())
        return false;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(environment());
    m_process->setProgram(serverBinary());
    m_process->setArguments(QStringList{QStringLiteral("--db"), m_databaseUrl,
                                        QStringLiteral("--port"), QStringLiteral("0"),
                                        QStringLiteral("--log-level"), QStringLiteral("warn")} +
                            extraArguments);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_error =
            QStringLiteral("cannot start %1: %2").arg(serverBinary(), m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("^listening on (http://\\S+)$"));
    QByteArray stdoutSoFar;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(100)) {
            while (m_process->canReadLine()) {
                const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
                stdoutSoFar += line.toUtf8() + '\n';
                const auto match = listening.match(line);
                if (match.hasMatch()) {
                    m_baseUrl = QUrl(match.captured(1));
                    return true;
                }
            }
        }
        if (m_process->state() == QProcess::NotRunning) {
            m_error = QStringLiteral(
                          "skillex-server exited with %1 before listening.\nstdout: %2\nstderr: %3")
                          .arg(m_process->exitCode())
                          .arg(QString::fromUtf8(stdoutSoFar),
                               QString::fromUtf8(m_process->readAllStandardError()));
            return false;
        }
    }
    m_error = QStringLiteral("skillex-server did not say \"listening on\" within 30 s; stderr: ") +
              QString::fromUtf8(m_process->readAllStandardError());
    kill();
    return false;
}

bool TestServer::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return true;
    m_process->terminate();
    if (!m_process->waitForFinished(15000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        m_error = QStringLiteral("skillex-server did not stop within 15 s of SIGTERM");
        return false;
    }
    if (m_process->exitStatus() != QProcess::NormalExit || m_process->exitCode() != 0) {
        m_error =
            QStringLiteral("skillex-server exited with status %1 on SIGTERM; stderr tail:\n%2")
                .arg(m_process->exitCode())
                .arg(QString::fromUtf8(m_process->readAllStandardError().right(4000)));
        return false;
    }
    return true;
}

void TestServer::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

bool TestServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QByteArray TestServer::serverStderr() const
{
    return m_process ? m_process->readAllStandardError() : QByteArray();
}

int TestServer::runCommand(const QStringList &arguments, const QByteArray &input, QByteArray *out,
                           QByteArray *err)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(serverBinary(), arguments);
    if (!p.waitForStarted(10000))
        return -1;
    p.write(input);
    p.closeWriteChannel();
    // Generous: a simulated month under ASan on a loaded 2-core machine takes minutes.
    if (!p.waitForFinished(300000)) {
        p.kill();
        return -1;
    }
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

StaffAccount TestServer::createStaff(const QString &role, QString email, QString password)
{
    if (!prepareDatabase())
        return {};
    if (email.isEmpty())
        email = role + QStringLiteral(".") + randomSuffix().toLower() +
                QStringLiteral("@test.skillex.local");
    if (password.isEmpty())
        password = QStringLiteral("pw-") + randomSuffix();
    QByteArray out;
    QByteArray err;
    const int code =
        runCommand({QStringLiteral("admin"), QStringLiteral("create-staff"), QStringLiteral("--db"),
                    m_databaseUrl, QStringLiteral("--email"), email, QStringLiteral("--role"), role,
                    QStringLiteral("--password-stdin")},
                   password.toUtf8() + '\n', &out, &err);
    if (code != 0) {
        m_error =
            QStringLiteral("create-staff failed (%1): %2").arg(code).arg(QString::fromUtf8(err));
        return {};
    }
    return {email, password, role};
}

} // namespace skillex::testutils
