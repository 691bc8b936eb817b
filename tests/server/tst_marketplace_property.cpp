// Marketplace property test: a seeded random run of 10,000 operations through the real domain
// services (sign-ups with referrals, checkouts captured by signed Stripe and Razorpay webhooks,
// duplicate and out-of-order deliveries, failed payments, staff and provider-side refunds,
// offers, bookings including refused ones, early and late cancellations, teacher cancellations,
// completions, no-shows, expiry), checking the five ledger invariants, the lots, and an
// independent model of every wallet after every step.
// SKILLEX_TEST_SEED=N replays a run; SKILLEX_LEDGER_STEPS=N changes its length.
#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/passwordhasher.h"
#include "server/domain/clock.h"
#include "server/domain/domainerror.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/ledger/ledgercheck.h"
#include "server/domain/marketplaceconfig.h"
#include "server/domain/members/members.h"
#include "server/domain/payments/payments.h"
#include "server/domain/payments/webhookinbox.h"
#include "server/domain/sessions/sessions.h"
#include "server/sim/razorpaysimulator.h"
#include "server/sim/stripesimulator.h"
#include "server/storage/database.h"
#include "server/storage/migrator.h"
#include "server/storage/sqlquery.h"
#include "tests/testutils/testdatabase.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace skillex::server;
using skillex::sim::RazorpaySimulator;
using skillex::sim::SignedWebhook;
using skillex::sim::StripeSimulator;
using skillex::testutils::TestDatabase;

namespace {

class SteppedClock final : public Clock {
public:
    qint64 now = 1'767'225'600'000; // 2026-01-01
    qint64 nowMs() const override { return now; }
};

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr int kPoolSize = 30;

struct Member {
    qint64 id = 0;
    QString referralCode;
};

// A captured purchase, as the test remembers it (the domain's own copy is in the database).
struct Purchase {
    Payment payment;
    QString payId; // Razorpay's payment id
    QString provider;
    SignedWebhook capture;
    qint64 refundedMinor = 0;
};

struct LiveBooking {
    qint64 id = 0;
    qint64 learner = 0;
};

struct LiveSession {
    qint64 id = 0;
    qint64 teacher = 0;
    qint64 startsAt = 0;
    qint64 price = 0;
    QList<LiveBooking> booked;
};

const QStringList kOperations = {
    QStringLiteral("sign-up"),         QStringLiteral("referral sign-up"),
    QStringLiteral("purchase"),        QStringLiteral("duplicate delivery"),
    QStringLiteral("late failure"),    QStringLiteral("failed payment"),
    QStringLiteral("staff refund"),    QStringLiteral("provider refund"),
    QStringLiteral("offer"),           QStringLiteral("book"),
    QStringLiteral("refused booking"), QStringLiteral("early cancel"),
    QStringLiteral("late cancel"),     QStringLiteral("teacher cancel"),
    QStringLiteral("complete"),        QStringLiteral("no-show"),
    QStringLiteral("expiry"),          QStringLiteral("expiry after a year")};

} // namespace

class TestMarketplaceProperty : public QObject {
    Q_OBJECT

    TestDatabase m_database;
    std::unique_ptr<Database> m_db;
    SteppedClock m_clock;
    MarketplaceConfig m_config;
    PaymentSecrets m_secrets{"whsec_property", "rzp_webhook_property", "rzp_key_property"};
    PasswordHasher m_hasher;
    QString m_hash;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<EventLog> m_events;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<Members> m_members;
    std::unique_ptr<Sessions> m_sessions;
    std::unique_ptr<Payments> m_payments;
    std::unique_ptr<WebhookInbox> m_inbox;
    std::unique_ptr<StripeSimulator> m_stripe;
    std::unique_ptr<RazorpaySimulator> m_razorpay;
    qint64 m_staff = 0;
    qint64 m_skill = 0;
    quint32 m_seed = 0;
    int m_serial = 0;

    QList<Member> m_pool;
    // The model: what each wallet should be able to spend, computed without the ledger.
    std::map<qint64, qint64> m_available;
    std::map<qint64, QList<qint64>> m_checkouts; // times of each member's recent checkouts
    QList<Purchase> m_purchases;
    QList<LiveSession> m_live;

