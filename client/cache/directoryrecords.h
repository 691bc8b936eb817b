// DirectoryRecords: accounts (users, staff) and the skills taxonomy (categories, skills) into the
// cache from the API's JSON (snapshot items and event data). Runs inside a write job.
#pragma once

#include <QJsonObject>

namespace skillex::client {

class CacheWriteTx;

namespace directoryrecords {

// {id, name, email, kind, status, created_at, roles}
void upsertUser(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs);
void upsertStaff(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs);
// A sanction moved a member's status; nothing else of the row is known from the event.
void updateUserStatus(CacheWriteTx &tx, qint64 id, const QString &status, qint64 nowMs);
// {id, slug, names: {en, de, it, hi}, position, version}; stale versions are ignored.
void upsertCategory(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs);
// {id, category_id, slug, names, status, merged_into, aliases, position, version}
void upsertSkill(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs);

} // namespace directoryrecords
} // namespace skillex::client
