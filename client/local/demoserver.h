// DemoServer: runs `skillex-server --demo` as a child process for `skillex-console --demo`.
#pragma once

#include "client/local/democredentials.h"

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <QUrl>

namespace skillex::client {

class DemoServer : public QObject {
    Q_OBJECT

public:
    explicit DemoServer(QObject *parent = nullptr);
    // Stops the child: a demo server must never outlive the console that started it.
    ~DemoServer() override;

    // Where the binary is looked for: SKILLEX_SERVER_BINARY, then beside the console
    // (installed), then ../server/ and ../bin/ (the build tree).
    static QStringList candidateBinaries();
    // The first candidate that exists and is executable, or empty.
    static QString findBinary();

    void setBinary(const QString &path) { m_binary = path; }
    QString binary() const { return m_binary; }
    void setDataDir(const QString &directory) { m_dataDir = directory; }
    QString dataDir() const { return m_dataDir; }
    // How long to wait for "listening on"; the first start seeds a month of activity.
    void setStartTimeout(int milliseconds) { m_startTimer.setInterval(milliseconds); }

    // Ends in ready() or failed(); never both, never twice.
    void start();
    // Asks the child to terminate, kills it after graceMs. Blocks at most graceMs + 1 s.
    void stop(int graceMs = 3000);

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    bool isReady() const { return m_ready; }
    qint64 processId() const { return m_process.processId(); }
    QUrl url() const { return m_url; }
    const DemoCredentials &credentials() const { return m_credentials; }
    // The last lines the child wrote to stderr, for error messages.
    QString stderrTail() const;

signals:
    void ready(const QUrl &url);
    // While starting: the server reports how far it is (e.g. building the demo history).
    void progress(int done, int total, const QString &text);
    void failed(const QString &message);
    // The child stopped on its own after it was ready.
    void exitedUnexpectedly(const QString &message);

private:
    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onStartFailed(QProcess::ProcessError error);
    void onStartTimeout();
    void becomeReady(const QUrl &url, int attempt);
    void fail(const QString &message);
    QString withTail(const QString &message) const;

    QProcess m_process;
    QTimer m_startTimer;
    QString m_binary;
    QString m_dataDir;
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrTail;
    QByteArray m_stderrLine; // an incomplete line of stderr, waiting for its newline
    QUrl m_url;
    DemoCredentials m_credentials;
    bool m_ready = false;
    bool m_finished = false; // ready or failed was emitted
    bool m_stopping = false;
};

} // namespace skillex::client