    template <typename T>
    static const T &any(QRandomGenerator &rng, const QList<T> &list)
    {
        return list.at(static_cast<int>(rng.bounded(list.size())));
    }

    // Half of the pool buys credits, the other half lives on bonuses, so wallets run short and
    // refused bookings happen.
    const Member &buyer(QRandomGenerator &rng)
    {
        return m_pool.at(static_cast<int>(rng.bounded((m_pool.size() + 1) / 2)) * 2 %
                         m_pool.size());
    }

    WebhookResult deliver(const QString &provider, const SignedWebhook &hook)
    {
        if (provider == QStringLiteral("stripe")) {
            // Stripe's signature carries a timestamp the inbox checks against its clock.
            const SignedWebhook now =
                m_stripe->deliver(hook.body, hook.eventId, m_clock.now / 1000);
            return m_inbox->receiveStripe(now.headers.value("Stripe-Signature"), now.body);
        }
        return m_inbox->receiveRazorpay(hook.headers.value("X-Razorpay-Signature"),
                                        hook.headers.value("X-Razorpay-Event-Id"), hook.body);
    }

    // A checkout under the per-member hourly limit: time moves on when the member hit it.
    Payment checkout(QRandomGenerator &rng, qint64 user, const QString &provider)
    {
        QList<qint64> &times = m_checkouts[user];
        times.removeIf([&](qint64 t) { return t <= m_clock.now - kHour; });
        if (times.size() >= Payments::kMaxCheckoutsPerHour - 1) {
            m_clock.now += kHour + kMinute;
            times.clear();
        }
        QList<QString> ids;
        for (const CreditPackage &p : m_payments->packages())
            if (p.provider == provider)
                ids.push_back(p.id);
        const Payment p = m_payments->checkout(user, any(rng, ids), provider);
        times.push_back(m_clock.now);
        return p;
    }

    SignedWebhook captured(const Payment &p, const QString &payId)
    {
        return p.provider == QStringLiteral("stripe")
                   ? m_stripe->paymentSucceeded(p.providerOrderId, p.amountMinor,
                                                p.currency.toLower())
                   : m_razorpay->paymentCaptured(p.providerOrderId, payId, p.amountMinor,
                                                 p.currency);
    }

    SignedWebhook failed(const Payment &p, const QString &payId)
    {
        return p.provider == QStringLiteral("stripe")
                   ? m_stripe->paymentFailed(p.providerOrderId, p.amountMinor, p.currency.toLower())
                   : m_razorpay->paymentFailed(p.providerOrderId, payId, p.amountMinor, p.currency);
    }

    SignedWebhook refunded(const Purchase &pu, qint64 deltaMinor, qint64 totalMinor)
    {
        const Payment &p = pu.payment;
        return p.provider == QStringLiteral("stripe")
                   ? m_stripe->chargeRefunded(p.providerOrderId, p.amountMinor, totalMinor,
                                              p.currency.toLower())
                   : m_razorpay->refundProcessed(p.providerOrderId, pu.payId, p.amountMinor,
                                                 deltaMinor, totalMinor, p.currency);
    }

    qint64 lotRemaining(const Payment &p)
    {
        const auto lot = m_db->read(
            [&](QSqlDatabase &db) { return m_ledger->lotOfTransfer(db, p.purchaseTransferId()); });
        return lot ? lot->remaining : -1;
    }

    QString signUp(QRandomGenerator &rng)
    {
        Registration r;
        r.name = QStringLiteral("Member %1").arg(++m_serial);
        r.email = QStringLiteral("member%1@property.test").arg(m_serial);
        r.password = QStringLiteral("property-test-password");
        r.precomputedPasswordHash = m_hash;
        std::optional<qint64> referrer;
        if (!m_pool.isEmpty() && rng.bounded(2) == 0) {
            const Member &m = any(rng, m_pool);
            r.referralCode = m.referralCode;
            referrer = m.id;
        }
        const RegisteredMember registered = m_members->registerMember(r);
        m_pool.push_back({registered.id, registered.referralCode});
        m_available[registered.id] += m_config.starterBonus;
        if (referrer) {
            m_available[registered.id] += m_config.referralBonus;
            m_available[*referrer] += m_config.referralBonus;
            return QStringLiteral("referral sign-up");
        }
        return QStringLiteral("sign-up");
    }

