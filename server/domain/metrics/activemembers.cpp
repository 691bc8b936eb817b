// The trailing windows slide a count per member: a year of daily MAU reads each activity row
// twice instead of thirty times.
#include "server/domain/metrics/activemembers.h"

#include "server/storage/sqlquery.h"

#include <QSet>

namespace skillex::server::metrics {

ActiveMembers::ActiveMembers(QSqlDatabase &db, qint64 first, qint64 last)
{
    SqlQuery q(db, QStringLiteral("SELECT day, user_id FROM member_activity_days WHERE day >= :a "
                                  "AND day <= :b"));
    q.bind(QStringLiteral(":a"), first).bind(QStringLiteral(":b"), last).exec();
    while (q.next())
        m_days[q.int64(0)].push_back(q.int64(1));
}

qint64 ActiveMembers::distinct(qint64 first, qint64 last) const
{
    QSet<qint64> members;
    for (auto it = m_days.lower_bound(first); it != m_days.end() && it->first <= last; ++it)
        for (qint64 id : it->second)
            members.insert(id);
    return members.size();
}

qint64 ActiveMembers::daily(qint64 day) const
{
    const auto it = m_days.find(day);
    return it == m_days.end() ? 0 : static_cast<qint64>(it->second.size());
}

double ActiveMembers::dailyAverage(qint64 first, qint64 last) const
{
    qint64 total = 0;
    for (qint64 d = first; d <= last; ++d)
        total += daily(d);
    return static_cast<double>(total) / static_cast<double>(last - first + 1);
}

std::map<qint64, qint64> ActiveMembers::trailing(int window, qint64 first, qint64 last) const
{
    std::map<qint64, qint64> out;
    QHash<qint64, int> counts;
    auto add = [&](qint64 day, int delta) {
        const auto it = m_days.find(day);
        if (it == m_days.end())
            return;
        for (qint64 id : it->second) {
            int &c = counts[id];
            c += delta;
            if (c == 0)
                counts.remove(id);
        }
    };
    for (qint64 d = first - window + 1; d <= last; ++d) {
        add(d, 1);
        if (d - window >= first - window + 1)
            add(d - window, -1);
        if (d >= first)
            out[d] = counts.size();
    }
    return out;
}

} // namespace skillex::server::metrics
