// RoleText: staff roles as a person reads them ("senior moderator", "finance, admin").
#pragma once

#include "protocol/roles.h"

#include <QString>

namespace skillex::views {

QString roleText(protocol::Role role);
// Several roles joined with commas; "no role" when the list is empty.
QString rolesText(const QList<protocol::Role> &roles);

} // namespace skillex::views
