// Dashboard metrics from daily rollups, and /metrics for operators.
#include "server/http/routes/routes.h"

namespace skillex::server {

void registerMetricsRoutes(Router &, Services &)
{
    // Endpoints arrive with the admin API (issue 4).
}

} // namespace skillex::server
