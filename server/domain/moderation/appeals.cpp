// The appeal rules (DOMAIN.md: "resolved -> appealed, by the sanctioned member, within 20
// days"). The state change is a conditional UPDATE, so two appeals at once cannot both pass.
#include "server/domain/moderation/appeals.h"

#include "protocol/timestamps.h"
#include "server/domain/chat/memberstatus.h"
#include "server/domain/domainerror.h"
#include "server/domain/moderation/casehistory.h"
#include "server/domain/moderation/casestates.h"
#include "server/domain/moderation/casesummary.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/storage/sqlquery.h"

#include <algorithm>

namespace skillex::server {

using namespace protocol;
using namespace moderation;

namespace {

DomainError conflict(const QString &title, const QString &detail)
{
    return DomainError(409, problemtype::kConflict, title, detail);
}

} // namespace

QJsonObject FiledAppeal::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("case_id"), caseId},
            {QStringLiteral("status"), status},
            {QStringLiteral("created_at"), toWireTime(createdAt)}};
}

Appeals::Appeals(Database &db, const Clock &clock, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_events(events)
{}

FiledAppeal Appeals::file(qint64 userId, qint64 caseId, const QString &body)
{
    if (body.trimmed().isEmpty() || body.size() > kMaxTextLength)
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid appeal"),
                          QStringLiteral("body must be 1 to %1 characters").arg(kMaxTextLength))
            .withFieldErrors({{QStringLiteral("body"),
                               QStringLiteral("must be 1 to %1 characters").arg(kMaxTextLength)}});
    return m_db.write([&](QSqlDatabase &tx) {
        // Suspended and banned members too: the appeal is precisely for them.
        chat::requireMemberWhoMayAppeal(tx, userId);
        const qint64 now = m_clock.nowMs();
        SqlQuery c(tx,
                   QStringLiteral("SELECT status, closed_at, version FROM cases WHERE id = :c"));
        c.bind(QStringLiteral(":c"), caseId).exec();
        const bool exists = c.next();
        const QString status = exists ? c.string(0) : QString();
        // -1: never closed (a resolved case always has closed_at; a hand-made row may not).
        const qint64 closedAt = exists && !c.isNull(1) ? c.int64(1) : -1;
        const qint64 version = exists ? c.int64(2) : 0;
        SqlQuery sanctioned(tx, QStringLiteral("SELECT 1 FROM sanctions WHERE case_id = :c AND "
                                               "user_id = :u"));
        sanctioned.bind(QStringLiteral(":c"), caseId).bind(QStringLiteral(":u"), userId).exec();
        if (!exists || !sanctioned.next())
            throw DomainError(
                404, problemtype::kNotFound, QStringLiteral("Not found"),
                QStringLiteral("There is no case %1 with a sanction of yours.").arg(caseId));
        SqlQuery earlier(tx, QStringLiteral("SELECT 1 FROM appeals WHERE case_id = :c"));
        earlier.bind(QStringLiteral(":c"), caseId).exec();
        if (earlier.next())
            throw conflict(QStringLiteral("Already appealed"),
                           QStringLiteral("A case can be appealed once; this one has been."));
        casestates::require(status, casestates::kAppealed, QStringLiteral("appeal"));
        if (closedAt < 0 || now > closedAt + kAppealWindowMs)
            throw conflict(QStringLiteral("Appeal window closed"),
                           QStringLiteral("Appeals are possible for 20 days after the decision; "
                                          "the window closed at %1.")
                               .arg(toWireTime(std::max<qint64>(closedAt, 0) + kAppealWindowMs)));
        SqlQuery move(tx,
                      QStringLiteral("UPDATE cases SET status = 'appealed', version = version + "
                                     "1, updated_at = :t WHERE id = :c AND status = "
                                     "'resolved' AND version = :v"));
        move.bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":c"), caseId)
            .bind(QStringLiteral(":v"), version)
            .exec();
        if (move.rowsAffected() != 1)
            throw conflict(QStringLiteral("Case changed"),
                           QStringLiteral("The case changed meanwhile; look at it again."));
        FiledAppeal appeal;
        appeal.caseId = caseId;
        appeal.status = QStringLiteral("pending");
        appeal.createdAt = now;
        SqlQuery insert(tx, QStringLiteral("INSERT INTO appeals (case_id, user_id, body, status, "
                                           "created_at) VALUES (:c, :u, :b, 'pending', :t) "
                                           "RETURNING id"));
        insert.bind(QStringLiteral(":c"), caseId)
            .bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":b"), body)
            .bind(QStringLiteral(":t"), now)
            .exec();
        appeal.id = insert.scalar().value_or(0).toLongLong();
        const QJsonObject change = appendCaseHistory(
            tx, {caseId,
                 now,
                 userId,
                 QStringLiteral("appealed"),
                 status,
                 casestates::kAppealed,
                 {{QStringLiteral("appeal_id"), appeal.id}, {QStringLiteral("body"), body}}});
        // The case summary, as every case event carries it, plus the appeal.
        QJsonObject data = findCaseSummary(tx, caseId).value_or(QJsonObject{});
        data.insert(QStringLiteral("appeal_id"), appeal.id);
        data.insert(QStringLiteral("change"), change);
        m_events.append(tx, {QStringLiteral("case.appealed"), userId, QStringLiteral("case"),
                             QString::number(caseId), data});
        return appeal;
    });
}

} // namespace skillex::server
