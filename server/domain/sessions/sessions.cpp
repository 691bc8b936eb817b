// Booking locks the session row (PostgreSQL: SELECT ... FOR UPDATE; SQLite: the single
// writer), so two learners racing for the last seat are served one after the other and only
// one gets it.
#include "server/domain/sessions/sessions.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/reviews/reviews.h"
#include "server/domain/sessions/sessionstates.h"
#include "server/storage/sqlquery.h"

#include <QUuid>

#include <sodium.h>

namespace skillex::server {
namespace {

using namespace protocol;
namespace st = sessionstates;

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

const QString kSelectSession =
    QStringLiteral("SELECT s.id, s.teacher_id, s.skill_id, s.title, s.starts_at, "
                   "s.duration_minutes, s.price, s.capacity, s.status, "
                   "s.meeting_url, s.version, (SELECT COUNT(*) FROM bookings b WHERE b.session_id "
                   "= s.id AND b.status = 'booked') "
                   "FROM sessions s ");
const QString kSelectBooking =
    QStringLiteral("SELECT id, session_id, learner_id, status, price, hold_transfer_id, "
                   "cancelled_by, created_at FROM bookings ");

Session readSession(const SqlQuery &q)
{
    Session s;
    s.id = q.int64(0);
    s.teacherId = q.int64(1);
    s.skillId = q.int64(2);
    s.title = q.string(3);
    s.startsAt = q.int64(4);
    s.durationMinutes = static_cast<int>(q.int64(5));
    s.price = static_cast<int>(q.int64(6));
    s.capacity = static_cast<int>(q.int64(7));
    s.status = q.string(8);
    s.meetingUrl = q.string(9);
    s.version = static_cast<int>(q.int64(10));
    s.booked = static_cast<int>(q.int64(11));
    return s;
}

Booking readBooking(const SqlQuery &q)
{
    Booking b;
    b.id = q.int64(0);
    b.sessionId = q.int64(1);
    b.learnerId = q.int64(2);
    b.status = q.string(3);
    b.price = static_cast<int>(q.int64(4));
    b.holdTransferId = q.string(5);
    b.cancelledBy = q.isNull(6) ? QString() : q.string(6);
    b.createdAt = q.int64(7);
    return b;
}

DomainError notFound(const QString &what)
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("No such %1.").arg(what));
}

DomainError conflict(const QString &title, const QString &detail)
{
    return DomainError(409, problemtype::kConflict, title, detail);
}

QString bookingTransferId(qint64 bookingId, const QString &step)
{
    return QStringLiteral("booking:%1:%2").arg(bookingId).arg(step);
}

} // namespace

QJsonObject Session::toJson(bool showMeetingUrl) const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("teacher_id"), teacherId},
                  {QStringLiteral("skill_id"), skillId},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("starts_at"), toWireTime(startsAt)},
                  {QStringLiteral("duration_minutes"), durationMinutes},
                  {QStringLiteral("price"), price},
                  {QStringLiteral("capacity"), capacity},
                  {QStringLiteral("kind"),
                   capacity > 1 ? QStringLiteral("group") : QStringLiteral("one_on_one")},
                  {QStringLiteral("booked"), booked},
                  {QStringLiteral("seats_left"), std::max(0, capacity - booked)},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("version"), version}};
    if (showMeetingUrl && !meetingUrl.isEmpty())
        o.insert(QStringLiteral("meeting_url"), meetingUrl);
    return o;
}

QJsonObject Booking::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("session_id"), sessionId},
                  {QStringLiteral("learner_id"), learnerId},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("price"), price},
                  {QStringLiteral("created_at"), toWireTime(createdAt)}};
    if (!cancelledBy.isEmpty())
        o.insert(QStringLiteral("cancelled_by"), cancelledBy);
    return o;
}

Sessions::Sessions(Database &db, const Clock &clock, Ledger &ledger, EventLog &events,
                   const MarketplaceConfig &config)
    : m_db(db)
    , m_clock(clock)
    , m_ledger(ledger)
    , m_events(events)
    , m_config(config)
{}

