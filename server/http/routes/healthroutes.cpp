// GET /health: liveness plus what an operator checks first (version, database, migrations).
#include "server/http/routes/routes.h"

#include "protocol/health.h"
#include "protocol/version.h"
#include "server/http/requestcontext.h"
#include "server/storage/migrator.h"

namespace skillex::server {

void registerHealthRoutes(Router &router, Services &services)
{
    router.add(QHttpServerRequest::Method::Get, QStringLiteral("/health"), Access::open(),
               [&services](RequestContext &) {
                   protocol::Health h;
                   h.version = QString::fromLatin1(protocol::kProductVersion);
                   h.database = services.db.url().dialectName();
                   h.databaseReachable = services.db.ping();
                   h.schemaExpected = Migrator::latestLevel();
                   h.schemaLevel = h.databaseReachable ? Migrator(services.db).currentLevel() : 0;
                   h.status = h.databaseReachable && h.schemaLevel == h.schemaExpected
                                  ? QStringLiteral("ok")
                                  : QStringLiteral("degraded");
                   return HttpResponse::json(h.status == QStringLiteral("ok") ? 200 : 503,
                                             h.toJson());
               });
}

} // namespace skillex::server
