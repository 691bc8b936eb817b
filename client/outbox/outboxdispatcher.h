// OutboxDispatcher: sends queued actions when online, one at a time per target and in order,
// and records each answer in the outbox row (done, retry at, conflict, failed).
#pragma once

#include "client/api/apiresult.h"
#include "client/outbox/outboxentry.h"
#include "client/outbox/retrypolicy.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

namespace skillex::client {

class ApiClient;
class CacheDb;
class CacheReader;
struct TableChange;

class OutboxDispatcher : public QObject {
    Q_OBJECT

public:
    using Clock = std::function<qint64()>;

    struct Options {
        RetryPolicy::Options retry;
        int maxInFlight = 4;            // different targets sent side by side
        qint64 keepFinishedMs = 60'000; // done/cancelled rows stay this long for the overlay
    };

    OutboxDispatcher(CacheDb *db, ApiClient *api, QObject *parent = nullptr);
    ~OutboxDispatcher() override;

    void setOptions(const Options &options);
    void setClock(Clock clock) { m_clock = std::move(clock); }
    RetryPolicy &retryPolicy() { return m_policy; }

    // Puts back any action left `sending` by a previous run (same key: the server's
    // idempotency makes the resend safe), prunes old finished rows, then starts sending when
    // online. Blocks for the one write; call once after the cache is open.
    bool start();
    // Online: the connection state allows sending (live, syncing, or probing an outage).
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    // Stopped by a 401 that the one refresh could not cure, until setOnline(true) after a new
    // sign-in.
    bool isPausedForSignIn() const { return m_pausedForSignIn; }
    // "Try now": every queued action becomes due at once.
    void tryNow();
    int inFlight() const { return int(m_inFlight.size()); }

signals:
    void sending(qint64 id, int attempt);
    void finished(qint64 id, skillex::client::OutboxState state);
    void retryScheduled(qint64 id, qint64 atMs);
    void sessionExpired();

private:
    qint64 now() const;
    void schedulePump();
    void pump();
    void send(const OutboxEntry &entry);
    void onAnswer(const OutboxEntry &entry, int attempt, const ApiResult &result);
    void armWakeTimer();
    void onCacheChanged(const TableChange &change);

    CacheDb *m_db = nullptr;
    ApiClient *m_api = nullptr;
    std::unique_ptr<CacheReader> m_reader;
    Options m_options;
    RetryPolicy m_policy;
    Clock m_clock;
    bool m_started = false;
    bool m_online = false;
    bool m_pausedForSignIn = false;
    bool m_pumpQueued = false;
    QSet<qint64> m_inFlight;
    QTimer m_wake;
};

} // namespace skillex::client
