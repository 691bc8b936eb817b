// The role table. Changing who may do what happens here and nowhere else.
#include "protocol/roles.h"

namespace skillex::protocol {

QString roleName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Moderator:
        return QStringLiteral("moderator");
    case Role::SeniorModerator:
        return QStringLiteral("senior_moderator");
    case Role::Finance:
        return QStringLiteral("finance");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

QString permissionName(Permission permission)
{
    switch (permission) {
    case Permission::ViewDashboards:
        return QStringLiteral("view_dashboards");
    case Permission::ModerateCases:
        return QStringLiteral("moderate_cases");
    case Permission::SeniorModeration:
        return QStringLiteral("senior_moderation");
    case Permission::ViewFinance:
        return QStringLiteral("view_finance");
    case Permission::MoveMoney:
        return QStringLiteral("move_money");
    case Permission::ManageTaxonomy:
        return QStringLiteral("manage_taxonomy");
    case Permission::ManageStaff:
        return QStringLiteral("manage_staff");
    case Permission::ManageModerationSettings:
        return QStringLiteral("manage_moderation_settings");
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role r : allRoles()) {
        if (roleName(r) == name)
            return r;
    }
    return std::nullopt;
}

QList<Role> allRoles()
{
    return {Role::Viewer, Role::Moderator, Role::SeniorModerator, Role::Finance, Role::Admin};
}

QStringList roleNames(const QList<Role> &roles)
{
    QStringList out;
    for (Role r : roles)
        out.push_back(roleName(r));
    return out;
}

bool roleAllows(Role role, Permission permission)
{
    switch (permission) {
    case Permission::ViewDashboards:
        return true;
    case Permission::ModerateCases:
        return role == Role::Moderator || role == Role::SeniorModerator || role == Role::Admin;
    case Permission::SeniorModeration:
        return role == Role::SeniorModerator || role == Role::Admin;
    case Permission::ViewFinance:
    case Permission::MoveMoney:
        return role == Role::Finance || role == Role::Admin;
    case Permission::ManageTaxonomy:
    case Permission::ManageStaff:
    case Permission::ManageModerationSettings:
        return role == Role::Admin;
    }
    return false;
}

bool rolesAllow(const QList<Role> &roles, Permission permission)
{
    for (Role r : roles) {
        if (roleAllows(r, permission))
            return true;
    }
    return false;
}

} // namespace skillex::protocol
