// DemoServer: start the child, wait for its one "listening on" line, read its credentials, stop it.
#include "client/local/demoserver.h"

#include "client/api/apierror.h"
#include "common/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace skillex::client {

namespace {

constexpr qsizetype kTailBytes = 4096;

const auto &log()
{
    static const auto logger = logging::logger("client.demo");
    return logger;
}

} // namespace

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_startTimer.setSingleShot(true);
    m_startTimer.setInterval(60'000);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &DemoServer::onStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, &DemoServer::onStderr);
    connect(&m_process, &QProcess::finished, this, &DemoServer::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &DemoServer::onStartFailed);
    connect(&m_startTimer, &QTimer::timeout, this, &DemoServer::onStartTimeout);
}

DemoServer::~DemoServer()
{
    stop();
}

QStringList DemoServer::candidateBinaries()
{
    QStringList candidates;
    const QString fromEnv = qEnvironmentVariable("SKILLEX_SERVER_BINARY");
    if (!fromEnv.isEmpty())
        candidates << fromEnv;
    const QDir here(QCoreApplication::applicationDirPath());
    candidates << here.filePath(QStringLiteral("skillex-server"))
               << QDir::cleanPath(here.filePath(QStringLiteral("../server/skillex-server")))
               << QDir::cleanPath(here.filePath(QStringLiteral("../bin/skillex-server")));
    return candidates;
}

QString DemoServer::findBinary()
{
    for (const auto &candidate : candidateBinaries()) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.absoluteFilePath();
    }
    return {};
}

QString DemoServer::stderrTail() const
{
    return QString::fromUtf8(m_stderrTail).trimmed();
}

QString DemoServer::withTail(const QString &message) const
{
    const QString tail = stderrTail();
    if (tail.isEmpty())
        return message;
    return message + QLatin1Char('\n') + tr("Its last output was:") + QLatin1Char('\n') + tail;
}

void DemoServer::start()
{
    if (isRunning())
        return;
    m_ready = false;
    m_finished = false;
    m_stopping = false;
    m_stdoutBuffer.clear();
    m_stderrTail.clear();
    if (m_binary.isEmpty())
        m_binary = findBinary();
    if (m_binary.isEmpty()) {
        const QString looked = candidateBinaries().join(QStringLiteral(", "));
        QTimer::singleShot(0, this, [this, looked] {
            fail(tr("The demo server program (skillex-server) was not found. Looked for: %1. "
                    "Set SKILLEX_SERVER_BINARY to its path.")
                     .arg(looked));
        });
        return;
    }
    if (m_dataDir.isEmpty() || !QDir().mkpath(m_dataDir)) {
        const QString dir = m_dataDir;
        QTimer::singleShot(0, this, [this, dir] {
            fail(tr("Could not create the demo data folder \u201c%1\u201d.").arg(dir));
        });
        return;
    }
    const QStringList arguments = {QStringLiteral("--demo"),
                                   QStringLiteral("--host"),
                                   QStringLiteral("127.0.0.1"),
                                   QStringLiteral("--port"),
                                   QStringLiteral("0"),
                                   QStringLiteral("--data-dir"),
                                   m_dataDir};
    log()->info("starting {} {}", logging::str(m_binary),
                logging::str(arguments.join(QLatin1Char(' '))));
    m_startTimer.start();
    m_process.start(m_binary, arguments);
}

void DemoServer::onStdout()
{
    m_stdoutBuffer += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_stdoutBuffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_stdoutBuffer.left(newline)).trimmed();
        m_stdoutBuffer.remove(0, newline + 1);
        static const QRegularExpression listening(QStringLiteral("^listening on (https?://\\S+)$"));
        const auto match = listening.match(line);
        // Other lines are not logged: the demo server prints its staff passwords on stdout.
        if (!m_ready && !m_finished && match.hasMatch())
            becomeReady(QUrl(match.captured(1)), 0);
    }
    if (m_stdoutBuffer.size() > kTailBytes)
        m_stdoutBuffer = m_stdoutBuffer.right(kTailBytes);
}

