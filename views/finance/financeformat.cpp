// financeformat: locale-aware credits, money and times for the Finance area.
#include "views/finance/financeformat.h"

#include <QCoreApplication>
#include <QLocale>

namespace skillex::views::finance {

QString credits(qint64 amount)
{
    return QCoreApplication::translate("Finance", "%1 cr").arg(QLocale().toString(amount));
}

QString money(qint64 minor, const QString &currency)
{
    // Every currency the providers use here (USD, INR) has two decimals.
    return QStringLiteral("%1 %2").arg(currency.toUpper(),
                                       QLocale().toString(double(minor) / 100.0, 'f', 2));
}

QDateTime parseTime(const QJsonValue &iso)
{
    return QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
}

QString timeText(const QJsonValue &iso)
{
    const QDateTime at = parseTime(iso);
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString dayText(const QJsonValue &iso)
{
    const QDateTime at = parseTime(iso);
    return at.isValid() ? QLocale().toString(at.toUTC().date(), QLocale::ShortFormat) : QString();
}

QString statusText(const QString &status)
{
    if (status == QLatin1String("pending_approval"))
        return QCoreApplication::translate("Finance", "waiting for approval");
    QString words = status;
    return words.replace(u'_', u' ');
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::String:
        return value.toString();
    default:
        return {};
    }
}

} // namespace skillex::views::finance
