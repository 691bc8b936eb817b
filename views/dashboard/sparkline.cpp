// DashboardSparkline: min-max scaled polyline in the palette's highlight colour.
#include "views/dashboard/sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace skillex::views {

DashboardSparkline::DashboardSparkline(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

void DashboardSparkline::setValues(const QList<double> &values)
{
    m_values = values;
    update();
}

QSize DashboardSparkline::sizeHint() const
{
    return {120, 22};
}

void DashboardSparkline::paintEvent(QPaintEvent *)
{
    if (m_values.size() < 2)
        return;
    const auto [lo, hi] = std::minmax_element(m_values.begin(), m_values.end());
    const double span = *hi - *lo;
    const QRectF area = QRectF(rect()).adjusted(1, 2, -1, -2);
    QPainterPath path;
    for (int i = 0; i < m_values.size(); ++i) {
        const double x = area.left() + area.width() * i / (m_values.size() - 1);
        // A flat series sits in the middle rather than on the floor.
        const double share = span > 0 ? (m_values.at(i) - *lo) / span : 0.5;
        const double y = area.bottom() - area.height() * share;
        if (i == 0)
            path.moveTo(x, y);
        else
            path.lineTo(x, y);
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
    painter.drawPath(path);
}

} // namespace skillex::views
