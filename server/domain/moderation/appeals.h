// Member appeals: the sanctioned member asks for a resolved case to be looked at again, within
// 20 days of its closing, once per case. The staff decision is made elsewhere.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QString>

namespace skillex::server {

struct FiledAppeal {
    qint64 id = 0;
    qint64 caseId = 0;
    QString status; // pending
    qint64 createdAt = 0;

    QJsonObject toJson() const;
};

class Appeals {
public:
    Appeals(Database &db, const Clock &clock, EventLog &events);

    // Moves the case from resolved to appealed (version + 1) and records the appeal. Throws
    // DomainError 400 (body), 403 (not a member, or a disabled account;
    // suspended and banned members may appeal), 404 (no such case, or no sanction of
    // this member on it: the same answer), 409 (not resolved, appealed already, or the 20-day
    // window has passed).
    FiledAppeal file(qint64 userId, qint64 caseId, const QString &body);

private:
    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
};

} // namespace skillex::server
