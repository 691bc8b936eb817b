// CaseRecords: the mapping from the API's case JSON to the cache's columns, in one place.
#include "client/cache/caserecords.h"

#include "client/cache/cachewritetx.h"
#include "protocol/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace skillex::client::caserecords {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QVariant optionalId(const QJsonValue &value)
{
    if (value.isDouble())
        return QVariant(qint64(value.toDouble()));
    if (value.isObject() && value.toObject().value(QStringLiteral("id")).isDouble())
        return QVariant(qint64(value.toObject().value(QStringLiteral("id")).toDouble()));
    return QVariant(QMetaType(QMetaType::LongLong));
}

QVariant optionalTime(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QVariant(QMetaType(QMetaType::LongLong));
    return timeMs(value);
}

} // namespace

qint64 timeMs(const QJsonValue &value, qint64 fallback)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString()) {
        if (const auto time = protocol::fromWireTime(value.toString()))
            return time->toMSecsSinceEpoch();
    }
    return fallback;
}

QString searchText(const QJsonObject &item, const QJsonObject &detail)
{
    QStringList parts;
    parts << QStringLiteral("#%1").arg(qint64(item.value(QStringLiteral("id")).toDouble()));
    parts << item.value(QStringLiteral("category")).toString().replace(u'_', u' ');
    const QJsonObject subject = item.value(QStringLiteral("subject")).toObject();
    parts << subject.value(QStringLiteral("type")).toString();
    for (const char *key : {"label", "name"}) {
        const QString text = subject.value(QLatin1String(key)).toString();
        if (!text.isEmpty())
            parts << text;
    }
    for (const QJsonValue report : detail.value(QStringLiteral("reports")).toArray())
        parts << report.toObject().value(QStringLiteral("description")).toString();
    for (const QJsonValue note : detail.value(QStringLiteral("notes")).toArray())
        parts << note.toObject().value(QStringLiteral("body")).toString();
    parts.removeAll(QString());
    return parts.join(u' ');
}

Upserted upsertCase(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs)
{
    const qint64 id = qint64(item.value(QStringLiteral("id")).toDouble());
    const int version = item.value(QStringLiteral("version")).toInt(1);
    const QVariant stored =
        tx.scalar(QStringLiteral("SELECT version FROM cases WHERE id = ?"), {id});
    if (stored.isValid() && stored.toInt() > version)
        return Upserted::Stale;

    const QJsonObject subject = item.value(QStringLiteral("subject")).toObject();
    QString label = subject.value(QStringLiteral("label")).toString();
    if (label.isEmpty())
        label = subject.value(QStringLiteral("name")).toString();
    const QVariantList values{
        id,
        item.value(QStringLiteral("status")).toString(),
        item.value(QStringLiteral("priority")).toDouble(),
        item.value(QStringLiteral("severity")).toString(),
        item.value(QStringLiteral("category")).toString(),
        subject.value(QStringLiteral("type")).toString(),
        qint64(subject.value(QStringLiteral("id")).toDouble()),
        optionalId(item.value(QStringLiteral("subject_user_id"))),
        label,
        item.value(QStringLiteral("report_count")).toInt(),
        item.value(QStringLiteral("reporter_count")).toInt(),
        optionalId(item.contains(QStringLiteral("assignee_id"))
                       ? item.value(QStringLiteral("assignee_id"))
                       : item.value(QStringLiteral("assignee"))),
        optionalId(item.value(QStringLiteral("previous_case_id"))),
        timeMs(item.value(QStringLiteral("opened_at")), nowMs),
        timeMs(item.value(QStringLiteral("sla_due_at")), nowMs),
        optionalTime(item.value(QStringLiteral("closed_at"))),
        version,
        searchText(item),
        nowMs,
    };
    if (!stored.isValid()) {
        tx.run(QStringLiteral(
                   "INSERT INTO cases (id, status, priority, severity, category, subject_type, "
                   "subject_id, subject_user_id, subject_label, report_count, reporter_count, "
                   "assignee_id, previous_case_id, opened_at, sla_due_at, closed_at, version, "
                   "search_text, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?)"),
               values);
        tx.inserted(QStringLiteral("cases"), id);
        return Upserted::Inserted;
    }
    // The stored search text may hold report descriptions from a detail fetch: keep them.
    QVariantList update = values.mid(1);
    update.removeAt(16); // search_text
    update.push_back(id);
    tx.run(QStringLiteral(
               "UPDATE cases SET status = ?, priority = ?, severity = ?, category = ?, "
               "subject_type = ?, subject_id = ?, subject_user_id = ?, subject_label = ?, "
               "report_count = ?, reporter_count = ?, assignee_id = ?, previous_case_id = ?, "
               "opened_at = ?, sla_due_at = ?, closed_at = ?, version = ?, synced_at = ? "
               "WHERE id = ?"),
           update);
    tx.updated(QStringLiteral("cases"), id);
    return Upserted::Updated;
}

