// OutboxEntry: one outbox row as read back, with its state and its record of attempts.
#pragma once

#include "client/outbox/action.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace skillex::client {

enum class OutboxState {
    Queued,    // waiting: for its hold to end, for the connection, or for its next try
    Sending,   // in flight (found at start-up: re-sent with the same key)
    Done,      // 2xx; kept briefly so the row's overlay can say so, then pruned
    Conflict,  // 409/412: the server's current state is kept; the person chooses
    Failed,    // a refusal that will not change by retrying (400, 403, 404, ...)
    Cancelled, // undone by the person within the hold window, never sent
    Discarded, // a conflict or failure the person let go
};

QString outboxStateName(OutboxState state);
std::optional<OutboxState> outboxStateFromName(const QString &name);
// Whether the action still needs the person or the network (not done, cancelled or discarded).
bool outboxStateIsOpen(OutboxState state);

struct OutboxEntry {
    qint64 id = 0;
    QString idempotencyKey;
    Action action;
    OutboxState state = OutboxState::Queued;
    qint64 createdAt = 0;
    qint64 holdUntil = 0;
    int attempts = 0;
    qint64 lastTryAt = 0;
    qint64 nextTryAt = 0;
    int lastStatus = 0;
    QString lastError;
    QJsonValue conflictCurrent; // the server's representation from the 409/412 problem
    QJsonValue result;          // the 2xx body
    qint64 finishedAt = 0;
};

} // namespace skillex::client
