// DashboardRangeBar: the dashboard's top right — range preset (7, 30, 90 days, a year,
// custom with two dates), granularity, Refresh, and what is shown ("Updated 12:04, live").
#pragma once

#include "models/dashboardrange.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;

namespace skillex::views {

class DashboardRangeBar : public QWidget {
    Q_OBJECT

public:
    explicit DashboardRangeBar(QWidget *parent = nullptr);

    models::DashboardRange range() const { return m_range; }
    // Selects a preset as the person would (tests, the saved choice).
    void selectPreset(models::DashboardRange::Preset preset);
    // A custom range; false (with the reason shown) when it is not a valid range.
    bool setCustomRange(QDate from, QDate to);
    void setGranularity(models::DashboardRange::Granularity granularity);
    void setStatus(const QString &text, bool warning);
    QString statusText() const;

signals:
    void rangeChanged(const skillex::models::DashboardRange &range);
    void refreshRequested();

private:
    void applyPreset();
    void applyCustom();
    void emitIfChanged(const models::DashboardRange &range);

    QComboBox *m_preset = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_granularity = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problem = nullptr;
    models::DashboardRange m_range;
    bool m_updating = false;
};

} // namespace skillex::views
