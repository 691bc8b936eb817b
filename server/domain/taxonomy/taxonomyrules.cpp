// Field rules of taxonomy nodes; lengths count UTF-16 units, the same as the transport bounds.
#include "server/domain/taxonomy/taxonomyrules.h"

#include <QRegularExpression>
#include <QSet>

namespace skillex::server {
namespace {

bool hasControlCharacters(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return true;
    }
    return false;
}

QString trimmedOrClear(const std::optional<QString> &value, const QString &current)
{
    return value ? value->simplified() : current;
}

} // namespace

LocalizedNames NamesPatch::appliedTo(LocalizedNames names) const
{
    names.en = trimmedOrClear(en, names.en);
    names.de = trimmedOrClear(de, names.de);
    names.it = trimmedOrClear(it, names.it);
    names.hi = trimmedOrClear(hi, names.hi);
    return names;
}

namespace taxonomyrules {

QString slugProblem(const QString &slug)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    if (slug.size() < 2 || slug.size() > kMaxSlugLength)
        return QStringLiteral("must be 2-%1 characters").arg(kMaxSlugLength);
    if (!pattern.match(slug).hasMatch())
        return QStringLiteral("must be lower-case letters and digits in words joined by single "
                              "hyphens (web-development)");
    return {};
}

QString nameProblem(const QString &name, bool required)
{
    if (name.isEmpty())
        return required ? QStringLiteral("is required") : QString();
    if (name.size() > kMaxTaxonomyNameLength)
        return QStringLiteral("must be at most %1 characters").arg(kMaxTaxonomyNameLength);
    if (hasControlCharacters(name))
        return QStringLiteral("must not contain control characters");
    return {};
}

QString aliasProblem(const QString &alias)
{
    if (alias.isEmpty())
        return QStringLiteral("must not be empty");
    if (alias.size() > kMaxAliasLength)
        return QStringLiteral("must be at most %1 characters").arg(kMaxAliasLength);
    if (hasControlCharacters(alias))
        return QStringLiteral("must not contain control characters");
    return {};
}

QMap<QString, QString> namesProblems(const LocalizedNames &names)
{
    QMap<QString, QString> out;
    for (Language l : {Language::En, Language::De, Language::It, Language::Hi}) {
        const QString problem = nameProblem(names.in(l), l == Language::En);
        if (!problem.isEmpty())
            out.insert(QStringLiteral("names.") + languageCode(l), problem);
    }
    return out;
}

QMap<QString, QString> aliasesProblems(const QStringList &aliases, const LocalizedNames &names)
{
    QMap<QString, QString> out;
    if (aliases.size() > kMaxAliasesPerSkill) {
        out.insert(QStringLiteral("aliases"),
                   QStringLiteral("must have at most %1 items").arg(kMaxAliasesPerSkill));
        return out;
    }
    QSet<QString> own;
    for (const QString &n : {names.en, names.de, names.it, names.hi}) {
        if (!n.isEmpty())
            own.insert(n.toCaseFolded());
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < aliases.size(); ++i) {
        const QString key = QStringLiteral("aliases[%1]").arg(i);
        const QString problem = aliasProblem(aliases.at(i));
        const QString folded = aliases.at(i).toCaseFolded();
        if (!problem.isEmpty())
            out.insert(key, problem);
        else if (seen.contains(folded))
            out.insert(key, QStringLiteral("repeats another alias"));
        else if (own.contains(folded))
            out.insert(key, QStringLiteral("repeats one of the skill's names"));
        seen.insert(folded);
    }
    return out;
}

QStringList normalizedAliases(const QStringList &aliases)
{
    QStringList out;
    out.reserve(aliases.size());
    for (const QString &a : aliases)
        out.push_back(a.simplified());
    return out;
}

} // namespace taxonomyrules

} // namespace skillex::server