void DemoServer::onStderr()
{
    const QByteArray chunk = m_process.readAllStandardError();
    m_stderrLine += chunk;
    // "progress: <done>/<total> <text>" lines: a first start builds the demo history, which
    // can take a minute or two. Each line shows the server is alive, so the start time-out
    // is a watchdog on silence, not a limit on the whole start.
    static const QRegularExpression progressLine(QStringLiteral("^progress: (\\d+)/(\\d+) (.*)$"));
    qsizetype newline = 0;
    while ((newline = m_stderrLine.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_stderrLine.left(newline)).trimmed();
        m_stderrLine.remove(0, newline + 1);
        const auto match = progressLine.match(line);
        if (match.hasMatch() && !m_ready) {
            if (m_startTimer.isActive())
                m_startTimer.start();
            Q_EMIT progress(match.captured(1).toInt(), match.captured(2).toInt(),
                            match.captured(3));
        }
    }
    m_stderrTail += chunk;
    if (m_stderrTail.size() > kTailBytes) {
        m_stderrTail = m_stderrTail.right(kTailBytes);
        // Start the tail at a line boundary so the first line is not cut.
        const qsizetype newline = m_stderrTail.indexOf('\n');
        if (newline >= 0)
            m_stderrTail.remove(0, newline + 1);
    }
}

void DemoServer::becomeReady(const QUrl &url, int attempt)
{
    m_startTimer.stop();
    const QString path = QDir(m_dataDir).filePath(QStringLiteral("demo-credentials.json"));
    // The file should exist before the line is printed; allow a short grace all the same,
    // so a server that writes it just after announcing itself still works.
    if (!QFileInfo::exists(path) && attempt < 20 && isRunning()) {
        QTimer::singleShot(100, this, [this, url, attempt] { becomeReady(url, attempt + 1); });
        return;
    }
    auto credentials = DemoCredentials::fromFile(path);
    if (!credentials) {
        fail(tr("The demo server started, but its credentials could not be read: %1")
                 .arg(credentials.error()));
        stop();
        return;
    }
    m_credentials = std::move(credentials).value();
    // The line on stdout is what the server actually bound; it wins over the file.
    m_url = url;
    m_credentials.serverUrl = url;
    m_ready = true;
    m_finished = true;
    log()->info("demo server ready at {} (pid {})", logging::str(url.toString()),
                m_process.processId());
    emit ready(url);
}

void DemoServer::fail(const QString &message)
{
    m_startTimer.stop();
    if (m_finished)
        return;
    m_finished = true;
    log()->error("demo server: {}", logging::str(message));
    emit failed(message);
}

void DemoServer::onStartFailed(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart)
        fail(tr("Could not start %1: %2").arg(m_binary, m_process.errorString()));
}

void DemoServer::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onStderr();
    if (m_stopping)
        return;
    const QString how =
        status == QProcess::CrashExit ? tr("it crashed") : tr("exit code %1").arg(exitCode);
    if (!m_ready) {
        fail(withTail(tr("The demo server stopped before it was ready (%1).").arg(how)));
        return;
    }
    m_ready = false;
    const QString message = withTail(tr("The demo server stopped (%1).").arg(how));
    log()->error("{}", logging::str(message));
    emit exitedUnexpectedly(message);
}

void DemoServer::onStartTimeout()
{
    const int seconds = qMax(1, (m_startTimer.interval() + 999) / 1000);
    fail(withTail(tr("The demo server did not report that it was ready within %1.")
                      .arg(ApiError::secondsText(seconds))));
    stop();
}

void DemoServer::stop(int graceMs)
{
    m_startTimer.stop();
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_stopping = true;
    log()->info("stopping the demo server (pid {})", m_process.processId());
    m_process.terminate();
    if (!m_process.waitForFinished(graceMs)) {
        log()->warn("demo server ignored SIGTERM for {} ms; killing it", graceMs);
        m_process.kill();
        m_process.waitForFinished(1000);
    }
    m_ready = false;
}

} // namespace skillex::client
