// PrepareOfflineDialog: "Prepare for offline" with its progress, then what is now readable
// offline (cases, evidence items, attachments, bytes); cancellable.
#pragma once

#include <QProgressDialog>

namespace skillex::client {
class OfflinePreparer;
class Workspace;
} // namespace skillex::client

namespace skillex::views {

class PrepareOfflineDialog : public QProgressDialog {
    Q_OBJECT

public:
    PrepareOfflineDialog(client::Workspace *workspace, QWidget *parent = nullptr);
    void start(int limit = 200);
    // The summary line once done (empty before).
    QString summary() const { return m_summary; }

private:
    client::OfflinePreparer *m_preparer = nullptr;
    QString m_summary;
};

} // namespace skillex::views
