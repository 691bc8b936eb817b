// Admin users: search and detail.
#include "server/http/routes/routes.h"

namespace skillex::server {

void registerAdminUserRoutes(Router &, Services &)
{
    // Endpoints arrive with the admin API (issue 4).
}

} // namespace skillex::server
