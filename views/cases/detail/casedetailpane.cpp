// CaseDetailPane: placeholder until the detail pane is built.
#include "views/cases/detail/casedetailpane.h"

#include <QLabel>
#include <QVBoxLayout>

namespace skillex::views {

CaseDetailPane::CaseDetailPane(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("caseDetailPane"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("No case selected"), this));
}

void CaseDetailPane::showCase(qint64 caseId)
{
    m_caseId = caseId;
}

void CaseDetailPane::claim() {}
void CaseDetailPane::release() {}
void CaseDetailPane::addNote() {}
void CaseDetailPane::dismiss() {}
void CaseDetailPane::warn() {}
void CaseDetailPane::removeContent() {}
void CaseDetailPane::suspend() {}
void CaseDetailPane::ban() {}
void CaseDetailPane::escalate() {}
void CaseDetailPane::decideAppeal() {}

} // namespace skillex::views