bool Sessions::isPremiumTeacher(QSqlDatabase &db, qint64 teacherId) const
{
    SqlQuery q(db,
               QStringLiteral(
                   "SELECT COUNT(*) FROM sessions WHERE teacher_id = :t AND status = 'completed'"));
    q.bind(QStringLiteral(":t"), teacherId).exec();
    if (q.scalar().value_or(0).toInt() < m_config.premiumMinCompleted)
        return false;
    const Rating r = Reviews::rating(db, teacherId, m_clock.nowMs());
    return r.count > 0 && r.mean >= m_config.premiumMinRating;
}

void Sessions::requireActive(QSqlDatabase &tx, qint64 userId, const QString &who) const
{
    SqlQuery q(tx, QStringLiteral("SELECT status FROM users WHERE id = :u"));
    q.bind(QStringLiteral(":u"), userId).exec();
    const QString status = q.next() ? q.string(0) : QStringLiteral("missing");
    if (status != QStringLiteral("active"))
        throw DomainError(403, problemtype::kAccountDisabled, QStringLiteral("Account not active"),
                          QStringLiteral("The %1 cannot take part in sessions: the account is %2.")
                              .arg(who, status));
}

Session Sessions::offer(qint64 teacherId, const SessionOffer &o)
{
    const qint64 now = m_clock.nowMs();
    QMap<QString, QString> errors;
    if (o.startsAt < now + 5 * kMinute)
        errors.insert(QStringLiteral("starts_at"),
                      QStringLiteral("must be at least 5 minutes from now"));
    else if (o.startsAt > now + 365 * kDay)
        errors.insert(QStringLiteral("starts_at"), QStringLiteral("must be within a year"));
    if (o.durationMinutes < 15 || o.durationMinutes > 480)
        errors.insert(QStringLiteral("duration_minutes"), QStringLiteral("must be from 15 to 480"));
    if (o.capacity < 1 || o.capacity > m_config.maxGroupSize)
        errors.insert(QStringLiteral("capacity"),
                      QStringLiteral("must be from 1 to %1").arg(m_config.maxGroupSize));
    if (o.title.size() > 200)
        errors.insert(QStringLiteral("title"), QStringLiteral("must be at most 200 characters"));
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid session"))
            .withFieldErrors(errors);

    return m_db.write([&](QSqlDatabase &tx) {
        requireActive(tx, teacherId, QStringLiteral("teacher"));
        SqlQuery skill(tx, QStringLiteral("SELECT status FROM skills WHERE id = :s"));
        skill.bind(QStringLiteral(":s"), o.skillId).exec();
        if (!skill.next() || skill.string(0) != QStringLiteral("active"))
            throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid session"))
                .withFieldErrors(
                    {{QStringLiteral("skill_id"), QStringLiteral("is not an active skill")}});
        const int price = o.price.value_or(m_config.defaultPrice);
        const bool premiumPrice =
            price >= m_config.premiumMinPrice && price <= m_config.premiumMaxPrice;
        if (price != m_config.defaultPrice && !(premiumPrice && isPremiumTeacher(tx, teacherId)))
            throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid session"))
                .withFieldErrors({{QStringLiteral("price"),
                                   QStringLiteral("must be %1; teachers rated %2+ with %3+ "
                                                  "completed sessions may charge %4 to %5")
                                       .arg(m_config.defaultPrice)
                                       .arg(m_config.premiumMinRating)
                                       .arg(m_config.premiumMinCompleted)
                                       .arg(m_config.premiumMinPrice)
                                       .arg(m_config.premiumMaxPrice)}});
        const qint64 end = o.startsAt + o.durationMinutes * kMinute;
        SqlQuery overlap(
            tx,
            QStringLiteral(
                "SELECT id FROM sessions WHERE teacher_id = :t AND status IN ('scheduled', "
                "'booked') "
                "AND starts_at < :end AND starts_at + duration_minutes * 60000 > :start LIMIT 1"));
        overlap.bind(QStringLiteral(":t"), teacherId)
            .bind(QStringLiteral(":end"), end)
            .bind(QStringLiteral(":start"), o.startsAt)
            .exec();
        if (overlap.next())
            throw conflict(
                QStringLiteral("Overlapping session"),
                QStringLiteral("You already teach session %1 at that time.").arg(overlap.int64(0)));
        SqlQuery insert(tx,
                        QStringLiteral("INSERT INTO sessions (teacher_id, skill_id, title, "
                                       "starts_at, duration_minutes, price, capacity, "
                                       "status, created_at, updated_at) VALUES (:t, :s, :title, "
                                       ":at, :d, :p, :c, 'scheduled', :n, :n2) RETURNING id"));
        insert.bind(QStringLiteral(":t"), teacherId)
            .bind(QStringLiteral(":s"), o.skillId)
            .bind(QStringLiteral(":title"), o.title.trimmed())
            .bind(QStringLiteral(":at"), o.startsAt)
            .bind(QStringLiteral(":d"), o.durationMinutes)
            .bind(QStringLiteral(":p"), price)
            .bind(QStringLiteral(":c"), o.capacity)
            .bind(QStringLiteral(":n"), m_clock.nowMs())
            .bind(QStringLiteral(":n2"), m_clock.nowMs())
            .exec();
        const qint64 id = insert.scalar().value_or(0).toLongLong();
        Session s = lockSession(tx, id);
        m_events.append(tx, {QStringLiteral("session.offered"), teacherId,
                             QStringLiteral("session"), QString::number(id), s.toJson(false)});
        return s;
    });
}

