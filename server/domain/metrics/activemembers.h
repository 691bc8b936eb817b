// Active members from member_activity_days: distinct counts over any day window (DAU, WAU,
// MAU are distinct members, never sums of daily counts).
#pragma once

#include <QHash>
#include <QSqlDatabase>

#include <map>
#include <vector>

namespace skillex::server::metrics {

class ActiveMembers {
public:
    // Loads activity for days first..last.
    ActiveMembers(QSqlDatabase &db, qint64 first, qint64 last);

    qint64 distinct(qint64 first, qint64 last) const;
    qint64 daily(qint64 day) const;
    double dailyAverage(qint64 first, qint64 last) const;
    // Distinct members in the `window` days ending on each day of first..last, in one sweep.
    std::map<qint64, qint64> trailing(int window, qint64 first, qint64 last) const;

private:
    std::map<qint64, std::vector<qint64>> m_days; // day -> members active that day
};

} // namespace skillex::server::metrics
