// financeformat: how the Finance area writes credits, money and times (the person's locale;
// credits as "1,250 cr"), and reads the server's ISO times.
#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace skillex::views::finance {

QString credits(qint64 amount);
// Minor units and an ISO currency as the locale writes money ("USD 10.00").
QString money(qint64 minor, const QString &currency);
QDateTime parseTime(const QJsonValue &iso);
// A server time in the locale's short format; "" for null.
QString timeText(const QJsonValue &iso);
// A server status as words: "partially_refunded" -> "partially refunded",
// "pending_approval" -> "waiting for approval".
QString statusText(const QString &status);
// A server time's date in the locale's short format (a period's ends).
QString dayText(const QJsonValue &iso);
// A JSON scalar as text (numbers without ".0", null as "").
QString scalarText(const QJsonValue &value);

} // namespace skillex::views::finance