void storeCaseDetail(CacheWriteTx &tx, const QJsonObject &detail, qint64 nowMs)
{
    if (upsertCase(tx, detail, nowMs) == Upserted::Stale)
        return;
    const qint64 caseId = qint64(detail.value(QStringLiteral("id")).toDouble());
    tx.run(
        QStringLiteral("UPDATE cases SET detail = ?, detail_at = ?, search_text = ? WHERE id = ?"),
        {compact(detail), nowMs, searchText(detail, detail), caseId});
    for (const QJsonValue value : detail.value(QStringLiteral("reports")).toArray()) {
        const QJsonObject report = value.toObject();
        tx.run(QStringLiteral(
                   "INSERT INTO reports (id, case_id, reporter_id, category, description, "
                   "created_at, json) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                   "case_id = excluded.case_id, reporter_id = excluded.reporter_id, "
                   "category = excluded.category, description = excluded.description, "
                   "created_at = excluded.created_at, json = excluded.json"),
               {qint64(report.value(QStringLiteral("id")).toDouble()), caseId,
                optionalId(report.value(QStringLiteral("reporter_id"))),
                report.value(QStringLiteral("category")).toString(),
                report.value(QStringLiteral("description")).toString(),
                timeMs(report.value(QStringLiteral("created_at"))), compact(report)});
    }
    for (const QJsonValue value : detail.value(QStringLiteral("evidence")).toArray()) {
        const QJsonObject evidence = value.toObject();
        const qint64 evidenceId = qint64(evidence.value(QStringLiteral("id")).toDouble());
        tx.run(QStringLiteral(
                   "INSERT INTO evidence (id, case_id, report_id, kind, created_at, json) VALUES "
                   "(?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, "
                   "report_id = excluded.report_id, kind = excluded.kind, "
                   "created_at = excluded.created_at, json = excluded.json"),
               {evidenceId, caseId, optionalId(evidence.value(QStringLiteral("report_id"))),
                evidence.value(QStringLiteral("kind")).toString(),
                timeMs(evidence.value(QStringLiteral("created_at"))), compact(evidence)});
        for (const QJsonValue file : evidence.value(QStringLiteral("attachments")).toArray()) {
            const QJsonObject attachment = file.toObject();
            const QString sha = attachment.value(QStringLiteral("sha256")).toString();
            if (sha.isEmpty())
                continue;
            storeAttachment(tx, sha, qint64(attachment.value(QStringLiteral("size")).toDouble()),
                            attachment.value(QStringLiteral("mime")).toString(),
                            attachment.value(QStringLiteral("file_name")).toString(), nullptr,
                            nowMs);
            tx.run(QStringLiteral("INSERT OR IGNORE INTO evidence_attachments (evidence_id, "
                                  "sha256) VALUES (?, ?)"),
                   {evidenceId, sha});
        }
        tx.updated(QStringLiteral("evidence"), evidenceId);
    }
}

void storeAttachment(CacheWriteTx &tx, const QString &sha256, qint64 size,
                     const QString &contentType, const QString &fileName, const QByteArray *bytes,
                     qint64 nowMs)
{
    tx.run(QStringLiteral(
               "INSERT INTO attachments (sha256, size, content_type, file_name, fetched_at) VALUES "
               "(?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, "
               "content_type = excluded.content_type, file_name = CASE WHEN "
               "excluded.file_name = '' THEN file_name ELSE excluded.file_name END, "
               "fetched_at = COALESCE(excluded.fetched_at, fetched_at)"),
           {sha256, size, contentType, fileName,
            bytes ? QVariant(nowMs) : QVariant(QMetaType(QMetaType::LongLong))});
    if (bytes) {
        tx.run(QStringLiteral("INSERT INTO attachment_blobs (sha256, bytes) VALUES (?, ?) "
                              "ON CONFLICT (sha256) DO UPDATE SET bytes = excluded.bytes"),
               {sha256, *bytes});
    }
}

} // namespace skillex::client::caserecords