Session Sessions::lockSession(QSqlDatabase &tx, qint64 sessionId) const
{
    if (m_db.dialect() == Dialect::Postgres)
        SqlQuery(tx, QStringLiteral("SELECT id FROM sessions WHERE id = :id FOR UPDATE"))
            .bind(QStringLiteral(":id"), sessionId)
            .exec();
    SqlQuery q(tx, kSelectSession + QStringLiteral("WHERE s.id = :id"));
    q.bind(QStringLiteral(":id"), sessionId).exec();
    if (!q.next())
        throw notFound(QStringLiteral("session"));
    return readSession(q);
}

void Sessions::setSessionStatus(QSqlDatabase &tx, Session &s, const QString &to,
                                const QString &what)
{
    if (s.status == to)
        return;
    st::require(s.status, to, what);
    SqlQuery(tx, QStringLiteral("UPDATE sessions SET status = :s, updated_at = :u, version = "
                                "version + 1 WHERE id = :id"))
        .bind(QStringLiteral(":s"), to)
        .bind(QStringLiteral(":u"), m_clock.nowMs())
        .bind(QStringLiteral(":id"), s.id)
        .exec();
    s.status = to;
    ++s.version;
}

void Sessions::updateBookingStatus(QSqlDatabase &tx, qint64 bookingId, const QString &status,
                                   const QString &cancelledBy)
{
    SqlQuery(
        tx,
        QStringLiteral(
            "UPDATE bookings SET status = :s, cancelled_by = :c, updated_at = :u WHERE id = :id"))
        .bind(QStringLiteral(":s"), status)
        .bindOptional(QStringLiteral(":c"),
                      cancelledBy.isEmpty() ? std::nullopt : std::optional<QString>(cancelledBy))
        .bind(QStringLiteral(":u"), m_clock.nowMs())
        .bind(QStringLiteral(":id"), bookingId)
        .exec();
}

