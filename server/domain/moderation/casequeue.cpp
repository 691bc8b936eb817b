// Keyset paging: priority sorts (priority DESC, id DESC), age (opened_at ASC, id ASC), sla
// (sla_due_at ASC, id ASC). Each pair is served by an index of migration 0008, led by status
// when one status is asked for.
#include "server/domain/moderation/casequeue.h"

#include "server/domain/domainerror.h"
#include "server/domain/moderation/casestates.h"
#include "server/domain/moderation/casesummary.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/storage/sqlquery.h"

#include <QVariant>

namespace skillex::server {

using namespace protocol;

namespace {

DomainError badCursor()
{
    return DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
        .withFieldErrors(
            {{QStringLiteral("after"), QStringLiteral("is not a cursor of this sort")}});
}

} // namespace

CaseQueue::CaseQueue(Database &db)
    : m_db(db)
{}

const QStringList &CaseQueue::sorts()
{
    static const QStringList names{QStringLiteral("priority"), QStringLiteral("age"),
                                   QStringLiteral("sla")};
    return names;
}

CaseQueuePage CaseQueue::list(const CaseQueueQuery &query, qint64 now) const
{
    QStringList where;
    QVariantMap binds;
    if (!query.statuses.isEmpty())
        where.push_back(
            QStringLiteral("c.status IN (%1)").arg(moderation::sqlList(query.statuses)));
    if (query.category) {
        where.push_back(QStringLiteral("c.category = :category"));
        binds.insert(QStringLiteral(":category"), *query.category);
    }
    if (query.severity) {
        where.push_back(QStringLiteral("c.severity = :severity"));
        binds.insert(QStringLiteral(":severity"), *query.severity);
    }
    switch (query.assignee) {
    case CaseQueueQuery::Assignee::Any:
        break;
    case CaseQueueQuery::Assignee::None:
        where.push_back(QStringLiteral("c.assignee_id IS NULL"));
        break;
    case CaseQueueQuery::Assignee::Me:
    case CaseQueueQuery::Assignee::Id:
        where.push_back(QStringLiteral("c.assignee_id = :assignee"));
        binds.insert(QStringLiteral(":assignee"), query.assigneeId);
        break;
    }
    if (query.subjectType) {
        where.push_back(QStringLiteral("c.subject_type = :stype AND c.subject_id = :sid"));
        binds.insert(QStringLiteral(":stype"), *query.subjectType);
        binds.insert(QStringLiteral(":sid"), query.subjectId.value_or(0));
    }
    if (query.subjectUser) {
        where.push_back(QStringLiteral("c.subject_user_id = :suser"));
        binds.insert(QStringLiteral(":suser"), *query.subjectUser);
    }
    if (query.slaBreached) {
        // Breached: still waiting for a decision after its due time.
        where.push_back(*query.slaBreached
                            ? QStringLiteral("c.status IN ('open', 'assigned', 'escalated') AND "
                                             "c.sla_due_at < :now")
                            : QStringLiteral("NOT (c.status IN ('open', 'assigned', 'escalated') "
                                             "AND c.sla_due_at < :now)"));
        binds.insert(QStringLiteral(":now"), now);
    }
    if (query.text) {
        // A substring of a report's description or of the subject member's name. Not indexed
        // (a LIKE '%..%'): it narrows whatever the other filters and the sort index yield.
        where.push_back(QStringLiteral(
            "(LOWER(su.name) LIKE :text OR EXISTS (SELECT 1 FROM reports r WHERE r.case_id = c.id "
            "AND LOWER(r.description) LIKE :text2))"));
        QString escaped = query.text->toLower();
        escaped.replace(QLatin1Char('%'), QString()).replace(QLatin1Char('_'), QString());
        binds.insert(QStringLiteral(":text"), QLatin1Char('%') + escaped + QLatin1Char('%'));
        binds.insert(QStringLiteral(":text2"), QLatin1Char('%') + escaped + QLatin1Char('%'));
    }

    QString column;
    bool descending = false;
    if (query.sort == QStringLiteral("priority")) {
        column = QStringLiteral("c.priority");
        descending = true;
    } else if (query.sort == QStringLiteral("age")) {
        column = QStringLiteral("c.opened_at");
    } else {
        column = QStringLiteral("c.sla_due_at");
    }
    if (query.after) {
        const QStringList parts = query.after->split(QLatin1Char('|'));
        bool okId = false;
        bool okKey = false;
        const qint64 afterId = parts.value(1).toLongLong(&okId);
        QVariant key;
        if (descending) {
            key = parts.value(0).toDouble(&okKey);
        } else {
            key = parts.value(0).toLongLong(&okKey);
        }
        if (parts.size() != 2 || !okId || !okKey)
            throw badCursor();
        // The bound on the sort key alone comes first so that both databases use it as the
        // range of the (status, key, id) index scan; "(key < k OR (key = k AND id < i))" on its
        // own made SQLite walk the index from the top (80 ms at row 100,000 of a million).
        where.push_back(
            descending ? QStringLiteral("(%1 <= :k AND (%1 < :k2 OR c.id < :kid))").arg(column)
                       : QStringLiteral("(%1 >= :k AND (%1 > :k2 OR c.id > :kid))").arg(column));
        binds.insert(QStringLiteral(":k"), key);
        binds.insert(QStringLiteral(":k2"), key);
        binds.insert(QStringLiteral(":kid"), afterId);
    }
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString sql =
        QStringLiteral("SELECT ") + caseSummaryColumns() + QStringLiteral(", ") + column +
        caseSummaryJoins() +
        (where.isEmpty() ? QString()
                         : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "))) +
        QStringLiteral(" ORDER BY %1 %2, c.id %2 LIMIT %3")
            .arg(column, direction)
            .arg(query.limit + 1);
    return m_db.read([&](QSqlDatabase &db) {
        SqlQuery q(db, sql);
        for (auto it = binds.cbegin(); it != binds.cend(); ++it)
            q.bind(it.key(), it.value());
        q.exec();
        CaseQueuePage page;
        QString lastKey;
        int rows = 0;
        while (q.next()) {
            if (++rows > query.limit) {
                page.next = lastKey;
                break;
            }
            const QJsonObject item = caseSummaryFrom(q);
            page.items.push_back(item);
            const int keyColumn = 19; // after the summary's columns
            lastKey = (descending ? QString::number(q.value(keyColumn).toDouble(), 'g', 17)
                                  : QString::number(q.int64(keyColumn))) +
                      QLatin1Char('|') +
                      QString::number(item.value(QStringLiteral("id")).toInteger());
        }
        return page;
    });
}

QJsonObject CaseQueue::counts(qint64 staffId, qint64 now) const
{
    return m_db.read([&](QSqlDatabase &db) {
        QJsonObject byStatus;
        for (const QString &s : casestates::allStates())
            byStatus.insert(s, 0);
        // Index-only counts on (status, ...); the tabs below only look at open work.
        SqlQuery statuses(db, QStringLiteral("SELECT status, COUNT(*) FROM cases GROUP BY status"));
        statuses.exec();
        while (statuses.next())
            byStatus.insert(statuses.string(0), statuses.int64(1));
        auto scalar = [&](const QString &sql, const QVariantMap &binds) {
            SqlQuery q(db, sql);
            for (auto it = binds.cbegin(); it != binds.cend(); ++it)
                q.bind(it.key(), it.value());
            q.exec();
            return q.scalar().value_or(0).toLongLong();
        };
        const QString working = QStringLiteral("('open', 'assigned', 'escalated')");
        return QJsonObject{
            {QStringLiteral("by_status"), byStatus},
            {QStringLiteral("mine"),
             scalar(QStringLiteral("SELECT COUNT(*) FROM cases WHERE assignee_id = :a AND status "
                                   "IN ('assigned', 'escalated', 'appealed')"),
                    {{QStringLiteral(":a"), staffId}})},
            {QStringLiteral("unassigned"), byStatus.value(QStringLiteral("open"))},
            {QStringLiteral("high_severity"),
             scalar(QStringLiteral("SELECT COUNT(*) FROM cases WHERE severity = 'high' AND status "
                                   "IN %1")
                        .arg(working),
                    {})},
            {QStringLiteral("escalated"), byStatus.value(QStringLiteral("escalated"))},
            {QStringLiteral("appealed"), byStatus.value(QStringLiteral("appealed"))},
            {QStringLiteral("sla_breached"),
             scalar(QStringLiteral("SELECT COUNT(*) FROM cases WHERE status IN %1 AND sla_due_at "
                                   "< :n")
                        .arg(working),
                    {{QStringLiteral(":n"), now}})},
            {QStringLiteral("ban_approvals_pending"),
             scalar(QStringLiteral("SELECT COUNT(*) FROM ban_approvals WHERE status = 'pending'"),
                    {})}};
    });
}

} // namespace skillex::server
