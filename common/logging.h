// Logging set-up: one spdlog logger per area, all writing to a rotating file and the console.
#pragma once

#include <QString>

#include <spdlog/logger.h>

#include <memory>
#include <string_view>

namespace skillex::logging {

struct Options {
    QString fileName; // rotating log file; empty means console only
    QString level = QStringLiteral("info");
    bool console = true; // also write to stderr
};

// Installs the shared sinks; later calls to logger() use them. Safe to call once per process.
void init(const Options &options);

// The logger for an area such as "server.http" or "client.sync", created on first use.
std::shared_ptr<spdlog::logger> logger(std::string_view area);

// Converts for fmt-style formatting without sprinkling toStdString() at every call site.
inline std::string str(const QString &s)
{
    return s.toStdString();
}

} // namespace skillex::logging
