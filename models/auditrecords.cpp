// AuditRecords: one row per entry; the whole item is kept as JSON for before and after.
#include "models/auditrecords.h"

#include "client/cache/cachewritetx.h"
#include "client/cache/caserecords.h"

#include <QJsonDocument>

namespace skillex::models::auditrecords {

void upsert(client::CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs)
{
    const qint64 id = qint64(item.value(QStringLiteral("id")).toDouble());
    const QString json = QString::fromUtf8(QJsonDocument(item).toJson(QJsonDocument::Compact));
    const QVariant stored =
        tx.scalar(QStringLiteral("SELECT json FROM audit_entries WHERE id = ?"), {id});
    if (stored.isValid() && stored.toString() == json)
        return; // seen before, unchanged: write nothing (no index churn, no change notice)
    const QJsonValue actor = item.value(QStringLiteral("actor_id"));
    tx.run(QStringLiteral(
               "INSERT INTO audit_entries (id, at, actor_id, actor_label, action, target_type, "
               "target_id, reason, json, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (id) DO UPDATE SET at = excluded.at, actor_id = excluded.actor_id, "
               "actor_label = excluded.actor_label, action = excluded.action, target_type = "
               "excluded.target_type, target_id = excluded.target_id, reason = excluded.reason, "
               "json = excluded.json, seen_at = excluded.seen_at"),
           {id, client::caserecords::timeMs(item.value(QStringLiteral("at"))),
            actor.isNull() || actor.isUndefined() ? QVariant(QMetaType(QMetaType::LongLong))
                                                  : QVariant(qint64(actor.toDouble())),
            item.value(QStringLiteral("actor_label")).toString(),
            item.value(QStringLiteral("action")).toString(),
            item.value(QStringLiteral("target_type")).toString(),
            item.value(QStringLiteral("target_id")).toVariant().toString(),
            item.value(QStringLiteral("reason")).toString(), json, nowMs});
    if (stored.isValid())
        tx.updated(QStringLiteral("audit_entries"), id);
    else
        tx.inserted(QStringLiteral("audit_entries"), id);
}

} // namespace skillex::models::auditrecords
