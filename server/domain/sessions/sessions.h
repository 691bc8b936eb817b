// Sessions and bookings: offering, booking (credits held in escrow), cancelling under the
// policy, completing (teacher paid less the fee), and no-shows. Every credit moves through
// the Ledger in the same transaction as the state change.
#pragma once

#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/marketplaceconfig.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace skillex::server {

struct SessionOffer {
    qint64 skillId = 0;
    qint64 startsAt = 0; // ms since epoch
    int durationMinutes = 60;
    std::optional<int> price;
    int capacity = 1;
    QString title;
};

struct Session {
    qint64 id = 0;
    qint64 teacherId = 0;
    qint64 skillId = 0;
    QString title;
    qint64 startsAt = 0;
    int durationMinutes = 0;
    int price = 0;
    int capacity = 0;
    int booked = 0; // bookings in state booked
    QString status;
    QString meetingUrl;
    int version = 0;

    // meeting_url is only shown to the teacher and booked learners.
    QJsonObject toJson(bool showMeetingUrl) const;
};

struct Booking {
    qint64 id = 0;
    qint64 sessionId = 0;
    qint64 learnerId = 0;
    QString status;
    int price = 0;
    QString holdTransferId;
    QString cancelledBy;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
};

struct SessionSearch {
    std::optional<qint64> skillId;
    std::optional<qint64> teacherId;
    std::optional<qint64> from;
    std::optional<qint64> to;
    std::optional<QString> status;
    bool withSeatsOnly = false;
    int limit = 50;
    std::optional<QPair<qint64, qint64>> after; // (starts_at, id) keyset
};

class Sessions {
public:
    Sessions(Database &db, const Clock &clock, Ledger &ledger, EventLog &events,
             const MarketplaceConfig &config);

    Session offer(qint64 teacherId, const SessionOffer &offer);
    // 409 when full, overlapping, already booked, not bookable in its state; 409
    // insufficient-credits when the wallet is short; 403 when either member is not active.
    Booking book(qint64 sessionId, qint64 learnerId);
    // By the learner: more than lateCancelHours before the start, everything comes back;
    // later, the late share goes to the teacher.
    Booking cancelBooking(qint64 bookingId, qint64 learnerId);
    // By the teacher: every booking is refunded in full.
    Session cancelByTeacher(qint64 sessionId, qint64 teacherId);
    // By moderation (staff): every booking refunded in full; actor is the staff member.
    Session cancelByModeration(QSqlDatabase &tx, qint64 sessionId, qint64 staffId);
    // By moderation (staff), one learner's booking: refunded in full, whatever the time (the
    // learner was suspended or banned, not their choice to cancel late).
    Booking cancelBookingByModeration(QSqlDatabase &tx, qint64 bookingId, qint64 staffId);
    // By the teacher, once the session has started: each booked learner's hold is posted,
    // the teacher is paid the price less the fee, and the fee goes to income (all or none).
    Session complete(qint64 sessionId, qint64 teacherId);
    // By the teacher: the learner did not come; paid per the no-show policy.
    Booking markLearnerNoShow(qint64 bookingId, qint64 teacherId);

    std::optional<Session> find(QSqlDatabase &db, qint64 sessionId) const;
    std::optional<Booking> findBooking(QSqlDatabase &db, qint64 bookingId) const;
    QList<Session> search(const SessionSearch &search) const;
    QList<Booking> bookingsOf(QSqlDatabase &db, qint64 sessionId) const;
    QList<Booking> bookingsOfLearner(qint64 learnerId, int limit,
                                     std::optional<qint64> afterId) const;
    // Whether a member may see this session's meeting link (teacher or booked learner).
    bool isParticipant(QSqlDatabase &db, const Session &s, qint64 userId) const;

    // Teachers rated 4.8+ with 50+ completed sessions may charge the premium prices.
    bool isPremiumTeacher(QSqlDatabase &db, qint64 teacherId) const;

private:
    Session lockSession(QSqlDatabase &tx, qint64 sessionId) const;
    void requireActive(QSqlDatabase &tx, qint64 userId, const QString &who) const;
    void setSessionStatus(QSqlDatabase &tx, Session &s, const QString &to, const QString &what);
    void settleCompleted(QSqlDatabase &tx, const Session &s, const Booking &b, qint64 postAmount,
                         const QString &why);
    void voidBooking(QSqlDatabase &tx, const Booking &b, const QString &cancelledBy);
    void settleSessionAfterBookings(QSqlDatabase &tx, Session &s, std::optional<qint64> actorId);
    void updateBookingStatus(QSqlDatabase &tx, qint64 bookingId, const QString &status,
                             const QString &cancelledBy = {});

    Database &m_db;
    const Clock &m_clock;
    Ledger &m_ledger;
    EventLog &m_events;
    const MarketplaceConfig &m_config;
};

} // namespace skillex::server
