// The moderation queue: filtered, sorted, keyset-paged case summaries, and the counts behind
// the console's tabs. Sorting is done by SQL on an index, never in memory.
#pragma once

#include "server/storage/database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace skillex::server {

struct CaseQueueQuery {
    QStringList statuses;
    std::optional<QString> category;
    std::optional<QString> severity;
    enum class Assignee { Any, Me, None, Id } assignee = Assignee::Any;
    qint64 assigneeId = 0; // Me: the caller; Id: that staff member
    std::optional<QString> subjectType;
    std::optional<qint64> subjectId;
    std::optional<qint64> subjectUser;
    std::optional<bool> slaBreached;
    std::optional<QString> text;
    QString sort = QStringLiteral("priority"); // priority (highest first), age (oldest), sla
    int limit = 50;
    std::optional<QString> after; // the keyset "<sort value>|<id>" of the last row seen
};

struct CaseQueuePage {
    QJsonArray items;
    std::optional<QString> next; // keyset of the last item when there may be more
};

class CaseQueue {
public:
    explicit CaseQueue(Database &db);

    static const QStringList &sorts();
    // Throws DomainError 400 (field "after") for a keyset this sort did not produce.
    CaseQueuePage list(const CaseQueueQuery &query, qint64 now) const;
    // {by_status: {...}, mine, unassigned, high_severity, escalated, appealed, sla_breached,
    //  ban_approvals_pending}
    QJsonObject counts(qint64 staffId, qint64 now) const;

private:
    Database &m_db;
};

} // namespace skillex::server
