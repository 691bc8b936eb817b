// OutboxDispatcher: the send loop. Every state change is written before the next step, so a
// crash at any point leaves a row that the next start knows how to continue.
#include "client/outbox/outboxdispatcher.h"
#include "client/cache/onfinished.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "client/outbox/outboxstore.h"
#include "common/logging.h"

#include <QPointer>
#include <QDateTime>

namespace skillex::client {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("client.outbox");
    return logger;
}

// Never sleep longer than this: a clock change or a missed notice costs at most a minute.
constexpr qint64 kMaxSleepMs = 60'000;

} // namespace

OutboxDispatcher::OutboxDispatcher(CacheDb *db, ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_api(api)
{
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &OutboxDispatcher::schedulePump);
    connect(m_db, &CacheDb::changed, this, &OutboxDispatcher::onCacheChanged);
}

OutboxDispatcher::~OutboxDispatcher() = default;

void OutboxDispatcher::setOptions(const Options &options)
{
    m_options = options;
    m_policy = RetryPolicy(options.retry);
}

qint64 OutboxDispatcher::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

bool OutboxDispatcher::start()
{
    m_reader = m_db->openReader();
    if (!m_reader)
        return false;
    const qint64 pruneBefore = now() - m_options.keepFinishedMs;
    const CacheWriteResult result = m_db->writeAndWait([pruneBefore](CacheWriteTx &tx) {
        const int reset = outboxstore::resetInFlight(tx);
        outboxstore::pruneFinished(tx, pruneBefore);
        tx.setResult(reset);
    });
    if (!result.ok)
        return false;
    if (result.value.toInt() > 0)
        log()->info("{} action(s) were in flight when the console stopped; sending them again "
                    "with their keys",
                    result.value.toInt());
    m_started = true;
    schedulePump();
    return true;
}

void OutboxDispatcher::setOnline(bool online)
{
    if (online)
        m_pausedForSignIn = false;
    if (m_online == online)
        return;
    m_online = online;
    log()->info("outbox {}", online ? "online: sending" : "offline: holding actions");
    if (online)
        schedulePump();
    else
        m_wake.stop();
}

void OutboxDispatcher::tryNow()
{
    const qint64 at = now();
    m_db->write([at](CacheWriteTx &tx) { outboxstore::makeDueNow(tx, at); });
}

void OutboxDispatcher::onCacheChanged(const TableChange &change)
{
    // New actions, cancellations and retries all arrive as outbox notices.
    if (change.table == outboxstore::kTable)
        schedulePump();
}

void OutboxDispatcher::schedulePump()
{
    if (m_pumpQueued)
        return;
    m_pumpQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_pumpQueued = false;
        pump();
    });
}

void OutboxDispatcher::pump()
{
    if (!m_started || !m_online || m_pausedForSignIn || !m_reader)
        return;
    const int freeSlots = m_options.maxInFlight - int(m_inFlight.size());
    if (freeSlots > 0) {
        const QList<OutboxEntry> due =
            outboxstore::sendable(*m_reader, now(), freeSlots, m_inFlight);
        QSet<QString> targets;
        for (const OutboxEntry &entry : due) {
            // One per target per pass; the next one of a target waits for this answer.
            const QString target = entry.action.targetType + QString::number(entry.action.targetId);
            if (targets.contains(target))
                continue;
            targets.insert(target);
            send(entry);
        }
    }
    armWakeTimer();
}

void OutboxDispatcher::armWakeTimer()
{
    if (!m_reader || !m_online || m_pausedForSignIn)
        return;
    const std::optional<qint64> due = outboxstore::nextDueAt(*m_reader);
    if (!due) {
        m_wake.stop();
        return;
    }
    const qint64 wait = qBound<qint64>(0, *due - now(), kMaxSleepMs);
    // A due action held back only by in-flight ones is picked up when they answer.
    if (wait == 0 && !m_inFlight.isEmpty())
        return;
    m_wake.start(int(qMax<qint64>(wait, 5)));
}

