// Who is making a request, as established from a valid access token.
#pragma once

#include "protocol/roles.h"

#include <QList>
#include <QString>

namespace skillex::server {

struct Principal {
    qint64 userId = 0;
    QString email;
    QString name;
    QString kind; // "staff" or "member"
    QList<protocol::Role> roles;
    QString familyId; // the sign-in this access token belongs to

    bool isStaff() const { return kind == QStringLiteral("staff"); }
    bool can(protocol::Permission p) const { return isStaff() && protocol::rolesAllow(roles, p); }
};

} // namespace skillex::server