Booking Sessions::book(qint64 sessionId, qint64 learnerId)
{
    return m_db.write([&](QSqlDatabase &tx) {
        Session s = lockSession(tx, sessionId);
        if (s.teacherId == learnerId)
            throw conflict(QStringLiteral("Your own session"),
                           QStringLiteral("You cannot book a session you teach."));
        if (s.status != st::kScheduled && s.status != st::kBooked)
            throw DomainError(409, problemtype::kInvalidState, QStringLiteral("Not bookable"),
                              QStringLiteral("The session is %1.").arg(s.status))
                .withExtension(QStringLiteral("current_state"), s.status);
        const qint64 now = m_clock.nowMs();
        if (s.startsAt <= now)
            throw conflict(QStringLiteral("Already started"),
                           QStringLiteral("The session has started; it can no longer be booked."));
        requireActive(tx, learnerId, QStringLiteral("learner"));
        requireActive(tx, s.teacherId, QStringLiteral("teacher"));
        // A listing removed by moderation is not offered any more.
        SqlQuery hidden(tx, QStringLiteral("SELECT hidden_at FROM sessions WHERE id = :s"));
        hidden.bind(QStringLiteral(":s"), s.id).exec();
        if (hidden.next() && !hidden.isNull(0))
            throw notFound(QStringLiteral("session"));
        SqlQuery mine(tx, QStringLiteral("SELECT id FROM bookings WHERE session_id = :s AND "
                                         "learner_id = :l AND status = 'booked'"));
        mine.bind(QStringLiteral(":s"), sessionId).bind(QStringLiteral(":l"), learnerId).exec();
        if (mine.next())
            throw conflict(
                QStringLiteral("Already booked"),
                QStringLiteral("You hold booking %1 for this session.").arg(mine.int64(0)));
        if (s.booked >= s.capacity)
            throw conflict(QStringLiteral("Session full"),
                           QStringLiteral("All %1 seats are taken.").arg(s.capacity));
        const qint64 end = s.startsAt + s.durationMinutes * kMinute;
        // Two indexed lookups (the learner's own teaching, then their booked sessions) rather
        // than one scan of every session in the time window.
        SqlQuery teaching(
            tx,
            QStringLiteral(
                "SELECT id FROM sessions WHERE teacher_id = :l AND status IN ('scheduled', "
                "'booked') "
                "AND starts_at < :end AND starts_at + duration_minutes * 60000 > :start LIMIT 1"));
        teaching.bind(QStringLiteral(":l"), learnerId)
            .bind(QStringLiteral(":end"), end)
            .bind(QStringLiteral(":start"), s.startsAt)
            .exec();
        SqlQuery learning(
            tx, QStringLiteral("SELECT x.id FROM bookings b JOIN sessions x ON x.id = b.session_id "
                               "WHERE b.learner_id = :l AND b.status = 'booked' AND x.id <> :s "
                               "AND x.starts_at < :end AND x.starts_at + x.duration_minutes * "
                               "60000 > :start LIMIT 1"));
        learning.bind(QStringLiteral(":l"), learnerId)
            .bind(QStringLiteral(":s"), sessionId)
            .bind(QStringLiteral(":end"), end)
            .bind(QStringLiteral(":start"), s.startsAt)
            .exec();
        std::optional<qint64> clash;
        if (teaching.next())
            clash = teaching.int64(0);
        else if (learning.next())
            clash = learning.int64(0);
        if (clash)
            throw conflict(
                QStringLiteral("Overlapping booking"),
                QStringLiteral("Session %1 at the same time is already in your calendar.")
                    .arg(*clash));

        const QString holdId =
            QStringLiteral("booking-hold:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        SqlQuery insert(tx,
                        QStringLiteral("INSERT INTO bookings (session_id, learner_id, status, "
                                       "price, hold_transfer_id, created_at, updated_at) "
                                       "VALUES (:s, :l, 'booked', :p, :h, :c, :u) RETURNING id"));
        insert.bind(QStringLiteral(":s"), sessionId)
            .bind(QStringLiteral(":l"), learnerId)
            .bind(QStringLiteral(":p"), s.price)
            .bind(QStringLiteral(":h"), holdId)
            .bind(QStringLiteral(":c"), now)
            .bind(QStringLiteral(":u"), now)
            .exec();
        const qint64 bookingId = insert.scalar().value_or(0).toLongLong();
        TransferSpec hold;
        hold.id = holdId;
        hold.debit = accounts::user(learnerId);
        hold.credit = accounts::kEscrow;
        hold.amount = s.price;
        hold.code = QStringLiteral("booking_hold");
        hold.refType = QStringLiteral("booking");
        hold.refId = QString::number(bookingId);
        m_ledger.hold(tx, hold); // throws insufficient-credits, rolling the booking back

        if (s.meetingUrl.isEmpty()) {
            // An unguessable room name: the link is the only key to the meeting.
            unsigned char raw[12];
            randombytes_buf(raw, sizeof raw);
            s.meetingUrl = m_config.meetingBaseUrl + QStringLiteral("/skillex-") +
                           QString::fromLatin1(
                               QByteArray(reinterpret_cast<const char *>(raw), sizeof raw).toHex());
            SqlQuery(tx, QStringLiteral("UPDATE sessions SET meeting_url = :m WHERE id = :id"))
                .bind(QStringLiteral(":m"), s.meetingUrl)
                .bind(QStringLiteral(":id"), s.id)
                .exec();
        }
        setSessionStatus(tx, s, st::kBooked, QStringLiteral("book"));
        const Booking b = *findBooking(tx, bookingId);
        m_events.append(tx, {QStringLiteral("booking.created"), learnerId,
                             QStringLiteral("booking"), QString::number(bookingId),
                             QJsonObject{{QStringLiteral("session_id"), s.id},
                                         {QStringLiteral("price"), s.price},
                                         {QStringLiteral("session_status"), s.status},
                                         {QStringLiteral("booked"), s.booked + 1}}});
        return b;
    });
}

