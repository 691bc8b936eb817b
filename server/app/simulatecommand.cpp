// The payment secrets sign the simulated webhooks and verify them in the same process; the
// environment's are used when set, so a server started later with them sees matching history.
#include "server/app/simulatecommand.h"

#include "server/app/maintenancejobs.h"
#include "server/app/serverinstance.h"
#include "server/sim/marketplacesimulator.h"
#include "server/storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QUuid>

namespace skillex::server {
namespace {

QByteArray secretFrom(const QProcessEnvironment &env, const QString &name)
{
    const QByteArray value = env.value(name).toUtf8();
    return value.isEmpty() ? QUuid::createUuid().toByteArray(QUuid::Id128) : value;
}

} // namespace

int runSimulate(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("db"), QStringLiteral("Database URL (or SKILLEX_DB)."),
         QStringLiteral("url")},
        {QStringLiteral("members"),
         QStringLiteral("Members to sign up over the period (default 5000)."), QStringLiteral("n")},
        {QStringLiteral("days"), QStringLiteral("Days of history ending now (default 30)."),
         QStringLiteral("n")},
        {QStringLiteral("seed"),
         QStringLiteral("Random seed; the same seed makes the same history (default 1)."),
         QStringLiteral("n")},
        {QStringLiteral("live"),
         QStringLiteral("Then keep going: this many actions a second, until interrupted."),
         QStringLiteral("rate")},
    });
    if (!parser.parse(QStringList{QStringLiteral("simulate")} + arguments)) {
        err << "simulate: " << parser.errorText() << "\n";
        return 2;
    }
    const auto env = QProcessEnvironment::systemEnvironment();
    const QString dbUrl = parser.isSet(QStringLiteral("db"))
                              ? parser.value(QStringLiteral("db"))
                              : env.value(QStringLiteral("SKILLEX_DB"));
    sim::SimulationOptions options;
    bool ok = true;
    auto number = [&](const QString &name, int fallback, int lo, int hi) {
        if (!parser.isSet(name))
            return fallback;
        bool good = false;
        const int v = parser.value(name).toInt(&good);
        if (!good || v < lo || v > hi) {
            err << "simulate: --" << name << " must be a whole number from " << lo << " to " << hi
                << "\n";
            ok = false;
        }
        return v;
    };
    options.members = number(QStringLiteral("members"), 5000, 2, 1000000);
    options.days = number(QStringLiteral("days"), 30, 1, 730);
    options.seed =
        static_cast<quint32>(number(QStringLiteral("seed"), 1, 0, std::numeric_limits<int>::max()));
    const int live = number(QStringLiteral("live"), 0, 0, 1000);
    if (!ok)
        return 2;
    if (dbUrl.isEmpty()) {
        err << "usage: skillex-server simulate --db URL [--members N] [--days D] [--seed S] "
               "[--live RATE]\n";
        return 2;
    }
    QString error;
    auto db = openAndMigrate(dbUrl, &error);
    if (!db) {
        err << "simulate: " << error << "\n";
        return 1;
    }
    const PaymentSecrets secrets{secretFrom(env, QStringLiteral("SKILLEX_STRIPE_WEBHOOK_SECRET")),
                                 secretFrom(env, QStringLiteral("SKILLEX_RAZORPAY_WEBHOOK_SECRET")),
                                 secretFrom(env, QStringLiteral("SKILLEX_RAZORPAY_KEY_SECRET"))};
    sim::MarketplaceSimulator simulator(
        *db, secrets, options, [&err](int day, int days, const sim::SimulationSummary &s) {
            err << "simulate: day " << day << "/" << days << ": " << s.text() << "\n";
            err.flush();
        });
    try {
        const auto summary = simulator.buildHistory();
        out << "simulated " << options.days << " days: " << summary.text() << "\n";
        out.flush();
    } catch (const std::exception &e) {
        err << "simulate: " << e.what() << "\n";
        return 1;
    }
    if (live == 0)
        return 0;
    out << "simulating live, " << live << " actions a second; Ctrl+C stops\n";
    out.flush();
    MaintenanceJobs jobs;
    jobs.add({QStringLiteral("live simulation"), 1000,
              [&simulator, live] { simulator.liveTick(live); }});
    jobs.start();
    return QCoreApplication::exec();
}

} // namespace skillex::server
