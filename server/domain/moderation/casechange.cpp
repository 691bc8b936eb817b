// History, audit, event: the same three writes for every case change.
#include "server/domain/moderation/casechange.h"

#include "server/domain/domainerror.h"
#include "server/domain/moderation/casehistory.h"
#include "server/domain/moderation/casestates.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {

using namespace protocol;

QJsonObject recordCaseChange(QSqlDatabase &tx, AuditLog &audit, EventLog &events,
                             const StaffActor *actor, qint64 caseId, const CaseChange &change,
                             qint64 now)
{
    const std::optional<qint64> actorId = actor ? std::optional<qint64>(actor->id) : std::nullopt;
    const QJsonObject row =
        appendCaseHistory(tx, {caseId, now, actorId, change.historyAction, change.fromStatus,
                               change.toStatus, change.details});
    const QJsonObject after = findCaseSummary(tx, caseId).value_or(QJsonObject{});
    audit.append(tx,
                 {actorId, actor ? actor->label : QStringLiteral("system"), change.auditAction,
                  QStringLiteral("case"), QString::number(caseId), change.reason, change.before,
                  after, actor ? actor->address : QString(), actor ? actor->requestId : QString()});
    QJsonObject data = after;
    data.insert(QStringLiteral("change"), row);
    events.append(
        tx, {change.eventType, actorId, QStringLiteral("case"), QString::number(caseId), data});
    return after;
}

void requireCaseVersion(QSqlDatabase &tx, const CaseRow &row, const VersionMatch &match)
{
    if (match.admits(row.version))
        return;
    throw DomainError(
        412, problemtype::kPreconditionFailed, QStringLiteral("Precondition failed"),
        QStringLiteral("The case is at version %1; look at it again.").arg(row.version))
        .withExtension(QStringLiteral("current"),
                       findCaseSummary(tx, row.id).value_or(QJsonObject{}))
        .withHeader("ETag", caseEtag(row.version));
}

void moveCase(QSqlDatabase &tx, qint64 caseId, const QString &to, qint64 now,
              const QString &resolution, std::optional<qint64> decidedBy)
{
    // An appeal decision keeps the first decision's closing time and decider (the appeal
    // window and the "not the decider" rule are about that one).
    const bool decision = to == casestates::kResolved || to == casestates::kDismissed;
    SqlQuery q(tx, QStringLiteral("UPDATE cases SET status = :s, version = version + 1, updated_at "
                                  "= :t, first_action_at = COALESCE(first_action_at, :t2)%1 WHERE "
                                  "id = :c")
                       .arg(decision ? QStringLiteral(", closed_at = :t3, decided_by = :d, "
                                                      "resolution = :r")
                                     : QString()));
    q.bind(QStringLiteral(":s"), to)
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":t2"), now)
        .bind(QStringLiteral(":c"), caseId);
    if (decision)
        q.bind(QStringLiteral(":t3"), now)
            .bindOptional(QStringLiteral(":d"), decidedBy)
            .bind(QStringLiteral(":r"), resolution);
    q.exec();
}

void touchCase(QSqlDatabase &tx, qint64 caseId, qint64 now)
{
    SqlQuery(tx, QStringLiteral("UPDATE cases SET version = version + 1, updated_at = :t WHERE id "
                                "= :c"))
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":c"), caseId)
        .exec();
}

} // namespace skillex::server
