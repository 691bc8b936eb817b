// Translatable names of the staff roles; the wire names stay in protocol/roles.cpp.
#include "views/common/roletext.h"

#include <QCoreApplication>
#include <QStringList>

namespace skillex::views {

QString roleText(protocol::Role role)
{
    using protocol::Role;
    switch (role) {
    case Role::Viewer:
        return QCoreApplication::translate("RoleText", "viewer");
    case Role::Moderator:
        return QCoreApplication::translate("RoleText", "moderator");
    case Role::SeniorModerator:
        return QCoreApplication::translate("RoleText", "senior moderator");
    case Role::Finance:
        return QCoreApplication::translate("RoleText", "finance");
    case Role::Admin:
        return QCoreApplication::translate("RoleText", "admin");
    }
    return {};
}

QString rolesText(const QList<protocol::Role> &roles)
{
    if (roles.isEmpty())
        return QCoreApplication::translate("RoleText", "no role");
    QStringList names;
    for (auto role : roles)
        names << roleText(role);
    return names.join(QStringLiteral(", "));
}

} // namespace skillex::views
