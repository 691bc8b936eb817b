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
    QString familyId; // the sign-in this access token belongs to; empty for an appeal token
    // Authenticated by an appeal token (scope "appeal"): a suspended or banned member who may
    // only file appeals. Only routes that accept appeal tokens ever see such a principal.
    bool appealOnly = false;

    bool isStaff() const { return kind == QStringLiteral("staff"); }
    bool can(protocol::Permission p) const { return isStaff() && protocol::rolesAllow(roles, p); }
};

} // namespace skillex::server
