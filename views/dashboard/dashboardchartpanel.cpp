// DashboardChartPanel: frame, empty state and the two exports.
#include "views/dashboard/dashboardchartpanel.h"

#include "models/metricsseriesmodel.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace skillex::views {

DashboardChartPanel::DashboardChartPanel(const QString &key, const QString &title,
                                         QWidget *parent)
    : QFrame(parent)
    , m_key(key)
{
    setObjectName(QStringLiteral("chart_") + key);
    setFrameShape(QFrame::StyledPanel);
    setMinimumHeight(300);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(title, this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_pngButton = new QPushButton(tr("Export PNG"), this);
    m_csvButton = new QPushButton(tr("Export CSV"), this);
    m_pngButton->setAccessibleName(tr("Export %1 as PNG").arg(title));
    m_csvButton->setAccessibleName(tr("Export the figures of %1 as CSV").arg(title));
    m_pngButton->setEnabled(false);
    m_csvButton->setEnabled(false);
    header->addWidget(m_title, 1);
    header->addWidget(m_pngButton);
    header->addWidget(m_csvButton);
    layout->addLayout(header);

    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(tr("Loading the figures of this range…"), m_stack);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_view = new QChartView(m_stack);
    // QChartView makes a chart of its own and only lets go of it (never deletes it) when given
    // another: hold it as the "old" chart so the first setChart() deletes it (LSan found it).
    m_chart = m_view->chart();
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(title);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);
    layout->addWidget(m_stack, 1);

    connect(m_pngButton, &QPushButton::clicked, this, [this] { askAndExport(true); });
    connect(m_csvButton, &QPushButton::clicked, this, [this] { askAndExport(false); });
}

QString DashboardChartPanel::title() const
{
    return m_title->text();
}

void DashboardChartPanel::setChart(QChart *chart, const models::MetricsSeriesModel *model,
                                   const QStringList &csvKeys, const QString &emptyText)
{
    QChart *old = m_chart;
    m_chart = chart;
    m_model = model;
    m_csvKeys = csvKeys;
    m_view->setChart(chart); // the view owns the new chart and lets go of the old one
    delete old;
    const bool hasData = model && !model->isEmpty();
    const bool drawn = hasData && emptyText.isEmpty();
    m_stack->setCurrentWidget(drawn ? static_cast<QWidget *>(m_view) : m_empty);
    if (!hasData)
        m_empty->setText(tr("No figures for this range. Pick a longer range, or wait for "
                            "activity on the marketplace."));
    else if (!drawn)
        m_empty->setText(emptyText);
    m_pngButton->setEnabled(drawn);
    m_csvButton->setEnabled(hasData);
}

bool DashboardChartPanel::isShowingChart() const
{
    return m_stack->currentWidget() == m_view;
}

bool DashboardChartPanel::exportPng(const QString &path)
{
    m_error.clear();
    // Rendered at the chart's own size, whatever is on screen (or not, offscreen).
    const QPixmap pixmap = m_view->grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        m_error = tr("Could not save the chart to %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

bool DashboardChartPanel::exportCsv(const QString &path)
{
    m_error.clear();
    if (!m_model) {
        m_error = tr("There are no figures to export yet.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->toCsv(m_csvKeys)) < 0 ||
        !file.commit()) {
        m_error = tr("Could not write %1: %2")
                      .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void DashboardChartPanel::askAndExport(bool png)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(m_key + (png ? QStringLiteral(".png")
                                                                 : QStringLiteral(".csv")));
    const QString path = QFileDialog::getSaveFileName(
        this, png ? tr("Export chart as PNG") : tr("Export figures as CSV"), suggested,
        png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (!(png ? exportPng(path) : exportCsv(path)))
        QMessageBox::warning(this, tr("Export failed"), m_error);
}

} // namespace skillex::views
