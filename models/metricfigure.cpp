// MetricFigure: reading {value, previous, change}, where any of them may be null.
#include "models/metricfigure.h"

#include <QJsonObject>

namespace skillex::models {

std::optional<double> MetricFigure::number(const QJsonValue &json)
{
    if (!json.isDouble())
        return std::nullopt;
    return json.toDouble();
}

MetricFigure MetricFigure::fromJson(const QJsonValue &json)
{
    const QJsonObject object = json.toObject();
    return {number(object.value(QLatin1String("value"))),
            number(object.value(QLatin1String("previous"))),
            number(object.value(QLatin1String("change")))};
}

} // namespace skillex::models
