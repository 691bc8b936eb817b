// Admin sessions: search, detail, cancel by moderation.
#include "server/http/routes/routes.h"

namespace skillex::server {

void registerAdminSessionRoutes(Router &, Services &)
{
    // Endpoints arrive with the admin API (issue 4).
}

} // namespace skillex::server
