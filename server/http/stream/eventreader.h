// Reads the events table for the stream hub on a thread of its own, so the HTTP thread never
// waits on the database: replay pages on request, and the live tail as it grows (polled, and
// on PostgreSQL woken by LISTEN skillex_events so other server instances' events arrive too).
#pragma once

#include "server/storage/database.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QTimer;

namespace skillex::server {

// One event, read once and encoded once as its {"op":"event"} frame for every client.
struct EncodedEvent {
    qint64 seq = 0;
    QString frame;
};
using EventBatch = QList<EncodedEvent>;

class EventReader : public QObject {
    Q_OBJECT
public:
    struct Callbacks {
        // (request id, events with seq > after in order, true when the page was full)
        std::function<void(quint64, EventBatch, bool)> page;
        // the next events of the log: contiguous, the first one after the previous batch's last
        std::function<void(EventBatch)> live;
    };

    // receiver: the hub; callbacks run on its thread.
    EventReader(Database &db, int pollIntervalMs, QObject *receiver, Callbacks callbacks);

    // Called on the reader's thread: start from the current head; stop closes the connection.
    void start();
    void stop();
    // Called on the reader's thread.
    void readPage(quint64 requestId, qint64 after, int limit);

private:
    EventBatch read(qint64 after, int limit);
    void scheduleLive();
    void readLive();

    Database &m_db;
    int m_pollIntervalMs;
    QObject *m_receiver;
    Callbacks m_callbacks;
    QTimer *m_poll = nullptr;
    qint64 m_last = 0;
    bool m_liveQueued = false;
    bool m_listening = false;
    qint64 m_gapSinceMs = 0; // when the tail first showed a hole (never, with commit-ordered seqs)
};

} // namespace skillex::server
