// DashboardPage: lays out the parts and routes each answer to the tiles, charts or panel.
#include "views/dashboard/dashboardpage.h"

#include "client/api/apierror.h"
#include "client/sync/syncengine.h"
#include "client/workspace/workspace.h"
#include "models/casetabcounts.h"
#include "models/dashboardmetricssource.h"
#include "models/metricsseriesmodel.h"
#include "views/dashboard/dashboardchartpanel.h"
#include "views/dashboard/dashboardcharts.h"
#include "views/dashboard/dashboardrangebar.h"
#include "views/dashboard/dashboardtile.h"
#include "views/dashboard/dashboardtiles.h"
#include "views/dashboard/systemhealthpanel.h"

#include <QChart>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace skillex::views {

namespace {

struct PanelSpec {
    const char *key;
    const char *title;
    const char *endpoint;
    dashboardcharts::Built (*build)(const models::MetricsSeriesModel &, bool);
};

const PanelSpec kPanels[] = {
    {"active", QT_TRANSLATE_NOOP("skillex::views::DashboardPage", "Active members"), "active",
     &dashboardcharts::activeMembers},
    {"sessions", QT_TRANSLATE_NOOP("skillex::views::DashboardPage", "Sessions by outcome"),
     "sessions", &dashboardcharts::sessionsByOutcome},
    {"revenue", QT_TRANSLATE_NOOP("skillex::views::DashboardPage",
                                  "Net revenue by provider and currency"),
     "revenue", &dashboardcharts::revenue},
    {"credits", QT_TRANSLATE_NOOP("skillex::views::DashboardPage", "Credit economy"), "credits",
     &dashboardcharts::creditEconomy},
    {"moderation", QT_TRANSLATE_NOOP("skillex::views::DashboardPage", "Moderation"),
     "moderation", &dashboardcharts::moderation},
    {"actions", QT_TRANSLATE_NOOP("skillex::views::DashboardPage", "Moderation actions by rung"),
     "moderation", &dashboardcharts::actionsByRung},
};

} // namespace

DashboardPage::DashboardPage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 8, 12, 8);
    outer->setSpacing(8);

    // The shell's header already names the area; the range bar is this page's own top line.
    m_rangeBar = new DashboardRangeBar(this);
    outer->addWidget(m_rangeBar);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(10);
    m_tiles = new DashboardTiles(content);
    column->addWidget(m_tiles);
    // The cache holds cases only for people who moderate; for the others the tile would say 0.
    const bool seesCases =
        m_workspace && m_workspace->cache() &&
        m_workspace->hasPermission(protocol::Permission::ModerateCases);
    m_tiles->tile(QStringLiteral("open_cases"))->setVisible(seesCases);
    if (seesCases) {
        auto *openCases = new models::CaseTabCounts(m_workspace->cache(), m_workspace->me().id, this);
        connect(openCases, &models::CaseTabCounts::changed, m_tiles,
                [this](const models::CaseTabCounts::Counts &counts) {
                    m_tiles->setOpenCases(counts.open);
                });
        m_tiles->setOpenCases(openCases->counts().open);
    }

    auto *grid = new QGridLayout;
    grid->setSpacing(10);
    int index = 0;
    for (const PanelSpec &spec : kPanels) {
        const QString key = QString::fromLatin1(spec.key);
        auto *panel = new DashboardChartPanel(key, tr(spec.title), content);
        grid->addWidget(panel, index / 2, index % 2);
        m_panels.insert(key, panel);
        ++index;
    }
    m_system = new SystemHealthPanel(content);
    grid->addWidget(m_system, index / 2, index % 2, 1, 2 - index % 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    column->addLayout(grid);
    column->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    for (const QString &endpoint : models::DashboardMetricsSource::endpoints())
        if (endpoint != QLatin1String("overview") &&
            endpoint != models::DashboardMetricsSource::systemEndpoint())
            m_models.insert(endpoint, new models::MetricsSeriesModel(this));

    m_source = new models::DashboardMetricsSource(workspace, this);
    connect(m_source, &models::DashboardMetricsSource::answer, this, &DashboardPage::onAnswer);
    connect(m_source, &models::DashboardMetricsSource::failed, this, &DashboardPage::onFailed);
    connect(m_source, &models::DashboardMetricsSource::loadingChanged, this,
            &DashboardPage::updateStatus);
    connect(m_rangeBar, &DashboardRangeBar::rangeChanged, m_source,
            &models::DashboardMetricsSource::setRange);
    connect(m_rangeBar, &DashboardRangeBar::refreshRequested, m_source,
            &models::DashboardMetricsSource::refresh);
    updateStatus();
    m_source->setRange(m_rangeBar->range());
}

