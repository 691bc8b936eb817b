// Admin cases: queue, detail, state moves, actions on the ladder, appeals, ban approvals.
#include "server/http/routes/routes.h"

namespace skillex::server {

void registerAdminCaseRoutes(Router &, Services &)
{
    // Endpoints arrive with the admin API (issue 4).
}

} // namespace skillex::server