void OutboxDispatcher::send(const OutboxEntry &entry)
{
    m_inFlight.insert(entry.id);
    const qint64 at = now();
    const qint64 id = entry.id;
    client::onFinished(
        m_db->write(
            [id, at](CacheWriteTx &tx) { tx.setResult(outboxstore::markSending(tx, id, at)); }),
        this, [this, entry, guard = QPointer<OutboxDispatcher>(this)](const CacheWriteResult &marked) {
            if (!guard)
                return;
            if (!marked.ok || !marked.value.toBool()) {
                // Cancelled (Undo) in the meantime, or the cache failed: not sent.
                m_inFlight.remove(entry.id);
                schedulePump();
                return;
            }
            const int attempt = entry.attempts + 1;
            emit sending(entry.id, attempt);
            ApiClient::Call call;
            call.method = entry.action.method;
            call.path = entry.action.path;
            if (entry.action.method != "GET" && entry.action.method != "DELETE")
                call.body = entry.action.body;
            call.headers.push_back(
                {QByteArrayLiteral("Idempotency-Key"), entry.idempotencyKey.toLatin1()});
            if (!entry.action.ifMatch.isEmpty())
                call.headers.push_back(
                    {QByteArrayLiteral("If-Match"), entry.action.ifMatch.toUtf8()});
            log()->info("sending outbox #{} {} {} (attempt {}, key {})", entry.id,
                        entry.action.method.constData(), logging::str(entry.action.path), attempt,
                        logging::str(entry.idempotencyKey));
            m_api->request(call, this, [this, entry, attempt](const ApiResult &result) {
                onAnswer(entry, attempt, result);
            });
        });
}

void OutboxDispatcher::onAnswer(const OutboxEntry &entry, int attempt, const ApiResult &result)
{
    using Outcome = RetryDecision::Outcome;
    const RetryDecision decision = m_policy.decide(result, attempt);
    const qint64 at = now();
    const qint64 id = entry.id;
    const int status = result.status;
    OutboxState state = OutboxState::Queued;
    qint64 nextTry = 0;
    bool announceExpiry = false;
    switch (decision.outcome) {
    case Outcome::Done:
        state = OutboxState::Done;
        break;
    case Outcome::Conflict:
        state = OutboxState::Conflict;
        break;
    case Outcome::Failed:
        state = OutboxState::Failed;
        break;
    case Outcome::Retry:
        nextTry = at + decision.delayMs;
        break;
    case Outcome::SessionExpired:
        // Not the action's fault: it waits, unchanged and due, for the next sign-in. Several
        // actions in flight may all meet the expiry; it is announced once.
        nextTry = at;
        announceExpiry = !m_pausedForSignIn;
        m_pausedForSignIn = true;
        break;
    }
    log()->info("outbox #{} attempt {}: HTTP {} -> {}{}", id, attempt, status,
                logging::str(outboxStateName(state)),
                decision.outcome == Outcome::Retry
                    ? fmt::format(", retry in {} ms", decision.delayMs)
                    : std::string());
    const QString error = decision.error;
    const QJsonValue current = decision.current;
    const QJsonValue body = decision.result;
    const Outcome outcome = decision.outcome;
    client::onFinished(m_db->write([=](CacheWriteTx &tx) {
            switch (outcome) {
            case Outcome::Done:
                outboxstore::recordDone(tx, id, at, status, body, error);
                break;
            case Outcome::Conflict:
                outboxstore::recordConflict(tx, id, at, status, error, current);
                break;
            case Outcome::Failed:
                outboxstore::recordFailed(tx, id, at, status, error);
                break;
            case Outcome::Retry:
            case Outcome::SessionExpired:
                outboxstore::recordRetry(tx, id, at, status, error, nextTry);
                break;
            }
        }), m_db, [this, id, state, outcome, nextTry, announceExpiry,
                     guard = QPointer<OutboxDispatcher>(this)](const CacheWriteResult &) {
            if (!guard)
                return;
            m_inFlight.remove(id);
            if (outcome == Outcome::Retry)
                emit retryScheduled(id, nextTry);
            else if (outcome == Outcome::SessionExpired && announceExpiry)
                emit sessionExpired();
            else
                emit finished(id, state);
            schedulePump();
        });
}

} // namespace skillex::client