void Sessions::voidBooking(QSqlDatabase &tx, const Booking &b, const QString &cancelledBy)
{
    m_ledger.voidPending(tx, bookingTransferId(b.id, QStringLiteral("void")), b.holdTransferId);
    updateBookingStatus(tx, b.id, QStringLiteral("cancelled"), cancelledBy);
}

void Sessions::settleCompleted(QSqlDatabase &tx, const Session &s, const Booking &b,
                               qint64 postAmount, const QString &why)
{
    m_ledger.postPending(tx, bookingTransferId(b.id, QStringLiteral("post")), b.holdTransferId,
                         postAmount);
    const qint64 fee = postAmount * m_config.feePercent / 100; // rounded down (DOMAIN.md)
    auto pay = [&](const QString &step, const QString &credit, qint64 amount, const QString &code) {
        if (amount <= 0)
            return;
        TransferSpec t;
        t.id = bookingTransferId(b.id, step);
        t.debit = accounts::kEscrow;
        t.credit = credit;
        t.amount = amount;
        t.code = code;
        t.refType = QStringLiteral("booking");
        t.refId = QString::number(b.id);
        m_ledger.post(tx, t);
    };
    pay(QStringLiteral("payout"), accounts::user(s.teacherId), postAmount - fee, why);
    pay(QStringLiteral("fee"), accounts::kFees, fee, QStringLiteral("platform_fee"));
}

void Sessions::settleSessionAfterBookings(QSqlDatabase &tx, Session &s,
                                          std::optional<qint64> actorId)
{
    SqlQuery q(tx,
               QStringLiteral(
                   "SELECT status, COUNT(*) FROM bookings WHERE session_id = :s GROUP BY status"));
    q.bind(QStringLiteral(":s"), s.id).exec();
    QHash<QString, int> counts;
    while (q.next())
        counts.insert(q.string(0), static_cast<int>(q.int64(1)));
    s.booked = counts.value(QStringLiteral("booked"));
    if (s.booked > 0 || s.status != st::kBooked)
        return;
    const QString before = s.status;
    if (counts.value(QStringLiteral("completed")) > 0)
        setSessionStatus(tx, s, st::kCompleted, QStringLiteral("complete"));
    else if (counts.value(QStringLiteral("no_show")) > 0)
        setSessionStatus(tx, s, st::kNoShow, QStringLiteral("close as no-show"));
    else if (s.startsAt > m_clock.nowMs())
        setSessionStatus(tx, s, st::kScheduled, QStringLiteral("reopen")); // seats are free again
    else
        setSessionStatus(tx, s, st::kCancelled, QStringLiteral("cancel"));
    if (s.status != before)
        m_events.append(
            tx, {QStringLiteral("session.status_changed"), actorId, QStringLiteral("session"),
                 QString::number(s.id),
                 QJsonObject{{QStringLiteral("from"), before}, {QStringLiteral("to"), s.status}}});
}

