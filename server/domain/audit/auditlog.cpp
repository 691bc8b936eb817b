// Each row's hash covers the previous row's hash, so changing or deleting any row breaks every
// hash after it; verify() finds the first break.
#include "server/domain/audit/auditlog.h"

#include "server/storage/sqlquery.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace skillex::server {
namespace {

// Appends to the chain are serialised across PostgreSQL writers by this transaction lock.
constexpr qint64 kAuditChainLockKey = 7301000002;

QString compactJson(const QJsonObject &o)
{
    return o.isEmpty() ? QString()
                       : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

AuditLog::AuditLog(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString AuditLog::chainHash(const QString &prevHash, qint64 at,
                            const std::optional<qint64> &actorId, const QString &actorLabel,
                            const QString &action, const QString &targetType,
                            const QString &targetId, const QString &reason, const QString &before,
                            const QString &after, const QString &address, const QString &requestId)
{
    // A JSON array is an unambiguous encoding of the fields (no separator can be forged).
    const QJsonArray fields{prevHash,
                            QString::number(at),
                            actorId ? QJsonValue(QString::number(*actorId)) : QJsonValue(),
                            actorLabel,
                            action,
                            targetType,
                            targetId,
                            reason,
                            before,
                            after,
                            address,
                            requestId};
    const QByteArray bytes = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

qint64 AuditLog::append(QSqlDatabase &tx, const AuditEntry &e)
{
    if (m_db.dialect() == Dialect::Postgres)
        SqlQuery(tx, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kAuditChainLockKey))
            .exec();
    SqlQuery last(tx, QStringLiteral("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    last.exec();
    const QString prevHash = last.scalar().value_or(genesisHash()).toString();
    const qint64 at = m_clock.nowMs();
    const QString before = compactJson(e.before);
    const QString after = compactJson(e.after);
    const QString hash = chainHash(prevHash, at, e.actorId, e.actorLabel, e.action, e.targetType,
                                   e.targetId, e.reason, before, after, e.address, e.requestId);
    SqlQuery insert(tx, QStringLiteral("INSERT INTO audit_log (at, actor_id, actor_label, action, "
                                       "target_type, target_id, reason, "
                                       "before_json, after_json, address, request_id, prev_hash, "
                                       "hash) VALUES (:at, :actor, :label, "
                                       ":action, :ttype, :tid, :reason, :before, :after, :address, "
                                       ":rid, :prev, :hash) RETURNING id"));
    insert.bind(QStringLiteral(":at"), at)
        .bindOptional(QStringLiteral(":actor"), e.actorId)
        .bind(QStringLiteral(":label"), e.actorLabel)
        .bind(QStringLiteral(":action"), e.action)
        .bind(QStringLiteral(":ttype"), e.targetType)
        .bind(QStringLiteral(":tid"), e.targetId)
        .bind(QStringLiteral(":reason"), e.reason)
        .bind(QStringLiteral(":before"), before)
        .bind(QStringLiteral(":after"), after)
        .bind(QStringLiteral(":address"), e.address)
        .bind(QStringLiteral(":rid"), e.requestId)
        .bind(QStringLiteral(":prev"), prevHash)
        .bind(QStringLiteral(":hash"), hash)
        .exec();
    return insert.scalar().value_or(0).toLongLong();
}

qint64 AuditLog::appendNow(const AuditEntry &entry)
{
    return m_db.write([&](QSqlDatabase &tx) { return append(tx, entry); });
}

AuditVerification AuditLog::verify()
{
    return m_db.read([](QSqlDatabase &db) {
        AuditVerification result;
        SqlQuery q(
            db, QStringLiteral(
                    "SELECT id, at, actor_id, actor_label, action, target_type, target_id, reason, "
                    "before_json, after_json, address, request_id, prev_hash, hash FROM audit_log "
                    "ORDER BY id"));
        q.exec();
        QString expectedPrev = genesisHash();
        while (q.next()) {
            ++result.checked;
            const QString prev = q.string(12);
            const QString recomputed = chainHash(
                prev, q.int64(1), q.optionalInt64(2), q.string(3), q.string(4), q.string(5),
                q.string(6), q.string(7), q.string(8), q.string(9), q.string(10), q.string(11));
            if (prev != expectedPrev || recomputed != q.string(13)) {
                result.ok = false;
                result.firstBroken = q.int64(0);
                return result;
            }
            expectedPrev = q.string(13);
        }
        return result;
    });
}

} // namespace skillex::server
