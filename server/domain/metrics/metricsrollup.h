// Keeps the daily rollups (metrics_daily, member_activity_days) current: a pass recomputes
// the days whose source rows may have changed, from the source tables themselves.
#pragma once

#include "server/domain/clock.h"
#include "server/storage/database.h"

#include <atomic>
#include <mutex>
#include <set>

namespace skillex::server::metrics {

class MetricsRollup {
public:
    // maxStalenessMs: how old a pass may be before a dashboard request runs one itself.
    MetricsRollup(Database &db, const Clock &clock, qint64 maxStalenessMs = 2000);

    // One pass: on the first ever, every day of history; then today, the days since the last
    // pass, and the days of events appended since the last pass. Returns the days recomputed.
    int refresh();
    // Runs a pass when the last one is older than the staleness bound or events were appended
    // since; dashboards call this so their answer is never older than the bound.
    void ensureFresh();

    qint64 lastPassAtMs() const { return m_lastPassAt.load(); }
    qint64 lastPassDays() const { return m_lastPassDays.load(); }

    // Recomputes days first..last (inclusive) inside the caller's write transaction.
    static void recompute(QSqlDatabase &tx, qint64 first, qint64 last, qint64 nowMs);
    // The distinct-active windows that depend on days first..last: wau and mau of those days
    // and the 29 after (up to today), and the weeks and months that contain them.
    static void recomputeActiveWindows(QSqlDatabase &tx, qint64 first, qint64 last, qint64 today);

private:
    std::set<qint64> dirtyDays(QSqlDatabase &tx, qint64 nowMs, qint64 *head);

    Database &m_db;
    const Clock &m_clock;
    const qint64 m_maxStalenessMs;
    std::mutex m_passMutex; // one pass at a time in this process
    std::atomic<qint64> m_lastPassAt{0};
    std::atomic<qint64> m_lastSeq{-1};
    std::atomic<qint64> m_lastPassDays{0};
};

} // namespace skillex::server::metrics
