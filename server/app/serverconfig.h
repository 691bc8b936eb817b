// Server settings from the command line and SKILLEX_* environment variables.
#pragma once

#include "protocol/decode.h"
#include "server/http/stream/streamsettings.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace skillex::server {

struct ServerConfig {
    QString databaseUrl;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    QString dataDir;
    bool demo = false;
    QString logLevel = QStringLiteral("info");
    int threads = 0;                      // 0: chosen from the dialect and the cores
    int maintenanceIntervalSeconds = 600; // credit expiry and other periodic jobs
    StreamSettings stream;                // the admin event stream (SKILLEX_STREAM_*)

    // Secrets: from the environment only (never the command line, which `ps` shows).
    QByteArray jwtSecret;
    QByteArray stripeWebhookSecret;
    QByteArray razorpayWebhookSecret;
    QByteArray razorpayKeySecret;
};

// Reads arguments (without the program name) over the environment; the command line wins.
// In demo mode, missing settings get demo defaults and missing secrets are generated into
// the data folder; outside demo mode a missing JWT secret is an error.
protocol::Decoded<ServerConfig> parseServerConfig(const QStringList &arguments,
                                                  const QProcessEnvironment &env);

QString serverUsage();

} // namespace skillex::server
