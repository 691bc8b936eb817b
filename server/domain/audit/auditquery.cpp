// Newest first by id (the chain order), so a page is one range scan of the primary key or of
// the (action, id) / (target_type, target_id, id) / (actor_id, at) indexes.
#include "server/domain/audit/auditquery.h"

#include "protocol/timestamps.h"
#include "server/domain/members/membersearch.h"
#include "server/storage/sqlquery.h"

#include <QJsonDocument>

namespace skillex::server {
namespace {

QJsonValue jsonOrNull(const QString &text)
{
    if (text.isEmpty())
        return QJsonValue();
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(text);
}

const QString kColumns = QStringLiteral(
    "SELECT id, at, actor_id, actor_label, action, target_type, target_id, reason, before_json, "
    "after_json, address, request_id, prev_hash, hash FROM audit_log ");

} // namespace

AuditQuery::AuditQuery(Database &db)
    : m_db(db)
{}

AuditPage AuditQuery::search(const AuditSearch &s) const
{
    return m_db.read([&](QSqlDatabase &db) {
        QStringList where;
        const bool prefix = s.action && s.action->endsWith(QLatin1Char('.'));
        if (s.actorId)
            where << QStringLiteral("actor_id = :actor");
        if (s.action)
            where << (prefix ? QStringLiteral("action LIKE :action ESCAPE '\\'")
                             : QStringLiteral("action = :action"));
        if (s.targetType)
            where << QStringLiteral("target_type = :ttype");
        if (s.targetId)
            where << QStringLiteral("target_id = :tid");
        if (s.from)
            where << QStringLiteral("at >= :from");
        if (s.to)
            where << QStringLiteral("at < :to");
        if (s.beforeId)
            where << QStringLiteral("id < :before");
        SqlQuery q(db,
                   kColumns + QStringLiteral("%1 ORDER BY id DESC LIMIT :n")
                                  .arg(where.isEmpty() ? QString()
                                                       : QStringLiteral("WHERE ") +
                                                             where.join(QStringLiteral(" AND "))));
        if (s.actorId)
            q.bind(QStringLiteral(":actor"), *s.actorId);
        if (s.action) {
            // containsPattern gives "%text%"; a prefix drops the leading '%'.
            q.bind(QStringLiteral(":action"),
                   prefix ? containsPattern(*s.action).mid(1) : *s.action);
        }
        if (s.targetType)
            q.bind(QStringLiteral(":ttype"), *s.targetType);
        if (s.targetId)
            q.bind(QStringLiteral(":tid"), *s.targetId);
        if (s.from)
            q.bind(QStringLiteral(":from"), *s.from);
        if (s.to)
            q.bind(QStringLiteral(":to"), *s.to);
        if (s.beforeId)
            q.bind(QStringLiteral(":before"), *s.beforeId);
        q.bind(QStringLiteral(":n"), s.limit + 1).exec();
        AuditPage page;
        while (q.next()) {
            if (page.items.size() == s.limit) {
                page.next = page.items.last().toObject().value(QStringLiteral("id")).toInteger();
                break;
            }
            page.items.push_back(QJsonObject{
                {QStringLiteral("id"), q.int64(0)},
                {QStringLiteral("at"), protocol::toWireTime(q.int64(1))},
                {QStringLiteral("actor_id"), q.isNull(2) ? QJsonValue() : QJsonValue(q.int64(2))},
                {QStringLiteral("actor_label"), q.string(3)},
                {QStringLiteral("action"), q.string(4)},
                {QStringLiteral("target_type"), q.string(5)},
                {QStringLiteral("target_id"), q.string(6)},
                {QStringLiteral("reason"), q.string(7)},
                {QStringLiteral("before"), jsonOrNull(q.string(8))},
                {QStringLiteral("after"), jsonOrNull(q.string(9))},
                {QStringLiteral("address"), q.string(10)},
                {QStringLiteral("request_id"), q.string(11)},
                {QStringLiteral("hash"), q.string(13)}});
        }
        return page;
    });
}

QJsonObject AuditQuery::verify(AuditLog &log) const
{
    const AuditVerification v = log.verify();
    QJsonValue broken;
    if (v.firstBroken) {
        broken = m_db.read([&](QSqlDatabase &db) {
            SqlQuery q(db, kColumns + QStringLiteral("WHERE id = :id"));
            q.bind(QStringLiteral(":id"), *v.firstBroken).exec();
            if (!q.next())
                return QJsonValue(QJsonObject{{QStringLiteral("id"), *v.firstBroken}});
            const QString recomputed = AuditLog::chainHash(
                q.string(12), q.int64(1), q.optionalInt64(2), q.string(3), q.string(4), q.string(5),
                q.string(6), q.string(7), q.string(8), q.string(9), q.string(10), q.string(11));
            // Either the row itself was changed, or it no longer follows the row before it
            // (a row was deleted or inserted, or the previous row's hash was rewritten).
            const QString reason =
                recomputed != q.string(13)
                    ? QStringLiteral("the row's contents do not match its hash: it was changed "
                                     "after it was written")
                    : QStringLiteral("the row's prev_hash does not match the hash of the row "
                                     "before it: a row was removed, inserted or rewritten");
            return QJsonValue(QJsonObject{{QStringLiteral("id"), q.int64(0)},
                                          {QStringLiteral("at"), protocol::toWireTime(q.int64(1))},
                                          {QStringLiteral("action"), q.string(4)},
                                          {QStringLiteral("reason"), reason}});
        });
    }
    return {{QStringLiteral("ok"), v.ok},
            {QStringLiteral("checked"), v.checked},
            {QStringLiteral("first_broken"), broken}};
}

} // namespace skillex::server
