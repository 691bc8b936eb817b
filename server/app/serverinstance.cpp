// Wiring only: every rule lives in domain/, every HTTP concern in http/.
#include "server/app/serverinstance.h"

#include "common/logging.h"
#include "server/app/maintenancejobs.h"
#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/accounts.h"
#include "server/domain/auth/authservice.h"
#include "server/domain/auth/loginthrottle.h"
#include "server/domain/auth/passwordhasher.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/marketplaceconfig.h"
#include "server/domain/members/members.h"
#include "server/domain/moderation/cases.h"
#include "server/domain/moderation/membersanctions.h"
#include "server/http/apiserver.h"
#include "server/http/idempotency.h"
#include "server/http/observability.h"
#include "server/http/router.h"
#include "server/http/routes/routes.h"
#include "server/http/services.h"
#include "server/http/stream/eventstreamhub.h"
#include "server/storage/database.h"
#include "server/storage/migrator.h"

#include <QHostAddress>
#include <QThread>

namespace skillex::server {

std::unique_ptr<Database> openAndMigrate(const QString &url, QString *error)
{
    const auto parsed = DatabaseUrl::parse(url);
    if (!parsed) {
        *error = parsed.error();
        return nullptr;
    }
    auto db = std::make_unique<Database>(parsed.value());
    try {
        db->connection();
        Migrator(*db).migrate();
    } catch (const DbError &e) {
        *error = QString::fromUtf8(e.what());
        return nullptr;
    }
    return db;
}

ServerInstance::ServerInstance(ServerConfig config)
    : m_config(std::move(config))
{}

ServerInstance::~ServerInstance()
{
    // Jobs and the HTTP server (and its pool) go first: nothing may outlive the services.
    m_jobs.reset();
    m_stream.reset(); // its sockets and reader thread before the server and the database
    m_http.reset();
}

QString ServerInstance::baseUrl() const
{
    return QStringLiteral("http://%1:%2").arg(m_config.host).arg(m_port);
}

void ServerInstance::startJobs()
{
    m_jobs = std::make_unique<MaintenanceJobs>();
    m_jobs->setObserver([obs = m_observability.get()](const QString &job, qint64 at, qint64 took,
                                                      bool ok, const QString &error) {
        obs->jobs.record(job, at, took, ok, error);
    });
    // Dashboard rollups: recompute today and any day whose source rows changed (see
    // docs/architecture.md); requests also refresh them when older than a few seconds.
    m_jobs->add(
        {QStringLiteral("metrics rollup"), 5000, [this] { m_observability->rollup->refresh(); }});
    // Credits expire a year after their grant: sweep expired lots to income:breakage in batches.
    m_jobs->add(
        {QStringLiteral("credit expiry"), m_config.maintenanceIntervalSeconds * 1000, [this] {
             qint64 expired = 0;
             qint64 batch = 0;
             do {
                 batch = m_db->write(
                     [this](QSqlDatabase &tx) { return m_ledger->expireLots(tx, 500); });
                 expired += batch;
             } while (batch > 0);
             if (expired > 0)
                 logging::logger("server.jobs")->info("expired {} credits", expired);
         }});
    // Cases waiting in the moderation queue rise with age (the priority's age term).
    m_jobs->add(
        {QStringLiteral("case priorities"), m_config.maintenanceIntervalSeconds * 1000, [this] {
             const int changed =
                 Cases(*m_db, *m_clock, *m_events).recomputePriorities(m_clock->nowMs());
             if (changed > 0)
                 logging::logger("server.jobs")->info("reprioritised {} cases", changed);
         }});
    // Suspensions that ended: the member is active again and their file returns to the queue.
    m_jobs->add(
        {QStringLiteral("suspension end"), m_config.maintenanceIntervalSeconds * 1000, [this] {
             const int ended = endEndedSuspensions(*m_db, *m_clock, *m_ledger, *m_audit, *m_events,
                                                   *m_marketplace);
             if (ended > 0)
                 logging::logger("server.jobs")->info("{} suspensions ended", ended);
         }});
    // Idempotency keys are kept at least 24 hours (API.md), then dropped.
    m_jobs->add({QStringLiteral("idempotency keys"), m_config.maintenanceIntervalSeconds * 1000,
                 [this] { m_idempotency->purgeExpired(); }});
    m_jobs->start();
}

bool ServerInstance::start(QString *error)
{
    auto log = logging::logger("server");
    m_db = openAndMigrate(m_config.databaseUrl, error);
    if (!m_db)
        return false;
    log->info("database {} at schema level {}", logging::str(m_db->url().redacted()),
              Migrator(*m_db).currentLevel());

    m_clock = std::make_unique<SystemClock>();
    m_hasher = std::make_unique<PasswordHasher>();
    m_accounts = std::make_unique<Accounts>(*m_clock, *m_hasher);
    m_throttle = std::make_unique<LoginThrottle>(*m_clock);
    m_audit = std::make_unique<AuditLog>(*m_db, *m_clock);
    m_auth = std::make_unique<AuthService>(*m_db, *m_clock, *m_accounts, *m_throttle, *m_audit,
                                           *m_hasher, AuthSettings{m_config.jwtSecret});
    m_marketplace = std::make_unique<MarketplaceConfig>();
    m_ledger = std::make_unique<Ledger>(m_db->dialect(), *m_clock,
                                        LedgerPolicy{m_marketplace->lotLifetimeMs});
    m_events = std::make_unique<EventLog>(*m_db, *m_clock);
    m_members =
        std::make_unique<Members>(*m_db, *m_clock, *m_hasher, *m_ledger, *m_events, *m_marketplace);
    m_services.reset(
        new Services{*m_db,
                     *m_clock,
                     *m_hasher,
                     *m_accounts,
                     *m_auth,
                     *m_audit,
                     *m_ledger,
                     *m_events,
                     *m_members,
                     *m_marketplace,
                     ProviderSecrets{m_config.stripeWebhookSecret, m_config.razorpayWebhookSecret,
                                     m_config.razorpayKeySecret},
                     {}});
    m_router = std::make_unique<Router>();
    registerHealthRoutes(*m_router, *m_services);
    registerAuthRoutes(*m_router, *m_services);
    registerStaffRoutes(*m_router, *m_services);
    registerMemberAuthRoutes(*m_router, *m_services);
    registerTaxonomyRoutes(*m_router, *m_services);
    registerProfileRoutes(*m_router, *m_services);
    registerPaymentRoutes(*m_router, *m_services);
    registerWalletRoutes(*m_router, *m_services);
    registerChatRoutes(*m_router, *m_services);
    registerReportRoutes(*m_router, *m_services);
    registerSessionRoutes(*m_router, *m_services);
    registerReviewRoutes(*m_router, *m_services);
    registerAdminCaseRoutes(*m_router, *m_services);
    registerAdminUserRoutes(*m_router, *m_services);
    registerAdminSessionRoutes(*m_router, *m_services);
    registerAdminFinanceRoutes(*m_router, *m_services);
    registerAdminTaxonomyRoutes(*m_router, *m_services);
    registerAdminAuditRoutes(*m_router, *m_services);
    m_observability = std::make_unique<Observability>();
    registerMetricsRoutes(*m_router, *m_services, *m_observability);
    registerSyncRoutes(*m_router, *m_services);

    int threads = m_config.threads;
    if (threads == 0)
        threads =
            m_db->dialect() == Dialect::Sqlite ? 4 : std::max(4, QThread::idealThreadCount() * 2);
    m_idempotency = std::make_unique<IdempotencyStore>(*m_db, *m_clock);
    m_http =
        std::make_unique<ApiServer>(*m_router, *m_auth, HttpLimits{}, threads, m_idempotency.get());
    m_http->setMetrics(&m_observability->http);
    m_observability->http.addGauge(QStringLiteral("skillex_database_connections_max"),
                                   QStringLiteral("Request threads, each with its own database "
                                                  "connection (plus one for maintenance jobs)."),
                                   [threads] { return double(threads); });
    QHostAddress address;
    if (!address.setAddress(m_config.host)) {
        *error = QStringLiteral("--host must be an IP address, not \"%1\"").arg(m_config.host);
        return false;
    }
    m_stream = std::make_unique<EventStreamHub>(*m_db, *m_auth, m_config.stream);
    m_stream->attach(*m_http);
    m_observability->http.addGauge(
        kWebSocketClientsGauge, QStringLiteral("Consoles connected to the event stream."),
        [count = m_stream->clientCounter()] { return static_cast<double>(count->load()); });
    m_port = m_http->listen(address, m_config.port);
    if (m_port == 0) {
        *error = QStringLiteral("cannot listen on %1:%2 (in use, or not allowed)")
                     .arg(m_config.host)
                     .arg(m_config.port);
        return false;
    }
    startJobs();
    return true;
}

} // namespace skillex::server
