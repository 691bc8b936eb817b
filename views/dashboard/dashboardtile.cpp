// DashboardTile: layout and the colour of good and bad news.
#include "views/dashboard/dashboardtile.h"

#include "views/dashboard/sparkline.h"

#include <QLabel>
#include <cmath>
#include <QVBoxLayout>

namespace skillex::views {

namespace {
// Success green and error red of UI.md; the arrow and the word carry the meaning too.
const QColor kGood(0x2e, 0x7d, 0x32);
const QColor kBad(0xc6, 0x28, 0x28);
} // namespace

DashboardTile::DashboardTile(const QString &key, const QString &title,
                             dashboardformat::Kind kind, bool goodWhenUp, QWidget *parent)
    : QFrame(parent)
    , m_key(key)
    , m_kind(kind)
    , m_goodWhenUp(goodWhenUp)
{
    setObjectName(QStringLiteral("tile_") + key);
    setFrameShape(QFrame::StyledPanel);
    setFocusPolicy(Qt::TabFocus); // reachable, so a screen reader can read each figure
    setMinimumWidth(150);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(2);
    m_title = new QLabel(title, this);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_valueLabel = new QLabel(QStringLiteral("–"), this);
    QFont big = m_valueLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_valueLabel->setFont(big);
    m_baseValueSize = big.pointSizeF();
    m_valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_changeLabel = new QLabel(this);
    m_sparkline = new DashboardSparkline(this);
    layout->addWidget(m_title);
    layout->addWidget(m_valueLabel);
    layout->addWidget(m_changeLabel);
    layout->addWidget(m_sparkline);
    layout->addStretch(1);
    setAccessibleName(title);
}

void DashboardTile::setFigure(const models::MetricFigure &figure)
{
    m_values.clear();
    m_value = figure.value ? QVariant(*figure.value) : QVariant();
    m_valueLabel->setText(dashboardformat::figure(m_kind, figure.value));
    showChange(figure);
    if (figure.previous)
        setToolTip(tr("Previous period: %1")
                       .arg(dashboardformat::figure(m_kind, figure.previous)));
    setAccessibleDescription(valueText() + QLatin1Char(' ') + changeText());
}

void DashboardTile::setFigures(const QList<QPair<QString, models::MetricFigure>> &figures)
{
    m_value = {};
    m_values.clear();
    QStringList lines;
    QStringList tips;
    for (const auto &[label, figure] : figures) {
        if (figure.value)
            m_values.insert(label, *figure.value);
        const QString currency = label.section(QLatin1Char('/'), -1);
        lines.push_back(dashboardformat::figure(m_kind, figure.value, currency));
        tips.push_back(tr("%1: %2, %3 against the previous period")
                           .arg(label, dashboardformat::figure(m_kind, figure.value, currency),
                                dashboardformat::change(figure.change)));
    }
    m_valueLabel->setText(lines.isEmpty() ? tr("none") : lines.join(QLatin1Char('\n')));
    // Several amounts share the space of one: a smaller figure keeps them whole.
    QFont font = m_valueLabel->font();
    font.setPointSizeF(m_baseValueSize * (lines.size() > 1 ? 0.8 : 1.0));
    m_valueLabel->setFont(font);
    // One change for one currency; several go to the tooltip (adding currencies is wrong).
    showChange(figures.size() == 1 ? figures.first().second : models::MetricFigure{});
    if (figures.size() > 1)
        m_changeLabel->setText(tr("%n currencies (hover)", nullptr, int(figures.size())));
    setToolTip(tips.join(QLatin1Char('\n')));
    setAccessibleDescription(tips.join(QLatin1String("; ")));
}

void DashboardTile::setTrend(const QList<double> &values)
{
    m_sparkline->setValues(values);
}

void DashboardTile::clear()
{
    m_value = {};
    m_values.clear();
    m_valueLabel->setText(QStringLiteral("–"));
    m_changeLabel->clear();
    m_sparkline->setValues({});
}

QString DashboardTile::valueText() const
{
    return m_valueLabel->text();
}

QString DashboardTile::changeText() const
{
    return m_changeLabel->text();
}

void DashboardTile::showChange(const models::MetricFigure &figure)
{
    const std::optional<double> &change = figure.change;
    if (change) {
        // Short enough for a narrow tile; the tooltip says against what.
        m_changeLabel->setText(dashboardformat::change(change));
        m_changeLabel->setToolTip(tr("Change against the previous period of equal length"));
    }
    else if (figure.previous) // a change from 0 has no percentage
        m_changeLabel->setText(tr("previous period: %1")
                                   .arg(dashboardformat::figure(m_kind, figure.previous)));
    else
        m_changeLabel->setText(tr("no previous figure"));
    QPalette palette = m_changeLabel->palette();
    QColor colour = this->palette().color(QPalette::PlaceholderText);
    if (change && std::abs(*change) >= 0.0005)
        colour = ((*change > 0) == m_goodWhenUp) ? kGood : kBad;
    palette.setColor(QPalette::WindowText, colour);
    m_changeLabel->setPalette(palette);
}

} // namespace skillex::views
