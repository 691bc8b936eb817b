// AuditPage: still the placeholder page until the area is built.
#include "views/audit/auditpage.h"

#include "views/common/placeholderpage.h"

#include <QVBoxLayout>

namespace skillex::views {

AuditPage::AuditPage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("auditPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new PlaceholderPage(Area::Audit, this));
}

} // namespace skillex::views