    QString purchase(QRandomGenerator &rng)
    {
        const qint64 user = buyer(rng).id;
        const QString provider =
            rng.bounded(2) ? QStringLiteral("stripe") : QStringLiteral("razorpay");
        const Payment p = checkout(rng, user, provider);
        const QString payId = m_razorpay->newId(QStringLiteral("pay_"));
        const SignedWebhook hook = captured(p, payId);
        const WebhookResult r = deliver(provider, hook);
        if (r.outcome != QStringLiteral("captured"))
            return QStringLiteral("a capture was answered ") + r.outcome;
        m_available[user] += p.credits;
        m_purchases.push_back({p, payId, provider, hook, 0});
        return QStringLiteral("purchase");
    }

    QString failedPayment(QRandomGenerator &rng)
    {
        const qint64 user = buyer(rng).id;
        const QString provider =
            rng.bounded(2) ? QStringLiteral("stripe") : QStringLiteral("razorpay");
        const Payment p = checkout(rng, user, provider);
        const QString payId = m_razorpay->newId(QStringLiteral("pay_"));
        const WebhookResult r = deliver(provider, failed(p, payId));
        if (r.outcome != QStringLiteral("failed"))
            return QStringLiteral("a failure was answered ") + r.outcome;
        if (rng.bounded(2) == 0) { // another card, which works: credited once
            const SignedWebhook hook = captured(p, payId);
            const WebhookResult again = deliver(provider, hook);
            if (again.outcome != QStringLiteral("captured"))
                return QStringLiteral("a capture after a failure was answered ") + again.outcome;
            m_available[user] += p.credits;
            m_purchases.push_back({p, payId, provider, hook, 0});
        }
        return QStringLiteral("failed payment");
    }

    QString duplicateDelivery(QRandomGenerator &rng)
    {
        if (m_purchases.isEmpty())
            return {};
        const Purchase &pu = any(rng, m_purchases);
        const WebhookResult r = deliver(pu.provider, pu.capture);
        if (r.outcome != QStringLiteral("duplicate"))
            return QStringLiteral("a duplicate capture was answered ") + r.outcome;
        return QStringLiteral("duplicate delivery");
    }

    QString lateFailure(QRandomGenerator &rng)
    {
        if (m_purchases.isEmpty())
            return {};
        const Purchase &pu = any(rng, m_purchases);
        const WebhookResult r = deliver(pu.provider, failed(pu.payment, pu.payId));
        if (r.outcome != QStringLiteral("ignored_after_capture"))
            return QStringLiteral("a failure after the capture was answered ") + r.outcome;
        return QStringLiteral("late failure");
    }

    // Finance asks for a refund of some credits; the provider's webhook completes it. Asking
    // for more than the lot holds is refused and changes nothing.
    QString staffRefund(QRandomGenerator &rng)
    {
        if (m_purchases.isEmpty())
            return {};
        const int index = static_cast<int>(rng.bounded(m_purchases.size()));
        Purchase &pu = m_purchases[index];
        const Payment &p = pu.payment;
        if (pu.refundedMinor >= p.amountMinor)
            return {};
        const qint64 left = lotRemaining(p);
        const qint64 asked = 1 + static_cast<qint64>(rng.bounded(int(std::max<qint64>(left, 1)) +
                                                                 (rng.bounded(4) == 0 ? 50 : 0)));
        std::optional<RefundRequest> request;
        try {
            request =
                m_payments->requestRefund(p.id, asked, QStringLiteral("property test"), m_staff);
        } catch (const DomainError &e) {
            const qint64 amount =
                std::min(asked * p.amountMinor / p.credits, p.amountMinor - pu.refundedMinor);
            if (asked <= left && amount > 0)
                return QStringLiteral("a refund within the lot was refused: ") + e.problem().detail;
            return QStringLiteral("staff refund");
        }
        if (asked > left)
            return QStringLiteral("a refund larger than the lot's remainder was accepted");
        const qint64 total = pu.refundedMinor + request->amountMinor;
        const WebhookResult r = deliver(pu.provider, refunded(pu, request->amountMinor, total));
        if (r.outcome != QStringLiteral("refunded"))
            return QStringLiteral("a requested refund was answered ") + r.outcome;
        pu.refundedMinor = total;
        m_available[p.userId] -= asked;
        return QStringLiteral("staff refund");
    }

