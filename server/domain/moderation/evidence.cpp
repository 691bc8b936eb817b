// Snapshot queries. Rows are copied column by column into JSON (times as wire timestamps), so a
// later edit, hide or delete of the original cannot reach the stored evidence.
#include "server/domain/moderation/evidence.h"

#include "protocol/timestamps.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace skillex::server::moderation {

using protocol::toWireTime;

namespace {

struct Column {
    QString sql;  // expression in the SELECT list
    QString name; // key in the snapshot
};

QString selectList(const QList<Column> &columns)
{
    QStringList parts;
    for (const auto &c : columns)
        parts.push_back(c.sql);
    return parts.join(QStringLiteral(", "));
}

QJsonValue jsonValue(const SqlQuery &q, int column, const QString &name)
{
    if (q.isNull(column))
        return QJsonValue();
    if (name.endsWith(QStringLiteral("_at")))
        return toWireTime(q.int64(column));
    return QJsonValue::fromVariant(q.value(column));
}

QJsonObject readRow(const SqlQuery &q, const QList<Column> &columns)
{
    QJsonObject row;
    for (int i = 0; i < columns.size(); ++i)
        row.insert(columns.at(i).name, jsonValue(q, i, columns.at(i).name));
    return row;
}

// Runs SELECT <columns> <from> with the bindings and returns every row as JSON.
QJsonArray readRows(QSqlDatabase &tx, const QList<Column> &columns, const QString &from,
                    const QList<std::pair<QString, QVariant>> &bindings)
{
    SqlQuery q(tx, QStringLiteral("SELECT ") + selectList(columns) + QLatin1Char(' ') + from);
    for (const auto &[name, value] : bindings)
        q.bind(name, value);
    q.exec();
    QJsonArray rows;
    while (q.next())
        rows.push_back(readRow(q, columns));
    return rows;
}

const QList<Column> &sessionColumns()
{
    static const QList<Column> columns{
        {QStringLiteral("s.id"), QStringLiteral("id")},
        {QStringLiteral("s.teacher_id"), QStringLiteral("teacher_id")},
        {QStringLiteral("t.name"), QStringLiteral("teacher_name")},
        {QStringLiteral("s.skill_id"), QStringLiteral("skill_id")},
        {QStringLiteral("k.slug"), QStringLiteral("skill_slug")},
        {QStringLiteral("k.name_en"), QStringLiteral("skill_name")},
        {QStringLiteral("s.title"), QStringLiteral("title")},
        {QStringLiteral("s.starts_at"), QStringLiteral("starts_at")},
        {QStringLiteral("s.duration_minutes"), QStringLiteral("duration_minutes")},
        {QStringLiteral("s.price"), QStringLiteral("price")},
        {QStringLiteral("s.capacity"), QStringLiteral("capacity")},
        {QStringLiteral("s.status"), QStringLiteral("status")},
        {QStringLiteral("s.meeting_url"), QStringLiteral("meeting_url")},
        {QStringLiteral("s.hidden_at"), QStringLiteral("hidden_at")},
        {QStringLiteral("s.created_at"), QStringLiteral("created_at")},
        {QStringLiteral("s.updated_at"), QStringLiteral("updated_at")},
        {QStringLiteral("s.version"), QStringLiteral("version")}};
    return columns;
}

QJsonObject sessionRow(QSqlDatabase &tx, qint64 id)
{
    return readRows(tx, sessionColumns(),
                    QStringLiteral("FROM sessions s JOIN users t ON t.id = s.teacher_id "
                                   "JOIN skills k ON k.id = s.skill_id WHERE s.id = :id"),
                    {{QStringLiteral(":id"), id}})
        .at(0)
        .toObject();
}

const QList<Column> &messageColumns()
{
    static const QList<Column> columns{
        {QStringLiteral("m.id"), QStringLiteral("id")},
        {QStringLiteral("m.sender_id"), QStringLiteral("sender_id")},
        {QStringLiteral("u.name"), QStringLiteral("sender_name")},
        {QStringLiteral("m.body"), QStringLiteral("body")},
        {QStringLiteral("m.created_at"), QStringLiteral("created_at")},
        {QStringLiteral("m.edited_at"), QStringLiteral("edited_at")},
        {QStringLiteral("m.deleted_at"), QStringLiteral("deleted_at")},
        {QStringLiteral("m.hidden_at"), QStringLiteral("hidden_at")}};
    return columns;
}

void snapshotMessage(QSqlDatabase &tx, qint64 messageId, EvidenceSnapshot &out)
{
    SqlQuery conv(tx, QStringLiteral("SELECT conversation_id FROM messages WHERE id = :id"));
    conv.bind(QStringLiteral(":id"), messageId).exec();
    const qint64 conversationId = conv.scalar().value_or(0).toLongLong();
    const QString from = QStringLiteral("FROM messages m JOIN users u ON u.id = m.sender_id ");
    const QList<std::pair<QString, QVariant>> bind{{QStringLiteral(":c"), conversationId},
                                                   {QStringLiteral(":id"), messageId},
                                                   {QStringLiteral(":n"), kContextMessages}};
    QJsonArray before =
        readRows(tx, messageColumns(),
                 from + QStringLiteral("WHERE m.conversation_id = :c AND m.id < :id "
                                       "ORDER BY m.id DESC LIMIT :n"),
                 bind);
    const QJsonArray reported =
        readRows(tx, messageColumns(), from + QStringLiteral("WHERE m.id = :id"),
                 {{QStringLiteral(":id"), messageId}});
    const QJsonArray after =
        readRows(tx, messageColumns(),
                 from + QStringLiteral("WHERE m.conversation_id = :c AND "
                                       "m.id > :id ORDER BY m.id ASC LIMIT :n"),
                 bind);
    QJsonArray messages;
    for (qsizetype i = before.size() - 1; i >= 0; --i)
        messages.push_back(before.at(i));
    messages.push_back(reported.at(0));
    for (const auto &m : after)
        messages.push_back(m);

    // Each message with its files (by hash) and the mark on the reported one.
    QJsonArray marked;
    for (const auto &value : messages) {
        QJsonObject m = value.toObject();
        const qint64 id = m.value(QStringLiteral("id")).toInteger();
        m.insert(QStringLiteral("reported"), id == messageId);
        QJsonArray files;
        SqlQuery a(tx, QStringLiteral("SELECT ma.sha256, ma.file_name, a.mime, a.size FROM "
                                      "message_attachments ma JOIN attachments a ON a.sha256 = "
                                      "ma.sha256 WHERE ma.message_id = :m ORDER BY ma.file_name, "
                                      "ma.sha256"));
        a.bind(QStringLiteral(":m"), id).exec();
        while (a.next()) {
            files.push_back(QJsonObject{{QStringLiteral("sha256"), a.string(0)},
                                        {QStringLiteral("file_name"), a.string(1)},
                                        {QStringLiteral("mime"), a.string(2)},
                                        {QStringLiteral("size"), a.int64(3)}});
            if (!out.attachmentHashes.contains(a.string(0)))
                out.attachmentHashes.push_back(a.string(0));
        }
        m.insert(QStringLiteral("attachments"), files);
        marked.push_back(m);
    }
    const QJsonArray members = readRows(
        tx,
        {{QStringLiteral("u.id"), QStringLiteral("id")},
         {QStringLiteral("u.name"), QStringLiteral("name")}},
        QStringLiteral("FROM conversation_members cm JOIN users u ON u.id = cm.user_id WHERE "
                       "cm.conversation_id = :c ORDER BY u.id"),
        {{QStringLiteral(":c"), conversationId}});
    out.snapshot.insert(
        QStringLiteral("conversation"),
        QJsonObject{{QStringLiteral("id"), conversationId}, {QStringLiteral("members"), members}});
    out.snapshot.insert(QStringLiteral("reported_message_id"), messageId);
    out.snapshot.insert(QStringLiteral("context"),
                        QJsonObject{{QStringLiteral("before"), before.size()},
                                    {QStringLiteral("after"), after.size()}});
    out.snapshot.insert(QStringLiteral("messages"), marked);
}

void snapshotUser(QSqlDatabase &tx, qint64 userId, EvidenceSnapshot &out)
{
    const QList<std::pair<QString, QVariant>> bind{{QStringLiteral(":u"), userId}};
    out.snapshot.insert(QStringLiteral("user"),
                        readRows(tx,
                                 {{QStringLiteral("id"), QStringLiteral("id")},
                                  {QStringLiteral("name"), QStringLiteral("name")},
                                  {QStringLiteral("email"), QStringLiteral("email")},
                                  {QStringLiteral("status"), QStringLiteral("status")},
                                  {QStringLiteral("created_at"), QStringLiteral("created_at")}},
                                 QStringLiteral("FROM users WHERE id = :u"), bind)
                            .at(0));
    const QJsonArray profile =
        readRows(tx,
                 {{QStringLiteral("phone"), QStringLiteral("phone")},
                  {QStringLiteral("avatar_url"), QStringLiteral("avatar_url")},
                  {QStringLiteral("languages"), QStringLiteral("languages")},
                  {QStringLiteral("timezone"), QStringLiteral("timezone")},
                  {QStringLiteral("bio"), QStringLiteral("bio")},
                  {QStringLiteral("email_verified_at"), QStringLiteral("email_verified_at")},
                  {QStringLiteral("last_active_at"), QStringLiteral("last_active_at")},
                  {QStringLiteral("deleted_at"), QStringLiteral("deleted_at")}},
                 QStringLiteral("FROM member_profiles WHERE user_id = :u"), bind);
    QJsonObject p = profile.isEmpty() ? QJsonObject() : profile.at(0).toObject();
    // languages is stored as JSON text; keep it as a list when it parses.
    const auto languages =
        QJsonDocument::fromJson(p.value(QStringLiteral("languages")).toString().toUtf8());
    if (languages.isArray())
        p.insert(QStringLiteral("languages"), languages.array());
    out.snapshot.insert(QStringLiteral("profile"), profile.isEmpty() ? QJsonValue() : p);
    out.snapshot.insert(
        QStringLiteral("skills"),
        readRows(tx,
                 {{QStringLiteral("ms.skill_id"), QStringLiteral("skill_id")},
                  {QStringLiteral("k.slug"), QStringLiteral("slug")},
                  {QStringLiteral("k.name_en"), QStringLiteral("name")},
                  {QStringLiteral("ms.direction"), QStringLiteral("direction")},
                  {QStringLiteral("ms.proficiency"), QStringLiteral("proficiency")},
                  {QStringLiteral("ms.verified_at"), QStringLiteral("verified_at")}},
                 QStringLiteral("FROM member_skills ms JOIN skills k ON k.id = ms.skill_id WHERE "
                                "ms.user_id = :u ORDER BY ms.id"),
                 bind));
}

void snapshotSession(QSqlDatabase &tx, qint64 sessionId, EvidenceSnapshot &out)
{
    out.snapshot.insert(QStringLiteral("session"), sessionRow(tx, sessionId));
    const QList<std::pair<QString, QVariant>> bind{{QStringLiteral(":s"), sessionId}};
    out.snapshot.insert(
        QStringLiteral("bookings"),
        readRows(tx,
                 {{QStringLiteral("b.id"), QStringLiteral("id")},
                  {QStringLiteral("b.learner_id"), QStringLiteral("learner_id")},
                  {QStringLiteral("u.name"), QStringLiteral("learner_name")},
                  {QStringLiteral("b.status"), QStringLiteral("status")},
                  {QStringLiteral("b.price"), QStringLiteral("price")},
                  {QStringLiteral("b.hold_transfer_id"), QStringLiteral("hold_transfer_id")},
                  {QStringLiteral("b.cancelled_by"), QStringLiteral("cancelled_by")},
                  {QStringLiteral("b.created_at"), QStringLiteral("created_at")},
                  {QStringLiteral("b.updated_at"), QStringLiteral("updated_at")}},
                 QStringLiteral("FROM bookings b JOIN users u ON u.id = b.learner_id WHERE "
                                "b.session_id = :s ORDER BY b.id"),
                 bind));
    // The ledger names a session or booking in ref_type/ref_id; the hold and whatever resolved
    // it are found through the booking's hold transfer as well.
    out.snapshot.insert(
        QStringLiteral("transfers"),
        readRows(tx,
                 {{QStringLiteral("seq"), QStringLiteral("seq")},
                  {QStringLiteral("id"), QStringLiteral("id")},
                  {QStringLiteral("debit_account"), QStringLiteral("debit_account")},
                  {QStringLiteral("credit_account"), QStringLiteral("credit_account")},
                  {QStringLiteral("amount"), QStringLiteral("amount")},
                  {QStringLiteral("code"), QStringLiteral("code")},
                  {QStringLiteral("kind"), QStringLiteral("kind")},
                  {QStringLiteral("pending_id"), QStringLiteral("pending_id")},
                  {QStringLiteral("ref_type"), QStringLiteral("ref_type")},
                  {QStringLiteral("ref_id"), QStringLiteral("ref_id")},
                  {QStringLiteral("created_at"), QStringLiteral("created_at")}},
                 QStringLiteral(
                     "FROM ledger_transfers WHERE (ref_type = 'session' AND ref_id = :sid) "
                     "OR (ref_type = 'booking' AND ref_id IN (SELECT CAST(id AS TEXT) FROM "
                     "bookings WHERE session_id = :s1)) "
                     "OR id IN (SELECT hold_transfer_id FROM bookings WHERE session_id = :s2) "
                     "OR pending_id IN (SELECT hold_transfer_id FROM bookings WHERE session_id = "
                     ":s3) ORDER BY seq LIMIT 500"),
                 {{QStringLiteral(":sid"), QString::number(sessionId)},
                  {QStringLiteral(":s1"), sessionId},
                  {QStringLiteral(":s2"), sessionId},
                  {QStringLiteral(":s3"), sessionId}}));
}

void snapshotReview(QSqlDatabase &tx, qint64 reviewId, EvidenceSnapshot &out)
{
    const QJsonObject review =
        readRows(tx,
                 {{QStringLiteral("r.id"), QStringLiteral("id")},
                  {QStringLiteral("r.session_id"), QStringLiteral("session_id")},
                  {QStringLiteral("r.reviewer_id"), QStringLiteral("reviewer_id")},
                  {QStringLiteral("a.name"), QStringLiteral("reviewer_name")},
                  {QStringLiteral("r.reviewee_id"), QStringLiteral("reviewee_id")},
                  {QStringLiteral("b.name"), QStringLiteral("reviewee_name")},
                  {QStringLiteral("r.knowledge"), QStringLiteral("knowledge")},
                  {QStringLiteral("r.communication"), QStringLiteral("communication")},
                  {QStringLiteral("r.professionalism"), QStringLiteral("professionalism")},
                  {QStringLiteral("r.body"), QStringLiteral("body")},
                  {QStringLiteral("r.created_at"), QStringLiteral("created_at")},
                  {QStringLiteral("r.hidden_at"), QStringLiteral("hidden_at")},
                  {QStringLiteral("r.deleted_at"), QStringLiteral("deleted_at")}},
                 QStringLiteral("FROM reviews r JOIN users a ON a.id = r.reviewer_id JOIN users b "
                                "ON b.id = r.reviewee_id WHERE r.id = :id"),
                 {{QStringLiteral(":id"), reviewId}})
            .at(0)
            .toObject();
    out.snapshot.insert(QStringLiteral("review"), review);
    out.snapshot.insert(QStringLiteral("session"),
                        sessionRow(tx, review.value(QStringLiteral("session_id")).toInteger()));
}

} // namespace

EvidenceSnapshot snapshotEvidence(QSqlDatabase &tx, const SubjectRef &subject, qint64 capturedAt)
{
    EvidenceSnapshot out;
    out.kind = subject.type;
    out.snapshot.insert(QStringLiteral("subject"), subject.toJson());
    out.snapshot.insert(QStringLiteral("captured_at"), toWireTime(capturedAt));
    if (subject.type == QStringLiteral("message"))
        snapshotMessage(tx, subject.id, out);
    else if (subject.type == QStringLiteral("user"))
        snapshotUser(tx, subject.id, out);
    else if (subject.type == QStringLiteral("session"))
        snapshotSession(tx, subject.id, out);
    else if (subject.type == QStringLiteral("review"))
        snapshotReview(tx, subject.id, out);
    else if (subject.type == QStringLiteral("listing"))
        out.snapshot.insert(QStringLiteral("listing"), sessionRow(tx, subject.id));
    return out;
}

} // namespace skillex::server::moderation
