// QueueTabs: the Cases queue's saved views (My cases, Unassigned, ...), each a filter that
// counts exactly what the server's GET /cases/counts counts for it.
#pragma once

#include "models/casefilter.h"

#include <QList>
#include <QString>

namespace skillex::views {

enum class QueueTab { Mine, Unassigned, High, Escalated, Appeals, BanApprovals, SlaBreached, All };

struct QueueTabSpec {
    QueueTab tab;
    QString title;      // "My cases": the palette, tooltips, accessible names
    QString shortTitle; // "My": the tab itself (eight tabs share the queue's 40%)
    QString objectName; // "tabMine", for tests and accessibility
    // What the table shows; unused for BanApprovals (a view of its own).
    models::CaseFilter filter;
};

// In the order of the tab bar.
QList<QueueTabSpec> queueTabs();
QueueTabSpec queueTab(QueueTab tab);

} // namespace skillex::views
