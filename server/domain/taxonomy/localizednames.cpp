// Language codes and the fallback rule: a blank translation shows the English name, flagged.
#include "server/domain/taxonomy/localizednames.h"

namespace skillex::server {

std::optional<Language> languageFromCode(const QString &code)
{
    if (code == QLatin1String("en"))
        return Language::En;
    if (code == QLatin1String("de"))
        return Language::De;
    if (code == QLatin1String("it"))
        return Language::It;
    if (code == QLatin1String("hi"))
        return Language::Hi;
    return std::nullopt;
}

QString languageCode(Language language)
{
    switch (language) {
    case Language::De:
        return QStringLiteral("de");
    case Language::It:
        return QStringLiteral("it");
    case Language::Hi:
        return QStringLiteral("hi");
    case Language::En:
        break;
    }
    return QStringLiteral("en");
}

const QString &LocalizedNames::in(Language language) const
{
    switch (language) {
    case Language::De:
        return de;
    case Language::It:
        return it;
    case Language::Hi:
        return hi;
    case Language::En:
        break;
    }
    return en;
}

LocalizedName localize(const LocalizedNames &names, Language language)
{
    const QString &text = names.in(language);
    if (language == Language::En || !text.trimmed().isEmpty())
        return {text, false};
    return {names.en, true};
}

} // namespace skillex::server
