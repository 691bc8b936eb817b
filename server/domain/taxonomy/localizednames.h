// The languages the taxonomy is named in, and picking a name with the English fallback.
#pragma once

#include <QString>

#include <optional>

namespace skillex::server {

enum class Language { En, De, It, Hi };

// "en", "de", "it", "hi"; nullopt for anything else.
std::optional<Language> languageFromCode(const QString &code);
QString languageCode(Language language);

struct LocalizedNames {
    QString en;
    QString de;
    QString it;
    QString hi;

    const QString &in(Language language) const;
};

struct LocalizedName {
    QString text;
    bool fallback = false; // no translation: the English name stands in
};

LocalizedName localize(const LocalizedNames &names, Language language);

} // namespace skillex::server
