// FinancePage: still the placeholder page until the area is built.
#include "views/finance/financepage.h"

#include "views/common/placeholderpage.h"

#include <QVBoxLayout>

namespace skillex::views {

FinancePage::FinancePage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("financePage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new PlaceholderPage(Area::Finance, this));
}

} // namespace skillex::views
