// The table comes from a real ServerInstance (on a throw-away SQLite file, listening on a free
// loopback port for the moment it runs), so it is exactly what `skillex-server` serves.
#include "server/app/routescommand.h"

#include "common/logging.h"
#include "server/app/serverinstance.h"
#include "server/http/httpmessage.h"
#include "server/http/router.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace skillex::server {

namespace {

QString accessName(const Access &access)
{
    switch (access.kind) {
    case Access::Kind::Public:
        return QStringLiteral("public");
    case Access::Kind::SignedIn:
        return QStringLiteral("signed_in");
    case Access::Kind::Staff:
        return QStringLiteral("staff");
    }
    return {};
}

} // namespace

int runRoutes(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    if (!arguments.isEmpty()) {
        err << "usage: skillex-server admin routes\n"
               "Prints one JSON object per line: {method, path, access, permissions, websocket, "
               "appeal_token}\n";
        return 2;
    }
    skillex::logging::Options quiet;
    quiet.level = QStringLiteral("warn"); // the migrations of the throw-away database are noise
    skillex::logging::init(quiet);
    QTemporaryDir dir;
    if (!dir.isValid()) {
        err << "routes: cannot create a temporary folder\n";
        return 1;
    }
    ServerConfig config;
    config.databaseUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("routes.db"));
    config.port = 0;
    config.jwtSecret = QByteArray(32, 'r'); // never used: nothing is signed or served
    config.maintenanceIntervalSeconds = 3600;
    ServerInstance server(config);
    QString error;
    if (!server.start(&error)) {
        err << "routes: " << error << "\n";
        return 1;
    }
    for (const Route &route : server.router().routes()) {
        QJsonObject line{{QStringLiteral("method"), methodName(route.method)},
                         {QStringLiteral("path"), route.pattern},
                         {QStringLiteral("access"), accessName(route.access)},
                         {QStringLiteral("websocket"), route.webSocket}};
        // The routes a suspended or banned member's appeal token opens (POST /api/v1/appeals).
        if (route.access.allowsAppealScope)
            line.insert(QStringLiteral("appeal_token"), true);
        // Any one of these lets a caller in (a member's file: moderation or finance).
        QJsonArray permissions;
        if (route.access.permission)
            permissions.push_back(protocol::permissionName(*route.access.permission));
        for (const protocol::Permission p : route.access.alternatives)
            permissions.push_back(protocol::permissionName(p));
        if (!permissions.isEmpty())
            line.insert(QStringLiteral("permissions"), permissions);
        out << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
    }
    return 0;
}

} // namespace skillex::server
