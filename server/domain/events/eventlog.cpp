// seq = MAX(seq) + 1 under a lock held until commit: on SQLite the single writer gives that,
// on PostgreSQL a transaction-scoped advisory lock does. So no reader ever sees seq N+1
// committed before N, which is what lets a client resume from "the last seq I hold".
#include "server/domain/events/eventlog.h"

#include "server/storage/sqlquery.h"

#include <QJsonDocument>

namespace skillex::server {
namespace {
constexpr qint64 kEventLockKey = 7301000003;
}

EventLog::EventLog(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

qint64 EventLog::append(QSqlDatabase &tx, const EventDraft &e)
{
    if (m_db.dialect() == Dialect::Postgres)
        SqlQuery(tx, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kEventLockKey)).exec();
    SqlQuery last(tx, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"));
    last.exec();
    const qint64 seq = last.scalar().value_or(0).toLongLong() + 1;
    SqlQuery(tx, QStringLiteral(
                     "INSERT INTO events (seq, type, at, actor_id, subject_type, subject_id, data) "
                     "VALUES (:seq, :type, :at, :actor, :stype, :sid, :data)"))
        .bind(QStringLiteral(":seq"), seq)
        .bind(QStringLiteral(":type"), e.type)
        .bind(QStringLiteral(":at"), m_clock.nowMs())
        .bindOptional(QStringLiteral(":actor"), e.actorId)
        .bind(QStringLiteral(":stype"), e.subjectType)
        .bind(QStringLiteral(":sid"), e.subjectId)
        .bind(QStringLiteral(":data"),
              QString::fromUtf8(QJsonDocument(e.data).toJson(QJsonDocument::Compact)))
        .exec();
    if (m_db.dialect() == Dialect::Postgres)
        SqlQuery(tx, QStringLiteral("SELECT pg_notify('skillex_events', :seq)"))
            .bind(QStringLiteral(":seq"), QString::number(seq))
            .exec();
    return seq;
}

qint64 EventLog::head()
{
    return m_db.read([](QSqlDatabase &db) {
        SqlQuery q(db, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"));
        q.exec();
        return q.scalar().value_or(0).toLongLong();
    });
}

} // namespace skillex::server
