// What a taxonomy edit may contain: slugs, names per language, aliases. Checks of one node's
// own fields; clashes with other nodes are checked by the editor inside its transaction.
#pragma once

#include "server/domain/taxonomy/localizednames.h"

#include <QMap>
#include <QStringList>

#include <optional>

namespace skillex::server {

inline constexpr int kMaxSlugLength = 64;
inline constexpr int kMaxTaxonomyNameLength = 100;
inline constexpr int kMaxAliasLength = 64;
inline constexpr int kMaxAliasesPerSkill = 20; // set by an edit; a merge may add beyond it
inline constexpr int kMaxReorderItems = 1000;  // far above any category's size

// A partial set of names: only the languages named change; "" clears de, it or hi.
struct NamesPatch {
    std::optional<QString> en;
    std::optional<QString> de;
    std::optional<QString> it;
    std::optional<QString> hi;

    bool isEmpty() const { return !en && !de && !it && !hi; }
    LocalizedNames appliedTo(LocalizedNames names) const; // trimmed
};

namespace taxonomyrules {

// Each returns what is wrong, or an empty string.
QString slugProblem(const QString &slug); // lower-case a-z0-9 words joined by single '-'
QString nameProblem(const QString &name, bool required);
QString aliasProblem(const QString &alias);

// Field -> problem for a whole set of names ("names.en", ...).
QMap<QString, QString> namesProblems(const LocalizedNames &names);
// Field -> problem for an alias list ("aliases[2]"): each alias valid, no two alike (case
// folded), none repeating one of the skill's own names.
QMap<QString, QString> aliasesProblems(const QStringList &aliases, const LocalizedNames &names);

// Trimmed, with inner runs of white space made one space.
QStringList normalizedAliases(const QStringList &aliases);

} // namespace taxonomyrules

} // namespace skillex::server
