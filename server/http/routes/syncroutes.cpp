// The console's first sync (snapshot pages) and the live event stream.
#include "server/http/routes/routes.h"

namespace skillex::server {

void registerSyncRoutes(Router &, Services &)
{
    // Endpoints arrive with the admin API (issue 4).
}

} // namespace skillex::server
