// QueueTabs: the filters behind the tabs. The statuses follow the server's counts
// (server/domain/moderation/casequeue.cpp): "high" and "SLA breached" count working cases
// (open, assigned, escalated), "mine" the assigned, escalated and appealed ones.
#include "views/cases/queue/queuetabs.h"

#include <QCoreApplication>

namespace skillex::views {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("skillex::views::QueueTabs", text);
}

QStringList working()
{
    return {QStringLiteral("open"), QStringLiteral("assigned"), QStringLiteral("escalated")};
}

} // namespace

QList<QueueTabSpec> queueTabs()
{
    using models::CaseFilter;
    QList<QueueTabSpec> tabs;

    CaseFilter mine;
    mine.statuses = {QStringLiteral("assigned"), QStringLiteral("escalated"),
                     QStringLiteral("appealed")};
    mine.assignee = CaseFilter::Assignee::Me;
    tabs.append({QueueTab::Mine, tr("My cases"), tr("My"), QStringLiteral("tabMine"), mine});

    tabs.append({QueueTab::Unassigned, tr("Unassigned"), tr("Unassigned"), QStringLiteral("tabUnassigned"),
                 CaseFilter::unassigned()});

    CaseFilter high;
    high.statuses = working();
    high.severities = {QStringLiteral("high")};
    tabs.append({QueueTab::High, tr("High severity"), tr("High"), QStringLiteral("tabHigh"), high});

    CaseFilter escalated;
    escalated.statuses = {QStringLiteral("escalated")};
    tabs.append({QueueTab::Escalated, tr("Escalated"), tr("Escalated"), QStringLiteral("tabEscalated"), escalated});

    CaseFilter appeals;
    appeals.statuses = {QStringLiteral("appealed")};
    tabs.append({QueueTab::Appeals, tr("Appeals"), tr("Appeals"), QStringLiteral("tabAppeals"), appeals});

    tabs.append({QueueTab::BanApprovals, tr("Ban approvals"), tr("Bans"), QStringLiteral("tabBanApprovals"),
                 CaseFilter{}});

    CaseFilter breached;
    breached.statuses = working();
    breached.slaBreached = true;
    tabs.append(
        {QueueTab::SlaBreached, tr("SLA breached"), tr("Breached"), QStringLiteral("tabSlaBreached"), breached});

    tabs.append({QueueTab::All, tr("All"), tr("All"), QStringLiteral("tabAll"), CaseFilter{}});
    return tabs;
}

QueueTabSpec queueTab(QueueTab tab)
{
    for (const QueueTabSpec &spec : queueTabs())
        if (spec.tab == tab)
            return spec;
    return queueTabs().constFirst();
}

} // namespace skillex::views
