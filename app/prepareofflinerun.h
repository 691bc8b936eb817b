// PrepareOfflineRun: `skillex-console --prepare-offline` after the sign-in — waits for the
// cache to be live, prepares the offline queue, prints one summary line and says it is done.
#pragma once

#include <QObject>
#include <QTimer>

namespace skillex::client {
class OfflinePreparer;
class Workspace;
} // namespace skillex::client

namespace skillex::app {

class PrepareOfflineRun : public QObject {
    Q_OBJECT

public:
    PrepareOfflineRun(client::Workspace *workspace, int limit, QObject *parent = nullptr);
    void start();

signals:
    // 0: prepared; 1: it could not be (the reason is on stderr).
    void finished(int exitCode);

private:
    void prepare();
    void fail(const QString &message);

    client::Workspace *m_workspace = nullptr;
    client::OfflinePreparer *m_preparer = nullptr;
    int m_limit = 0;
    bool m_started = false;
    QTimer m_deadline;
};

} // namespace skillex::app
