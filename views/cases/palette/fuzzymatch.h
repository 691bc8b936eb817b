// fuzzyMatch: whether what a person typed in the command palette matches a command's title,
// and how well ("dis" and "dsm" both find "Dismiss case"). Letters must appear in order;
// matches at word starts and in a run score higher.
#pragma once

#include <QString>

#include <optional>

namespace skillex::views {

// No value: no match. Higher is better; an empty pattern matches everything with 0.
std::optional<int> fuzzyMatch(const QString &pattern, const QString &text);

} // namespace skillex::views
