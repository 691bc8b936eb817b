// One SELECT shape for the case summary, shared by the queue, the detail and the events.
#include "server/domain/moderation/casesummary.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"

namespace skillex::server {

using namespace protocol;

namespace {

QJsonValue person(const SqlQuery &q, int idColumn, int nameColumn)
{
    if (q.isNull(idColumn))
        return QJsonValue();
    return QJsonObject{{QStringLiteral("id"), q.int64(idColumn)},
                       {QStringLiteral("name"), q.string(nameColumn)}};
}

QJsonValue optionalTime(const SqlQuery &q, int column)
{
    return q.isNull(column) ? QJsonValue() : QJsonValue(toWireTime(q.int64(column)));
}

} // namespace

QString caseSummaryColumns()
{
    return QStringLiteral(
        "c.id, c.status, c.priority, c.severity, c.category, c.subject_type, c.subject_id, "
        "c.subject_user_id, su.name, c.report_count, c.reporter_count, c.assignee_id, a.name, "
        "c.opened_at, c.sla_due_at, c.closed_at, c.previous_case_id, c.version, "
        "(SELECT COUNT(*) FROM ban_approvals b WHERE b.case_id = c.id AND b.status = "
        "'pending')");
}

QString caseSummaryJoins()
{
    return QStringLiteral(" FROM cases c LEFT JOIN users su ON su.id = c.subject_user_id "
                          "LEFT JOIN users a ON a.id = c.assignee_id ");
}

QJsonObject caseSummaryFrom(const SqlQuery &q)
{
    return {
        {QStringLiteral("id"), q.int64(0)},
        {QStringLiteral("status"), q.string(1)},
        {QStringLiteral("priority"), q.value(2).toDouble()},
        {QStringLiteral("severity"), q.string(3)},
        {QStringLiteral("category"), q.string(4)},
        {QStringLiteral("subject"),
         QJsonObject{{QStringLiteral("type"), q.string(5)}, {QStringLiteral("id"), q.int64(6)}}},
        {QStringLiteral("subject_user"), person(q, 7, 8)},
        {QStringLiteral("report_count"), q.int64(9)},
        {QStringLiteral("reporter_count"), q.int64(10)},
        {QStringLiteral("assignee"), person(q, 11, 12)},
        {QStringLiteral("opened_at"), toWireTime(q.int64(13))},
        {QStringLiteral("sla_due_at"), toWireTime(q.int64(14))},
        {QStringLiteral("closed_at"), optionalTime(q, 15)},
        {QStringLiteral("previous_case_id"), q.isNull(16) ? QJsonValue() : QJsonValue(q.int64(16))},
        {QStringLiteral("version"), q.int64(17)},
        {QStringLiteral("ban_pending"), q.int64(18) > 0}};
}

std::optional<QJsonObject> findCaseSummary(QSqlDatabase &db, qint64 caseId)
{
    SqlQuery q(db, QStringLiteral("SELECT ") + caseSummaryColumns() + caseSummaryJoins() +
                       QStringLiteral("WHERE c.id = :c"));
    q.bind(QStringLiteral(":c"), caseId).exec();
    if (!q.next())
        return std::nullopt;
    return caseSummaryFrom(q);
}

std::optional<CaseRow> loadCaseForUpdate(QSqlDatabase &tx, qint64 caseId)
{
    const QString lock = tx.driverName().startsWith(QStringLiteral("QPSQL"))
                             ? QStringLiteral(" FOR UPDATE")
                             : QString();
    SqlQuery q(tx, QStringLiteral("SELECT id, status, subject_type, subject_id, subject_user_id, "
                                  "assignee_id, decided_by, category, severity, version FROM cases "
                                  "WHERE id = :c") +
                       lock);
    q.bind(QStringLiteral(":c"), caseId).exec();
    if (!q.next())
        return std::nullopt;
    CaseRow r;
    r.id = q.int64(0);
    r.status = q.string(1);
    r.subject = {q.string(2), q.int64(3)};
    r.subjectUserId = q.optionalInt64(4);
    r.assigneeId = q.optionalInt64(5);
    r.decidedBy = q.optionalInt64(6);
    r.category = q.string(7);
    r.severity = q.string(8);
    r.version = q.int64(9);
    return r;
}

CaseRow requireCase(QSqlDatabase &tx, qint64 caseId)
{
    auto row = loadCaseForUpdate(tx, caseId);
    if (!row)
        throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                          QStringLiteral("There is no case %1.").arg(caseId));
    return *row;
}

QByteArray caseEtag(qint64 version)
{
    return '"' + QByteArray::number(version) + '"';
}

} // namespace skillex::server