    // Refunded at the provider (its dashboard, a dispute): the credits for the money, rounded
    // up, but never more than is left of the purchase's lot.
    QString providerRefund(QRandomGenerator &rng)
    {
        if (m_purchases.isEmpty())
            return {};
        const int index = static_cast<int>(rng.bounded(m_purchases.size()));
        Purchase &pu = m_purchases[index];
        const Payment &p = pu.payment;
        if (pu.refundedMinor >= p.amountMinor)
            return {};
        const qint64 left = lotRemaining(p);
        const qint64 delta =
            1 + static_cast<qint64>(rng.bounded(int(p.amountMinor - pu.refundedMinor)));
        const qint64 total = pu.refundedMinor + delta;
        const auto creditsFor = [&p](qint64 minor) {
            return (minor * p.credits + p.amountMinor - 1) / p.amountMinor;
        };
        const qint64 taken =
            std::min(creditsFor(total) - creditsFor(pu.refundedMinor), std::max<qint64>(left, 0));
        const WebhookResult r = deliver(pu.provider, refunded(pu, delta, total));
        if (r.outcome != QStringLiteral("refunded"))
            return QStringLiteral("a provider refund was answered ") + r.outcome;
        pu.refundedMinor = total;
        m_available[p.userId] -= taken;
        return QStringLiteral("provider refund");
    }

    QString offer(QRandomGenerator &rng)
    {
        const qint64 teacher = any(rng, m_pool).id;
        SessionOffer o;
        o.skillId = m_skill;
        // On the hour, two hours to six days ahead.
        o.startsAt = (m_clock.now / kHour + 2 + static_cast<qint64>(rng.bounded(6 * 24))) * kHour;
        o.durationMinutes = 60;
        o.capacity = rng.bounded(4) == 0 ? 3 : 1;
        o.title = QStringLiteral("Lesson");
        try {
            const Session s = m_sessions->offer(teacher, o);
            m_live.push_back({s.id, teacher, s.startsAt, s.price, {}});
        } catch (const DomainError &) { // the teacher teaches then already
        }
        return QStringLiteral("offer");
    }

    // Books a seat; a wallet that is short must be refused and lose nothing.
    QString book(QRandomGenerator &rng, bool shortWallet)
    {
        QList<qint64> candidates;
        if (shortWallet) {
            for (const Member &m : m_pool)
                if (m_available[m.id] < m_config.defaultPrice)
                    candidates.push_back(m.id);
            if (candidates.isEmpty())
                return {};
        }
        QList<int> open;
        for (int i = 0; i < m_live.size(); ++i)
            if (m_live[i].startsAt > m_clock.now)
                open.push_back(i);
        if (open.isEmpty())
            return {};
        LiveSession &s = m_live[any(rng, open)];
        qint64 learner = shortWallet ? any(rng, candidates) : any(rng, m_pool).id;
        if (!shortWallet && m_available[learner] < s.price) { // mostly someone who can pay
            const Member &other = any(rng, m_pool);
            if (m_available[other.id] >= s.price)
                learner = other.id;
        }
        if (learner == s.teacher)
            return {};
        const bool affordable = m_available[learner] >= s.price;
        try {
            const Booking b = m_sessions->book(s.id, learner);
            if (!affordable)
                return QStringLiteral("a booking without enough credits was accepted");
            m_available[learner] -= s.price;
            s.booked.push_back({b.id, learner});
        } catch (const DomainError &e) {
            // Other refusals (a clash in the learner's calendar, a full session) come before
            // the wallet is looked at; the model check after the step shows nothing moved.
            const bool shortRefusal =
                e.problem().type == skillex::protocol::problemtype::kInsufficientCredits;
            if (affordable && shortRefusal)
                return QStringLiteral("a wallet with enough credits was refused");
            if (shortRefusal)
                return QStringLiteral("refused booking");
        }
        return QStringLiteral("book");
    }

