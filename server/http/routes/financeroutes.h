// The admin finance area's route files and the query and header helpers they share.
#pragma once

#include "server/domain/finance/adjustments.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"
#include "server/http/router.h"
#include "server/http/services.h"

#include <QStringList>

#include <optional>

namespace skillex::server {

class Payments;

void registerAdminLedgerRoutes(Router &router, Services &services);
void registerAdminPaymentListRoutes(Router &router, Services &services, Payments &payments);
void registerAdminAdjustmentRoutes(Router &router, Services &services);
void registerAdminReconciliationRoutes(Router &router, Services &services);

namespace financeparams {
// 400 validation naming the query parameter.
[[noreturn]] void invalid(const QString &name, const QString &why);
// An ISO 8601 timestamp parameter in ms since the epoch.
std::optional<qint64> time(const ListQuery &q, const QString &name);
std::optional<qint64> integer(const ListQuery &q, const QString &name, qint64 min, qint64 max);
std::optional<QString> oneOf(const ListQuery &q, const QString &name, const QStringList &allowed);
// The after cursor of a list keyed by a positive id.
std::optional<qint64> idCursor(const ListQuery &q);
// If-Match for a versioned resource: 428 when absent.
IfMatch ifMatch(const RequestContext &ctx, const QString &getPath);
StaffActor actor(const RequestContext &ctx);
} // namespace financeparams

} // namespace skillex::server
