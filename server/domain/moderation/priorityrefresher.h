// Runs Cases::recomputePriorities every few minutes on a thread of its own, so that the age
// term of waiting cases grows without any request, and without blocking the HTTP thread.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/moderation/cases.h"

#include <QThread>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace skillex::server {

class PriorityRefresher {
public:
    PriorityRefresher(Cases &cases, const Clock &clock, std::chrono::milliseconds interval);
    // Stops the thread (waiting for a refresh in progress) and closes its database connection.
    ~PriorityRefresher();
    PriorityRefresher(const PriorityRefresher &) = delete;
    PriorityRefresher &operator=(const PriorityRefresher &) = delete;

    static constexpr std::chrono::minutes kDefaultInterval{5};

private:
    void run();

    Cases &m_cases;
    const Clock &m_clock;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace skillex::server
