// dashboardformat: the dashboard's number formats.
#include "views/dashboard/dashboardformat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <cmath>

namespace skillex::views::dashboardformat {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("skillex::views::dashboardformat", text);
}
} // namespace

int minorUnits(const QString &currency)
{
    static const QStringList zeroDecimals{QStringLiteral("JPY"), QStringLiteral("KRW"),
                                          QStringLiteral("VND"), QStringLiteral("CLP")};
    return zeroDecimals.contains(currency.toUpper()) ? 1 : 100;
}

QString figure(Kind kind, const std::optional<double> &value, const QString &currency)
{
    if (!value)
        return QStringLiteral("–");
    const QLocale locale;
    const double v = *value;
    switch (kind) {
    case Kind::Count:
        return locale.toString(qint64(std::llround(v)));
    case Kind::Mean:
        return locale.toString(v, 'f', 1);
    case Kind::Ratio:
        return locale.toString(v * 100.0, 'f', 1) + locale.percent();
    case Kind::Credits:
        return tr("%1 cr").arg(locale.toString(qint64(std::llround(v))));
    case Kind::Money:
    case Kind::MoneyExact: {
        const int units = minorUnits(currency);
        const double major = v / units;
        // Cents do not matter at ten thousand and above; dropping them keeps tiles narrow.
        const int decimals =
            units == 1 || (kind == Kind::Money && std::abs(major) >= 10000) ? 0 : 2;
        return QStringLiteral("%1 %2").arg(locale.toString(major, 'f', decimals), currency);
    }
    case Kind::Seconds: {
        const qint64 seconds = std::llround(v);
        if (seconds < 60)
            return tr("%1 s").arg(seconds);
        if (seconds < 3600)
            return tr("%1 min").arg(seconds / 60);
        if (seconds < 86400)
            return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
        return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
    }
    }
    return {};
}

QString change(const std::optional<double> &change)
{
    if (!change)
        return QStringLiteral("–");
    const double percent = *change * 100.0;
    if (std::abs(percent) < 0.05)
        return tr("no change");
    const QString number = QLocale().toString(std::abs(percent), 'f', 1) + QLocale().percent();
    return percent > 0 ? QStringLiteral("▲ ") + number : QStringLiteral("▼ ") + number;
}

} // namespace skillex::views::dashboardformat
