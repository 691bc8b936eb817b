// PrepareOfflineDialog: the preparer's progress as a progress dialog; the result stays on
// screen until the person closes it.
#include "views/common/prepareofflinedialog.h"

#include "client/workspace/offlinepreparer.h"

namespace skillex::views {

PrepareOfflineDialog::PrepareOfflineDialog(client::Workspace *workspace, QWidget *parent)
    : QProgressDialog(parent)
    , m_preparer(new client::OfflinePreparer(workspace, this))
{
    setObjectName(QStringLiteral("prepareOfflineDialog"));
    setWindowTitle(tr("Prepare for offline"));
    setLabelText(tr("Choosing your cases\u2026"));
    setMinimumDuration(0);
    setMinimumWidth(420);
    setAutoClose(false);
    setAutoReset(false);
    connect(m_preparer, &client::OfflinePreparer::progress, this,
            [this](int done, int total, const QString &text) {
                setRange(0, qMax(total, 1));
                setValue(done);
                setLabelText(text);
            });
    connect(m_preparer, &client::OfflinePreparer::finished, this,
            [this](const client::OfflinePreparer::Summary &summary) {
                m_summary = summary.line();
                setLabelText(tr("Ready for offline: %1").arg(m_summary));
                setCancelButtonText(tr("Close"));
            });
    connect(this, &QProgressDialog::canceled, m_preparer, &client::OfflinePreparer::cancel);
}

void PrepareOfflineDialog::start(int limit)
{
    m_preparer->start(limit);
}

} // namespace skillex::views