Booking Sessions::cancelBooking(qint64 bookingId, qint64 learnerId)
{
    return m_db.write([&](QSqlDatabase &tx) {
        auto b = findBooking(tx, bookingId);
        if (!b || b->learnerId != learnerId)
            throw notFound(QStringLiteral("booking"));
        Session s = lockSession(tx, b->sessionId);
        b = findBooking(tx, bookingId); // re-read under the session lock
        if (b->status != QStringLiteral("booked"))
            throw DomainError(409, problemtype::kInvalidState, QStringLiteral("Not cancellable"),
                              QStringLiteral("The booking is %1.").arg(b->status))
                .withExtension(QStringLiteral("current_state"), b->status);
        const qint64 now = m_clock.nowMs();
        const bool late = s.startsAt - now < m_config.lateCancelHours * kHour;
        const qint64 teacherShare =
            late ? qint64(b->price) * m_config.lateCancelTeacherPercent / 100 : 0;
        if (teacherShare == 0) {
            voidBooking(tx, *b, QStringLiteral("learner"));
        } else {
            m_ledger.postPending(tx, bookingTransferId(b->id, QStringLiteral("late_post")),
                                 b->holdTransferId, teacherShare);
            TransferSpec payout;
            payout.id = bookingTransferId(b->id, QStringLiteral("late_payout"));
            payout.debit = accounts::kEscrow;
            payout.credit = accounts::user(s.teacherId);
            payout.amount = teacherShare;
            payout.code = QStringLiteral("late_cancel_payout");
            payout.refType = QStringLiteral("booking");
            payout.refId = QString::number(b->id);
            m_ledger.post(tx, payout);
            updateBookingStatus(tx, b->id, QStringLiteral("cancelled"), QStringLiteral("learner"));
        }
        m_events.append(tx, {QStringLiteral("booking.cancelled"), learnerId,
                             QStringLiteral("booking"), QString::number(b->id),
                             QJsonObject{{QStringLiteral("session_id"), s.id},
                                         {QStringLiteral("by"), QStringLiteral("learner")},
                                         {QStringLiteral("late"), late},
                                         {QStringLiteral("refunded"), b->price - teacherShare},
                                         {QStringLiteral("paid_to_teacher"), teacherShare}}});
        settleSessionAfterBookings(tx, s, learnerId);
        return *findBooking(tx, bookingId);
    });
}

Session Sessions::cancelByTeacher(qint64 sessionId, qint64 teacherId)
{
    return m_db.write([&](QSqlDatabase &tx) {
        Session s = lockSession(tx, sessionId);
        if (s.teacherId != teacherId)
            throw notFound(QStringLiteral("session"));
        st::require(s.status, st::kCancelled, QStringLiteral("cancel"));
        for (const Booking &b : bookingsOf(tx, sessionId)) {
            if (b.status == QStringLiteral("booked"))
                voidBooking(tx, b, QStringLiteral("teacher"));
        }
        setSessionStatus(tx, s, st::kCancelled, QStringLiteral("cancel"));
        s.booked = 0;
        m_events.append(tx, {QStringLiteral("session.cancelled"), teacherId,
                             QStringLiteral("session"), QString::number(s.id),
                             QJsonObject{{QStringLiteral("by"), QStringLiteral("teacher")}}});
        return s;
    });
}

Session Sessions::cancelByModeration(QSqlDatabase &tx, qint64 sessionId, qint64 staffId)
{
    Session s = lockSession(tx, sessionId);
    st::require(s.status, st::kCancelled, QStringLiteral("cancel"));
    for (const Booking &b : bookingsOf(tx, sessionId)) {
        if (b.status == QStringLiteral("booked"))
            voidBooking(tx, b, QStringLiteral("moderation"));
    }
    setSessionStatus(tx, s, st::kCancelled, QStringLiteral("cancel"));
    s.booked = 0;
    // The session itself rides along so a staff console can upsert it from the event alone.
    m_events.append(tx, {QStringLiteral("session.cancelled"), staffId, QStringLiteral("session"),
                         QString::number(s.id),
                         QJsonObject{{QStringLiteral("by"), QStringLiteral("moderation")},
                                     {QStringLiteral("session"), s.toJson(false)}}});
    return s;
}

