// What free text members type may contain before it is stored.
#pragma once

#include <QString>

namespace skillex::server {

// False for broken UTF-16 and for control characters (NUL would also make PostgreSQL refuse the
// row); line breaks and tabs pass only where allowLineBreaks is set (a bio, not a name).
bool isCleanText(const QString &text, bool allowLineBreaks);
// Length as people count it: code points, so an emoji or a Devanagari letter is one.
qsizetype codePointCount(const QString &text);

} // namespace skillex::server
