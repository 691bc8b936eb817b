// MetricsSnapshots: the last answer of each dashboard query, kept in the cache's
// metrics_snapshots table, so an offline console (or one waiting for its first answer) shows
// what it last saw and when.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace skillex::client {
class CacheDb;
}

namespace skillex::models {

struct MetricsSnapshot {
    QJsonObject json;
    QDateTime fetchedAt; // UTC
    QString rangeKey;
};

class MetricsSnapshots {
public:
    explicit MetricsSnapshots(client::CacheDb *cache);

    // Writes on the cache's writer thread; the caller does not wait.
    void store(const QString &endpoint, const QString &rangeKey, const QJsonObject &json,
               const QDateTime &fetchedAt);
    // The snapshot of exactly this range, else the newest of the endpoint (an offline console
    // opened on another day still has something to show, with its own dates).
    std::optional<MetricsSnapshot> load(const QString &endpoint, const QString &rangeKey) const;

private:
    client::CacheDb *m_cache = nullptr;
};

} // namespace skillex::models
