// Character checks for member-entered text.
#include "server/domain/profiles/textrules.h"

#include <QStringView>

namespace skillex::server {

bool isCleanText(const QString &text, bool allowLineBreaks)
{
    if (!QStringView(text).isValidUtf16())
        return false;
    for (const QChar c : text) {
        if (allowLineBreaks && (c == u'\n' || c == u'\r' || c == u'\t'))
            continue;
        if (c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

qsizetype codePointCount(const QString &text)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++n;
    }
    return n;
}

} // namespace skillex::server
