// RetryPolicy: what an answer means for a queued action (done, retry when, conflict, failed),
// and the backoff with jitter between tries.
#pragma once

#include "client/api/apiresult.h"

#include <QJsonValue>
#include <QString>

#include <functional>

namespace skillex::client {

struct RetryDecision {
    enum class Outcome {
        Done,           // applied (2xx)
        Retry,          // try again after delayMs with the same idempotency key
        Conflict,       // 409/412: the state moved; `current` is the server's representation
        Failed,         // a refusal that retrying will not change
        SessionExpired, // 401 after the one refresh: wait for a new sign-in, then resend
    };
    Outcome outcome = Outcome::Failed;
    qint64 delayMs = 0;
    QString error; // for the person, and the outbox row's last_error
    QJsonValue current;
    QJsonValue result; // the 2xx body
};

class RetryPolicy {
public:
    struct Options {
        qint64 baseDelayMs = 1'000;
        qint64 maxDelayMs = 5 * 60'000;
        // 500 and other server faults: a bug on the server may never go away, so give up
        // after this many attempts. Unreachable servers (network, 502-504) are retried forever.
        int maxServerErrorAttempts = 8;
    };

    RetryPolicy() = default;
    explicit RetryPolicy(const Options &options)
        : m_options(options)
    {}

    // attempts: how many times the action has been sent, this one included.
    RetryDecision decide(const ApiResult &result, int attempts) const;
    // Exponential from baseDelayMs, capped at maxDelayMs, then "equal jitter": a random point
    // in the upper half, so many consoles coming back at once do not hit the server together.
    qint64 backoffMs(int attempts) const;

    // Tests replace the randomness.
    void setRandom(std::function<double()> unitRandom) { m_random = std::move(unitRandom); }
    const Options &options() const { return m_options; }

private:
    Options m_options;
    std::function<double()> m_random;
};

} // namespace skillex::client
