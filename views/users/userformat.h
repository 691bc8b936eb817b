// UserFormat: how the Users area writes times, credits and statuses, and the dense read-only
// tables its member page is made of.
#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVariant>

class QTableWidget;
class QWidget;

namespace skillex::views::userformat {

// An API time (ISO 8601) in the person's locale, short; "—" when there is none.
QString time(const QJsonValue &iso);
QString date(const QJsonValue &iso);
// A table cell for a time: a QDateTime (shown in the locale, sorted as a time), or "—".
QVariant timeCell(const QJsonValue &iso);
// "1,250 cr"
QString credits(qint64 amount);
// "Active", "Suspended", "Banned", "Disabled"
QString statusText(const QString &status);
// The status chip's colour (the word goes with it: colour is never the only signal).
QString statusColor(const QString &status);
// A value of a JSON object as text ("—" for null or missing).
QString text(const QJsonValue &value);

// A read-only, sortable table with 24 px rows and the accessible name given.
QTableWidget *makeTable(const QStringList &headers, const QString &accessibleName, QWidget *parent);
// Appends a row of texts; numbers given as QVariant sort as numbers.
void appendRow(QTableWidget *table, const QList<QVariant> &cells);

} // namespace skillex::views::userformat
