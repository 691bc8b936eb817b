// SyncEngine: snapshot pages into the cache, then the stream; every write is one job on the
// cache's writer thread, and the stream resumes from the cursor those jobs move.
#include "client/sync/syncengine.h"
#include "client/cache/onfinished.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "client/cache/caserecords.h"
#include "client/cache/directoryrecords.h"
#include "client/connection/connectionstate.h"
#include "client/stream/eventstream.h"
#include "client/sync/eventapplier.h"
#include "common/logging.h"

#include <QPointer>
#include <QDateTime>
#include <QSqlQuery>
#include <QUrlQuery>

namespace skillex::client {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("client.sync");
    return logger;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void upsertItem(CacheWriteTx &tx, const QString &resource, const QJsonObject &item, qint64 now)
{
    if (resource == QLatin1String("cases"))
        caserecords::upsertCase(tx, item, now);
    else if (resource == QLatin1String("users"))
        directoryrecords::upsertUser(tx, item, now);
    else if (resource == QLatin1String("staff"))
        directoryrecords::upsertStaff(tx, item, now);
    else if (resource == QLatin1String("categories"))
        directoryrecords::upsertCategory(tx, item, now);
    else if (resource == QLatin1String("skills"))
        directoryrecords::upsertSkill(tx, item, now);
}

} // namespace

SyncEngine::SyncEngine(CacheDb *db, ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_api(api)
    , m_stream(new EventStream(this))
{
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &SyncEngine::flushEvents);
    m_retry.setSingleShot(true);
    m_fetch.setSingleShot(true);
    connect(&m_fetch, &QTimer::timeout, this, &SyncEngine::fetchPending);

    m_stream->setTokenProvider([this] { return m_api->accessToken(); });
    // Events received but not yet applied are replayed after a reconnection and skipped by
    // the applier: resuming from the applied cursor never leaves a gap.
    m_stream->setCursorProvider([this] { return m_cursor; });
    connect(m_stream, &EventStream::ready, this, [this](qint64 head) {
        log()->info("stream ready at head {}, cursor {}", head, m_cursor);
        m_phase = Phase::Streaming;
        if (m_connection)
            m_connection->moveTo(ConnectionState::State::Live);
        emit live();
    });
    connect(m_stream, &EventStream::eventReceived, this, &SyncEngine::onEvent);
    connect(m_stream, &EventStream::resyncRequested, this, [this] { resync(); });
    connect(m_stream, &EventStream::authenticationRequired, this, [this] {
        const quint64 generation = m_generation;
        m_api->refreshTokens(this, [this, generation](const ApiResult &result) {
            if (generation != m_generation)
                return;
            if (result.ok)
                m_stream->reconnectNow();
            else
                stop(); // the session is over; ApiClient has said so
        });
    });
    connect(m_stream, &EventStream::disconnectedFor, this, [this](const QString &, int) {
        if (m_connection && m_connection->state() == ConnectionState::State::Live)
            m_connection->moveTo(ConnectionState::State::ServerUnavailable);
    });
}

SyncEngine::~SyncEngine()
{
    stop();
}

bool SyncEngine::isLive() const
{
    return m_phase == Phase::Streaming && m_stream->state() == EventStream::State::Streaming;
}

void SyncEngine::loadState()
{
    m_progress.clear();
    m_snapshotHead = 0;
    m_snapshotItems = 0;
    CacheReader *reader = m_db->reader();
    if (!reader)
        return;
    QSqlQuery q(reader->db());
    q.exec(QStringLiteral("SELECT resource, after, done, items, head FROM sync_progress"));
    while (q.next()) {
        ResourceProgress p;
        p.after = q.value(1).toString();
        p.done = q.value(2).toBool();
        p.items = q.value(3).toLongLong();
        m_progress.insert(q.value(0).toString(), p);
        m_snapshotItems += p.items;
        m_snapshotHead = qMax(m_snapshotHead, q.value(4).toLongLong());
    }
    m_cursor = reader->scalar(QStringLiteral("SELECT last_seq FROM event_cursor")).toLongLong();
}

void SyncEngine::start()
{
    stop();
    m_running = true;
    ++m_generation;
    loadState();
    bool complete = true;
    for (const QString &resource : std::as_const(m_options.resources))
        complete = complete && m_progress.value(resource).done;
    if (complete && m_cursor > 0) {
        log()->info("cache complete; streaming after {}", m_cursor);
        startStream();
        return;
    }
    m_phase = Phase::Snapshot;
    m_snapshotStartedMs = nowMs();
    if (m_connection)
        m_connection->moveTo(ConnectionState::State::Syncing);
    nextPage();
}

void SyncEngine::stop()
{
    m_running = false;
    ++m_generation;
    m_stream->stop();
    m_flush.stop();
    m_retry.stop();
    m_fetch.stop();
    if (!m_buffer.isEmpty())
        flushEvents(); // received events are still good: apply them
    m_phase = Phase::Idle;
}

