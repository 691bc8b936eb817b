// UsersPage: two tabs at most; staff management is not even built for other roles.
#include "views/users/userspage.h"

#include "client/workspace/workspace.h"
#include "views/users/memberbrowser.h"
#include "views/users/staffpanel.h"

#include <QLabel>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace skillex::views {

UsersPage::UsersPage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("usersPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool readMembers = workspace->hasPermission(protocol::Permission::ModerateCases) ||
                             workspace->hasPermission(protocol::Permission::ViewFinance);
    const bool manageStaff = workspace->hasPermission(protocol::Permission::ManageStaff);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("usersTabs"));
    m_tabs->setDocumentMode(true);
    if (readMembers) {
        m_members = new MemberBrowser(workspace, m_tabs);
        m_tabs->addTab(m_members, tr("&Members"));
    } else {
        // A viewer has no access to members' files (the server says 403); say so plainly.
        auto *none = new QLabel(tr("Members' files are open to moderators, finance and admins. "
                                   "Your role does not include them."),
                                m_tabs);
        none->setObjectName(QStringLiteral("placeholderText"));
        none->setAlignment(Qt::AlignCenter);
        m_tabs->addTab(none, tr("&Members"));
    }
    if (manageStaff) {
        m_staff = new StaffPanel(workspace, m_tabs);
        m_tabs->addTab(m_staff, tr("S&taff"));
    }
    m_tabs->tabBar()->setVisible(m_tabs->count() > 1);
    layout->addWidget(m_tabs);
}

} // namespace skillex::views
