// WorkspaceHeader: title plus an account button whose menu holds "Sign out".
#include "views/common/workspaceheader.h"

#include "views/common/iconfactory.h"
#include "views/common/roletext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace skillex::views {

WorkspaceHeader::WorkspaceHeader(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_account(new QToolButton(this))
{
    setObjectName(QStringLiteral("workspaceHeader"));
    setAttribute(Qt::WA_StyledBackground);
    m_title->setObjectName(QStringLiteral("workspaceTitle"));
    m_account->setObjectName(QStringLiteral("accountButton"));
    m_account->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_account->setPopupMode(QToolButton::InstantPopup);
    m_account->setAutoRaise(true);
    m_account->setIcon(IconFactory::forPalette(QStringLiteral(":/icons/account.svg")));
    m_account->setIconSize(QSize(20, 20));

    auto *menu = new QMenu(m_account);
    QAction *prepare = menu->addAction(tr("Prepare for offline\u2026"));
    prepare->setObjectName(QStringLiteral("prepareOfflineAction"));
    connect(prepare, &QAction::triggered, this, &WorkspaceHeader::prepareOfflineRequested);
    menu->addSeparator();
    QAction *signOut = menu->addAction(tr("Sign out"));
    signOut->setObjectName(QStringLiteral("signOutAction"));
    connect(signOut, &QAction::triggered, this, &WorkspaceHeader::signOutRequested);
    m_account->setMenu(menu);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(20, 10, 12, 10);
    layout->addWidget(m_title);
    layout->addStretch(1);
    layout->addWidget(m_account);
}

void WorkspaceHeader::setTitle(const QString &title)
{
    m_title->setText(title);
}

void WorkspaceHeader::setPerson(const protocol::Me &me)
{
    const QString who = me.name.isEmpty() ? me.email : me.name;
    m_account->setText(tr("%1 (%2)").arg(who, rolesText(me.roles)) + QStringLiteral("  \u25be"));
    m_account->setToolTip(me.email);
}

QString WorkspaceHeader::title() const
{
    return m_title->text();
}

QString WorkspaceHeader::personText() const
{
    return m_account->text().chopped(3);
}

} // namespace skillex::views
