// Demo history and live activity, both by the marketplace simulator.
#include "server/app/demomarketplace.h"

#include "server/app/maintenancejobs.h"
#include "server/sim/marketplacesimulator.h"
#include "server/storage/database.h"
#include "server/storage/sqlquery.h"

#include <QLocale>
#include <QRandomGenerator>

namespace skillex::server {

namespace sim_demo {
int demoMembers()
{
    const int n = qEnvironmentVariableIntValue("SKILLEX_DEMO_MEMBERS");
    return n >= 2 ? n : 5000;
}
int demoDays()
{
    const int n = qEnvironmentVariableIntValue("SKILLEX_DEMO_DAYS");
    return n >= 1 ? n : 30;
}
} // namespace sim_demo

bool buildDemoHistoryIfEmpty(Database &db, const PaymentSecrets &secrets, QTextStream &err,
                             QString *error)
{
    const qint64 members = db.read([](QSqlDatabase &c) {
        SqlQuery q(c, QStringLiteral("SELECT COUNT(*) FROM users WHERE kind = 'member'"));
        q.exec();
        return q.scalar().value_or(0).toLongLong();
    });
    if (members > 0)
        return true;
    sim::SimulationOptions options;
    options.members = sim_demo::demoMembers();
    options.days = sim_demo::demoDays();
    options.seed = 20261121;
    err << "progress: 0/" << options.days << " Building " << options.days
        << " days of marketplace history with " << QLocale().toString(options.members)
        << " members (first start only)\n";
    err.flush();
    sim::MarketplaceSimulator simulator(
        db, secrets, options, [&err](int day, int days, const sim::SimulationSummary &s) {
            const auto count = [&](const char *what) {
                const auto it = s.counts.find(QString::fromLatin1(what));
                return QLocale().toString(it == s.counts.end() ? 0 : it->second);
            };
            err << "progress: " << day << "/" << days << " Building marketplace history: day "
                << day << " of " << days << ", " << count("members") << " members, "
                << count("bookings") << " bookings, " << count("reports") << " reports\n";
            err.flush();
        });
    try {
        const auto summary = simulator.buildHistory();
        err << "demo history: " << summary.text() << "\n";
        err.flush();
    } catch (const std::exception &e) {
        *error = QStringLiteral("building the demo history failed: ") + QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

std::unique_ptr<MaintenanceJobs> startLiveDemo(Database &db, const PaymentSecrets &secrets)
{
    sim::SimulationOptions options;
    options.seed = QRandomGenerator::global()->generate();
    auto simulator = std::make_shared<sim::MarketplaceSimulator>(db, secrets, options);
    auto jobs = std::make_unique<MaintenanceJobs>();
    jobs->add({QStringLiteral("live demo"), 2000, [simulator] { simulator->liveTick(2); }});
    jobs->start();
    return jobs;
}

} // namespace skillex::server