void SyncEngine::resync()
{
    log()->info("resync: taking a snapshot again");
    const bool running = m_running;
    stop();
    m_db->writeAndWait(
        [](CacheWriteTx &tx) { tx.run(QStringLiteral("DELETE FROM sync_progress")); });
    if (running)
        start();
}

int SyncEngine::percent() const
{
    const int n = int(m_options.resources.size());
    int done = 0;
    for (const QString &resource : m_options.resources)
        done += m_progress.value(resource).done ? 1 : 0;
    return n == 0 ? 100 : qMin(99, 100 * done / n);
}

void SyncEngine::nextPage()
{
    if (!m_running)
        return;
    QString resource;
    for (const QString &r : std::as_const(m_options.resources)) {
        if (!m_progress.value(r).done) {
            resource = r;
            break;
        }
    }
    if (resource.isEmpty()) {
        finishSnapshot();
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("resource"), resource);
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pageSize));
    const QString after = m_progress.value(resource).after;
    if (!after.isEmpty())
        query.addQueryItem(QStringLiteral("after"), after);
    const quint64 generation = m_generation;
    m_api->get(QStringLiteral("/api/v1/admin/sync/snapshot?") + query.toString(QUrl::FullyEncoded),
               this, [this, resource, generation](const ApiResult &result) {
                   if (generation == m_generation)
                       onPage(resource, result);
               });
}

