// Staff roles and what each may do: the permission table of DOMAIN.md, in one place.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace skillex::protocol {

enum class Role { Viewer, Moderator, SeniorModerator, Finance, Admin };

enum class Permission {
    ViewDashboards,           // dashboards and the audit log
    ModerateCases,            // claim, note, dismiss, warn, remove, suspend
    SeniorModeration,         // escalated cases, appeals, ban approvals
    ViewFinance,              // ledger, payments, statements
    MoveMoney,                // refunds and credit adjustments
    ManageTaxonomy,           // skills taxonomy
    ManageStaff,              // staff accounts and roles
    ManageModerationSettings, // canned reasons (admin only)
};

QString roleName(Role role);
// The permission's name in docs and tools ("moderate_cases").
QString permissionName(Permission permission);
std::optional<Role> roleFromName(const QString &name);
QList<Role> allRoles();
QStringList roleNames(const QList<Role> &roles);

bool roleAllows(Role role, Permission permission);
// A person with several roles may do what any of them allows.
bool rolesAllow(const QList<Role> &roles, Permission permission);

} // namespace skillex::protocol
