// DashboardTiles: which tiles there are, in what order, and where each figure comes from.
#include "views/dashboard/dashboardtiles.h"

#include "models/metricsseriesmodel.h"
#include "views/dashboard/dashboardtile.h"

#include <QGridLayout>

namespace skillex::views {

namespace {

using Kind = dashboardformat::Kind;

struct TileSpec {
    const char *key;
    const char *title;
    Kind kind;
    bool goodWhenUp;
    const char *endpoint; // the series its sparkline follows
    const char *seriesKey;
};

// The order of UI.md's and issue 7's tiles: members, sessions, money, credits, moderation.
const TileSpec kTiles[] = {
    {"active_members", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Active members"),
     Kind::Count, true, "active", "active"},
    {"dau", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "DAU (mean)"), Kind::Mean, true,
     "active", "dau"},
    {"wau", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "WAU"), Kind::Count, true,
     "active", "wau"},
    {"mau", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "MAU"), Kind::Count, true,
     "active", "mau"},
    {"dau_mau", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "DAU/MAU"), Kind::Ratio, true,
     "active", "dau_mau"},
    {"signups", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Sign-ups"), Kind::Count, true,
     "active", "signups"},
    {"sessions_completed", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Sessions completed"),
     Kind::Count, true, "sessions", "completed"},
    {"completion_rate", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Completion rate"),
     Kind::Ratio, true, "sessions", "completion_rate"},
    {"net_revenue_minor", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Net revenue"),
     Kind::Money, true, "", ""},
    {"credits_outstanding", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Credits outstanding"),
     Kind::Credits, true, "credits", "outstanding"},
    {"credits_in_escrow", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Credits in escrow"),
     Kind::Credits, true, "credits", "escrow"},
    // Not a figure of the range: the cases open right now, from the cache's queue counts.
    {"open_cases", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Open cases now"),
     Kind::Count, false, "", ""},
    {"cases_opened", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "Cases opened"),
     Kind::Count, false, "moderation", "cases_opened"},
    {"sla_breaches", QT_TRANSLATE_NOOP("skillex::views::DashboardTiles", "SLA breaches"),
     Kind::Count, false, "moderation", "sla_breaches"},
};

constexpr int kColumns = 7;
constexpr const char *kOpenCasesKey = "open_cases";

} // namespace

QStringList DashboardTiles::overviewKeys()
{
    QStringList keys;
    for (const TileSpec &spec : kTiles)
        if (qstrcmp(spec.key, kOpenCasesKey) != 0)
            keys.push_back(QString::fromLatin1(spec.key));
    return keys;
}

DashboardTiles::DashboardTiles(QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    int index = 0;
    for (const TileSpec &spec : kTiles) {
        auto *tile = new DashboardTile(QString::fromLatin1(spec.key), tr(spec.title), spec.kind,
                                       spec.goodWhenUp, this);
        grid->addWidget(tile, index / kColumns, index % kColumns);
        m_tiles.push_back(tile);
        ++index;
    }
}

DashboardTile *DashboardTiles::tile(const QString &key) const
{
    for (DashboardTile *tile : m_tiles)
        if (tile->key() == key)
            return tile;
    return nullptr;
}

void DashboardTiles::setOverview(const QJsonObject &overview)
{
    const QJsonObject figures = overview.value(QLatin1String("tiles")).toObject();
    for (DashboardTile *tile : m_tiles) {
        if (tile->key() == QLatin1String("wau") || tile->key() == QLatin1String(kOpenCasesKey))
            continue; // from the active endpoint's totals; from the cache
        const QJsonObject figure = figures.value(tile->key()).toObject();
        if (tile->key() == QLatin1String("net_revenue_minor")) {
            QList<QPair<QString, models::MetricFigure>> parts;
            for (auto it = figure.begin(); it != figure.end(); ++it)
                parts.push_back({it.key(), models::MetricFigure::fromJson(it.value())});
            tile->setFigures(parts);
            continue;
        }
        tile->setFigure(models::MetricFigure::fromJson(figure));
    }
}

void DashboardTiles::setOpenCases(qint64 count)
{
    models::MetricFigure figure;
    figure.value = double(count);
    tile(QString::fromLatin1(kOpenCasesKey))->setFigure(figure);
}

void DashboardTiles::setSeries(const QString &endpoint, const models::MetricsSeriesModel &model)
{
    for (const TileSpec &spec : kTiles) {
        if (endpoint != QLatin1String(spec.endpoint))
            continue;
        DashboardTile *tile = this->tile(QString::fromLatin1(spec.key));
        const QString key = QString::fromLatin1(spec.seriesKey);
        QList<double> values;
        for (int row = 0; row < model.rowCount(); ++row)
            values.push_back(model.value(row, key).value_or(0.0));
        tile->setTrend(values);
        if (tile->key() == QLatin1String("wau"))
            tile->setFigure(model.total(key));
    }
}

} // namespace skillex::views
