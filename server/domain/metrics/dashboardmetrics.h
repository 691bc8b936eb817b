// The dashboards (DOMAIN.md "Metrics"): each answer has a series per bucket and totals for the
// range beside the previous period of equal length. Read from the daily rollups.
#pragma once

#include "server/domain/metrics/metricsrange.h"
#include "server/storage/database.h"

#include <QJsonObject>

namespace skillex::server::metrics {

class DashboardMetrics {
public:
    explicit DashboardMetrics(Database &db);

    QJsonObject overview(const MetricsRange &range);
    QJsonObject active(const MetricsRange &range);
    QJsonObject sessions(const MetricsRange &range);
    QJsonObject revenue(const MetricsRange &range);
    QJsonObject credits(const MetricsRange &range);
    QJsonObject moderation(const MetricsRange &range);

private:
    Database &m_db;
};

// {"value", "previous", "change"}: change is (value - previous) / previous, null when previous
// is 0 or either is unknown (null).
QJsonObject figure(const QJsonValue &value, const QJsonValue &previous);
// A ratio rounded to 4 decimals, or null when the denominator is 0.
QJsonValue ratio(double numerator, double denominator);

} // namespace skillex::server::metrics
