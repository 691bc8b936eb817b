// Admin taxonomy: create, rename, translate, move, reorder, deprecate, merge.
#include "server/http/routes/routes.h"

namespace skillex::server {

void registerAdminTaxonomyRoutes(Router &, Services &)
{
    // Endpoints arrive with the admin API (issue 4).
}

} // namespace skillex::server
