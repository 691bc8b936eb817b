// DirectoryRecords: the mapping of accounts and taxonomy JSON to cache rows.
#include "client/cache/directoryrecords.h"

#include "client/cache/cachewritetx.h"
#include "client/cache/caserecords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace skillex::client::directoryrecords {

namespace {

QString compact(const QJsonValue &value)
{
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

qint64 idOf(const QJsonObject &item)
{
    return qint64(item.value(QStringLiteral("id")).toDouble());
}

// The English name, else the name the item carries, else its slug.
QString displayName(const QJsonObject &item)
{
    const QString en =
        item.value(QStringLiteral("names")).toObject().value(QStringLiteral("en")).toString();
    if (!en.isEmpty())
        return en;
    const QString name = item.value(QStringLiteral("name")).toString();
    return name.isEmpty() ? item.value(QStringLiteral("slug")).toString() : name;
}

// Inserts, or updates unless the stored version is newer. Returns false for a stale item.
bool versioned(CacheWriteTx &tx, const QString &table, qint64 id, int version)
{
    const QVariant stored =
        tx.scalar(QStringLiteral("SELECT version FROM %1 WHERE id = ?").arg(table), {id});
    if (stored.isValid() && stored.toInt() > version)
        return false;
    if (stored.isValid())
        tx.updated(table, id);
    else
        tx.inserted(table, id);
    return true;
}

} // namespace

void upsertUser(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs)
{
    const qint64 id = idOf(item);
    const bool exists =
        tx.scalar(QStringLiteral("SELECT 1 FROM users WHERE id = ?"), {id}).isValid();
    const QString name = item.value(QStringLiteral("name")).toString();
    tx.run(QStringLiteral(
               "INSERT INTO users (id, name, sort_name, email, kind, status, created_at, roles, "
               "synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
               "name = excluded.name, sort_name = excluded.sort_name, email = excluded.email, "
               "kind = excluded.kind, status = excluded.status, created_at = excluded.created_at, "
               "roles = excluded.roles, synced_at = excluded.synced_at"),
           {id, name, name.toLower(), item.value(QStringLiteral("email")).toString(),
            item.value(QStringLiteral("kind")).toString(),
            item.value(QStringLiteral("status")).toString(),
            caserecords::timeMs(item.value(QStringLiteral("created_at"))),
            compact(item.value(QStringLiteral("roles")).toArray()), nowMs});
    if (exists)
        tx.updated(QStringLiteral("users"), id);
    else
        tx.inserted(QStringLiteral("users"), id);
}

void upsertStaff(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs)
{
    const qint64 id = idOf(item);
    const bool exists =
        tx.scalar(QStringLiteral("SELECT 1 FROM staff WHERE id = ?"), {id}).isValid();
    tx.run(QStringLiteral(
               "INSERT INTO staff (id, name, email, status, roles, synced_at) VALUES (?, ?, ?, ?, "
               "?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = "
               "excluded.email, status = excluded.status, roles = excluded.roles, synced_at = "
               "excluded.synced_at"),
           {id, item.value(QStringLiteral("name")).toString(),
            item.value(QStringLiteral("email")).toString(),
            item.value(QStringLiteral("status")).toString(),
            compact(item.value(QStringLiteral("roles")).toArray()), nowMs});
    if (exists)
        tx.updated(QStringLiteral("staff"), id);
    else
        tx.inserted(QStringLiteral("staff"), id);
}

void updateUserStatus(CacheWriteTx &tx, qint64 id, const QString &status, qint64 nowMs)
{
    QSqlQuery &q = tx.run(QStringLiteral("UPDATE users SET status = ?, synced_at = ? WHERE id = ? "
                                         "AND status IS NOT ?"),
                          {status, nowMs, id, status});
    if (q.numRowsAffected() > 0)
        tx.updated(QStringLiteral("users"), id);
}

void upsertCategory(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs)
{
    const qint64 id = idOf(item);
    const int version = item.value(QStringLiteral("version")).toInt(1);
    if (!versioned(tx, QStringLiteral("categories"), id, version))
        return;
    tx.run(QStringLiteral(
               "INSERT INTO categories (id, slug, name, names, position, version, synced_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, "
               "name = excluded.name, names = excluded.names, position = excluded.position, "
               "version = excluded.version, synced_at = excluded.synced_at"),
           {id, item.value(QStringLiteral("slug")).toString(), displayName(item),
            compact(item.value(QStringLiteral("names")).toObject()),
            item.value(QStringLiteral("position")).toInt(), version, nowMs});
}

void upsertSkill(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs)
{
    const qint64 id = idOf(item);
    const int version = item.value(QStringLiteral("version")).toInt(1);
    if (!versioned(tx, QStringLiteral("skills"), id, version))
        return;
    const QJsonValue merged = item.value(QStringLiteral("merged_into"));
    const QString status = item.value(QStringLiteral("status")).toString();
    tx.run(QStringLiteral(
               "INSERT INTO skills (id, category_id, slug, name, names, aliases, status, "
               "merged_into, position, version, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
               "?) ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id, slug = "
               "excluded.slug, name = excluded.name, names = excluded.names, aliases = "
               "excluded.aliases, status = excluded.status, merged_into = excluded.merged_into, "
               "position = excluded.position, version = excluded.version, synced_at = "
               "excluded.synced_at"),
           {id, qint64(item.value(QStringLiteral("category_id")).toDouble()),
            item.value(QStringLiteral("slug")).toString(), displayName(item),
            compact(item.value(QStringLiteral("names")).toObject()),
            compact(item.value(QStringLiteral("aliases")).toArray()),
            status.isEmpty() ? QStringLiteral("active") : status,
            merged.isDouble() ? QVariant(qint64(merged.toDouble()))
                              : QVariant(QMetaType(QMetaType::LongLong)),
            item.value(QStringLiteral("position")).toInt(), version, nowMs});
}

} // namespace skillex::client::directoryrecords
