// MemberFileTabs: the tabs of a member's page (Profile, Skills, Sessions, Wallet, Sanctions,
// Reports and cases, Audit), built from the file's JSON.
#pragma once

#include <QJsonObject>

class QTabWidget;

namespace skillex::views::memberfiletabs {

// Replaces the tabs with those of this file, keeping the tab that was open.
void fill(QTabWidget *tabs, const QJsonObject &detail);

} // namespace skillex::views::memberfiletabs
