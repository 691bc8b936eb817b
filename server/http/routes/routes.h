// Route registration, one function per area, called by the server's composition root.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"

namespace skillex::server {

struct Observability;

void registerHealthRoutes(Router &router, Services &services);
void registerAuthRoutes(Router &router, Services &services);
void registerStaffRoutes(Router &router, Services &services);
void registerMemberAuthRoutes(Router &router, Services &services);
void registerChatRoutes(Router &router, Services &services);
void registerReportRoutes(Router &router, Services &services);
void registerPaymentRoutes(Router &router, Services &services);
void registerWalletRoutes(Router &router, Services &services);
void registerTaxonomyRoutes(Router &router, Services &services);
void registerProfileRoutes(Router &router, Services &services);
void registerSessionRoutes(Router &router, Services &services);
void registerReviewRoutes(Router &router, Services &services);

// The admin API (docs/api.md "Admin"), one function per area.
void registerAdminCaseRoutes(Router &router, Services &services);     // cases, sanctions, appeals
void registerAdminUserRoutes(Router &router, Services &services);     // user search and detail
void registerAdminSessionRoutes(Router &router, Services &services);  // session search, cancel
void registerAdminFinanceRoutes(Router &router, Services &services);  // ledger, payments, money
void registerAdminTaxonomyRoutes(Router &router, Services &services); // taxonomy editing
void registerAdminAuditRoutes(Router &router, Services &services);    // audit log and verify
void registerSyncRoutes(Router &router, Services &services);          // snapshot, event stream
// Dashboards, /metrics and /admin/system; observability also feeds the HTTP server and jobs.
void registerMetricsRoutes(Router &router, Services &services, Observability &observability);

} // namespace skillex::server
