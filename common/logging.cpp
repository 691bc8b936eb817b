// Shared sinks behind every area logger; areas are created lazily so libraries need no set-up.
#include "common/logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <vector>

namespace skillex::logging {
namespace {

std::mutex g_mutex;
std::vector<spdlog::sink_ptr> g_sinks;
spdlog::level::level_enum g_level = spdlog::level::info;

std::vector<spdlog::sink_ptr> &sinksLocked()
{
    if (g_sinks.empty())
        g_sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    return g_sinks;
}

} // namespace

void init(const Options &options)
{
    std::lock_guard lock(g_mutex);
    g_sinks.clear();
    if (options.console)
        g_sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    if (!options.fileName.isEmpty()) {
        constexpr size_t maxBytes = 10 * 1024 * 1024;
        constexpr size_t keepFiles = 5;
        g_sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            options.fileName.toStdString(), maxBytes, keepFiles));
    }
    g_level = spdlog::level::from_str(options.level.toStdString());
    // Loggers made before init() pick up the new sinks.
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger> &l) {
        l->sinks() = g_sinks;
        l->set_level(g_level);
    });
}

std::shared_ptr<spdlog::logger> logger(std::string_view area)
{
    std::lock_guard lock(g_mutex);
    const std::string name(area);
    if (auto existing = spdlog::get(name))
        return existing;
    auto &sinks = sinksLocked();
    auto created = std::make_shared<spdlog::logger>(name, sinks.begin(), sinks.end());
    created->set_level(g_level);
    created->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
    spdlog::register_logger(created);
    return created;
}

} // namespace skillex::logging
