// CaseRecords: the mapping from the API's case JSON to the cache's columns, in one place.
#include "client/cache/caserecords.h"

#include "client/cache/cachewritetx.h"
#include "protocol/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
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
    for (const QJsonValue note : detail.value(QStringLiteral("notes")).toArray()) {
        const QJsonObject n = note.toObject();
        parts << (n.contains(QStringLiteral("text")) ? n.value(QStringLiteral("text")).toString()
                                                     : n.value(QStringLiteral("body")).toString());
    }
    parts << item.value(QStringLiteral("subject_user"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString();
    parts.removeAll(QString());
    return parts.join(u' ');
}

namespace {

// How a wire field becomes a column value.
enum class Kind { Text, Real, Int, Id, Time, OptionalTime };

struct Field {
    const char *json;
    const char *column;
    Kind kind;
};

// The list fields of a case, in the column order of INSERT below (after id).
constexpr Field kFields[] = {
    {"status", "status", Kind::Text},
    {"priority", "priority", Kind::Real},
    {"severity", "severity", Kind::Text},
    {"category", "category", Kind::Text},
    {"subject_user_id", "subject_user_id", Kind::Id},
    {"report_count", "report_count", Kind::Int},
    {"reporter_count", "reporter_count", Kind::Int},
    {"assignee_id", "assignee_id", Kind::Id},
    {"previous_case_id", "previous_case_id", Kind::Id},
    {"opened_at", "opened_at", Kind::Time},
    {"sla_due_at", "sla_due_at", Kind::Time},
    {"closed_at", "closed_at", Kind::OptionalTime},
    {"version", "version", Kind::Int},
};
constexpr int kFieldCount = int(sizeof(kFields) / sizeof(kFields[0]));

QVariant fieldValue(const Field &field, const QJsonValue &value, qint64 nowMs)
{
    switch (field.kind) {
    case Kind::Text:
        return value.toString();
    case Kind::Real:
        return value.toDouble();
    case Kind::Int:
        return value.toInt();
    case Kind::Id:
        return optionalId(value);
    case Kind::Time:
        return timeMs(value, nowMs);
    case Kind::OptionalTime:
        return optionalTime(value);
    }
    return {};
}

bool sameValue(const Field &field, const QVariant &stored, const QVariant &fresh)
{
    if (stored.isNull() || fresh.isNull())
        return stored.isNull() == fresh.isNull();
    switch (field.kind) {
    case Kind::Text:
        return stored.toString() == fresh.toString();
    case Kind::Real:
        return stored.toDouble() == fresh.toDouble();
    default:
        return stored.toLongLong() == fresh.toLongLong();
    }
}

// The wire's assignee may come as assignee_id or as an {id, name} object.
// The snapshot sends assignee_id and subject_user_id; the case summary of lists and events
// sends assignee and subject_user as {id, name} objects.
const char *objectForm(const Field &field)
{
    if (qstrcmp(field.json, "assignee_id") == 0)
        return "assignee";
    if (qstrcmp(field.json, "subject_user_id") == 0)
        return "subject_user";
    return nullptr;
}

QJsonValue wireValue(const QJsonObject &item, const Field &field)
{
    const char *object = objectForm(field);
    if (object && !item.contains(QLatin1String(field.json)))
        return item.value(QLatin1String(object));
    return item.value(QLatin1String(field.json));
}

bool hasField(const QJsonObject &item, const Field &field)
{
    const char *object = objectForm(field);
    return item.contains(QLatin1String(field.json)) ||
           (object && item.contains(QLatin1String(object)));
}

} // namespace

Upserted upsertCase(CacheWriteTx &tx, const QJsonObject &item, qint64 nowMs)
{
    const qint64 id = qint64(item.value(QStringLiteral("id")).toDouble());
    const int version = item.value(QStringLiteral("version")).toInt(1);
    const QJsonObject subject = item.value(QStringLiteral("subject")).toObject();
    QString label = subject.value(QStringLiteral("label")).toString();
    if (label.isEmpty())
        label = subject.value(QStringLiteral("name")).toString();
    if (label.isEmpty())
        label = item.value(QStringLiteral("subject_user"))
                    .toObject()
                    .value(QStringLiteral("name"))
                    .toString();

    QSqlQuery &read = tx.run(
        QStringLiteral("SELECT status, priority, severity, category, subject_user_id, "
                       "report_count, reporter_count, assignee_id, previous_case_id, opened_at, "
                       "sla_due_at, closed_at, version, subject_type, subject_id, subject_label "
                       "FROM cases WHERE id = ?"),
        {id});
    if (!read.next()) {
        read.finish();
        QVariantList values{id};
        for (const Field &field : kFields)
            values << fieldValue(field, wireValue(item, field), nowMs);
        values << subject.value(QStringLiteral("type")).toString()
               << qint64(subject.value(QStringLiteral("id")).toDouble()) << label
               << searchText(item) << nowMs;
        tx.run(QStringLiteral(
                   "INSERT INTO cases (id, status, priority, severity, category, "
                   "subject_user_id, report_count, reporter_count, assignee_id, "
                   "previous_case_id, opened_at, sla_due_at, closed_at, version, subject_type, "
                   "subject_id, subject_label, search_text, synced_at) VALUES (?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               values);
        tx.inserted(QStringLiteral("cases"), id);
        return Upserted::Inserted;
    }
    QVariantList stored;
    for (int i = 0; i < kFieldCount + 3; ++i)
        stored << read.value(i);
    read.finish();
    if (stored.at(kFieldCount - 1).toInt() > version)
        return Upserted::Stale;

    // Only what differs is written: SQLite rewrites the entries of every index on a column
    // named in SET, so a full-row UPDATE would touch all six indexes for a new report count.
    // Fields missing from the item (a partial event) are left as they are.
    QStringList sets;
    QVariantList values;
    for (int i = 0; i < kFieldCount; ++i) {
        const Field &field = kFields[i];
        if (!hasField(item, field))
            continue;
        const QVariant fresh = fieldValue(field, wireValue(item, field), nowMs);
        if (!sameValue(field, stored.at(i), fresh)) {
            sets << QStringLiteral("%1 = ?").arg(QLatin1String(field.column));
            values << fresh;
        }
    }
    if (!subject.isEmpty()) {
        const QVariantList fresh{subject.value(QStringLiteral("type")).toString(),
                                 qint64(subject.value(QStringLiteral("id")).toDouble()), label};
        const char *columns[] = {"subject_type", "subject_id", "subject_label"};
        for (int k = 0; k < 3; ++k) {
            if (k == 2 && label.isEmpty())
                continue; // a later item without a label keeps the one known
            if (stored.at(kFieldCount + k).toString() != fresh.at(k).toString()) {
                sets << QStringLiteral("%1 = ?").arg(QLatin1String(columns[k]));
                values << fresh.at(k);
            }
        }
    }
    if (sets.isEmpty())
        return Upserted::Unchanged;
    sets << QStringLiteral("synced_at = ?");
    values << nowMs << id;
    tx.run(QStringLiteral("UPDATE cases SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", "))),
           values);
    tx.updated(QStringLiteral("cases"), id);
    return Upserted::Updated;
}

void storeCaseDetail(CacheWriteTx &tx, const QJsonObject &detail, qint64 nowMs)
{
    const Upserted upserted = upsertCase(tx, detail, nowMs);
    if (upserted == Upserted::Stale)
        return;
    if (upserted == Upserted::Unchanged)
        tx.updated(QStringLiteral("cases"), qint64(detail.value(QStringLiteral("id")).toDouble()));
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
                optionalId(report.contains(QStringLiteral("reporter_id"))
                               ? report.value(QStringLiteral("reporter_id"))
                               : report.value(QStringLiteral("reporter"))),
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
                timeMs(evidence.contains(QStringLiteral("captured_at"))
                           ? evidence.value(QStringLiteral("captured_at"))
                           : evidence.value(QStringLiteral("created_at"))),
                compact(evidence)});
        for (const QJsonValue file : evidence.value(QStringLiteral("attachments")).toArray()) {
            const QJsonObject attachment = file.toObject();
            const QString sha = attachment.value(QStringLiteral("sha256")).toString();
            if (sha.isEmpty())
                continue;
            storeAttachment(tx, sha, qint64(attachment.value(QStringLiteral("size")).toDouble()),
                            attachment.contains(QStringLiteral("content_type"))
                                ? attachment.value(QStringLiteral("content_type")).toString()
                                : attachment.value(QStringLiteral("mime")).toString(),
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
