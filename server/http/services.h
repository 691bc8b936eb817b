// What route handlers may use: the core domain services, built once by the server's
// composition root. An area's own service (sessions, payments, ...) is built by its route
// registration from these, and kept alive here.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/accounts.h"
#include "server/domain/auth/authservice.h"
#include "server/domain/auth/passwordhasher.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/marketplaceconfig.h"
#include "server/domain/members/members.h"
#include "server/storage/database.h"

#include <QByteArray>

#include <memory>
#include <vector>

namespace skillex::server {

struct ProviderSecrets {
    QByteArray stripeWebhook;
    QByteArray razorpayWebhook;
    QByteArray razorpayKey;
};

struct Services {
    Database &db;
    const Clock &clock;
    const PasswordHasher &hasher;
    Accounts &accounts;
    AuthService &auth;
    AuditLog &audit;
    Ledger &ledger;
    EventLog &events;
    Members &members;
    const MarketplaceConfig &config;
    ProviderSecrets secrets;
    std::vector<std::shared_ptr<void>> kept; // see keep()

    // Area services made by route registration live as long as the server.
    template <typename T>
    T &keep(std::shared_ptr<T> service)
    {
        T &ref = *service;
        kept.push_back(std::move(service));
        return ref;
    }
};

} // namespace skillex::server
