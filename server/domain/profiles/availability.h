// A member's weekly availability: slots of minutes within a weekday, in the member's time zone.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>
#include <QMap>

#include <tuple>

namespace skillex::server {

inline constexpr int kMaxAvailabilitySlots = 50;

struct AvailabilitySlot {
    int weekday = 0;     // 0 = Monday ... 6 = Sunday
    int startMinute = 0; // 0-1439, from midnight
    int endMinute = 0;   // 1-1440, after startMinute

    QJsonObject toJson() const;
    bool operator<(const AvailabilitySlot &o) const
    {
        return std::tie(weekday, startMinute, endMinute) <
               std::tie(o.weekday, o.startMinute, o.endMinute);
    }
};

// Field -> what is wrong ("slots[2].end_minute", or "slots[3]" for an overlap); empty when valid.
// Slots that touch (one ends at 600, the next starts at 600) do not overlap.
QMap<QString, QString> availabilityProblems(const QList<AvailabilitySlot> &weekly);

class Availability {
public:
    Availability(Database &db, EventLog &events);

    // In week order. Throws DomainError 404 when the user has no member profile.
    QList<AvailabilitySlot> slotsOf(qint64 userId);
    // Replaces every slot at once. Throws DomainError 400 (availabilityProblems) and 404.
    QList<AvailabilitySlot> replace(qint64 userId, QList<AvailabilitySlot> weekly);

private:
    Database &m_db;
    EventLog &m_events;
};

} // namespace skillex::server
