// The live tail is delivered only as a contiguous run after the last seq delivered: EventLog
// makes seqs visible in commit order, so a hole means a row was deleted by hand, and is
// skipped only after it has lasted a few seconds.
#include "server/http/stream/eventreader.h"

#include "common/logging.h"
#include "protocol/streammessages.h"
#include "server/storage/sqlquery.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QTimer>

namespace skillex::server {
namespace {

constexpr int kLiveBatch = 1000;
constexpr qint64 kGapPatienceMs = 3000;
const QString kChannel = QStringLiteral("skillex_events");

} // namespace

EventReader::EventReader(Database &db, int pollIntervalMs, QObject *receiver, Callbacks callbacks)
    : m_db(db)
    , m_pollIntervalMs(pollIntervalMs)
    , m_receiver(receiver)
    , m_callbacks(std::move(callbacks))
{}

void EventReader::start()
{
    auto log = logging::logger("server.stream");
    try {
        m_last = m_db.read([](QSqlDatabase &db) {
            SqlQuery q(db, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"));
            q.exec();
            return q.scalar().value_or(0).toLongLong();
        });
        if (m_db.dialect() == Dialect::Postgres) {
            QSqlDatabase db = m_db.connection();
            m_listening = db.driver()->subscribeToNotification(kChannel);
            if (m_listening)
                connect(db.driver(), &QSqlDriver::notification, this, [this] { scheduleLive(); });
            else
                log->warn("LISTEN {} failed; relying on polling", logging::str(kChannel));
        }
    } catch (const DbError &e) {
        log->error("event reader cannot start: {}", e.what());
    }
    m_poll = new QTimer(this);
    connect(m_poll, &QTimer::timeout, this, [this] { readLive(); });
    m_poll->start(m_pollIntervalMs);
}

void EventReader::stop()
{
    delete m_poll; // timers must die on their own thread
    m_poll = nullptr;
    if (m_listening) {
        QSqlDatabase db = m_db.connection();
        db.driver()->disconnect(this);
        db.driver()->unsubscribeFromNotification(kChannel);
        m_listening = false;
    }
    Database::closeThreadConnections();
}

EventBatch EventReader::read(qint64 after, int limit)
{
    return m_db.read([&](QSqlDatabase &db) {
        SqlQuery q(db, QStringLiteral("SELECT seq, type, at, actor_id, subject_type, subject_id, "
                                      "data FROM events WHERE seq > :after ORDER BY seq LIMIT :n"));
        q.bind(QStringLiteral(":after"), after).bind(QStringLiteral(":n"), limit).exec();
        EventBatch batch;
        while (q.next()) {
            protocol::StreamEvent e;
            e.seq = q.int64(0);
            e.type = q.string(1);
            e.atMs = q.int64(2);
            e.actorId = q.optionalInt64(3);
            e.subjectType = q.string(4);
            e.subjectId = q.string(5);
            e.data = QJsonDocument::fromJson(q.string(6).toUtf8()).object();
            batch.push_back({e.seq, protocol::StreamMessage::eventMessage(e).encode()});
        }
        return batch;
    });
}

void EventReader::readPage(quint64 requestId, qint64 after, int limit)
{
    EventBatch batch;
    try {
        batch = read(after, limit);
    } catch (const DbError &e) {
        // An empty, not-full page: the hub asks again when the live tail moves or on its tick.
        logging::logger("server.stream")->error("replay read failed: {}", e.what());
    }
    const bool full = batch.size() >= limit;
    QMetaObject::invokeMethod(
        m_receiver, [cb = m_callbacks.page, requestId, batch, full] { cb(requestId, batch, full); },
        Qt::QueuedConnection);
}

void EventReader::scheduleLive()
{
    // Notifications come one per commit: coalesce a burst into one read.
    if (m_liveQueued)
        return;
    m_liveQueued = true;
    QMetaObject::invokeMethod(
        this, [this] { readLive(); }, Qt::QueuedConnection);
}

void EventReader::readLive()
{
    m_liveQueued = false;
    EventBatch batch;
    try {
        batch = read(m_last, kLiveBatch);
    } catch (const DbError &e) {
        logging::logger("server.stream")->error("live read failed: {}", e.what());
        return;
    }
    if (batch.isEmpty())
        return;
    if (batch.front().seq != m_last + 1) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_gapSinceMs == 0)
            m_gapSinceMs = now;
        if (now - m_gapSinceMs < kGapPatienceMs)
            return; // the poll comes back
        logging::logger("server.stream")
            ->warn("events {}..{} are missing; streaming on from {}", m_last + 1,
                   batch.front().seq - 1, batch.front().seq);
    }
    m_gapSinceMs = 0;
    qsizetype contiguous = 1;
    while (contiguous < batch.size() && batch[contiguous].seq == batch[contiguous - 1].seq + 1)
        ++contiguous;
    batch.resize(contiguous);
    m_last = batch.back().seq;
    QMetaObject::invokeMethod(
        m_receiver, [cb = m_callbacks.live, batch] { cb(batch); }, Qt::QueuedConnection);
    if (contiguous == kLiveBatch)
        scheduleLive(); // more behind it; let queued page reads in between
}

} // namespace skillex::server
