// Admin finance: ledger, statements, payments, refunds, adjustments, reconciliation.
#include "server/http/routes/routes.h"

namespace skillex::server {

void registerAdminFinanceRoutes(Router &, Services &)
{
    // Endpoints arrive with the admin API (issue 4).
}

} // namespace skillex::server
