// Test helpers for the cache: a fresh cache in a temporary folder, and cases made up quickly.
#pragma once

#include "client/cache/cachedb.h"
#include "client/cache/cachewritetx.h"

#include <QJsonObject>
#include <QTemporaryDir>

namespace skillex::tests {

inline const QStringList kCaseStatuses{QStringLiteral("open"), QStringLiteral("assigned"),
                                       QStringLiteral("escalated"), QStringLiteral("resolved"),
                                       QStringLiteral("dismissed")};
inline const QStringList kCaseSeverities{QStringLiteral("high"), QStringLiteral("medium"),
                                         QStringLiteral("low")};
inline const QStringList kCaseCategories{QStringLiteral("harassment"), QStringLiteral("scam"),
                                         QStringLiteral("spam"), QStringLiteral("impersonation")};

// A case as the snapshot would send it, varied by its id so filters and sorts have work to do.
inline QJsonObject makeCase(qint64 id, qint64 baseMs = 1'700'000'000'000)
{
    const qint64 opened = baseMs - (id * 40503) % (30LL * 86400 * 1000);
    QJsonObject c{
        {QStringLiteral("id"), id},
        {QStringLiteral("status"), kCaseStatuses.at(int(id % kCaseStatuses.size()))},
        {QStringLiteral("priority"), double((id * 2654435761LL) % 100000) / 1000.0},
        {QStringLiteral("severity"), kCaseSeverities.at(int(id % 3))},
        {QStringLiteral("category"), kCaseCategories.at(int((id / 3) % 4))},
        {QStringLiteral("subject"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                     {QStringLiteral("id"), 1000 + id % 50},
                     {QStringLiteral("label"), QStringLiteral("Member %1").arg(1000 + id % 50)}}},
        {QStringLiteral("subject_user_id"), 1000 + id % 50},
        {QStringLiteral("report_count"), 1 + id % 4},
        {QStringLiteral("reporter_count"), 1 + id % 3},
        {QStringLiteral("opened_at"), opened},
        {QStringLiteral("sla_due_at"), opened + 4LL * 3600 * 1000 * (1 + id % 3)},
        {QStringLiteral("version"), 1},
    };
    if (id % 5 == 1)
        c.insert(QStringLiteral("assignee_id"), 7 + id % 2);
    return c;
}

} // namespace skillex::tests
