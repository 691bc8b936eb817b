// CaseFilter: the tabs of the case queue as filters.
#include "models/casefilter.h"

namespace skillex::models {

QStringList CaseFilter::openStatuses()
{
    return {QStringLiteral("open"), QStringLiteral("assigned"), QStringLiteral("escalated"),
            QStringLiteral("appealed")};
}

CaseFilter CaseFilter::openQueue()
{
    CaseFilter f;
    f.statuses = openStatuses();
    return f;
}

CaseFilter CaseFilter::mine()
{
    CaseFilter f = openQueue();
    f.assignee = Assignee::Me;
    return f;
}

CaseFilter CaseFilter::unassigned()
{
    CaseFilter f;
    f.statuses = {QStringLiteral("open")};
    f.assignee = Assignee::Unassigned;
    return f;
}

CaseFilter CaseFilter::highSeverity()
{
    CaseFilter f = openQueue();
    f.severities = {QStringLiteral("high")};
    return f;
}

} // namespace skillex::models
