// ISO 639-1 language codes, for the languages a member lists on their profile.
#pragma once

#include <QString>

namespace skillex::server {

// True for a two-letter, lower-case code in ISO 639-1 ("en", "hi", "de", ...).
bool isIso639Part1(const QString &code);

} // namespace skillex::server
