// AuditDetailView: a three-column tree (field, before, after); changed rows are tinted and
// carry a "changed" word, so colour is not the only signal.
#include "views/audit/auditdetailview.h"

#include "views/audit/jsondiff.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace skillex::views {

AuditDetailView::AuditDetailView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("auditDetailView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    auto *hint = new QLabel(tr("Pick an entry to see its before and after side by side."), m_stack);
    hint->setObjectName(QStringLiteral("placeholderText"));
    hint->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(hint);

    auto *page = new QWidget(m_stack);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel(page);
    m_header->setObjectName(QStringLiteral("auditEntryHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pageLayout->addWidget(m_header);
    auto *hashRow = new QHBoxLayout;
    m_hash = new QLabel(page);
    m_hash->setObjectName(QStringLiteral("auditEntryHash"));
    m_hash->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    hashRow->addWidget(m_hash);
    auto *copy = new QPushButton(tr("Copy &hash"), page);
    copy->setAccessibleName(tr("Copy the entry's hash"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_fullHash); });
    hashRow->addWidget(copy);
    hashRow->addStretch();
    pageLayout->addLayout(hashRow);
    m_tree = new QTreeWidget(page);
    m_tree->setObjectName(QStringLiteral("auditDiff"));
    m_tree->setAccessibleName(tr("Before and after"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Field"), tr("Before"), tr("After")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setStyleSheet(QStringLiteral("QTreeView::item { min-height: 22px; }"));
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    pageLayout->addWidget(m_tree, 1);
    m_noChange = new QLabel(tr("This entry records no before or after (an event, not a "
                               "change)."),
                            page);
    m_noChange->setObjectName(QStringLiteral("placeholderText"));
    pageLayout->addWidget(m_noChange);
    // Takes the room only while the tree is hidden (the tree's stretch wins otherwise), so an
    // entry without before and after keeps its lines together at the top.
    pageLayout->addStretch(0);
    m_stack->addWidget(page);
}

namespace {
// "request 5b0f… · from 10.0.0.4", leaving out what the entry does not have (CLI entries).
QString origin(const QJsonObject &e)
{
    QStringList parts;
    const QString request = e.value(QStringLiteral("request_id")).toString();
    const QString address = e.value(QStringLiteral("address")).toString();
    if (!request.isEmpty())
        parts << AuditDetailView::tr("request %1").arg(request.toHtmlEscaped());
    if (!address.isEmpty())
        parts << AuditDetailView::tr("from %1").arg(address.toHtmlEscaped());
    if (parts.isEmpty())
        return {};
    return QStringLiteral("<br><span style='color:gray'>%1</span>")
        .arg(parts.join(QStringLiteral(" · ")));
}
} // namespace

void AuditDetailView::showEntry(const QJsonObject &e)
{
    if (e.isEmpty()) {
        m_stack->setCurrentIndex(0);
        return;
    }
    const QDateTime at =
        QDateTime::fromString(e.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    const QString target = e.value(QStringLiteral("target_type")).toString().isEmpty()
                               ? tr("no target")
                               : QStringLiteral("%1 %2").arg(
                                     e.value(QStringLiteral("target_type")).toString(),
                                     e.value(QStringLiteral("target_id")).toVariant().toString());
    const QString label = e.value(QStringLiteral("actor_label")).toString();
    const QString actor =
        e.value(QStringLiteral("actor_id")).isNull()
            ? (label.isEmpty() ? tr("anonymous") : label)
            : QStringLiteral("%1 (#%2)")
                  .arg(e.value(QStringLiteral("actor_label")).toString(),
                       QString::number(e.value(QStringLiteral("actor_id")).toInteger()));
    m_header->setText(tr("<b>#%1 %2</b> · %3 · by %4 · on %5<br>Reason: %6%7")
                          .arg(e.value(QStringLiteral("id")).toInteger())
                          .arg(e.value(QStringLiteral("action")).toString().toHtmlEscaped(),
                               QLocale().toString(at.toLocalTime(), QLocale::LongFormat),
                               actor.toHtmlEscaped(), target.toHtmlEscaped(),
                               e.value(QStringLiteral("reason")).toString().isEmpty()
                                   ? tr("—")
                                   : e.value(QStringLiteral("reason")).toString().toHtmlEscaped(),
                               origin(e)));
    m_fullHash = e.value(QStringLiteral("hash")).toString();
    m_hash->setText(tr("hash %1…").arg(m_fullHash.left(16)));
    m_hash->setToolTip(m_fullHash);

    m_tree->clear();
    const auto lines =
        jsondiff::diff(e.value(QStringLiteral("before")), e.value(QStringLiteral("after")));
    const QColor tint(255, 196, 0, 60);
    for (const jsondiff::Line &line : lines) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(0, line.changed() ? tr("%1  (changed)").arg(line.path) : line.path);
        item->setText(1, line.hasBefore ? line.before : tr("—"));
        item->setText(2, line.hasAfter ? line.after : tr("—"));
        item->setToolTip(1, line.before);
        item->setToolTip(2, line.after);
        if (line.changed())
            for (int c = 0; c < 3; ++c)
                item->setBackground(c, tint);
    }
    m_tree->resizeColumnToContents(0);
    m_tree->setColumnWidth(1, qMax(200, m_tree->width() / 3));
    m_noChange->setVisible(lines.isEmpty());
    m_tree->setVisible(!lines.isEmpty());
    m_stack->setCurrentIndex(1);
}

} // namespace skillex::views
