// Admin finance: ledger, statements, payments, refunds, adjustments, reconciliation. Each part
// lives in its own routes file; this one wires them.
#include "server/http/routes/routes.h"

#include "server/domain/payments/payments.h"
#include "server/http/routes/financeroutes.h"

namespace skillex::server {

void registerAdminFinanceRoutes(Router &router, Services &services)
{
    // A Payments service of our own: it keeps no state beyond what it is given, and refunds
    // requested here must not depend on the member payment routes being registered first.
    const PaymentSecrets secrets{services.secrets.stripeWebhook, services.secrets.razorpayWebhook,
                                 services.secrets.razorpayKey};
    Payments &payments = services.keep(
        std::make_shared<Payments>(services.db, services.clock, services.ledger, services.events,
                                   services.audit, services.config, secrets));
    registerAdminLedgerRoutes(router, services);
    registerAdminPaymentListRoutes(router, services, payments);
    registerAdminAdjustmentRoutes(router, services);
    registerAdminReconciliationRoutes(router, services);
}

} // namespace skillex::server