Booking Sessions::cancelBookingByModeration(QSqlDatabase &tx, qint64 bookingId, qint64 staffId)
{
    auto b = findBooking(tx, bookingId);
    if (!b)
        throw notFound(QStringLiteral("booking"));
    Session s = lockSession(tx, b->sessionId);
    b = findBooking(tx, bookingId); // re-read under the session lock
    if (b->status != QStringLiteral("booked"))
        throw DomainError(409, problemtype::kInvalidState, QStringLiteral("Not cancellable"),
                          QStringLiteral("The booking is %1.").arg(b->status))
            .withExtension(QStringLiteral("current_state"), b->status);
    voidBooking(tx, *b, QStringLiteral("moderation"));
    m_events.append(tx, {QStringLiteral("booking.cancelled"), staffId, QStringLiteral("booking"),
                         QString::number(b->id),
                         QJsonObject{{QStringLiteral("session_id"), s.id},
                                     {QStringLiteral("by"), QStringLiteral("moderation")},
                                     {QStringLiteral("late"), false},
                                     {QStringLiteral("refunded"), b->price},
                                     {QStringLiteral("paid_to_teacher"), 0}}});
    settleSessionAfterBookings(tx, s, staffId);
    return *findBooking(tx, bookingId);
}

Session Sessions::complete(qint64 sessionId, qint64 teacherId)
{
    return m_db.write([&](QSqlDatabase &tx) {
        Session s = lockSession(tx, sessionId);
        if (s.teacherId != teacherId)
            throw notFound(QStringLiteral("session"));
        st::require(s.status, st::kCompleted, QStringLiteral("complete"));
        if (s.startsAt > m_clock.nowMs())
            throw conflict(QStringLiteral("Not started"),
                           QStringLiteral("A session can be completed once it has started."));
        for (const Booking &b : bookingsOf(tx, sessionId)) {
            if (b.status != QStringLiteral("booked"))
                continue;
            settleCompleted(tx, s, b, b.price, QStringLiteral("teacher_payout"));
            updateBookingStatus(tx, b.id, QStringLiteral("completed"));
        }
        setSessionStatus(tx, s, st::kCompleted, QStringLiteral("complete"));
        s.booked = 0;
        m_events.append(tx,
                        {QStringLiteral("session.completed"), teacherId, QStringLiteral("session"),
                         QString::number(s.id), QJsonObject{{QStringLiteral("price"), s.price}}});
        return s;
    });
}

Booking Sessions::markLearnerNoShow(qint64 bookingId, qint64 teacherId)
{
    return m_db.write([&](QSqlDatabase &tx) {
        auto b = findBooking(tx, bookingId);
        if (!b)
            throw notFound(QStringLiteral("booking"));
        Session s = lockSession(tx, b->sessionId);
        if (s.teacherId != teacherId)
            throw notFound(QStringLiteral("booking"));
        b = findBooking(tx, bookingId);
        if (b->status != QStringLiteral("booked"))
            throw DomainError(409, problemtype::kInvalidState,
                              QStringLiteral("Not possible in this state"),
                              QStringLiteral("The booking is %1.").arg(b->status))
                .withExtension(QStringLiteral("current_state"), b->status);
        if (s.startsAt > m_clock.nowMs())
            throw conflict(
                QStringLiteral("Not started"),
                QStringLiteral("A no-show can be recorded once the session has started."));
        const qint64 teacherShare = qint64(b->price) * m_config.learnerNoShowTeacherPercent / 100;
        if (teacherShare > 0)
            settleCompleted(tx, s, *b, teacherShare, QStringLiteral("no_show_payout"));
        else
            m_ledger.voidPending(tx, bookingTransferId(b->id, QStringLiteral("void")),
                                 b->holdTransferId);
        updateBookingStatus(tx, b->id, QStringLiteral("no_show"));
        m_events.append(tx, {QStringLiteral("booking.no_show"), teacherId,
                             QStringLiteral("booking"), QString::number(b->id),
                             QJsonObject{{QStringLiteral("session_id"), s.id},
                                         {QStringLiteral("paid_to_teacher"), teacherShare}}});
        settleSessionAfterBookings(tx, s, teacherId);
        return *findBooking(tx, bookingId);
    });
}

