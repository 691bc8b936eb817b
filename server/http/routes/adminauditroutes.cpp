// Admin audit log: list with filters, verify the hash chain.
#include "server/http/routes/routes.h"

namespace skillex::server {

void registerAdminAuditRoutes(Router &, Services &)
{
    // Endpoints arrive with the admin API (issue 4).
}

} // namespace skillex::server
