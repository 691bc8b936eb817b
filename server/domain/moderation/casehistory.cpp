// Case history rows; details are stored as JSON text.
#include "server/domain/moderation/casehistory.h"

#include "protocol/timestamps.h"
#include "server/storage/sqlquery.h"

#include <QJsonDocument>

namespace skillex::server {

using namespace protocol;

namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

} // namespace

QJsonObject appendCaseHistory(QSqlDatabase &tx, const CaseHistoryEntry &e)
{
    SqlQuery q(tx, QStringLiteral("INSERT INTO case_history (case_id, at, actor_id, action, "
                                  "from_status, to_status, details) VALUES (:c, :t, :a, :x, :f, "
                                  ":s, :d) RETURNING id"));
    q.bind(QStringLiteral(":c"), e.caseId)
        .bind(QStringLiteral(":t"), e.at)
        .bindOptional(QStringLiteral(":a"), e.actorId)
        .bind(QStringLiteral(":x"), e.action)
        .bindOptional(QStringLiteral(":f"),
                      e.fromStatus.isEmpty() ? std::nullopt : std::optional<QString>(e.fromStatus))
        .bindOptional(QStringLiteral(":s"),
                      e.toStatus.isEmpty() ? std::nullopt : std::optional<QString>(e.toStatus))
        .bind(QStringLiteral(":d"),
              QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact)))
        .exec();
    const qint64 id = q.scalar().value_or(0).toLongLong();
    return {{QStringLiteral("id"), id},
            {QStringLiteral("at"), toWireTime(e.at)},
            {QStringLiteral("actor_id"), e.actorId ? QJsonValue(*e.actorId) : QJsonValue()},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("from_status"), orNull(e.fromStatus)},
            {QStringLiteral("to_status"), orNull(e.toStatus)},
            {QStringLiteral("details"), e.details}};
}

QJsonArray caseHistory(QSqlDatabase &db, qint64 caseId, const QString &action)
{
    // A case's history is short (bounded by its reports and staff actions), so no paging.
    SqlQuery q(db, QStringLiteral("SELECT h.id, h.at, h.actor_id, u.name, h.action, "
                                  "h.from_status, h.to_status, h.details FROM case_history h "
                                  "LEFT JOIN users u ON u.id = h.actor_id WHERE h.case_id = :c%1 "
                                  "ORDER BY h.id")
                       .arg(action.isEmpty() ? QString() : QStringLiteral(" AND h.action = :x")));
    q.bind(QStringLiteral(":c"), caseId);
    if (!action.isEmpty())
        q.bind(QStringLiteral(":x"), action);
    q.exec();
    QJsonArray rows;
    while (q.next()) {
        rows.push_back(QJsonObject{
            {QStringLiteral("id"), q.int64(0)},
            {QStringLiteral("at"), toWireTime(q.int64(1))},
            {QStringLiteral("actor"),
             q.isNull(2) ? QJsonValue()
                         : QJsonValue(QJsonObject{{QStringLiteral("id"), q.int64(2)},
                                                  {QStringLiteral("name"), q.string(3)}})},
            {QStringLiteral("action"), q.string(4)},
            {QStringLiteral("from_status"), q.isNull(5) ? QJsonValue() : QJsonValue(q.string(5))},
            {QStringLiteral("to_status"), q.isNull(6) ? QJsonValue() : QJsonValue(q.string(6))},
            {QStringLiteral("details"), QJsonDocument::fromJson(q.string(7).toUtf8()).object()}});
    }
    return rows;
}

} // namespace skillex::server
