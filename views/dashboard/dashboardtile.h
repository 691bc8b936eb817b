// DashboardTile: one KPI tile — title, value, the change against the previous period (arrow,
// word and colour) and a sparkline.
#pragma once

#include "models/metricfigure.h"
#include "views/dashboard/dashboardformat.h"

#include <QFrame>

class QLabel;

namespace skillex::views {

class DashboardSparkline;

class DashboardTile : public QFrame {
    Q_OBJECT

public:
    // key: the overview figure it shows ("dau"); goodWhenUp: whether a rise is good news
    // (SLA breaches rising is not).
    DashboardTile(const QString &key, const QString &title, dashboardformat::Kind kind,
                  bool goodWhenUp, QWidget *parent = nullptr);

    QString key() const { return m_key; }
    void setFigure(const models::MetricFigure &figure);
    // Several figures at once, one line each (revenue per provider and currency).
    void setFigures(const QList<QPair<QString, models::MetricFigure>> &figures);
    void setTrend(const QList<double> &values);
    void clear();

    // What the tile shows, for tests and accessibility.
    QString valueText() const;
    QString changeText() const;
    // The number behind the value (invalid when none); with several figures, by label.
    QVariant figureValue() const { return m_value; }
    QVariantMap figureValues() const { return m_values; }

private:
    void showChange(const models::MetricFigure &figure);

    QString m_key;
    dashboardformat::Kind m_kind;
    bool m_goodWhenUp = true;
    QLabel *m_title = nullptr;
    QLabel *m_valueLabel = nullptr;
    QLabel *m_changeLabel = nullptr;
    DashboardSparkline *m_sparkline = nullptr;
    QVariant m_value;
    qreal m_baseValueSize = 0;
    QVariantMap m_values;
};

} // namespace skillex::views