void SyncEngine::retrySoon(const ApiError &error)
{
    ++m_retries;
    const int wait = qMin(60'000, 1000 << qMin(m_retries, 6));
    log()->warn("sync: {}; again in {} ms", logging::str(error.logText()), wait);
    if (m_connection && error.isConnectivityProblem())
        m_connection->moveTo(ConnectionState::State::ServerUnavailable, error);
    const quint64 generation = m_generation;
    m_retry.callOnTimeout(
        this,
        [this, generation] {
            if (generation == m_generation)
                nextPage();
        },
        Qt::SingleShotConnection);
    m_retry.start(wait);
}

void SyncEngine::onPage(const QString &resource, const ApiResult &result)
{
    if (!result.ok) {
        if (result.error.isConnectivityProblem() || result.status == 429 || result.status >= 500) {
            retrySoon(result.error);
            return;
        }
        if (result.status == 403) {
            // The person's roles do not cover this resource (finance and cases): the console
            // syncs what it may and shows nothing of the rest.
            log()->info("sync: {} not allowed for this account; skipped", logging::str(resource));
            const qint64 now = nowMs();
            const bool last = resource == m_options.resources.constLast();
            const qint64 snapshotHead = m_snapshotHead;
            const quint64 generation = m_generation;
            client::onFinished(m_db->write([=](CacheWriteTx &tx) {
                    tx.run(
                        QStringLiteral("INSERT INTO sync_progress (resource, after, done, items, "
                                       "head, updated_at) VALUES (?, '', 1, 0, ?, ?) ON "
                                       "CONFLICT (resource) DO UPDATE SET done = 1"),
                        {resource, snapshotHead, now});
                    if (last)
                        tx.run(QStringLiteral("UPDATE event_cursor SET last_seq = ?, head = "
                                              "MAX(head, ?), updated_at = ? WHERE id = 1"),
                               {snapshotHead, snapshotHead, now});
                }), m_db, [=, this, guard = QPointer<SyncEngine>(this)](const CacheWriteResult &) {
                    if (!guard || generation != m_generation)
                        return;
                    m_progress[resource].done = true;
                    if (last)
                        m_cursor = snapshotHead;
                    nextPage();
                });
            return;
        }
        log()->error("sync stopped: {}", logging::str(result.error.logText()));
        m_running = false;
        m_phase = Phase::Idle;
        emit failed(result.error);
        return;
    }
    m_retries = 0;
    if (m_connection && m_connection->state() != ConnectionState::State::Syncing)
        m_connection->moveTo(ConnectionState::State::Syncing);
    const QJsonObject page = result.object();
    const QJsonArray items = page.value(QStringLiteral("items")).toArray();
    const QJsonValue next = page.value(QStringLiteral("next"));
    const qint64 head = qint64(page.value(QStringLiteral("head")).toDouble());
    // The head of the very first page bounds the snapshot: every later change has a higher
    // seq, so the stream opened after it replays all of them.
    const bool first = m_snapshotHead == 0 && m_snapshotItems == 0 &&
                       resource == m_options.resources.constFirst() &&
                       m_progress.value(resource).after.isEmpty();
    const qint64 snapshotHead = first ? head : m_snapshotHead;
    const QString after = next.isString() ? next.toString() : QString();
    const bool done = !next.isString() || items.isEmpty();
    const bool last = done && resource == m_options.resources.constLast();
    const qint64 now = nowMs();
    const quint64 generation = m_generation;
    client::onFinished(m_db->write([=](CacheWriteTx &tx) {
            for (const QJsonValue item : items)
                upsertItem(tx, resource, item.toObject(), now);
            tx.run(QStringLiteral(
                       "INSERT INTO sync_progress (resource, after, done, items, head, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (resource) DO UPDATE SET after = "
                       "excluded.after, done = excluded.done, items = items + excluded.items, "
                       "head = excluded.head, updated_at = excluded.updated_at"),
                   {resource, after, done ? 1 : 0, qint64(items.size()), snapshotHead, now});
            if (last) {
                // The snapshot is whole: the stream starts after its head, in this same commit.
                tx.run(QStringLiteral("UPDATE event_cursor SET last_seq = ?, head = MAX(head, ?), "
                                      "updated_at = ? WHERE id = 1"),
                       {snapshotHead, snapshotHead, now});
            }
        }), m_db, [=, this, guard = QPointer<SyncEngine>(this)](const CacheWriteResult &written) {
            if (!guard || generation != m_generation)
                return;
            if (!written.ok) {
                log()->error("sync: writing a {} page failed: {}", logging::str(resource),
                             logging::str(written.error));
                m_running = false;
                emit failed(ApiError::invalidResponse(m_api->baseUrl(), 200, written.error));
                return;
            }
            ResourceProgress &p = m_progress[resource];
            p.after = after;
            p.done = done;
            p.items += items.size();
            m_snapshotItems += items.size();
            m_snapshotHead = snapshotHead;
            if (last)
                m_cursor = snapshotHead;
            const int pct = percent();
            if (m_connection)
                m_connection->setSyncProgress(pct);
            emit progress(pct, tr("Syncing %1: %2 items").arg(resource).arg(p.items));
            nextPage();
        });
}

void SyncEngine::finishSnapshot()
{
    const qint64 took = nowMs() - m_snapshotStartedMs;
    log()->info("first sync done: {} items in {} ms, streaming after {}", m_snapshotItems, took,
                m_cursor);
    emit progress(100, tr("Synced"));
    emit snapshotFinished(m_snapshotItems, took);
    startStream();
}

void SyncEngine::startStream()
{
    m_phase = Phase::Streaming;
    m_stream->setServer(m_api->baseUrl());
    m_stream->start();
}

void SyncEngine::onEvent(const QJsonObject &event)
{
    m_buffer.append(event);
    for (const auto &[kind, id] : eventapplier::needsFetch(event))
        fetchLater(kind, id);
    if (m_buffer.size() >= m_options.maxBatch)
        flushEvents();
    else if (!m_flush.isActive())
        m_flush.start(m_options.flushDelayMs);
}

void SyncEngine::flushEvents()
{
    m_flush.stop();
    if (m_buffer.isEmpty())
        return;
    const QJsonArray batch = std::exchange(m_buffer, QJsonArray());
    const quint64 generation = m_generation;
    client::onFinished(m_db->write([batch](CacheWriteTx &tx) {
            const eventapplier::Outcome o = eventapplier::apply(tx, batch, nowMs());
            tx.setResult(QVariantList{o.lastSeq, o.lastAt, o.applied + o.ignored});
        }), m_db, [this, generation, guard = QPointer<SyncEngine>(this)](
                  const CacheWriteResult &written) {
            if (!guard)
                return;
            if (!written.ok) {
                // A gap (or a failed write): nothing of the batch was applied; resume the
                // stream from the cursor, which replays it.
                log()->warn("events not applied ({}); resuming from {}",
                            logging::str(written.error), m_cursor);
                if (generation == m_generation && m_running)
                    m_stream->reconnectNow();
                return;
            }
            const QVariantList r = written.value.toList();
            m_cursor = qMax(m_cursor, r.value(0).toLongLong());
            if (m_connection && r.value(1).toLongLong() > 0)
                m_connection->noteEvent(
                    QDateTime::fromMSecsSinceEpoch(r.value(1).toLongLong(), Qt::UTC));
            emit eventsApplied(m_cursor, r.value(2).toInt());
        });
}

void SyncEngine::fetchLater(const QString &kind, qint64 id)
{
    if (kind == QLatin1String("user"))
        m_fetchUsers.insert(id);
    else if (kind == QLatin1String("case"))
        m_fetchCases.insert(id);
    if (!m_fetch.isActive())
        m_fetch.start(200);
}

void SyncEngine::fetchPending()
{
    // Each is an ordinary GET; what it brings is upserted by version, so it can never undo an
    // event applied meanwhile.
    const auto users = std::exchange(m_fetchUsers, {});
    const auto cases = std::exchange(m_fetchCases, {});
    const auto store = [this](const QString &kind) {
        return [this, kind](const ApiResult &result) {
            if (!result.ok)
                return;
            const QJsonObject item = result.object();
            m_db->write([kind, item](CacheWriteTx &tx) {
                if (kind == QLatin1String("user"))
                    directoryrecords::upsertUser(tx, item, nowMs());
                else
                    caserecords::upsertCase(tx, item, nowMs());
            });
        };
    };
    for (const qint64 id : users)
        m_api->get(QStringLiteral("/api/v1/admin/users/%1").arg(id), this,
                   store(QStringLiteral("user")));
    for (const qint64 id : cases)
        m_api->get(QStringLiteral("/api/v1/admin/cases/%1").arg(id), this,
                   store(QStringLiteral("case")));
}

} // namespace skillex::client
