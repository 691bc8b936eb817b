// UserFormat: locale-aware texts and the member page's tables.
#include "views/users/userformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QLocale>
#include <QTableWidget>

namespace skillex::views::userformat {

namespace {
QDateTime parse(const QJsonValue &iso)
{
    QDateTime t = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(iso.toString(), Qt::ISODate);
    return t.toLocalTime();
}
QString tr(const char *text)
{
    return QCoreApplication::translate("skillex::views::UserFormat", text);
}
} // namespace

QString time(const QJsonValue &iso)
{
    const QDateTime t = parse(iso);
    return t.isValid() ? QLocale().toString(t, QLocale::ShortFormat) : QStringLiteral("—");
}

QString date(const QJsonValue &iso)
{
    const QDateTime t = parse(iso);
    return t.isValid() ? QLocale().toString(t.date(), QLocale::ShortFormat) : QStringLiteral("—");
}

QVariant timeCell(const QJsonValue &iso)
{
    const QDateTime t = parse(iso);
    return t.isValid() ? QVariant(t) : QVariant(QStringLiteral("—"));
}

QString credits(qint64 amount)
{
    return tr("%1 cr").arg(QLocale().toString(amount));
}

QString statusText(const QString &status)
{
    if (status == QLatin1String("active"))
        return tr("Active");
    if (status == QLatin1String("suspended"))
        return tr("Suspended");
    if (status == QLatin1String("banned"))
        return tr("Banned");
    if (status == QLatin1String("disabled"))
        return tr("Disabled");
    return status;
}

QString statusColor(const QString &status)
{
    if (status == QLatin1String("active"))
        return QStringLiteral("#2e7d32");
    if (status == QLatin1String("suspended"))
        return QStringLiteral("#b26a00");
    return QStringLiteral("#c0392b");
}

QString text(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("—");
    if (value.isBool())
        return value.toBool() ? tr("yes") : tr("no");
    if (value.isDouble())
        return QLocale().toString(value.toDouble(), 'g', 12);
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &v : value.toArray())
            parts << text(v);
        return parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral(", "));
    }
    const QString s = value.toString();
    return s.isEmpty() ? QStringLiteral("—") : s;
}

QTableWidget *makeTable(const QStringList &headers, const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setAccessibleName(accessibleName);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(24);
    table->horizontalHeader()->setStretchLastSection(true);
    // Sortable by a click, but kept in the server's order (newest first) until then.
    table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    table->setSortingEnabled(true);
    return table;
}

void appendRow(QTableWidget *table, const QList<QVariant> &cells)
{
    const bool sorting = table->isSortingEnabled();
    table->setSortingEnabled(false);
    const int row = table->rowCount();
    table->insertRow(row);
    for (int c = 0; c < cells.size() && c < table->columnCount(); ++c) {
        auto *item = new QTableWidgetItem;
        const QVariant &v = cells.at(c);
        if (v.typeId() == QMetaType::QDateTime) {
            item->setData(Qt::DisplayRole, v);
        } else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int ||
                   v.typeId() == QMetaType::Double) {
            item->setData(Qt::DisplayRole, v);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        } else {
            item->setText(v.toString());
            item->setToolTip(v.toString());
        }
        table->setItem(row, c, item);
    }
    table->setSortingEnabled(sorting);
}

} // namespace skillex::views::userformat
