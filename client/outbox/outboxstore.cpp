// OutboxStore: every statement on the outbox table, in one place.
#include "client/outbox/outboxstore.h"

#include "client/cache/cacheerror.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "common/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace skillex::client::outboxstore {

namespace {

const QString kColumns = QStringLiteral(
    "id, idempotency_key, kind, method, path, body, if_match, target_type, target_id, summary, "
    "state, created_at, hold_until, attempts, last_try_at, next_try_at, last_status, last_error, "
    "conflict_current, result, finished_at");

QString jsonText(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // A scalar: wrap it so it parses back.
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

QJsonValue parseJson(const QVariant &text)
{
    if (text.isNull() || text.toString().isEmpty())
        return QJsonValue(QJsonValue::Null);
    const QJsonDocument doc = QJsonDocument::fromJson(text.toString().toUtf8());
    if (doc.isObject())
        return doc.object();
    if (doc.isArray()) {
        const QJsonArray array = doc.array();
        return array.size() == 1 && !array.at(0).isObject() && !array.at(0).isArray()
                   ? array.at(0)
                   : QJsonValue(array);
    }
    return QJsonValue(QJsonValue::Null);
}

OutboxEntry readEntry(const QSqlQuery &q)
{
    OutboxEntry e;
    e.id = q.value(0).toLongLong();
    e.idempotencyKey = q.value(1).toString();
    e.action.kind = q.value(2).toString();
    e.action.method = q.value(3).toString().toLatin1();
    e.action.path = q.value(4).toString();
    e.action.body = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    e.action.ifMatch = q.value(6).toString();
    e.action.targetType = q.value(7).toString();
    e.action.targetId = q.value(8).toLongLong();
    e.action.summary = q.value(9).toString();
    e.state = outboxStateFromName(q.value(10).toString()).value_or(OutboxState::Failed);
    e.createdAt = q.value(11).toLongLong();
    e.holdUntil = q.value(12).toLongLong();
    e.attempts = q.value(13).toInt();
    e.lastTryAt = q.value(14).toLongLong();
    e.nextTryAt = q.value(15).toLongLong();
    e.lastStatus = q.value(16).toInt();
    e.lastError = q.value(17).toString();
    e.conflictCurrent = parseJson(q.value(18));
    e.result = parseJson(q.value(19));
    e.finishedAt = q.value(20).toLongLong();
    return e;
}

bool changed(CacheWriteTx &tx, QSqlQuery &query, qint64 id)
{
    const bool did = query.numRowsAffected() > 0;
    if (did)
        tx.updated(kTable, id);
    return did;
}

QVariant nullText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

qint64 enqueue(CacheWriteTx &tx, const Action &action, const QString &idempotencyKey, qint64 nowMs,
               qint64 holdUntilMs)
{
    if (!action.isValid())
        throw CacheError(
            QStringLiteral("refusing an incomplete action (%1 %2)").arg(action.kind, action.path));
    QSqlQuery &query = tx.run(
        QStringLiteral("INSERT INTO outbox (idempotency_key, kind, method, path, body, if_match, "
                       "target_type, target_id, summary, state, created_at, hold_until, "
                       "next_try_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)"),
        {idempotencyKey, action.kind, QString::fromLatin1(action.method), action.path,
         action.body.isEmpty() && action.method == "POST"
             ? QStringLiteral("{}")
             : QString::fromUtf8(QJsonDocument(action.body).toJson(QJsonDocument::Compact)),
         action.ifMatch, action.targetType, action.targetId, action.summary, nowMs, holdUntilMs,
         holdUntilMs});
    const qint64 id = query.lastInsertId().toLongLong();
    tx.inserted(kTable, id);
    return id;
}

bool cancel(CacheWriteTx &tx, qint64 id, qint64 nowMs)
{
    QSqlQuery &q = tx.run(QStringLiteral("UPDATE outbox SET state = 'cancelled', finished_at = ? "
                                         "WHERE id = ? AND state = 'queued' AND attempts = 0"),
                          {nowMs, id});
    return changed(tx, q, id);
}

bool discard(CacheWriteTx &tx, qint64 id, qint64 nowMs)
{
    QSqlQuery &q = tx.run(QStringLiteral("UPDATE outbox SET state = 'discarded', finished_at = ? "
                                         "WHERE id = ? AND state IN ('conflict', 'failed')"),
                          {nowMs, id});
    return changed(tx, q, id);
}

bool retry(CacheWriteTx &tx, qint64 id, const QString &newKey, qint64 nowMs,
           const std::optional<QString> &ifMatch)
{
    QSqlQuery &q =
        tx.run(QStringLiteral("UPDATE outbox SET state = 'queued', idempotency_key = ?, "
                              "if_match = COALESCE(?, if_match), next_try_at = ?, hold_until = 0, "
                              "attempts = 0, conflict_current = NULL, finished_at = NULL "
                              "WHERE id = ? AND state IN ('conflict', 'failed')"),
               {newKey, ifMatch ? QVariant(*ifMatch) : QVariant(QMetaType(QMetaType::QString)),
                nowMs, id});
    return changed(tx, q, id);
}

bool markSending(CacheWriteTx &tx, qint64 id, qint64 nowMs)
{
    QSqlQuery &q = tx.run(
        QStringLiteral("UPDATE outbox SET state = 'sending', attempts = attempts + 1, "
                       "last_try_at = ? WHERE id = ? AND state = 'queued' AND hold_until <= ?"),
        {nowMs, id, nowMs});
    return changed(tx, q, id);
}

void recordDone(CacheWriteTx &tx, qint64 id, qint64 nowMs, int status, const QJsonValue &result,
                const QString &note)
{
    QSqlQuery &q =
        tx.run(QStringLiteral("UPDATE outbox SET state = 'done', last_status = ?, last_error = ?, "
                              "result = ?, finished_at = ? WHERE id = ?"),
               {status, note, nullText(jsonText(result)), nowMs, id});
    changed(tx, q, id);
}

void recordRetry(CacheWriteTx &tx, qint64 id, qint64 nowMs, int status, const QString &error,
                 qint64 nextTryAtMs)
{
    Q_UNUSED(nowMs)
    QSqlQuery &q = tx.run(QStringLiteral("UPDATE outbox SET state = 'queued', last_status = ?, "
                                         "last_error = ?, next_try_at = ? WHERE id = ?"),
                          {status, error, nextTryAtMs, id});
    changed(tx, q, id);
}

void recordConflict(CacheWriteTx &tx, qint64 id, qint64 nowMs, int status, const QString &error,
                    const QJsonValue &current)
{
    QSqlQuery &q = tx.run(
        QStringLiteral("UPDATE outbox SET state = 'conflict', last_status = ?, last_error = ?, "
                       "conflict_current = ?, finished_at = ? WHERE id = ?"),
        {status, error, nullText(jsonText(current)), nowMs, id});
    changed(tx, q, id);
}

void recordFailed(CacheWriteTx &tx, qint64 id, qint64 nowMs, int status, const QString &error)
{
    QSqlQuery &q = tx.run(QStringLiteral("UPDATE outbox SET state = 'failed', last_status = ?, "
                                         "last_error = ?, finished_at = ? WHERE id = ?"),
                          {status, error, nowMs, id});
    changed(tx, q, id);
}

int resetInFlight(CacheWriteTx &tx)
{
    QList<qint64> ids;
    QSqlQuery &select = tx.run(QStringLiteral("SELECT id FROM outbox WHERE state = 'sending'"));
    while (select.next())
        ids << select.value(0).toLongLong();
    select.finish();
    tx.run(QStringLiteral("UPDATE outbox SET state = 'queued' WHERE state = 'sending'"));
    for (qint64 id : std::as_const(ids))
        tx.updated(kTable, id);
    return int(ids.size());
}

int makeDueNow(CacheWriteTx &tx, qint64 nowMs)
{
    QSqlQuery &q = tx.run(QStringLiteral("UPDATE outbox SET next_try_at = ? WHERE state = "
                                         "'queued' AND next_try_at > ? AND hold_until <= ?"),
                          {nowMs, nowMs, nowMs});
    const int n = q.numRowsAffected();
    if (n > 0)
        tx.changedEverything(kTable);
    return n;
}

int pruneFinished(CacheWriteTx &tx, qint64 olderThanMs)
{
    QList<qint64> ids;
    QSqlQuery &select = tx.run(QStringLiteral("SELECT id FROM outbox WHERE state IN ('done', "
                                              "'cancelled', 'discarded') AND finished_at < ?"),
                               {olderThanMs});
    while (select.next())
        ids << select.value(0).toLongLong();
    select.finish();
    for (qint64 id : std::as_const(ids)) {
        tx.run(QStringLiteral("DELETE FROM outbox WHERE id = ?"), {id});
        tx.removed(kTable, id);
    }
    return int(ids.size());
}

std::optional<OutboxEntry> entry(CacheReader &reader, qint64 id)
{
    try {
        QSqlQuery &q =
            reader.run(QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(kColumns), {id});
        std::optional<OutboxEntry> out;
        if (q.next())
            out = readEntry(q);
        q.finish();
        return out;
    } catch (const CacheError &error) {
        logging::logger("client.outbox")
            ->error("outbox read failed: {}", logging::str(error.message()));
        return std::nullopt;
    }
}

QList<OutboxEntry> entries(CacheReader &reader, qint64 finishedSinceMs)
{
    try {
        QSqlQuery &q = reader.run(
            QStringLiteral("SELECT %1 FROM outbox WHERE state IN ('queued', 'sending', 'conflict', "
                           "'failed') OR finished_at >= ? ORDER BY id")
                .arg(kColumns),
            {finishedSinceMs});
        QList<OutboxEntry> out;
        while (q.next())
            out << readEntry(q);
        q.finish();
        return out;
    } catch (const CacheError &error) {
        logging::logger("client.outbox")
            ->error("outbox read failed: {}", logging::str(error.message()));
        return {};
    }
}

QList<OutboxEntry> sendable(CacheReader &reader, qint64 nowMs, int limit, const QSet<qint64> &busy)
{
    try {
        // A conflict or failure also holds its target's line: the actions after it were decided
        // on the state it expected, and wait for the person to choose.
        QSqlQuery &q = reader.run(
            QStringLiteral("SELECT %1 FROM outbox o WHERE o.state = 'queued' AND o.hold_until <= ? "
                           "AND o.next_try_at <= ? AND NOT EXISTS (SELECT 1 FROM outbox p WHERE "
                           "p.target_type = o.target_type AND p.target_id = o.target_id AND p.id < "
                           "o.id AND p.state IN ('queued', 'sending', 'conflict', 'failed')) "
                           "ORDER BY o.id LIMIT ?")
                .arg(kColumns),
            {nowMs, nowMs, limit + int(busy.size())});
        QList<OutboxEntry> out;
        while (q.next() && out.size() < limit) {
            OutboxEntry e = readEntry(q);
            if (!busy.contains(e.id))
                out << std::move(e);
        }
        q.finish();
        return out;
    } catch (const CacheError &error) {
        logging::logger("client.outbox")
            ->error("outbox read failed: {}", logging::str(error.message()));
        return {};
    }
}

std::optional<qint64> nextDueAt(CacheReader &reader)
{
    const QVariant at = reader.scalar(QStringLiteral(
        "SELECT MIN(MAX(hold_until, next_try_at)) FROM outbox WHERE state = 'queued'"));
    if (!at.isValid() || at.isNull())
        return std::nullopt;
    return at.toLongLong();
}

Counts counts(CacheReader &reader)
{
    try {
        Counts c;
        QSqlQuery &q = reader.run(QStringLiteral(
            "SELECT state, COUNT(*) FROM outbox WHERE state IN ('queued', 'sending', 'conflict', "
            "'failed') GROUP BY state"));
        while (q.next()) {
            const QString state = q.value(0).toString();
            const int n = q.value(1).toInt();
            if (state == QLatin1String("conflict"))
                c.conflicts += n;
            else if (state == QLatin1String("failed"))
                c.failed += n;
            else
                c.queued += n;
        }
        q.finish();
        return c;
    } catch (const CacheError &error) {
        logging::logger("client.outbox")
            ->error("outbox read failed: {}", logging::str(error.message()));
        return {};
    }
}

} // namespace skillex::client::outboxstore
