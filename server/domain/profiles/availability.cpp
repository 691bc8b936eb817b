// Availability is replaced whole, under the member's profile lock, so two concurrent saves
// cannot leave a mix of both.
#include "server/domain/profiles/availability.h"

#include "server/domain/domainerror.h"
#include "server/domain/profiles/memberlock.h"
#include "server/storage/sqlquery.h"

#include <algorithm>
#include <numeric>

namespace skillex::server {
namespace {

using namespace protocol;

QString slotKey(qsizetype index, const QString &field = {})
{
    const QString key = QStringLiteral("slots[%1]").arg(index);
    return field.isEmpty() ? key : key + QLatin1Char('.') + field;
}

DomainError noProfile()
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("There is no member profile for this account."));
}

QList<AvailabilitySlot> readSlots(QSqlDatabase &db, qint64 userId)
{
    SqlQuery q(db, QStringLiteral("SELECT weekday, start_minute, end_minute FROM "
                                  "availability_slots WHERE user_id = :u "
                                  "ORDER BY weekday, start_minute, end_minute"));
    q.bind(QStringLiteral(":u"), userId).exec();
    QList<AvailabilitySlot> out;
    while (q.next())
        out.push_back({q.value(0).toInt(), q.value(1).toInt(), q.value(2).toInt()});
    return out;
}

} // namespace

QJsonObject AvailabilitySlot::toJson() const
{
    return {{QStringLiteral("weekday"), weekday},
            {QStringLiteral("start_minute"), startMinute},
            {QStringLiteral("end_minute"), endMinute}};
}

QMap<QString, QString> availabilityProblems(const QList<AvailabilitySlot> &weekly)
{
    QMap<QString, QString> errors;
    if (weekly.size() > kMaxAvailabilitySlots) {
        errors.insert(QStringLiteral("slots"),
                      QStringLiteral("must have at most %1 slots").arg(kMaxAvailabilitySlots));
        return errors;
    }
    for (qsizetype i = 0; i < weekly.size(); ++i) {
        const AvailabilitySlot &s = weekly.at(i);
        if (s.weekday < 0 || s.weekday > 6)
            errors.insert(slotKey(i, QStringLiteral("weekday")),
                          QStringLiteral("must be 0 (Monday) to 6 (Sunday)"));
        if (s.startMinute < 0 || s.startMinute > 1439)
            errors.insert(slotKey(i, QStringLiteral("start_minute")),
                          QStringLiteral("must be between 0 and 1439"));
        if (s.endMinute < 1 || s.endMinute > 1440)
            errors.insert(slotKey(i, QStringLiteral("end_minute")),
                          QStringLiteral("must be between 1 and 1440"));
        else if (s.endMinute <= s.startMinute)
            errors.insert(slotKey(i, QStringLiteral("end_minute")),
                          QStringLiteral("must be after start_minute"));
    }
    if (!errors.isEmpty())
        return errors;
    // Sorted by day and start, any overlap shows between neighbours: if none of them overlap,
    // each slot ends before the next one starts.
    QList<qsizetype> order(weekly.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&weekly](qsizetype a, qsizetype b) { return weekly.at(a) < weekly.at(b); });
    for (qsizetype k = 1; k < order.size(); ++k) {
        const AvailabilitySlot &prev = weekly.at(order.at(k - 1));
        const AvailabilitySlot &cur = weekly.at(order.at(k));
        if (prev.weekday == cur.weekday && cur.startMinute < prev.endMinute)
            errors.insert(
                slotKey(order.at(k)),
                QStringLiteral("overlaps slots[%1] on the same weekday").arg(order.at(k - 1)));
    }
    return errors;
}

Availability::Availability(Database &db, EventLog &events)
    : m_db(db)
    , m_events(events)
{}

QList<AvailabilitySlot> Availability::slotsOf(qint64 userId)
{
    return m_db.read([&](QSqlDatabase &db) {
        SqlQuery member(db, QStringLiteral("SELECT 1 FROM member_profiles WHERE user_id = :u AND "
                                           "deleted_at IS NULL"));
        member.bind(QStringLiteral(":u"), userId).exec();
        if (!member.next())
            throw noProfile();
        return readSlots(db, userId);
    });
}

QList<AvailabilitySlot> Availability::replace(qint64 userId, QList<AvailabilitySlot> weekly)
{
    if (const auto errors = availabilityProblems(weekly); !errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid availability"))
            .withFieldErrors(errors);
    std::sort(weekly.begin(), weekly.end());
    return m_db.write([&](QSqlDatabase &tx) {
        if (!lockMember(tx, userId))
            throw noProfile();
        SqlQuery(tx, QStringLiteral("DELETE FROM availability_slots WHERE user_id = :u"))
            .bind(QStringLiteral(":u"), userId)
            .exec();
        for (const AvailabilitySlot &s : std::as_const(weekly)) {
            SqlQuery(tx, QStringLiteral("INSERT INTO availability_slots (user_id, weekday, "
                                        "start_minute, end_minute) VALUES (:u, :w, :s, :e)"))
                .bind(QStringLiteral(":u"), userId)
                .bind(QStringLiteral(":w"), s.weekday)
                .bind(QStringLiteral(":s"), s.startMinute)
                .bind(QStringLiteral(":e"), s.endMinute)
                .exec();
        }
        const int minutes = std::accumulate(
            weekly.cbegin(), weekly.cend(), 0,
            [](int sum, const AvailabilitySlot &s) { return sum + s.endMinute - s.startMinute; });
        m_events.append(tx, {QStringLiteral("member.availability_updated"), userId,
                             QStringLiteral("user"), QString::number(userId),
                             QJsonObject{{QStringLiteral("slots"), int(weekly.size())},
                                         {QStringLiteral("minutes_per_week"), minutes}}});
        return readSlots(tx, userId);
    });
}

} // namespace skillex::server
