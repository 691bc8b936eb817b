// Settings precedence: command line, then environment, then defaults (demo defaults in --demo).
#include "server/app/serverconfig.h"

#include "server/app/secrets.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

namespace skillex::server {
namespace {

QList<QCommandLineOption> options()
{
    return {
        {QStringLiteral("db"),
         QStringLiteral(
             "Database: sqlite:PATH or postgres://user:password@host:port/name (SKILLEX_DB)."),
         QStringLiteral("url")},
        {QStringLiteral("host"),
         QStringLiteral("Address to listen on (SKILLEX_HOST, default 127.0.0.1)."),
         QStringLiteral("address")},
        {QStringLiteral("port"),
         QStringLiteral("Port to listen on; 0 picks a free one (SKILLEX_PORT, default 8080)."),
         QStringLiteral("port")},
        {QStringLiteral("data-dir"),
         QStringLiteral(
             "Folder for logs, and in demo mode the database and secrets (SKILLEX_DATA_DIR)."),
         QStringLiteral("dir")},
        {QStringLiteral("demo"),
         QStringLiteral(
             "Demo mode: SQLite in the data folder, generated secrets, demo staff accounts.")},
        {QStringLiteral("log-level"),
         QStringLiteral("trace, debug, info, warn or error (SKILLEX_LOG_LEVEL)."),
         QStringLiteral("level")},
        {QStringLiteral("threads"), QStringLiteral("Request worker threads (SKILLEX_THREADS)."),
         QStringLiteral("n")},
        {QStringLiteral("maintenance-interval"),
         QStringLiteral("Seconds between periodic jobs such as credit expiry "
                        "(SKILLEX_MAINTENANCE_INTERVAL, default 600)."),
         QStringLiteral("seconds")},
    };
}

QString pick(const QCommandLineParser &parser, const QString &option,
             const QProcessEnvironment &env, const QString &envName, const QString &fallback)
{
    if (parser.isSet(option))
        return parser.value(option);
    return env.value(envName, fallback);
}

} // namespace

QString serverUsage()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("skillex-server: the Skillex platform backend."));
    parser.addOptions(options());
    return parser.helpText() +
           QStringLiteral("\nCommands:\n  admin create-staff --db URL --email E --role R [--role "
                          "R2] [--name N] --password-stdin\n"
                          "\nSecrets come from the environment: SKILLEX_JWT_SECRET (required "
                          "outside demo mode),\n"
                          "SKILLEX_STRIPE_WEBHOOK_SECRET, SKILLEX_RAZORPAY_WEBHOOK_SECRET, "
                          "SKILLEX_RAZORPAY_KEY_SECRET.\n");
}

protocol::Decoded<ServerConfig> parseServerConfig(const QStringList &arguments,
                                                  const QProcessEnvironment &env)
{
    using Result = protocol::Decoded<ServerConfig>;
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("skillex-server")} + arguments))
        return Result::failure(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return Result::failure(QStringLiteral("unexpected argument: ") +
                               parser.positionalArguments().first());

    ServerConfig c;
    c.demo = parser.isSet(QStringLiteral("demo")) ||
             env.value(QStringLiteral("SKILLEX_DEMO")) == QStringLiteral("1");
    c.host = pick(parser, QStringLiteral("host"), env, QStringLiteral("SKILLEX_HOST"), c.host);
    bool ok = false;
    const int port = pick(parser, QStringLiteral("port"), env, QStringLiteral("SKILLEX_PORT"),
                          QStringLiteral("8080"))
                         .toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return Result::failure(QStringLiteral("--port must be a number from 0 to 65535"));
    c.port = static_cast<quint16>(port);
    c.logLevel = pick(parser, QStringLiteral("log-level"), env, QStringLiteral("SKILLEX_LOG_LEVEL"),
                      c.logLevel);
    static const QStringList levels = {QStringLiteral("trace"), QStringLiteral("debug"),
                                       QStringLiteral("info"), QStringLiteral("warn"),
                                       QStringLiteral("error")};
    if (!levels.contains(c.logLevel))
        return Result::failure(QStringLiteral("--log-level must be one of ") +
                               levels.join(QStringLiteral(", ")));
    c.threads = pick(parser, QStringLiteral("threads"), env, QStringLiteral("SKILLEX_THREADS"),
                     QStringLiteral("0"))
                    .toInt(&ok);
    if (!ok || c.threads < 0 || c.threads > 256)
        return Result::failure(QStringLiteral("--threads must be a number from 1 to 256"));
    c.maintenanceIntervalSeconds =
        pick(parser, QStringLiteral("maintenance-interval"), env,
             QStringLiteral("SKILLEX_MAINTENANCE_INTERVAL"), QStringLiteral("600"))
            .toInt(&ok);
    if (!ok || c.maintenanceIntervalSeconds < 1 || c.maintenanceIntervalSeconds > 86400)
        return Result::failure(
            QStringLiteral("--maintenance-interval must be from 1 to 86400 seconds"));

    QString streamError;
    const auto stream = StreamSettings::fromEnvironment(env, &streamError);
    if (!stream)
        return Result::failure(streamError);
    c.stream = *stream;

    c.dataDir =
        pick(parser, QStringLiteral("data-dir"), env, QStringLiteral("SKILLEX_DATA_DIR"), {});
    if (c.demo && c.dataDir.isEmpty())
        c.dataDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                    QStringLiteral("/skillex/demo-server");
    if (!c.dataDir.isEmpty() && !QDir().mkpath(c.dataDir))
        return Result::failure(QStringLiteral("cannot create the data folder ") + c.dataDir);

    c.databaseUrl = pick(parser, QStringLiteral("db"), env, QStringLiteral("SKILLEX_DB"), {});
    if (c.databaseUrl.isEmpty()) {
        if (!c.demo)
            return Result::failure(QStringLiteral(
                "no database: pass --db sqlite:PATH or postgres://..., or set SKILLEX_DB "
                "(or use --demo)"));
        c.databaseUrl =
            QStringLiteral("sqlite:") + QDir(c.dataDir).filePath(QStringLiteral("skillex-demo.db"));
    }

    Secrets secrets;
    secrets.jwt = env.value(QStringLiteral("SKILLEX_JWT_SECRET")).toUtf8();
    secrets.stripeWebhook = env.value(QStringLiteral("SKILLEX_STRIPE_WEBHOOK_SECRET")).toUtf8();
    secrets.razorpayWebhook = env.value(QStringLiteral("SKILLEX_RAZORPAY_WEBHOOK_SECRET")).toUtf8();
    secrets.razorpayKey = env.value(QStringLiteral("SKILLEX_RAZORPAY_KEY_SECRET")).toUtf8();
    if (c.demo) {
        QString error;
        if (!fillMissingFromDataDir(secrets, c.dataDir, &error))
            return Result::failure(error);
    }
    if (secrets.jwt.size() < 32)
        return Result::failure(
            QStringLiteral("SKILLEX_JWT_SECRET must be set to at least 32 characters "
                           "(for example: openssl rand -hex 32)"));
    c.jwtSecret = secrets.jwt;
    c.stripeWebhookSecret = secrets.stripeWebhook;
    c.razorpayWebhookSecret = secrets.razorpayWebhook;
    c.razorpayKeySecret = secrets.razorpayKey;
    return Result::success(c);
}

} // namespace skillex::server
