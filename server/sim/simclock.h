// The simulator's clock: set by the simulator while it builds history, or following the wall
// clock in live mode. Domain services read it through the Clock interface.
#pragma once

#include "server/domain/clock.h"

#include <QDateTime>

#include <atomic>

namespace skillex::sim {

class SimClock final : public server::Clock {
public:
    qint64 nowMs() const override
    {
        return m_live ? QDateTime::currentMSecsSinceEpoch() : m_now.load();
    }
    void set(qint64 ms) { m_now = ms; }
    void advance(qint64 ms) { m_now += ms; }
    // From now on, the wall clock.
    void goLive() { m_live = true; }

private:
    std::atomic<qint64> m_now{0};
    std::atomic<bool> m_live{false};
};

} // namespace skillex::sim
