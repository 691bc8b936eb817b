// Job runs are written by the maintenance thread and read by request threads.
#include "server/http/observability.h"

namespace skillex::server {

void JobRuns::record(const QString &job, qint64 startedAtMs, qint64 tookMs, bool ok,
                     const QString &error)
{
    std::lock_guard lock(m_mutex);
    Run &r = m_runs[job];
    r.startedAtMs = startedAtMs;
    r.tookMs = tookMs;
    r.ok = ok;
    r.error = error;
    ++r.runs;
}

std::map<QString, JobRuns::Run> JobRuns::all() const
{
    std::lock_guard lock(m_mutex);
    return m_runs;
}

} // namespace skillex::server
