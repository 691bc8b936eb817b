// Builds a realistic marketplace history by calling the domain services (never raw inserts
// that skip rules), then keeps it going live: sign-ups with referrals, skills, purchases
// through signed webhooks (with duplicated, reordered and failed deliveries), sessions and
// bookings, cancellations and no-shows, reviews, chat (some of it abusive), reports across
// every category, and credit expiry.
#pragma once

#include "server/domain/marketplaceconfig.h"
#include "server/domain/payments/paymentsecrets.h"
#include "server/sim/simclock.h"
#include "server/storage/database.h"

#include <QRandomGenerator>
#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace skillex::sim {

struct SimulationOptions {
    int members = 5000;
    int days = 30;
    quint32 seed = 1;
};

struct SimulationSummary {
    std::map<QString, int> counts; // what happened, by kind ("members", "bookings", ...)
    qint64 elapsedMs = 0;
    QString text() const;
};

class MarketplaceSimulator {
public:
    // progress is called after each simulated day with the days done, all days, and the tally.
    using Progress = std::function<void(int day, int days, const SimulationSummary &)>;
    MarketplaceSimulator(server::Database &db, server::PaymentSecrets secrets,
                         SimulationOptions options, Progress progress = {});
    ~MarketplaceSimulator();

    // Builds options.days of history ending now. Each simulated hour is one transaction.
    SimulationSummary buildHistory();
    // One tick of live activity at the wall clock: about `actions` random things happen.
    void liveTick(int actions);

    const SimulationSummary &summary() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// The password every simulated member signs in with (the demo prints it).
QString simulatedMemberPassword();

} // namespace skillex::sim
