// OutboxEntry: state names as stored in the outbox table.
#include "client/outbox/outboxentry.h"

namespace skillex::client {

QString outboxStateName(OutboxState state)
{
    switch (state) {
    case OutboxState::Queued:
        return QStringLiteral("queued");
    case OutboxState::Sending:
        return QStringLiteral("sending");
    case OutboxState::Done:
        return QStringLiteral("done");
    case OutboxState::Conflict:
        return QStringLiteral("conflict");
    case OutboxState::Failed:
        return QStringLiteral("failed");
    case OutboxState::Cancelled:
        return QStringLiteral("cancelled");
    case OutboxState::Discarded:
        return QStringLiteral("discarded");
    }
    return {};
}

std::optional<OutboxState> outboxStateFromName(const QString &name)
{
    for (OutboxState state :
         {OutboxState::Queued, OutboxState::Sending, OutboxState::Done, OutboxState::Conflict,
          OutboxState::Failed, OutboxState::Cancelled, OutboxState::Discarded}) {
        if (outboxStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

bool outboxStateIsOpen(OutboxState state)
{
    return state == OutboxState::Queued || state == OutboxState::Sending ||
           state == OutboxState::Conflict || state == OutboxState::Failed;
}

} // namespace skillex::client
