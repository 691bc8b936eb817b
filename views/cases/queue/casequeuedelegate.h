// CaseQueueDelegate: how a queue row reads at a glance — a priority bar coloured by severity,
// the SLA countdown green / amber (under 25% left) / red (breached, with a "!" so colour is not
// the only signal), and a pending outbox action in italics on the status.
#pragma once

#include <QStyledItemDelegate>

namespace skillex::views {

class CaseQueueDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    enum class SlaState { None, Healthy, Near, Breached };
    // left / total as the UI.md rule reads it; total <= 0 or closed cases are None.
    static SlaState slaState(qint64 dueMs, qint64 openedMs, qint64 nowMs, bool closed);
    static QColor severityColour(const QString &severity);
    // "Mo Ahmed" -> "MA" (UI.md: the queue shows the assignee's initials; the name on hover).
    static QString initials(const QString &name);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace skillex::views
