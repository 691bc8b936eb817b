// The priority formula's terms; see casepriority.h for the reasons behind each number.
#include "server/domain/moderation/casepriority.h"

#include <algorithm>
#include <cmath>

namespace skillex::server::moderation {

double severityWeight(Severity severity)
{
    switch (severity) {
    case Severity::High:
        return 60.0;
    case Severity::Medium:
        return 30.0;
    case Severity::Low:
        break;
    }
    return 10.0;
}

double reporterTerm(int distinctReporters)
{
    return 1.0 + std::log2(static_cast<double>(std::max(1, distinctReporters)));
}

double strikeTerm(int priorStrikes)
{
    return 1.0 + 0.5 * std::clamp(priorStrikes, 0, kMaxCountedStrikes);
}

double ageTerm(qint64 waitingMs)
{
    const auto hours = static_cast<double>(std::max<qint64>(0, waitingMs) / kHourMs);
    return std::min(hours, kMaxAgeTerm);
}

double reporterTrust(qint64 accountAgeMs, int confirmedReports, int rejectedReports)
{
    constexpr double kMatureDays = 30.0;
    // Whole days, so that a refresh changes a priority only when a day or an hour ticks over.
    const auto days = static_cast<double>(std::max<qint64>(0, accountAgeMs) / kDayMs);
    const double age = 0.75 + 0.25 * std::min(1.0, days / kMatureDays);
    const int confirmed = std::max(0, confirmedReports);
    const int rejected = std::max(0, rejectedReports);
    const double record = 0.5 * static_cast<double>(confirmed - rejected) /
                          static_cast<double>(confirmed + rejected + 2);
    return std::clamp(age + record, kMinTrust, kMaxTrust);
}

double meanTrust(const QList<double> &trusts)
{
    if (trusts.isEmpty())
        return 1.0;
    double sum = 0;
    for (double t : trusts)
        sum += t;
    return sum / static_cast<double>(trusts.size());
}

double casePriority(const PriorityInputs &in)
{
    const double trust = std::clamp(in.reporterTrust, kMinTrust, kMaxTrust);
    return severityWeight(in.severity) * reporterTerm(in.distinctReporters) * trust *
               strikeTerm(in.priorStrikes) +
           ageTerm(in.waitingMs);
}

} // namespace skillex::server::moderation
