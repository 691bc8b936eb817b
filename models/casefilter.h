// CaseFilter and CaseSort: what the case queue shows and in which order, as the person picks it.
#pragma once

#include <QString>
#include <QStringList>

namespace skillex::models {

struct CaseFilter {
    enum class Assignee { Any, Me, Unassigned, Staff };

    QStringList statuses; // empty: any status
    QStringList severities;
    QStringList categories;
    Assignee assignee = Assignee::Any;
    qint64 staffId = 0;       // for Assignee::Staff
    bool slaBreached = false; // open and past its SLA due time
    QString text;             // words the case's text must contain (prefixes match)
    // Non-zero: only cases with id <= upToId. The queue holds live arrivals (new cases have
    // higher ids) back with it until the person asks to see them; the tab counts ignore it.
    qint64 upToId = 0;

    bool operator==(const CaseFilter &) const = default;

    // The statuses in which a case still needs someone.
    static QStringList openStatuses();
    // The queue's tabs.
    static CaseFilter openQueue();
    static CaseFilter mine();
    static CaseFilter unassigned();
    static CaseFilter highSeverity();
};

enum class CaseSort {
    Priority, // highest first
    Age,      // oldest first
    Sla,      // soonest due first
};

} // namespace skillex::models