    // A learner cancels: early gets everything back, late pays the teacher the late share.
    QString cancel(QRandomGenerator &rng, bool late)
    {
        QList<int> open;
        for (int i = 0; i < m_live.size(); ++i)
            if (!m_live[i].booked.isEmpty() &&
                m_live[i].startsAt - m_clock.now > (late ? 0 : m_config.lateCancelHours * kHour))
                open.push_back(i);
        if (open.isEmpty())
            return {};
        LiveSession &s = m_live[any(rng, open)];
        if (late && s.startsAt - m_clock.now >= m_config.lateCancelHours * kHour)
            m_clock.now = s.startsAt - (1 + static_cast<qint64>(rng.bounded(23))) * kHour;
        const LiveBooking b = s.booked.takeAt(static_cast<int>(rng.bounded(s.booked.size())));
        m_sessions->cancelBooking(b.id, b.learner);
        const qint64 share = late ? s.price * m_config.lateCancelTeacherPercent / 100 : 0;
        m_available[b.learner] += s.price - share;
        m_available[s.teacher] += share;
        return late ? QStringLiteral("late cancel") : QStringLiteral("early cancel");
    }

    QString teacherCancel(QRandomGenerator &rng)
    {
        QList<int> open;
        for (int i = 0; i < m_live.size(); ++i)
            if (m_live[i].startsAt > m_clock.now)
                open.push_back(i);
        if (open.isEmpty())
            return {};
        const LiveSession s = m_live.takeAt(any(rng, open));
        m_sessions->cancelByTeacher(s.id, s.teacher);
        for (const LiveBooking &b : s.booked)
            m_available[b.learner] += s.price;
        return QStringLiteral("teacher cancel");
    }

    // The price less the fee (rounded down) to the teacher, for each booked learner.
    qint64 payout(qint64 posted) const { return posted - posted * m_config.feePercent / 100; }

    int pickBooked(QRandomGenerator &rng)
    {
        QList<int> withBookings;
        for (int i = 0; i < m_live.size(); ++i)
            if (!m_live[i].booked.isEmpty())
                withBookings.push_back(i);
        return withBookings.isEmpty() ? -1 : any(rng, withBookings);
    }

    QString complete(QRandomGenerator &rng)
    {
        const int i = pickBooked(rng);
        if (i < 0)
            return {};
        const LiveSession s = m_live.takeAt(i);
        m_clock.now =
            std::max(m_clock.now, s.startsAt + static_cast<qint64>(rng.bounded(90)) * kMinute);
        m_sessions->complete(s.id, s.teacher);
        for (int k = 0; k < s.booked.size(); ++k)
            m_available[s.teacher] += payout(s.price);
        return QStringLiteral("complete");
    }

    QString noShow(QRandomGenerator &rng)
    {
        const int i = pickBooked(rng);
        if (i < 0)
            return {};
        LiveSession &s = m_live[i];
        m_clock.now =
            std::max(m_clock.now, s.startsAt + static_cast<qint64>(rng.bounded(90)) * kMinute);
        const LiveBooking b = s.booked.takeAt(static_cast<int>(rng.bounded(s.booked.size())));
        m_sessions->markLearnerNoShow(b.id, s.teacher);
        m_available[s.teacher] += payout(s.price * m_config.learnerNoShowTeacherPercent / 100);
        if (s.booked.isEmpty()) // the last no-show closes the session
            m_live.removeAt(i);
        return QStringLiteral("no-show");
    }

