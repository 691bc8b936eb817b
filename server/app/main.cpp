// skillex-server: run the platform backend, or an admin command.
#include "common/logging.h"
#include "protocol/version.h"
#include "server/app/checkledgercommand.h"
#include "server/app/createstaffcommand.h"
#include "server/app/demomarketplace.h"
#include "server/app/demostaff.h"
#include "server/app/maintenancejobs.h"
#include "server/app/quitsignals.h"
#include "server/app/routescommand.h"
#include "server/app/serverconfig.h"
#include "server/app/serverinstance.h"
#include "server/app/simulatecommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

using namespace skillex::server;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("skillex-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Skillex"));
    QCoreApplication::setApplicationVersion(
        QString::fromLatin1(skillex::protocol::kProductVersion));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    // Before anything can announce readiness: a SIGTERM right after "listening on" must quit
    // cleanly.
    quitOnTerminationSignals();

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.value(0) == QStringLiteral("--help") || args.value(0) == QStringLiteral("-h")) {
        out << serverUsage();
        return 0;
    }
    if (args.value(0) == QStringLiteral("--version")) {
        out << "skillex-server " << skillex::protocol::kProductVersion << "\n";
        return 0;
    }
    if (args.value(0) == QStringLiteral("simulate"))
        return runSimulate(args.mid(1), out, err);
    if (args.value(0) == QStringLiteral("admin")) {
        if (args.value(1) == QStringLiteral("create-staff"))
            return runCreateStaff(args.mid(2), in, out, err);
        if (args.value(1) == QStringLiteral("check-ledger"))
            return runCheckLedger(args.mid(2), out, err);
        if (args.value(1) == QStringLiteral("routes"))
            return runRoutes(args.mid(2), out, err);
        err << "unknown admin command \"" << args.value(1)
            << "\"; known: create-staff, check-ledger, routes\n";
        return 2;
    }

    const auto config = parseServerConfig(args, QProcessEnvironment::systemEnvironment());
    if (!config) {
        err << "skillex-server: " << config.error() << "\n\n" << serverUsage();
        return 2;
    }
    skillex::logging::Options logOptions;
    logOptions.level = config.value().logLevel;
    if (!config.value().dataDir.isEmpty() &&
        QDir().mkpath(config.value().dataDir + QStringLiteral("/logs")))
        logOptions.fileName = config.value().dataDir + QStringLiteral("/logs/server.log");
    skillex::logging::init(logOptions);

    ServerInstance server(config.value());
    QString error;
    if (!server.start(&error)) {
        err << "skillex-server: " << error << "\n";
        return 1;
    }
    // Declared after the server so that it stops first.
    std::unique_ptr<MaintenanceJobs> liveDemo;
    if (config.value().demo) {
        QString printed;
        ensureDemoStaff(server.database(), server.accounts(), server.audit(),
                        config.value().dataDir, server.baseUrl(), &printed, &error);
        if (!error.isEmpty()) {
            err << "skillex-server: " << error << "\n";
            return 1;
        }
        // Passwords go to stderr: stdout carries exactly one line, "listening on", for scripts.
        err << printed;
        err.flush();
        const PaymentSecrets secrets{config.value().stripeWebhookSecret,
                                     config.value().razorpayWebhookSecret,
                                     config.value().razorpayKeySecret};
        if (!buildDemoHistoryIfEmpty(server.database(), secrets, err, &error)) {
            err << "skillex-server: " << error << "\n";
            return 1;
        }
        liveDemo = startLiveDemo(server.database(), secrets);
    }
    // The one line that scripts and the console wait for.
    out << "listening on " << server.baseUrl() << "\n";
    out.flush();
    return QCoreApplication::exec();
}
