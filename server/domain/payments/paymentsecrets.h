// The payment providers' shared secrets (from the environment; see DOMAIN.md "Payments").
#pragma once

#include <QByteArray>

namespace skillex::server {

struct PaymentSecrets {
    QByteArray stripeWebhook;   // Stripe endpoint secret (whsec_...)
    QByteArray razorpayWebhook; // Razorpay webhook secret
    QByteArray razorpayKey;     // Razorpay key secret (checkout verification)
};

} // namespace skillex::server
