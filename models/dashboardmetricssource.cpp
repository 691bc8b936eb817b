// DashboardMetricsSource: one round of fetches per range or refresh; snapshots first.
#include "models/dashboardmetricssource.h"

#include "client/api/apiclient.h"
#include "client/connection/connectionstate.h"
#include "client/sync/syncengine.h"
#include "client/workspace/workspace.h"

namespace skillex::models {

namespace {
// Events come in bursts (a bulk action is dozens); one refetch per burst is enough, and the
// server's rollups are at most 2 s behind anyway (docs/api.md, "Freshness").
constexpr int kRefreshDebounceMs = 3000;
} // namespace

QStringList DashboardMetricsSource::endpoints()
{
    return {QStringLiteral("overview"), QStringLiteral("active"),  QStringLiteral("sessions"),
            QStringLiteral("revenue"),  QStringLiteral("credits"), QStringLiteral("moderation"),
            systemEndpoint()};
}

QString DashboardMetricsSource::pathFor(const QString &endpoint, const DashboardRange &range)
{
    if (endpoint == systemEndpoint())
        return QStringLiteral("/api/v1/admin/system");
    return QStringLiteral("/api/v1/admin/metrics/%1?%2").arg(endpoint, range.query());
}

DashboardMetricsSource::DashboardMetricsSource(client::Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kRefreshDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &DashboardMetricsSource::refresh);
    if (!m_workspace)
        return;
    if (client::SyncEngine *sync = m_workspace->sync())
        connect(sync, &client::SyncEngine::eventsApplied, this,
                [this] { m_debounce.start(); });
    if (client::ConnectionState *connection = m_workspace->connection())
        connect(connection, &client::ConnectionState::changed, this,
                [this](client::ConnectionState::State state) {
                    // Back online: what is shown may be a snapshot; bring it up to date.
                    if (state == client::ConnectionState::State::Live && !m_live &&
                        m_range.isValid())
                        m_debounce.start();
                });
}

void DashboardMetricsSource::setRange(const DashboardRange &range)
{
    m_range = range;
    m_live = false;
    showSnapshots();
    refresh();
}

void DashboardMetricsSource::refresh()
{
    m_debounce.stop();
    if (!m_workspace || !m_range.isValid())
        return;
    if (m_workspace->isOffline() || !m_workspace->api())
        return; // --offline: the snapshots are all there is until the person goes online
    const quint64 round = ++m_round;
    ++m_rounds;
    const bool wasLoading = isLoading();
    m_pending = 0;
    for (const QString &endpoint : endpoints()) {
        ++m_pending;
        fetch(endpoint, round);
    }
    if (!wasLoading)
        emit loadingChanged(true);
}

void DashboardMetricsSource::showSnapshots()
{
    const QString key = m_range.key();
    QList<QPair<QString, MetricsSnapshot>> shown;
    QDateTime oldest;
    for (const QString &endpoint : endpoints()) {
        auto snapshot = snapshots().load(endpoint, endpoint == systemEndpoint() ? QString() : key);
        if (!snapshot)
            continue;
        // What is shown is as old as its oldest part.
        if (!oldest.isValid() || snapshot->fetchedAt < oldest)
            oldest = snapshot->fetchedAt;
        shown.push_back({endpoint, std::move(*snapshot)});
    }
    m_shownAt = oldest;
    for (const auto &[endpoint, snapshot] : shown)
        emit answer(endpoint, snapshot.json, snapshot.fetchedAt, false);
}

void DashboardMetricsSource::fetch(const QString &endpoint, quint64 round)
{
    const DashboardRange range = m_range;
    m_workspace->api()->get(
        pathFor(endpoint, range), this,
        [this, endpoint, range, round](const client::ApiResult &result) {
            if (round != m_round)
                return; // a newer range or refresh replaced this round
            // Counted before the answer is announced, so listeners see the progress it made.
            if (m_pending > 0)
                --m_pending;
            if (result.ok) {
                const QDateTime now = QDateTime::currentDateTimeUtc();
                const QJsonObject json = result.object();
                snapshots().store(endpoint,
                                  endpoint == systemEndpoint() ? QString() : range.key(), json,
                                  now);
                m_live = true;
                m_shownAt = now;
                emit answer(endpoint, json, now, true);
            } else {
                m_live = false;
                emit failed(endpoint, result.error);
            }
            settle();
        });
}

MetricsSnapshots DashboardMetricsSource::snapshots() const
{
    return MetricsSnapshots(m_workspace ? m_workspace->cache() : nullptr);
}

void DashboardMetricsSource::settle()
{
    if (m_pending == 0) {
        emit loadingChanged(false);
        emit roundFinished();
    }
}

} // namespace skillex::models