DashboardTile *DashboardPage::tile(const QString &key) const
{
    return m_tiles->tile(key);
}

QString DashboardPage::statusText() const
{
    return m_rangeBar->statusText();
}

void DashboardPage::onAnswer(const QString &endpoint, const QJsonObject &json,
                             const QDateTime &fetchedAt, bool live)
{
    Q_UNUSED(fetchedAt);
    m_shownAt = m_source->shownAt();
    m_live = m_source->isLive();
    if (live)
        m_lastError.clear();
    if (endpoint == QLatin1String("overview")) {
        m_tiles->setOverview(json);
    } else if (endpoint == models::DashboardMetricsSource::systemEndpoint()) {
        // A backlog compares the server's head with what this console applied; it means
        // something only for a fresh answer while the event stream is live.
        client::SyncEngine *sync = m_workspace ? m_workspace->sync() : nullptr;
        const bool current = live && sync && sync->isLive();
        m_system->setSystem(json, current ? sync->cursor() : -1);
    } else if (models::MetricsSeriesModel *model = m_models.value(endpoint)) {
        model->setAnswer(json);
        m_tiles->setSeries(endpoint, *model);
        rebuildCharts(endpoint);
    }
    updateStatus();
}

void DashboardPage::onFailed(const QString &, const client::ApiError &error)
{
    m_live = false;
    m_lastError = error.message();
    updateStatus();
}

void DashboardPage::rebuildCharts(const QString &endpoint)
{
    const models::MetricsSeriesModel *model = m_models.value(endpoint);
    for (const PanelSpec &spec : kPanels) {
        if (endpoint != QLatin1String(spec.endpoint))
            continue;
        const dashboardcharts::Built built = spec.build(*model, isDark());
        m_panels.value(QString::fromLatin1(spec.key))->setChart(built.chart, model, built.keys,
                                                                 built.emptyText);
    }
}

void DashboardPage::updateStatus()
{
    const QString at = timeText(m_shownAt);
    if (m_live) {
        m_rangeBar->setStatus(m_source && m_source->isLoading()
                                  ? tr("Updated %1, live · refreshing…").arg(at)
                                  : tr("Updated %1, live").arg(at),
                              false);
        return;
    }
    if (m_shownAt.isValid()) {
        QString text = tr("Snapshot from %1 (offline)").arg(at);
        if (m_source && m_source->isLoading())
            text = tr("Snapshot from %1 · fetching the current figures…").arg(at);
        m_rangeBar->setStatus(text, true);
        if (!m_lastError.isEmpty())
            m_rangeBar->setToolTip(m_lastError);
        return;
    }
    if (m_source && m_source->isLoading()) {
        const int total = int(models::DashboardMetricsSource::endpoints().size());
        m_rangeBar->setStatus(tr("Loading the figures… %1 of %2")
                                  .arg(total - m_source->pendingCount())
                                  .arg(total),
                              false);
        return;
    }
    m_rangeBar->setStatus(m_lastError.isEmpty()
                              ? tr("No figures yet: they load when the console is online.")
                              : tr("Could not load the figures: %1").arg(m_lastError),
                          true);
}

QString DashboardPage::timeText(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    const QLocale locale;
    const QDateTime local = at.toLocalTime();
    // "12:04" today; with the date when the snapshot is older than today. Minutes are
    // enough (some locales' short format carries seconds).
    QString time = locale.timeFormat(QLocale::ShortFormat);
    time.remove(QLatin1String(":ss"));
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), time);
    return locale.toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') +
           locale.toString(local.time(), time);
}

bool DashboardPage::isDark() const
{
    return palette().color(QPalette::Window).lightness() < 128;
}

} // namespace skillex::views
