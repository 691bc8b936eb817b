// Outbox: persisting, undoing and discarding actions; counts for the status bar.
#include "client/outbox/outbox.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "common/logging.h"

#include <QDateTime>
#include <QUuid>

namespace skillex::client {

Outbox::Outbox(CacheDb *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    qRegisterMetaType<outboxstore::Counts>();
    connect(m_db, &CacheDb::changed, this, &Outbox::onCacheChanged);
    refreshCounts();
}

Outbox::~Outbox() = default;

qint64 Outbox::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QString Outbox::newIdempotencyKey()
{
    return QStringLiteral("console-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

CacheReader *Outbox::reader()
{
    if (!m_reader)
        m_reader = m_db->openReader();
    return m_reader.get();
}

QFuture<CacheWriteResult> Outbox::enqueue(const Action &action, int holdMs)
{
    const qint64 at = now();
    const QString key = newIdempotencyKey();
    logging::logger("client.outbox")
        ->info("queued {} {} ({}), hold {} ms", action.method.constData(),
               logging::str(action.path), logging::str(action.kind), holdMs);
    return m_db->write([action, key, at, holdMs](CacheWriteTx &tx) {
        tx.setResult(outboxstore::enqueue(tx, action, key, at, at + qMax(0, holdMs)));
    });
}

QFuture<CacheWriteResult> Outbox::cancel(qint64 id)
{
    const qint64 at = now();
    return m_db->write(
        [id, at](CacheWriteTx &tx) { tx.setResult(outboxstore::cancel(tx, id, at)); });
}

QFuture<CacheWriteResult> Outbox::discard(qint64 id)
{
    const qint64 at = now();
    return m_db->write(
        [id, at](CacheWriteTx &tx) { tx.setResult(outboxstore::discard(tx, id, at)); });
}

QFuture<CacheWriteResult> Outbox::retry(qint64 id, const std::optional<QString> &ifMatch)
{
    const qint64 at = now();
    const QString key = newIdempotencyKey();
    return m_db->write([id, at, key, ifMatch](CacheWriteTx &tx) {
        tx.setResult(outboxstore::retry(tx, id, key, at, ifMatch));
    });
}

std::optional<OutboxEntry> Outbox::entry(qint64 id)
{
    CacheReader *r = reader();
    return r ? outboxstore::entry(*r, id) : std::nullopt;
}

QList<OutboxEntry> Outbox::entries(qint64 recentMs)
{
    CacheReader *r = reader();
    return r ? outboxstore::entries(*r, now() - recentMs) : QList<OutboxEntry>();
}

void Outbox::onCacheChanged(const TableChange &change)
{
    if (change.table != outboxstore::kTable)
        return;
    refreshCounts();
    emit entriesChanged(change.ids());
}

void Outbox::refreshCounts()
{
    CacheReader *r = reader();
    if (!r)
        return;
    const outboxstore::Counts fresh = outboxstore::counts(*r);
    if (fresh == m_counts)
        return;
    m_counts = fresh;
    emit countsChanged(m_counts);
}

} // namespace skillex::client
