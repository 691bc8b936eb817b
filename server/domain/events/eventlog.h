// The event log (transactional outbox): every mutation appends its event in its own
// transaction, with a gap-free sequence number that becomes visible in commit order.
#pragma once

#include "server/domain/clock.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace skillex::server {

struct EventDraft {
    QString type;                  // e.g. "case.opened", "payment.captured"
    std::optional<qint64> actorId; // staff or member who caused it; none for the system
    QString subjectType;           // "case", "user", "session", ...
    QString subjectId;
    QJsonObject data;
};

class EventLog {
public:
    EventLog(Database &db, const Clock &clock);

    // Appends inside the caller's write transaction and returns the sequence number. Call it
    // last in the transaction: from here until commit, other appenders wait.
    qint64 append(QSqlDatabase &tx, const EventDraft &event);
    // The highest sequence number committed.
    qint64 head();

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace skillex::server
