// One line of a simulated settlement report: a captured payment (or a refund of one) as the
// provider would list it when it settles.
#pragma once

#include <QString>

namespace skillex::sim {

struct SettlementEntry {
    QString orderId;   // what the checkout returned: pi_... (Stripe) or order_... (Razorpay)
    QString paymentId; // the provider's charge or payment: ch_... or pay_...; made up when empty
    qint64 amountMinor = 0;
    QString currency;     // ISO 4217, any case
    qint64 createdAt = 0; // unix seconds
    bool refund = false;  // a refund of amountMinor instead of a charge
};

} // namespace skillex::sim
