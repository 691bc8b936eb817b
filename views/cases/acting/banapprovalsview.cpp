// BanApprovalsView: placeholder until the approvals view is built.
#include "views/cases/acting/banapprovalsview.h"

#include <QLabel>
#include <QVBoxLayout>

namespace skillex::views {

BanApprovalsView::BanApprovalsView(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("banApprovalsView"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("No ban proposals are waiting."), this));
}

void BanApprovalsView::refresh() {}

} // namespace skillex::views
