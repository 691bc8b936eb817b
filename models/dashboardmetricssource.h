// DashboardMetricsSource: fetches the dashboard's metrics (the six metrics endpoints and the
// system panel) for a range, keeps each answer as a snapshot in the cache, shows the snapshot
// first (offline, or before the answer arrives), and fetches again, debounced, as events come
// in. The views only listen.
#pragma once

#include "client/api/apierror.h"
#include "models/dashboardrange.h"
#include "models/metricssnapshots.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace skillex::client {
class Workspace;
}

namespace skillex::models {

class DashboardMetricsSource : public QObject {
    Q_OBJECT

public:
    // The endpoints under /api/v1/admin/metrics/, and "system" for /api/v1/admin/system.
    static QStringList endpoints();
    static QString systemEndpoint() { return QStringLiteral("system"); }
    static QString pathFor(const QString &endpoint, const DashboardRange &range);

    explicit DashboardMetricsSource(client::Workspace *workspace, QObject *parent = nullptr);

    DashboardRange range() const { return m_range; }
    // Shows the snapshots of the new range at once, then fetches it.
    void setRange(const DashboardRange &range);
    // Fetches every endpoint again now (Retry, "Try now", a test).
    void refresh();
    // The debounce between an event and the refetch it causes.
    void setRefreshDelay(int milliseconds) { m_debounce.setInterval(milliseconds); }

    bool isLoading() const { return m_pending > 0; }
    // Answers of the current round still awaited, of endpoints().size().
    int pendingCount() const { return m_pending; }
    // Whether what is shown came from the server in this run (false: a snapshot).
    bool isLive() const { return m_live; }
    QDateTime shownAt() const { return m_shownAt; }
    // How many fetches of the full set were started (tests: a range change refetches).
    int fetchRounds() const { return m_rounds; }

signals:
    // An answer for endpoint: fetched now (live) or a snapshot fetched at fetchedAt.
    void answer(const QString &endpoint, const QJsonObject &json, const QDateTime &fetchedAt,
                bool live);
    void loadingChanged(bool loading);
    // A fetch failed; what is shown stays (a snapshot, or nothing yet).
    void failed(const QString &endpoint, const skillex::client::ApiError &error);
    // After the last answer (or failure) of a round.
    void roundFinished();

private:
    void showSnapshots();
    void fetch(const QString &endpoint, quint64 round);
    void settle();
    // The workspace's cache as it is now (it is replaced when the workspace reopens).
    MetricsSnapshots snapshots() const;

    client::Workspace *m_workspace = nullptr;
    DashboardRange m_range;
    QTimer m_debounce;
    quint64 m_round = 0; // answers of an older round (another range) are dropped
    int m_rounds = 0;
    int m_pending = 0;
    bool m_live = false;
    QDateTime m_shownAt;
};

} // namespace skillex::models
