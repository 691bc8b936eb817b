// AreaPages: one line per area.
#include "app/areapages.h"

#include "views/audit/auditpage.h"
#include "views/cases/casespage.h"
#include "views/dashboard/dashboardpage.h"
#include "views/finance/financepage.h"
#include "views/taxonomy/taxonomypage.h"
#include "views/users/userspage.h"

namespace skillex::app {

QWidget *createAreaPage(views::Area area, client::Workspace *workspace, QWidget *parent)
{
    switch (area) {
    case views::Area::Dashboard:
        return new views::DashboardPage(workspace, parent);
    case views::Area::Cases:
        return new views::CasesPage(workspace, parent);
    case views::Area::Users:
        return new views::UsersPage(workspace, parent);
    case views::Area::Finance:
        return new views::FinancePage(workspace, parent);
    case views::Area::Taxonomy:
        return new views::TaxonomyPage(workspace, parent);
    case views::Area::Audit:
        return new views::AuditPage(workspace, parent);
    }
    return nullptr;
}

} // namespace skillex::app
