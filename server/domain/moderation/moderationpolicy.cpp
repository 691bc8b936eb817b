// The tables behind moderationpolicy.h; DOMAIN.md is the source of every value here.
#include "server/domain/moderation/moderationpolicy.h"

#include <QHash>

namespace skillex::server::moderation {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::Low:
        break;
    }
    return QStringLiteral("low");
}

std::optional<Severity> severityFromName(const QString &name)
{
    if (name == QStringLiteral("high"))
        return Severity::High;
    if (name == QStringLiteral("medium"))
        return Severity::Medium;
    if (name == QStringLiteral("low"))
        return Severity::Low;
    return std::nullopt;
}

const QStringList &reportCategories()
{
    static const QStringList categories{QStringLiteral("harassment"),
                                        QStringLiteral("scam"),
                                        QStringLiteral("off_platform_payment"),
                                        QStringLiteral("inappropriate_content"),
                                        QStringLiteral("impersonation"),
                                        QStringLiteral("no_show"),
                                        QStringLiteral("spam"),
                                        QStringLiteral("other")};
    return categories;
}

std::optional<Severity> categorySeverity(const QString &category)
{
    static const QHash<QString, Severity> severities{
        {QStringLiteral("harassment"), Severity::High},
        {QStringLiteral("scam"), Severity::High},
        {QStringLiteral("off_platform_payment"), Severity::Medium},
        {QStringLiteral("inappropriate_content"), Severity::Medium},
        {QStringLiteral("impersonation"), Severity::Medium},
        {QStringLiteral("no_show"), Severity::Low},
        {QStringLiteral("spam"), Severity::Low},
        {QStringLiteral("other"), Severity::Low}};
    const auto it = severities.constFind(category);
    if (it == severities.constEnd())
        return std::nullopt;
    return *it;
}

const QStringList &subjectTypes()
{
    static const QStringList types{QStringLiteral("user"), QStringLiteral("message"),
                                   QStringLiteral("session"), QStringLiteral("review"),
                                   QStringLiteral("listing")};
    return types;
}

const QStringList &openCaseStatuses()
{
    static const QStringList statuses{QStringLiteral("open"), QStringLiteral("assigned"),
                                      QStringLiteral("escalated"), QStringLiteral("appealed")};
    return statuses;
}

const QStringList &closedCaseStatuses()
{
    static const QStringList statuses{QStringLiteral("resolved"), QStringLiteral("dismissed"),
                                      QStringLiteral("appeal_upheld"),
                                      QStringLiteral("appeal_overturned")};
    return statuses;
}

QString sqlList(const QStringList &values)
{
    QStringList quoted;
    for (const QString &v : values)
        quoted.push_back(QLatin1Char('\'') + v + QLatin1Char('\''));
    return quoted.join(QStringLiteral(", "));
}

qint64 slaMs(Severity severity)
{
    switch (severity) {
    case Severity::High:
        return 4 * kHourMs;
    case Severity::Medium:
        return 24 * kHourMs;
    case Severity::Low:
        break;
    }
    return 72 * kHourMs;
}

} // namespace skillex::server::moderation