std::optional<Session> Sessions::find(QSqlDatabase &db, qint64 sessionId) const
{
    SqlQuery q(db, kSelectSession + QStringLiteral("WHERE s.id = :id"));
    q.bind(QStringLiteral(":id"), sessionId).exec();
    if (!q.next())
        return std::nullopt;
    return readSession(q);
}

std::optional<Booking> Sessions::findBooking(QSqlDatabase &db, qint64 bookingId) const
{
    SqlQuery q(db, kSelectBooking + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), bookingId).exec();
    if (!q.next())
        return std::nullopt;
    return readBooking(q);
}

QList<Booking> Sessions::bookingsOf(QSqlDatabase &db, qint64 sessionId) const
{
    SqlQuery q(db, kSelectBooking + QStringLiteral("WHERE session_id = :s ORDER BY id"));
    q.bind(QStringLiteral(":s"), sessionId).exec();
    QList<Booking> out;
    while (q.next())
        out.push_back(readBooking(q));
    return out;
}

QList<Booking> Sessions::bookingsOfLearner(qint64 learnerId, int limit,
                                           std::optional<qint64> afterId) const
{
    return m_db.read([&](QSqlDatabase &db) {
        SqlQuery q(db, kSelectBooking +
                           QStringLiteral(
                               "WHERE learner_id = :l AND id < :after ORDER BY id DESC LIMIT :n"));
        q.bind(QStringLiteral(":l"), learnerId)
            .bind(QStringLiteral(":after"), afterId.value_or(std::numeric_limits<qint64>::max()))
            .bind(QStringLiteral(":n"), limit)
            .exec();
        QList<Booking> out;
        while (q.next())
            out.push_back(readBooking(q));
        return out;
    });
}

bool Sessions::isParticipant(QSqlDatabase &db, const Session &s, qint64 userId) const
{
    if (s.teacherId == userId)
        return true;
    SqlQuery q(db, QStringLiteral("SELECT 1 FROM bookings WHERE session_id = :s AND learner_id = "
                                  ":l AND status IN ('booked', 'completed')"));
    q.bind(QStringLiteral(":s"), s.id).bind(QStringLiteral(":l"), userId).exec();
    return q.next();
}

QList<Session> Sessions::search(const SessionSearch &f) const
{
    return m_db.read([&](QSqlDatabase &db) {
        QStringList where{QStringLiteral("s.hidden_at IS NULL")};
        if (f.skillId)
            where << QStringLiteral("s.skill_id = :skill");
        if (f.teacherId)
            where << QStringLiteral("s.teacher_id = :teacher");
        if (f.from)
            where << QStringLiteral("s.starts_at >= :from");
        if (f.to)
            where << QStringLiteral("s.starts_at < :to");
        if (f.status)
            where << QStringLiteral("s.status = :status");
        if (f.withSeatsOnly)
            where << QStringLiteral(
                "s.status IN ('scheduled', 'booked') AND (SELECT COUNT(*) FROM bookings b WHERE "
                "b.session_id = s.id AND b.status = 'booked') < s.capacity");
        if (f.after)
            where << QStringLiteral(
                "(s.starts_at > :after_at OR (s.starts_at = :after_at2 AND s.id > :after_id))");
        SqlQuery q(db, kSelectSession + QStringLiteral("WHERE ") +
                           where.join(QStringLiteral(" AND ")) +
                           QStringLiteral(" ORDER BY s.starts_at, s.id LIMIT :n"));
        if (f.skillId)
            q.bind(QStringLiteral(":skill"), *f.skillId);
        if (f.teacherId)
            q.bind(QStringLiteral(":teacher"), *f.teacherId);
        if (f.from)
            q.bind(QStringLiteral(":from"), *f.from);
        if (f.to)
            q.bind(QStringLiteral(":to"), *f.to);
        if (f.status)
            q.bind(QStringLiteral(":status"), *f.status);
        if (f.after)
            q.bind(QStringLiteral(":after_at"), f.after->first)
                .bind(QStringLiteral(":after_at2"), f.after->first)
                .bind(QStringLiteral(":after_id"), f.after->second);
        q.bind(QStringLiteral(":n"), f.limit);
        q.exec();
        QList<Session> out;
        while (q.next())
            out.push_back(readSession(q));
        return out;
    });
}

} // namespace skillex::server
