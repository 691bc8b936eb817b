// RetryPolicy: the one table from HTTP answers to outbox outcomes (tested row by row).
#include "client/outbox/retrypolicy.h"

#include <QRandomGenerator>

namespace skillex::client {

qint64 RetryPolicy::backoffMs(int attempts) const
{
    const int exponent = qBound(0, attempts - 1, 30);
    const double raw = double(m_options.baseDelayMs) * double(qint64(1) << exponent);
    const double capped = qMin(raw, double(m_options.maxDelayMs));
    const double unit = m_random ? m_random() : QRandomGenerator::global()->generateDouble();
    return qint64(capped / 2 + unit * capped / 2);
}

RetryDecision RetryPolicy::decide(const ApiResult &result, int attempts) const
{
    using Outcome = RetryDecision::Outcome;
    RetryDecision d;
    const ApiError &error = result.error;
    if (result.ok) {
        d.outcome = Outcome::Done;
        d.result = result.json.isObject()  ? QJsonValue(result.json.object())
                   : result.json.isArray() ? QJsonValue(result.json.array())
                                           : QJsonValue();
        return d;
    }
    d.error = error.message();
    switch (error.kind()) {
    case ApiError::Kind::None:
        d.outcome = Outcome::Failed;
        return d;
    case ApiError::Kind::InvalidResponse:
        // A 2xx with a body we cannot read: the server did apply it, and a resend with the
        // same key would only replay the same answer. Done, with the oddity recorded.
        if (error.httpStatus() >= 200 && error.httpStatus() < 300) {
            d.outcome = Outcome::Done;
            return d;
        }
        d.outcome = Outcome::Retry;
        d.delayMs = backoffMs(attempts);
        return d;
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::InvalidUrl:
        // The idempotency key makes a resend safe even if the first one was applied.
        d.outcome = Outcome::Retry;
        d.delayMs = backoffMs(attempts);
        return d;
    case ApiError::Kind::Http:
        break;
    }

    const int status = error.httpStatus();
    const std::optional<int> retryAfter = error.retryAfterSeconds();
    const QJsonValue current = error.problem()
                                   ? error.problem()->extensions.value(QStringLiteral("current"))
                                   : QJsonValue();
    if (status == 401) {
        d.outcome = Outcome::SessionExpired;
        return d;
    }
    if (status == 412 || (status == 409 && (!current.isUndefined() || !retryAfter))) {
        d.outcome = Outcome::Conflict;
        d.current = current.isUndefined() ? QJsonValue() : current;
        return d;
    }
    if (status == 409 || status == 429 || status == 408 || status == 502 || status == 503 ||
        status == 504) {
        // 409 with Retry-After and no `current`: the same key is still being processed.
        d.outcome = Outcome::Retry;
        d.delayMs = retryAfter ? qint64(*retryAfter) * 1000 : backoffMs(attempts);
        return d;
    }
    if (status >= 500) {
        if (attempts >= m_options.maxServerErrorAttempts) {
            d.outcome = Outcome::Failed;
            return d;
        }
        d.outcome = Outcome::Retry;
        d.delayMs = retryAfter ? qint64(*retryAfter) * 1000 : backoffMs(attempts);
        return d;
    }
    // 400, 403, 404, 413, 422, ...: the same request will get the same answer.
    d.outcome = Outcome::Failed;
    if (error.problem()) {
        const auto &problem = *error.problem();
        d.error = problem.detail.isEmpty()
                      ? problem.title
                      : QStringLiteral("%1: %2").arg(problem.title, problem.detail);
        if (d.error.isEmpty())
            d.error = error.message();
    }
    return d;
}

} // namespace skillex::client
