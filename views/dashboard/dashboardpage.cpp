// DashboardPage: still the placeholder page until the area is built.
#include "views/dashboard/dashboardpage.h"

#include "views/common/placeholderpage.h"

#include <QVBoxLayout>

namespace skillex::views {

DashboardPage::DashboardPage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new PlaceholderPage(Area::Dashboard, this));
}

} // namespace skillex::views
