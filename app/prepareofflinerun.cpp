// PrepareOfflineRun: progress goes to stderr, the summary line to stdout (for scripts).
#include "app/prepareofflinerun.h"

#include "client/sync/syncengine.h"
#include "client/workspace/offlinepreparer.h"
#include "client/workspace/workspace.h"

#include <cstdio>

namespace skillex::app {

namespace {

// A first sync of a big marketplace takes a while; a run that never gets there must end.
constexpr int kDeadlineMs = 30 * 60 * 1000;

} // namespace

PrepareOfflineRun::PrepareOfflineRun(client::Workspace *workspace, int limit, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_preparer(new client::OfflinePreparer(workspace, this))
    , m_limit(limit)
{
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(kDeadlineMs);
    connect(&m_deadline, &QTimer::timeout, this,
            [this] { fail(tr("The cache was not ready within %1 minutes.").arg(kDeadlineMs / 60000)); });
    connect(m_preparer, &client::OfflinePreparer::progress, this,
            [](int done, int total, const QString &text) {
                std::fprintf(stderr, "[%d/%d] %s\n", done, total, qPrintable(text));
            });
    connect(m_preparer, &client::OfflinePreparer::finished, this,
            [this](const client::OfflinePreparer::Summary &summary) {
                m_deadline.stop();
                std::printf("%s\n", qPrintable(summary.line()));
                std::fflush(stdout);
                emit finished(summary.failures == 0 ? 0 : 1);
            });
}

void PrepareOfflineRun::start()
{
    client::SyncEngine *sync = m_workspace->sync();
    m_deadline.start();
    connect(sync, &client::SyncEngine::progress, this, [](int percent, const QString &text) {
        std::fprintf(stderr, "sync %d%%: %s\n", percent, qPrintable(text));
    });
    if (sync->isLive()) {
        prepare();
        return;
    }
    connect(sync, &client::SyncEngine::live, this, &PrepareOfflineRun::prepare);
}

void PrepareOfflineRun::prepare()
{
    if (m_started)
        return;
    m_started = true;
    m_preparer->start(m_limit);
}

void PrepareOfflineRun::fail(const QString &message)
{
    std::fprintf(stderr, "skillex-console: %s\n", qPrintable(message));
    emit finished(1);
}

} // namespace skillex::app
