// CaseCommand: one thing the Cases area can do, as the command palette and the shortcut sheet
// list it — its title, its key, where it belongs, and what runs.
#pragma once

#include <QKeySequence>
#include <QString>

#include <functional>

namespace skillex::views {

struct CaseCommand {
    QString id;       // "case.dismiss", "view.mine"
    QString title;    // "Dismiss case"
    QString group;    // "Case", "Views", "Queue", "Selection"
    QKeySequence key; // empty: palette only
    std::function<void()> run;

    // The key as a person presses it: "j", "/", "Ctrl+K" (single letters in lower case).
    QString keyText() const
    {
        const QString text = key.toString(QKeySequence::NativeText);
        return text.size() == 1 ? text.toLower() : text;
    }
};

} // namespace skillex::views
