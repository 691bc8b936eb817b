// MetricsSnapshots: reading and writing metrics_snapshots (client/cache/cacheschema.cpp).
#include "models/metricssnapshots.h"

#include "client/cache/cachedb.h"
#include "client/cache/cacheerror.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace skillex::models {

MetricsSnapshots::MetricsSnapshots(client::CacheDb *cache)
    : m_cache(cache)
{
}

void MetricsSnapshots::store(const QString &endpoint, const QString &rangeKey,
                             const QJsonObject &json, const QDateTime &fetchedAt)
{
    if (!m_cache || !m_cache->isOpen())
        return;
    const QString text = QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
    const qint64 at = fetchedAt.toMSecsSinceEpoch();
    m_cache->write([endpoint, rangeKey, text, at](client::CacheWriteTx &tx) {
        tx.run(QStringLiteral("INSERT OR REPLACE INTO metrics_snapshots "
                              "(endpoint, range_key, fetched_at, json) VALUES (?, ?, ?, ?)"),
               {endpoint, rangeKey, at, text});
        tx.changedEverything(QStringLiteral("metrics_snapshots"));
    });
}

std::optional<MetricsSnapshot> MetricsSnapshots::load(const QString &endpoint,
                                                      const QString &rangeKey) const
{
    if (!m_cache || !m_cache->isOpen())
        return std::nullopt;
    client::CacheReader *reader = m_cache->reader();
    if (!reader)
        return std::nullopt;
    try {
        // This range first, then the newest of any range.
        QSqlQuery &query = reader->run(
            QStringLiteral("SELECT json, fetched_at, range_key FROM metrics_snapshots "
                           "WHERE endpoint = ? ORDER BY (range_key = ?) DESC, fetched_at DESC "
                           "LIMIT 1"),
            {endpoint, rangeKey});
        if (!query.next())
            return std::nullopt;
        MetricsSnapshot snapshot;
        snapshot.json = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
        snapshot.fetchedAt =
            QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
        snapshot.rangeKey = query.value(2).toString();
        query.finish();
        return snapshot;
    } catch (const client::CacheError &) {
        return std::nullopt; // an unreadable snapshot is no snapshot
    }
}

} // namespace skillex::models
