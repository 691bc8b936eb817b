// ConsoleProcess: runs the skillex-console executable as a person or a CI job would, with a
// private home (no settings, kept sessions or caches leak in from the machine), offscreen.
#pragma once

#include <QProcess>
#include <QTemporaryDir>

namespace skillex::tests {

struct ConsoleRun {
    int exitCode = -1;
    bool finished = false;
    QString stdoutText;
    QString stderrText;
};

class ConsoleProcess {
public:
    QString home() const { return m_home.path(); }

    ConsoleRun run(const QStringList &arguments, const QProcessEnvironment &extra = {},
                   int timeoutMs = 60000) const
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        for (const auto &key : extra.keys())
            env.insert(key, extra.value(key));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SKILLEX_CONSOLE_BINARY), arguments);
        ConsoleRun result;
        if (!process.waitForStarted(10000))
            return result;
        result.finished = process.waitForFinished(timeoutMs);
        if (!result.finished) {
            process.kill();
            process.waitForFinished(3000);
        }
        result.exitCode = process.exitCode();
        result.stdoutText = QString::fromUtf8(process.readAllStandardOutput());
        result.stderrText = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

private:
    QTemporaryDir m_home;
};

} // namespace skillex::tests