    // Time passes; expired lots go to breakage.
    QString expiry(QRandomGenerator &rng)
    {
        const bool longJump = rng.bounded(10) == 0;
        m_clock.now += longJump ? 366 * kDay + static_cast<qint64>(rng.bounded(30)) * kDay
                                : static_cast<qint64>(rng.bounded(20 * 24)) * kHour;
        std::map<qint64, qint64> expiring;
        m_db->read([&](QSqlDatabase &db) {
            SqlQuery q(db, QStringLiteral("SELECT user_id, SUM(remaining) FROM credit_lots WHERE "
                                          "expires_at <= :now AND remaining > 0 GROUP BY user_id"));
            q.bind(QStringLiteral(":now"), m_clock.now).exec();
            while (q.next())
                expiring[q.int64(0)] = q.int64(1);
        });
        m_db->write([&](QSqlDatabase &tx) { m_ledger->expireLots(tx, 100000); });
        for (const auto &[user, amount] : expiring)
            m_available[user] -= amount;
        // Sessions that started without bookings are of no more use to the run.
        m_live.removeIf(
            [&](const LiveSession &s) { return s.booked.isEmpty() && s.startsAt <= m_clock.now; });
        return longJump ? QStringLiteral("expiry after a year") : QStringLiteral("expiry");
    }

    // One random operation; an empty answer means it had nothing to work on (another is
    // drawn). Returns the kind that ran, or what went wrong.
    QString step(QRandomGenerator &rng)
    {
        if (m_pool.size() < 4)
            return signUp(rng);
        for (;;) {
            const int op = static_cast<int>(rng.bounded(100));
            QString what;
            if (op < 3) {
                if (m_pool.size() < kPoolSize)
                    what = signUp(rng);
            } else if (op < 13)
                what = purchase(rng);
            else if (op < 16)
                what = duplicateDelivery(rng);
            else if (op < 18)
                what = lateFailure(rng);
            else if (op < 21)
                what = failedPayment(rng);
            else if (op < 24)
                what = staffRefund(rng);
            else if (op < 26)
                what = providerRefund(rng);
            else if (op < 37)
                what = offer(rng);
            else if (op < 60)
                what = book(rng, false);
            else if (op < 62)
                what = book(rng, true);
            else if (op < 67)
                what = cancel(rng, false);
            else if (op < 71)
                what = cancel(rng, true);
            else if (op < 74)
                what = teacherCancel(rng);
            else if (op < 86)
                what = complete(rng);
            else if (op < 93)
                what = noShow(rng);
            else
                what = expiry(rng);
            if (!what.isEmpty())
                return what;
        }
    }

    QString where(int i, const QString &what) const
    {
        return QStringLiteral("seed %1, step %2 (%3)").arg(m_seed).arg(i).arg(what);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString url = m_database.url();
        QVERIFY2(!url.isEmpty(), qPrintable(m_database.error()));
        m_db = std::make_unique<Database>(DatabaseUrl::parse(url).value());
        Migrator(*m_db).migrate();
        m_ledger = std::make_unique<Ledger>(m_db->dialect(), m_clock,
                                            LedgerPolicy{m_config.lotLifetimeMs});
        m_events = std::make_unique<EventLog>(*m_db, m_clock);
        m_audit = std::make_unique<AuditLog>(*m_db, m_clock);
        m_members =
            std::make_unique<Members>(*m_db, m_clock, m_hasher, *m_ledger, *m_events, m_config);
        m_sessions = std::make_unique<Sessions>(*m_db, m_clock, *m_ledger, *m_events, m_config);
        m_payments = std::make_unique<Payments>(*m_db, m_clock, *m_ledger, *m_events, *m_audit,
                                                m_config, m_secrets);
        m_inbox = std::make_unique<WebhookInbox>(*m_db, m_clock, *m_ledger, *m_events, m_secrets);
        // One argon2id hash for every member: hashing each would dominate the run.
        m_hash = m_hasher.hash(QStringLiteral("property-test-password"));
        m_db->write([&](QSqlDatabase &tx) {
            SqlQuery staff(tx, QStringLiteral("INSERT INTO users (email, name, password_hash, "
                                              "kind, created_at, updated_at) VALUES "
                                              "('finance@property.test', 'Finance', 'x', "
                                              "'staff', 0, 0) RETURNING id"));
            staff.exec();
            m_staff = staff.scalar().value().toLongLong();
            SqlQuery skill(tx, QStringLiteral("SELECT id FROM skills WHERE status = 'active' "
                                              "ORDER BY id LIMIT 1"));
            skill.exec();
            m_skill = skill.scalar().value().toLongLong();
        });
        QVERIFY(m_skill > 0);
        m_seed = qEnvironmentVariableIsSet("SKILLEX_TEST_SEED")
                     ? qEnvironmentVariable("SKILLEX_TEST_SEED").toUInt()
                     : QRandomGenerator::global()->generate();
        // The simulators' ids follow the seed too, so a replay sends the same bodies.
        m_stripe = std::make_unique<StripeSimulator>(m_secrets.stripeWebhook, m_seed);
        m_razorpay = std::make_unique<RazorpaySimulator>(m_secrets.razorpayWebhook,
                                                         m_secrets.razorpayKey, m_seed + 1);
        qInfo("marketplace property test on %s, seed %u (replay with SKILLEX_TEST_SEED=%u)",
              qPrintable(m_database.backendName()), m_seed, m_seed);
    }

