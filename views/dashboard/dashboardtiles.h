// DashboardTiles: the KPI tiles across the top, filled from the overview answer (and WAU from
// the active members' totals), with sparklines from the series answers.
#pragma once

#include <QJsonObject>
#include <QWidget>

namespace skillex::models {
class MetricsSeriesModel;
}

namespace skillex::views {

class DashboardTile;

class DashboardTiles : public QWidget {
    Q_OBJECT

public:
    explicit DashboardTiles(QWidget *parent = nullptr);

    // The overview endpoint's answer: {tiles: {key: {value, previous, change}}}.
    void setOverview(const QJsonObject &overview);
    // A series answer: the sparklines (and WAU, which the overview does not carry).
    void setSeries(const QString &endpoint, const models::MetricsSeriesModel &model);
    // Cases open right now (open, assigned, escalated, appealed), kept live from the cache.
    void setOpenCases(qint64 count);

    DashboardTile *tile(const QString &key) const;
    QList<DashboardTile *> tiles() const { return m_tiles; }
    // Tiles and the overview figure each shows ("wau" comes from the active endpoint); the
    // "open_cases" tile is not among them: it counts the cache's queue.
    static QStringList overviewKeys();

private:
    QList<DashboardTile *> m_tiles;
};

} // namespace skillex::views
