// A plain waiting loop rather than a QTimer: the thread needs no event loop, and stopping it is
// a flag and a notify. Its connection is closed on the thread itself before it ends (see
// Database::closeThreadConnections).
#include "server/domain/moderation/priorityrefresher.h"

#include "common/logging.h"
#include "server/storage/database.h"

namespace skillex::server {

PriorityRefresher::PriorityRefresher(Cases &cases, const Clock &clock,
                                     std::chrono::milliseconds interval)
    : m_cases(cases)
    , m_clock(clock)
    , m_interval(interval)
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("case-priorities"));
    m_thread->start(QThread::LowPriority);
}

PriorityRefresher::~PriorityRefresher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread->wait();
}

void PriorityRefresher::run()
{
    auto log = logging::logger("server.moderation");
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, m_interval, [this] { return m_stop; })) {
        lock.unlock();
        try {
            const int changed = m_cases.recomputePriorities(m_clock.nowMs());
            if (changed > 0)
                log->info("refreshed the priority of {} open cases", changed);
        } catch (const std::exception &e) {
            // The next round tries again; a failed refresh only leaves priorities a bit stale.
            log->warn("refreshing case priorities failed: {}", e.what());
        }
        lock.lock();
    }
    lock.unlock();
    Database::closeThreadConnections();
}

} // namespace skillex::server
