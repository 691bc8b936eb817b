// DashboardRangeBar: preset and granularity choices, and the custom range's validation.
#include "views/dashboard/dashboardrangebar.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>

namespace skillex::views {

namespace {
using Preset = models::DashboardRange::Preset;
using Granularity = models::DashboardRange::Granularity;

QDate todayUtc()
{
    // The server's days are UTC days; "the last 7 days" must be the same 7 days for it.
    return QDateTime::currentDateTimeUtc().date();
}
} // namespace

DashboardRangeBar::DashboardRangeBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("rangeProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_problem->hide();

    m_preset = new QComboBox(this);
    m_preset->setAccessibleName(tr("Range"));
    m_preset->addItem(tr("Last 7 days"), int(Preset::Days7));
    m_preset->addItem(tr("Last 30 days"), int(Preset::Days30));
    m_preset->addItem(tr("Last 90 days"), int(Preset::Days90));
    m_preset->addItem(tr("Last year"), int(Preset::Year));
    m_preset->addItem(tr("Custom…"), int(Preset::Custom));
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setMaximumDate(todayUtc());
        edit->setVisible(false);
    }
    m_from->setAccessibleName(tr("From (first day, UTC)"));
    m_to->setAccessibleName(tr("To (last day, UTC)"));
    auto *dash = new QLabel(QStringLiteral("–"), this);
    dash->setVisible(false);
    m_granularity = new QComboBox(this);
    m_granularity->setAccessibleName(tr("Granularity"));
    m_granularity->addItem(tr("By day"), int(Granularity::Day));
    m_granularity->addItem(tr("By week"), int(Granularity::Week));
    m_granularity->addItem(tr("By month"), int(Granularity::Month));
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setAccessibleName(tr("Refresh the dashboard"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Fetch the figures again (%1). They also refresh as events arrive.")
                              .arg(QKeySequence(QKeySequence::Refresh).toString(
                                  QKeySequence::NativeText)));

    layout->addWidget(m_status, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_preset);
    layout->addWidget(m_from);
    layout->addWidget(dash);
    layout->addWidget(m_to);
    layout->addWidget(m_granularity);
    layout->addWidget(m_refresh);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this, dash] {
        const bool custom = Preset(m_preset->currentData().toInt()) == Preset::Custom;
        m_from->setVisible(custom);
        m_to->setVisible(custom);
        dash->setVisible(custom);
        if (!m_updating)
            applyPreset();
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this] {
        if (!m_updating)
            applyCustom();
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this] {
        if (!m_updating)
            applyCustom();
    });
    connect(m_granularity, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        models::DashboardRange next = m_range;
        next.setGranularity(Granularity(m_granularity->currentData().toInt()));
        emitIfChanged(next);
    });
    connect(m_refresh, &QPushButton::clicked, this, &DashboardRangeBar::refreshRequested);

    m_updating = true;
    m_preset->setCurrentIndex(1); // 30 days, the server's own default
    m_updating = false;
    m_range = models::DashboardRange::preset(Preset::Days30, todayUtc());
    m_from->setDate(m_range.from());
    m_to->setDate(m_range.to());
}

void DashboardRangeBar::selectPreset(Preset preset)
{
    const int index = m_preset->findData(int(preset));
    if (index == m_preset->currentIndex())
        applyPreset();
    else
        m_preset->setCurrentIndex(index);
}

bool DashboardRangeBar::setCustomRange(QDate from, QDate to)
{
    m_updating = true;
    m_preset->setCurrentIndex(m_preset->findData(int(Preset::Custom)));
    m_from->setDate(from);
    m_to->setDate(to);
    m_updating = false;
    applyCustom();
    return m_range.from() == from && m_range.to() == to;
}

void DashboardRangeBar::setGranularity(Granularity granularity)
{
    m_granularity->setCurrentIndex(m_granularity->findData(int(granularity)));
}

void DashboardRangeBar::setStatus(const QString &text, bool warning)
{
    m_status->setText(text);
    m_status->setStyleSheet(warning ? QStringLiteral("color: #8a5a00;") : QString());
}

QString DashboardRangeBar::statusText() const
{
    return m_status->text();
}

void DashboardRangeBar::applyPreset()
{
    const auto preset = Preset(m_preset->currentData().toInt());
    if (preset == Preset::Custom) {
        applyCustom();
        return;
    }
    const models::DashboardRange next = models::DashboardRange::preset(preset, todayUtc());
    m_updating = true;
    m_from->setDate(next.from());
    m_to->setDate(next.to());
    m_granularity->setCurrentIndex(m_granularity->findData(int(next.granularity())));
    m_updating = false;
    m_problem->hide();
    emitIfChanged(next);
}

void DashboardRangeBar::applyCustom()
{
    const models::DashboardRange next(m_from->date(), m_to->date(),
                                      Granularity(m_granularity->currentData().toInt()));
    if (!next.isValid()) {
        // The dates stay as typed; the figures stay those of the last valid range.
        m_problem->setText(next.from() > next.to()
                               ? tr("The first day must not be after the last.")
                               : tr("A range can be at most three years."));
        m_problem->show();
        return;
    }
    m_problem->hide();
    emitIfChanged(next);
}

void DashboardRangeBar::emitIfChanged(const models::DashboardRange &range)
{
    if (range == m_range)
        return;
    m_range = range;
    emit rangeChanged(range);
}

} // namespace skillex::views
