// fuzzyMatch: a subsequence match with bonuses for word starts and runs.
#include "views/cases/palette/fuzzymatch.h"

namespace skillex::views {

std::optional<int> fuzzyMatch(const QString &pattern, const QString &text)
{
    const QString p = pattern.simplified().toCaseFolded();
    const QString t = text.toCaseFolded();
    int score = 0;
    qsizetype at = 0;
    qsizetype previous = -2;
    for (const QChar c : p) {
        if (c.isSpace())
            continue;
        const qsizetype found = t.indexOf(c, at);
        if (found < 0)
            return std::nullopt;
        score += 1;
        if (found == 0 || !t.at(found - 1).isLetterOrNumber())
            score += 8; // a word start
        if (found == previous + 1)
            score += 4; // a run
        score -= int(qMin<qsizetype>(found - at, 8)); // letters skipped
        previous = found;
        at = found + 1;
    }
    return score;
}

} // namespace skillex::views
