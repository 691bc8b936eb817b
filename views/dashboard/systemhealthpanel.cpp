// SystemHealthPanel: one row per fact, with a word next to every colour.
#include "views/dashboard/systemhealthpanel.h"

#include "views/dashboard/dashboardformat.h"

#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

namespace skillex::views {

SystemHealthPanel::SystemHealthPanel(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("systemHealth"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    auto *title = new QLabel(tr("System health"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignLeft);
    layout->addLayout(m_form);
    layout->addStretch(1);
    addRow(QStringLiteral("version"), tr("Server version"));
    addRow(QStringLiteral("database"), tr("Database"));
    addRow(QStringLiteral("uptime"), tr("Up for"));
    addRow(QStringLiteral("requests"), tr("Requests (5 min)"));
    addRow(QStringLiteral("errors"), tr("Errors (5 min)"));
    addRow(QStringLiteral("events"), tr("Events (5 min)"));
    addRow(QStringLiteral("backlog"), tr("Event backlog"));
    addRow(QStringLiteral("consoles"), tr("Consoles connected"));
    addRow(QStringLiteral("jobs"), tr("Background jobs"));
}

QLabel *SystemHealthPanel::addRow(const QString &key, const QString &label)
{
    auto *value = new QLabel(QStringLiteral("–"), this);
    value->setObjectName(QStringLiteral("system_") + key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_form->addRow(label, value);
    m_rows.insert(key, value);
    return value;
}

QString SystemHealthPanel::text(const QString &row) const
{
    const QLabel *label = m_rows.value(row);
    return label ? label->text() : QString();
}

void SystemHealthPanel::setSystem(const QJsonObject &system, qint64 appliedSeq)
{
    using dashboardformat::Kind;
    const QLocale locale;
    m_rows.value(QStringLiteral("version"))->setText(system.value(QLatin1String("version")).toString());

    const QJsonObject db = system.value(QLatin1String("database")).toObject();
    const bool reachable = db.value(QLatin1String("reachable")).toBool();
    const int level = db.value(QLatin1String("schema_level")).toInt();
    const int expected = db.value(QLatin1String("schema_expected")).toInt();
    QString dbText = tr("%1, %2, schema %3 of %4")
                         .arg(db.value(QLatin1String("dialect")).toString(),
                              reachable ? tr("✔ reachable") : tr("✖ unreachable"))
                         .arg(level)
                         .arg(expected);
    if (level != expected)
        dbText += tr(" (⚠ not at the expected level)");
    m_rows.value(QStringLiteral("database"))->setText(dbText);

    m_rows.value(QStringLiteral("uptime"))
        ->setText(dashboardformat::figure(Kind::Seconds,
                                          system.value(QLatin1String("uptime_seconds")).toDouble()));

    const QJsonObject requests = system.value(QLatin1String("requests")).toObject();
    m_rows.value(QStringLiteral("requests"))
        ->setText(tr("%1 (%2 per second)")
                      .arg(locale.toString(requests.value(QLatin1String("count")).toInteger()),
                           locale.toString(requests.value(QLatin1String("per_second")).toDouble(),
                                           'f', 2)));
    const qint64 errors = requests.value(QLatin1String("errors")).toInteger();
    m_rows.value(QStringLiteral("errors"))
        ->setText(tr("%1 %2 (%3)")
                      .arg(errors > 0 ? QStringLiteral("⚠") : QStringLiteral("✔"),
                           locale.toString(errors),
                           dashboardformat::figure(
                               Kind::Ratio,
                               requests.value(QLatin1String("error_rate")).isDouble()
                                   ? std::optional<double>(
                                         requests.value(QLatin1String("error_rate")).toDouble())
                                   : std::nullopt)));

    const QJsonObject events = system.value(QLatin1String("events")).toObject();
    m_rows.value(QStringLiteral("events"))
        ->setText(tr("%1 (%2 per minute)")
                      .arg(locale.toString(events.value(QLatin1String("count")).toInteger()),
                           locale.toString(events.value(QLatin1String("per_minute")).toDouble(),
                                           'f', 1)));
    // The backlog is what this console has not applied yet of the server's event log.
    const qint64 head = events.value(QLatin1String("head")).toInteger();
    const qint64 backlog = appliedSeq >= 0 ? std::max<qint64>(0, head - appliedSeq) : -1;
    m_rows.value(QStringLiteral("backlog"))
        ->setText(backlog < 0 ? tr("not known (not live); the server's head was %1")
                                    .arg(locale.toString(head))
                              : tr("%1 behind (head %2)")
                                    .arg(locale.toString(backlog), locale.toString(head)));
    m_rows.value(QStringLiteral("consoles"))
        ->setText(locale.toString(system.value(QLatin1String("consoles_connected")).toInteger()));

    const QJsonArray jobs = system.value(QLatin1String("jobs")).toArray();
    QStringList failing;
    for (const QJsonValue &job : jobs)
        if (!job.toObject().value(QLatin1String("ok")).toBool(true))
            failing.push_back(job.toObject().value(QLatin1String("name")).toString());
    m_rows.value(QStringLiteral("jobs"))
        ->setText(failing.isEmpty() ? tr("✔ %n running normally", nullptr, int(jobs.size()))
                                    : tr("⚠ failing: %1").arg(failing.join(QLatin1String(", "))));
}

} // namespace skillex::views
