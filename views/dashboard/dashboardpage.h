// DashboardPage: the Dashboard area — KPI tiles, the charts two to a row, system health, a
// range picker and granularity, live refresh, and the last snapshot when offline.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QWidget>

namespace skillex::client {
class Workspace;
class ApiError;
}

namespace skillex::models {
class DashboardMetricsSource;
class MetricsSeriesModel;
}

namespace skillex::views {

class DashboardChartPanel;
class DashboardRangeBar;
class DashboardTile;
class DashboardTiles;
class SystemHealthPanel;

class DashboardPage : public QWidget {
    Q_OBJECT

public:
    explicit DashboardPage(client::Workspace *workspace, QWidget *parent = nullptr);

    // Parts, for tests and the command palette.
    models::DashboardMetricsSource *source() const { return m_source; }
    DashboardRangeBar *rangeBar() const { return m_rangeBar; }
    DashboardTiles *tiles() const { return m_tiles; }
    DashboardTile *tile(const QString &key) const;
    DashboardChartPanel *chartPanel(const QString &key) const { return m_panels.value(key); }
    QList<DashboardChartPanel *> chartPanels() const { return m_panels.values(); }
    SystemHealthPanel *systemPanel() const { return m_system; }
    models::MetricsSeriesModel *seriesModel(const QString &endpoint) const
    {
        return m_models.value(endpoint);
    }
    // "Updated 12:04, live" or "Snapshot from 11:58 (offline)".
    QString statusText() const;
    // How the status writes a time: "12:04" today, else with its date.
    static QString timeText(const QDateTime &at);

private:
    void onAnswer(const QString &endpoint, const QJsonObject &json, const QDateTime &fetchedAt,
                  bool live);
    void onFailed(const QString &endpoint, const client::ApiError &error);
    void rebuildCharts(const QString &endpoint);
    void updateStatus();
    bool isDark() const;

    client::Workspace *m_workspace = nullptr;
    models::DashboardMetricsSource *m_source = nullptr;
    DashboardRangeBar *m_rangeBar = nullptr;
    DashboardTiles *m_tiles = nullptr;
    SystemHealthPanel *m_system = nullptr;
    QHash<QString, models::MetricsSeriesModel *> m_models;
    QHash<QString, DashboardChartPanel *> m_panels;
    QDateTime m_shownAt;
    bool m_live = false;
    QString m_lastError;
};

} // namespace skillex::views
