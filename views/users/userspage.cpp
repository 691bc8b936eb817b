// UsersPage: still the placeholder page until the area is built.
#include "views/users/userspage.h"

#include "views/common/placeholderpage.h"

#include <QVBoxLayout>

namespace skillex::views {

UsersPage::UsersPage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("usersPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new PlaceholderPage(Area::Users, this));
}

} // namespace skillex::views
