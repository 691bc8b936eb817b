// dashboardcharts: builds each dashboard chart from its endpoint's series model, with the
// values shown on hover. Each returns the chart and the model columns it draws (its CSV).
#pragma once

#include "models/dashboardrange.h"

#include <QStringList>

class QChart;

namespace skillex::models {
class MetricsSeriesModel;
}

namespace skillex::views::dashboardcharts {

struct Built {
    QChart *chart = nullptr;
    QStringList keys;
    // Set when the range has nothing to draw: shown instead of an empty plot.
    QString emptyText;
};

// Active members over time: DAU, WAU, MAU and the bucket's active members.
Built activeMembers(const models::MetricsSeriesModel &model, bool dark);
// Sessions (bookings) by outcome: completed, cancelled, no-show, stacked.
Built sessionsByOutcome(const models::MetricsSeriesModel &model, bool dark);
// Net revenue per provider and currency, in major units.
Built revenue(const models::MetricsSeriesModel &model, bool dark);
// Minted by source above zero, burned by sink below, stacked; escrow and outstanding as lines.
Built creditEconomy(const models::MetricsSeriesModel &model, bool dark);
// Reports in and cases closed as bars; median time to first action (hours) as a line.
Built moderation(const models::MetricsSeriesModel &model, bool dark);
// Moderation actions by rung, stacked.
Built actionsByRung(const models::MetricsSeriesModel &model, bool dark);

} // namespace skillex::views::dashboardcharts
