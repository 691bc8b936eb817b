// MetricFigure: one figure of a metrics answer's totals or tiles: {value, previous, change}.
#pragma once

#include <QJsonValue>

#include <optional>

namespace skillex::models {

struct MetricFigure {
    std::optional<double> value;    // null when its denominator was 0
    std::optional<double> previous; // the same figure over the previous period
    std::optional<double> change;   // (value - previous) / previous; null when undefined

    static MetricFigure fromJson(const QJsonValue &json);
    static std::optional<double> number(const QJsonValue &json);
};

} // namespace skillex::models
