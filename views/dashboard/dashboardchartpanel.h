// DashboardChartPanel: one chart of the dashboard in a frame with its title, an empty state,
// and Export PNG / Export CSV (the figures behind it, from its series model).
#pragma once

#include <QFrame>
#include <QStringList>

class QChart;
class QChartView;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace skillex::models {
class MetricsSeriesModel;
}

namespace skillex::views {

class DashboardChartPanel : public QFrame {
    Q_OBJECT

public:
    DashboardChartPanel(const QString &key, const QString &title, QWidget *parent = nullptr);

    QString key() const { return m_key; }
    QString title() const;
    // Takes the chart (the previous one is deleted); csvKeys are the model's columns it shows.
    // emptyText: shown instead of the plot when the range has nothing to draw (the figures,
    // zeros, can still be exported).
    void setChart(QChart *chart, const models::MetricsSeriesModel *model,
                  const QStringList &csvKeys, const QString &emptyText = {});
    bool isShowingChart() const;
    QChart *chart() const { return m_chart; }
    QChartView *chartView() const { return m_view; }

    // The file dialog's work without the dialog (tests call these). False: errorString().
    bool exportPng(const QString &path);
    bool exportCsv(const QString &path);
    QString errorString() const { return m_error; }

private:
    void askAndExport(bool png);

    QString m_key;
    QLabel *m_title = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QChartView *m_view = nullptr;
    QChart *m_chart = nullptr;
    QPushButton *m_pngButton = nullptr;
    QPushButton *m_csvButton = nullptr;
    const models::MetricsSeriesModel *m_model = nullptr;
    QStringList m_csvKeys;
    QString m_error;
};

} // namespace skillex::views
