// CaseQueueDelegate: colours from the severity and SLA roles of CaseQueueModel.
#include "views/cases/queue/casequeuedelegate.h"

#include "models/casequeuemodel.h"

#include <QDateTime>
#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace skillex::views {

using models::CaseQueueModel;

CaseQueueDelegate::SlaState CaseQueueDelegate::slaState(qint64 dueMs, qint64 openedMs,
                                                        qint64 nowMs, bool closed)
{
    if (closed || dueMs <= 0)
        return SlaState::None;
    if (nowMs >= dueMs)
        return SlaState::Breached;
    const qint64 total = dueMs - openedMs;
    if (total > 0 && (dueMs - nowMs) * 4 < total)
        return SlaState::Near;
    return SlaState::Healthy;
}

QColor CaseQueueDelegate::severityColour(const QString &severity)
{
    if (severity == QLatin1String("high"))
        return QColor(0xc6, 0x28, 0x28); // red
    if (severity == QLatin1String("medium"))
        return QColor(0xe0, 0x8e, 0x0b); // amber
    return QColor(0x70, 0x80, 0x90); // slate
}

QString CaseQueueDelegate::initials(const QString &name)
{
    if (name.startsWith(u'#'))
        return name; // a staff id the cache has no name for
    QString out;
    for (const QString &word : name.split(u' ', Qt::SkipEmptyParts))
        if (out.size() < 3 && word.at(0).isLetter())
            out += word.at(0).toUpper();
    return out;
}

bool CaseQueueDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip && index.column() == CaseQueueModel::Assignee) {
        const QString name = index.data(Qt::DisplayRole).toString();
        if (name.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPos(), name, view);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

void CaseQueueDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const int column = index.column();
    if (column == CaseQueueModel::Sla) {
        const qint64 due = index.data(CaseQueueModel::SlaDueRole).toDateTime().toMSecsSinceEpoch();
        const qint64 opened =
            index.sibling(index.row(), CaseQueueModel::Age).data(CaseQueueModel::RawRole)
                .toLongLong();
        const bool closed = index.data(Qt::DisplayRole).toString() == QStringLiteral("\u2014");
        switch (slaState(due, opened, QDateTime::currentMSecsSinceEpoch(), closed)) {
        case SlaState::Breached:
            option->palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
            option->font.setBold(true);
            option->text = QStringLiteral("! ") + option->text;
            break;
        case SlaState::Near:
            option->palette.setColor(QPalette::Text, QColor(0xb0, 0x6a, 0x00));
            break;
        case SlaState::Healthy:
            option->palette.setColor(QPalette::Text, QColor(0x2e, 0x7d, 0x32));
            break;
        case SlaState::None:
            break;
        }
    } else if (column == CaseQueueModel::Assignee) {
        option->text = initials(option->text);
    } else if (column == CaseQueueModel::Severity) {
        const QString severity = index.data(CaseQueueModel::SeverityRole).toString();
        option->palette.setColor(QPalette::Text, severityColour(severity));
        option->text = severity.toUpper();
        option->font.setBold(severity == QLatin1String("high"));
    } else if (column == CaseQueueModel::Status &&
               !index.data(CaseQueueModel::OverlayStateRole).isNull()) {
        option->font.setItalic(true);
        const QString state = index.data(CaseQueueModel::OverlayStateRole).toString();
        if (state == QLatin1String("conflict") || state == QLatin1String("failed"))
            option->palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
        else
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
}

void CaseQueueDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    if (index.column() != CaseQueueModel::Priority) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The priority cell: a bar in the severity's colour, as long as the priority (0-100).
    QStyledItemDelegate::paint(painter, option, index);
    const QString severity = index.data(CaseQueueModel::SeverityRole).toString();
    const double priority = qBound(0.0, index.data(CaseQueueModel::RawRole).toDouble(), 100.0);
    const QRect cell = option.rect.adjusted(3, 0, -3, 0);
    const int width = qMax(2, int(cell.width() * priority / 100.0));
    const QRect bar(cell.left(), cell.bottom() - 3, width, 3);
    painter->save();
    painter->fillRect(bar, severityColour(severity));
    painter->restore();
}

} // namespace skillex::views
