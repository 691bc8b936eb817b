// UserDetailRecords: the member's file as compact JSON in users.detail.
#include "models/userdetailrecords.h"

#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "client/cache/caserecords.h"
#include "client/cache/directoryrecords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace skillex::models::userdetailrecords {

void store(client::CacheWriteTx &tx, const QJsonObject &detail, qint64 nowMs)
{
    // The list fields first (a member fetched before the sync reached them gets a row), then
    // the file itself; the list item is a subset of the file's fields.
    QJsonObject item;
    for (const char *key : {"id", "name", "email", "kind", "status", "created_at", "roles"})
        item.insert(QLatin1String(key), detail.value(QLatin1String(key)));
    if (!item.value(QStringLiteral("roles")).isArray())
        item.insert(QStringLiteral("roles"), QJsonArray());
    client::directoryrecords::upsertUser(tx, item, nowMs);
    const qint64 id = qint64(detail.value(QStringLiteral("id")).toDouble());
    tx.run(QStringLiteral("UPDATE users SET detail = ?, detail_at = ? WHERE id = ?"),
           {QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), nowMs, id});
}

std::optional<StoredDetail> read(client::CacheReader &reader, qint64 userId)
{
    QSqlQuery &q = reader.run(
        QStringLiteral("SELECT detail, detail_at FROM users WHERE id = ? AND detail IS NOT NULL"),
        {userId});
    std::optional<StoredDetail> out;
    if (q.next()) {
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(0).toString().toUtf8());
        if (doc.isObject())
            out = StoredDetail{doc.object(), q.value(1).toLongLong()};
    }
    q.finish();
    return out;
}

} // namespace skillex::models::userdetailrecords