    void randomOperationsKeepEveryInvariant()
    {
        QRandomGenerator rng(m_seed);
        const int steps = qEnvironmentVariableIsSet("SKILLEX_LEDGER_STEPS")
                              ? qEnvironmentVariable("SKILLEX_LEDGER_STEPS").toInt()
                              : 10000;
        LedgerChecker checker;
        QElapsedTimer timer;
        timer.start();
        std::map<QString, int> counts;
        for (int i = 1; i <= steps; ++i) {
            QString what;
            try {
                what = step(rng);
            } catch (const DomainError &e) {
                what = QStringLiteral("unexpected refusal: %1 (%2)")
                           .arg(e.problem().title, e.problem().detail);
            }
            QVERIFY2(kOperations.contains(what), qPrintable(where(i, what)));
            ++counts[what];
            const auto check = m_db->read([&](QSqlDatabase &db) { return checker.check(db); });
            for (const auto &inv : check.invariants)
                QVERIFY2(inv.ok, qPrintable(where(i, what) + QStringLiteral(": invariant %1 "
                                                                            "broken: %2")
                                                                 .arg(inv.number)
                                                                 .arg(inv.detail)));
            const auto lots =
                m_db->read([&](QSqlDatabase &db) { return checkLotsMatchWallets(db); });
            QVERIFY2(lots.ok, qPrintable(where(i, what) + QStringLiteral(": ") + lots.detail));
            const auto actual = m_db->read([](QSqlDatabase &db) {
                std::map<qint64, qint64> spendable;
                SqlQuery q(
                    db, QStringLiteral("SELECT user_id, credits_posted - debits_posted - "
                                       "debits_pending FROM ledger_accounts WHERE kind = 'user'"));
                q.exec();
                while (q.next())
                    spendable[q.int64(0)] = q.int64(1);
                return spendable;
            });
            for (const auto &[user, expected] : m_available) {
                const qint64 got = actual.count(user) ? actual.at(user) : 0;
                QVERIFY2(got == expected,
                         qPrintable(where(i, what) +
                                    QStringLiteral(": user %1 can spend %2, the model says %3")
                                        .arg(user)
                                        .arg(got)
                                        .arg(expected)));
            }
        }
        // A from-scratch check agrees with the incremental one at the end.
        const auto full = m_db->read([&](QSqlDatabase &db) { return checkLedger(db); });
        QVERIFY2(full.ok, qPrintable(QStringLiteral("seed %1: full check failed").arg(m_seed)));
        QString summary;
        for (const auto &[name, n] : counts)
            summary += QStringLiteral("%1 %2, ").arg(name).arg(n);
        qInfo("%d steps in %lld ms: %s%lld transfers", steps, timer.elapsed(), qPrintable(summary),
              full.transfersChecked);
        // Every kind of operation ran, so the run exercised what it claims to.
        for (const QString &op : kOperations)
            QVERIFY2(
                counts.count(op),
                qPrintable(
                    QStringLiteral("seed %1: no %2 in %3 steps").arg(m_seed).arg(op).arg(steps)));
    }
};

QTEST_GUILESS_MAIN(TestMarketplaceProperty)
#include "tst_marketplace_property.moc"
