// Route registration, one function per area, called by the server's composition root.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"

namespace skillex::server {

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

} // namespace skillex::server
