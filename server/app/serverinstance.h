// The composition root of the server: opens the database, migrates, builds services and
// routes, and listens.
#pragma once

#include "server/app/serverconfig.h"

#include <QObject>
#include <QString>

#include <memory>

namespace skillex::server {

class Database;
class SystemClock;
class PasswordHasher;
class Accounts;
class LoginThrottle;
class AuditLog;
class AuthService;
class Ledger;
class EventLog;
class Members;
struct MarketplaceConfig;
class Router;
class ApiServer;
class MaintenanceJobs;
class IdempotencyStore;
class EventStreamHub;
struct Services;
struct Observability;

class ServerInstance {
public:
    explicit ServerInstance(ServerConfig config);
    ~ServerInstance();

    // Opens and migrates the database and starts listening. On failure, error says why.
    bool start(QString *error);
    quint16 port() const { return m_port; }
    QString baseUrl() const;

    Database &database() { return *m_db; }
    Accounts &accounts() { return *m_accounts; }
    AuditLog &audit() { return *m_audit; }
    const Router &router() const { return *m_router; }
    // The admin event stream (its connectedClients() feeds the metrics gauge).
    EventStreamHub *eventStream() { return m_stream.get(); }

private:
    void startJobs();

    ServerConfig m_config;
    quint16 m_port = 0;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<Accounts> m_accounts;
    std::unique_ptr<LoginThrottle> m_throttle;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<MarketplaceConfig> m_marketplace;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<EventLog> m_events;
    std::unique_ptr<Members> m_members;
    std::unique_ptr<Services> m_services;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<IdempotencyStore> m_idempotency;
    std::unique_ptr<ApiServer> m_http;
    std::unique_ptr<EventStreamHub> m_stream;
    std::unique_ptr<MaintenanceJobs> m_jobs;
    std::unique_ptr<Observability> m_observability; // outlives m_http and m_jobs (see ~)
};

// Opens and migrates the database named by url (used by start() and by CLI commands).
std::unique_ptr<Database> openAndMigrate(const QString &url, QString *error);

} // namespace skillex::server
