// The time source of the domain, so that tests and the simulator can move time.
#pragma once

#include <QtGlobal>

namespace skillex::server {

class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
};

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override;
};

} // namespace skillex::server
