// What route handlers may use: the domain services, built once by the server's composition root.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/accounts.h"
#include "server/domain/auth/authservice.h"
#include "server/domain/clock.h"
#include "server/storage/database.h"

namespace skillex::server {

struct Services {
    Database &db;
    const Clock &clock;
    Accounts &accounts;
    AuthService &auth;
    AuditLog &audit;
    int schemaLevel = 0;
};

} // namespace skillex::server
