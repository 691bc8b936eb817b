// Sanctions on members, the side effects of the moderation ladder: strikes (warn, remove
// content), hiding content, suspension (no sign-in, no booking, upcoming sessions cancelled
// with refunds through the ledger), ban (the same, permanent, listings hidden), lifting them
// (reinstatement, an overturned appeal) and the end of suspensions. Every method runs inside
// the caller's write transaction; the caller writes the audit entry and the events.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/moderation/reportsubject.h"
#include "server/domain/sessions/sessions.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace skillex::server {

// What a sanction did, for the response, the audit entry and the events.
struct SanctionEffect {
    QJsonObject sanction; // {id, user_id, kind, case_id, strike, reason, created_by, created_at,
                          //  ends_at, lifted_at}
    QJsonArray cancelledSessions;
    QJsonArray cancelledBookings;
    QJsonArray hiddenSessions;
    int revokedSignIns = 0;

    QJsonObject toJson() const;
};

// The rung the console suggests from the member's live strikes.
struct SuggestedAction {
    QString action; // warn, remove_content, suspend, ban, dismiss
    std::optional<int> durationDays;
    int liveStrikes = 0;

    QJsonObject toJson() const;
};

class Sanctions {
public:
    Sanctions(Database &db, const Clock &clock, Sessions &sessions, EventLog &events);

    static const QList<int> &suspensionDays(); // 1, 3, 7, 30

    // A warning: one strike.
    SanctionEffect warn(QSqlDatabase &tx, qint64 userId, std::optional<qint64> caseId,
                        const QString &reason, qint64 staffId);
    // Hides the message, review or listing and gives its author a strike. 409
    // action-not-applicable for other subjects.
    SanctionEffect removeContent(QSqlDatabase &tx, const moderation::SubjectRef &subject,
                                 qint64 userId, std::optional<qint64> caseId, const QString &reason,
                                 qint64 staffId);
    // Status suspended until now + days (a strike too, so the ladder climbs); every sign-in
    // revoked; every upcoming session they teach and every upcoming booking they hold
    // cancelled with full refunds. 409 when already suspended or banned.
    SanctionEffect suspend(QSqlDatabase &tx, qint64 userId, int days, std::optional<qint64> caseId,
                           const QString &reason, qint64 staffId);
    // Status banned (permanent); sign-ins revoked; upcoming sessions and bookings cancelled with
    // refunds; their upcoming listings hidden.
    SanctionEffect ban(QSqlDatabase &tx, qint64 userId, std::optional<qint64> caseId,
                       const QString &reason, qint64 staffId);

    // Lifts the member's active suspensions and bans (reinstatement); status back to active.
    // Returns the lifted sanctions; empty when there was none.
    QJsonArray reinstate(QSqlDatabase &tx, qint64 userId, const QString &reason, qint64 staffId);
    // Lifts every sanction taken on a case (an overturned appeal): strikes stop counting,
    // removed content is shown again, and the account is active again unless another
    // suspension or ban still holds.
    QJsonArray liftCaseSanctions(QSqlDatabase &tx, qint64 caseId,
                                 const moderation::SubjectRef &subject, const QString &reason,
                                 qint64 staffId);

    // Suspensions whose end has passed and were not handled yet: (sanction id, user id, case).
    struct EndedSuspension {
        qint64 sanctionId = 0;
        qint64 userId = 0;
        std::optional<qint64> caseId;
    };
    QList<EndedSuspension> endedSuspensions(QSqlDatabase &db, qint64 now, int limit) const;
    // Marks the suspension handled and reactivates the member unless another sanction holds.
    // Returns whether the account became active.
    bool endSuspension(QSqlDatabase &tx, const EndedSuspension &ended, qint64 now);

    int liveStrikes(QSqlDatabase &db, qint64 userId, qint64 now) const;
    SuggestedAction suggest(QSqlDatabase &db, std::optional<qint64> userId,
                            const QString &subjectType, qint64 now) const;
    // {id, name, status} of a member; 404 when not a member account.
    QJsonObject memberState(QSqlDatabase &db, qint64 userId) const;
    // 404 unless a member account; the account's status.
    QString requireMember(QSqlDatabase &tx, qint64 userId) const;

private:
    QJsonObject insertSanction(QSqlDatabase &tx, qint64 userId, const QString &kind,
                               std::optional<qint64> caseId, int strike, const QString &reason,
                               qint64 staffId, std::optional<qint64> endsAt, qint64 now);
    void cancelUpcoming(QSqlDatabase &tx, qint64 userId, qint64 staffId, SanctionEffect &effect,
                        qint64 now);
    int revokeSignIns(QSqlDatabase &tx, qint64 userId, const QString &why, qint64 now);
    void setStatus(QSqlDatabase &tx, qint64 userId, const QString &status, qint64 now);
    bool restoreIfClear(QSqlDatabase &tx, qint64 userId, qint64 now);

    Database &m_db;
    const Clock &m_clock;
    Sessions &m_sessions;
    EventLog &m_events;
};

} // namespace skillex::server
