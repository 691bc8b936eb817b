// ConsoleCommandLine: skillex-console's options, parsed and checked without exiting the process.
#pragma once

#include "app/consoleoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

namespace skillex::app {

class ConsoleCommandLine {
    Q_DECLARE_TR_FUNCTIONS(ConsoleCommandLine)

public:
    enum class Outcome { Run, Help, Version, Error };

    ConsoleCommandLine();

    // arguments includes the program name first, as QCoreApplication::arguments() does.
    Outcome parse(const QStringList &arguments);

    const ConsoleOptions &options() const { return m_options; }
    QString errorText() const { return m_error; }
    QString helpText() const { return m_parser.helpText(); }

private:
    QCommandLineParser m_parser;
    ConsoleOptions m_options;
    QString m_error;
};

} // namespace skillex::app
