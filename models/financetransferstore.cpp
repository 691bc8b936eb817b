// financetransferstore: server transfer items -> cache rows, upserted by seq in one job.
#include "models/financetransferstore.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachewritetx.h"

#include <QDateTime>
#include <QJsonDocument>

namespace skillex::models::financetransfers {

namespace {

const QString kUpsertSql = QStringLiteral(
    "INSERT INTO transfers (seq, id, created_at, debit, credit, amount, code, kind, pending_id, "
    "ref_type, ref_id, json, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(seq) DO UPDATE SET kind = excluded.kind, json = excluded.json, "
    "seen_at = excluded.seen_at");

qint64 parseTime(const QString &iso)
{
    const QDateTime at = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

} // namespace

QVariantList rowValues(const QJsonObject &item, qint64 seenAtMs)
{
    const qint64 seq = item.value(QStringLiteral("seq")).toInteger();
    const QString id = item.value(QStringLiteral("id")).toString();
    if (seq <= 0 || id.isEmpty())
        return {};
    const QJsonObject ref = item.value(QStringLiteral("ref")).toObject();
    const QJsonValue pending = item.value(QStringLiteral("pending_id"));
    return {seq,
            id,
            parseTime(item.value(QStringLiteral("created_at")).toString()),
            item.value(QStringLiteral("debit_account")).toString(),
            item.value(QStringLiteral("credit_account")).toString(),
            item.value(QStringLiteral("amount")).toInteger(),
            item.value(QStringLiteral("code")).toString(),
            item.value(QStringLiteral("kind")).toString(),
            pending.isString() ? QVariant(pending.toString()) : QVariant(),
            ref.value(QStringLiteral("type")).toString(),
            ref.value(QStringLiteral("id")).toVariant().toString(),
            QString::fromUtf8(QJsonDocument(item).toJson(QJsonDocument::Compact)),
            seenAtMs};
}

QFuture<client::CacheWriteResult> store(client::CacheDb *db, const QJsonArray &items)
{
    QList<QVariantList> rows;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QJsonValue &item : items) {
        QVariantList values = rowValues(item.toObject(), now);
        if (!values.isEmpty())
            rows << std::move(values);
    }
    return db->write([rows](client::CacheWriteTx &tx) {
        for (const QVariantList &values : rows) {
            tx.run(kUpsertSql, values);
            tx.updated(QStringLiteral("transfers"), values.first().toLongLong());
        }
        tx.setResult(int(rows.size()));
    });
}

} // namespace skillex::models::financetransfers
