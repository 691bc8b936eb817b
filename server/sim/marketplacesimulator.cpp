// The simulator drives the same domain services the API uses, under a clock it moves hour by
// hour. Each simulated hour is one transaction (domain calls nest as savepoints), so a
// refused operation (a short wallet, a full session) rolls back alone, as it would in the API.
#include "server/sim/marketplacesimulator.h"

#include "common/logging.h"
#include "server/domain/audit/auditlog.h"
#include "server/domain/chat/chat.h"
#include "server/domain/domainerror.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/members/members.h"
#include "server/domain/moderation/cases.h"
#include "server/domain/payments/payments.h"
#include "server/domain/payments/webhookinbox.h"
#include "server/domain/profiles/memberskills.h"
#include "server/domain/reviews/reviews.h"
#include "server/domain/sessions/sessions.h"
#include "server/sim/razorpaysimulator.h"
#include "server/sim/simcontent.h"
#include "server/sim/stripesimulator.h"
#include "server/storage/sqlquery.h"

#include <QElapsedTimer>
#include <QLocale>

#include <algorithm>

namespace skillex::sim {

using namespace server;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

const QStringList kAbuseCategories = {QStringLiteral("harassment"),
                                      QStringLiteral("scam"),
                                      QStringLiteral("off_platform_payment"),
                                      QStringLiteral("spam"),
                                      QStringLiteral("inappropriate_content"),
                                      QStringLiteral("impersonation")};

struct SimMember {
    qint64 id = 0;
    QString referralCode;
    bool teacher = false;
    bool abusive = false;
    QList<qint64> teaches;
    QList<qint64> learns;
};

struct DueWebhook {
    qint64 at = 0;
    QString provider;
    SignedWebhook hook;
};

} // namespace

QString simulatedMemberPassword()
{
    return QStringLiteral("skillex-demo-member");
}

QString SimulationSummary::text() const
{
    QStringList parts;
    for (const auto &[name, n] : counts)
        parts << QStringLiteral("%1 %2").arg(QLocale::c().toString(n), name);
    return parts.join(QStringLiteral(", ")) +
           QStringLiteral(" in %1 s").arg(elapsedMs / 1000.0, 0, 'f', 1);
}

struct MarketplaceSimulator::Impl {
    Database &db;
    PaymentSecrets secrets;
    SimulationOptions options;
    MarketplaceSimulator::Progress progress;
    SimClock clock;
    MarketplaceConfig config;
    PasswordHasher hasher;
    QString memberHash;
    Ledger ledger;
    EventLog events;
    AuditLog audit;
    Members members;
    Sessions sessions;
    Reviews reviews;
    Payments payments;
    WebhookInbox inbox;
    Chat chat;
    Cases cases;
    MemberSkills memberSkills;
    StripeSimulator stripe;
    RazorpaySimulator razorpay;
    QRandomGenerator rng;
    QList<SimMember> people;
    QList<std::pair<qint64, QString>> skills; // id, English name
    QList<DueWebhook> dueWebhooks;
    SimulationSummary summary;
    int serial = 0;

    Impl(Database &database, PaymentSecrets s, SimulationOptions o,
         MarketplaceSimulator::Progress p)
        : db(database)
        , secrets(s)
        , options(o)
        , progress(std::move(p))
        , ledger(database.dialect(), clock, LedgerPolicy{config.lotLifetimeMs})
        , events(database, clock)
        , audit(database, clock)
        , members(database, clock, hasher, ledger, events, config)
        , sessions(database, clock, ledger, events, config)
        , reviews(database, clock, events)
        , payments(database, clock, ledger, events, audit, config, s)
        , inbox(database, clock, ledger, events, s)
        , chat(database, clock, events)
        , cases(database, clock, events)
        , memberSkills(database, clock, events)
        , stripe(s.stripeWebhook, o.seed)
        , razorpay(s.razorpayWebhook, s.razorpayKey, o.seed + 1)
        , rng(o.seed)
    {
        // One argon2id hash for every simulated member: hashing thousands would take minutes.
        memberHash = hasher.hash(simulatedMemberPassword());
    }

    bool chance(double p) { return rng.generateDouble() < p; }
    int between(int lo, int hi) { return lo + static_cast<int>(rng.bounded(hi - lo + 1)); }
    template <typename T>
    const T &any(const QList<T> &list)
    {
        return list.at(static_cast<int>(rng.bounded(list.size())));
    }
    void count(const QString &what, int n = 1) { summary.counts[what] += n; }

    // Runs one operation; a refusal by a domain rule is part of life, counted, and forgotten.
    template <typename Fn>
    bool attempt(const QString &what, Fn &&fn)
    {
        try {
            fn();
            return true;
        } catch (const DomainError &) {
            count(QStringLiteral("refused ") + what);
        } catch (const DbError &e) {
            count(QStringLiteral("failed ") + what);
            logging::logger("server.sim")->warn("{} failed: {}", logging::str(what), e.what());
        }
        return false;
    }

    void loadSkills()
    {
        db.read([&](QSqlDatabase &c) {
            SqlQuery q(c,
                       QStringLiteral(
                           "SELECT id, name_en FROM skills WHERE status = 'active' ORDER BY id"));
            q.exec();
            while (q.next())
                skills.push_back({q.int64(0), q.string(1)});
        });
        if (skills.isEmpty())
            throw std::runtime_error("the taxonomy is empty: migrations should have seeded it");
    }

    qint64 available(qint64 user)
    {
        return db.read([&](QSqlDatabase &c) { return ledger.wallet(c, user).available; });
    }

    void signUp()
    {
        const QString name = content::personName(rng);
        Registration r;
        r.name = name;
        r.email = content::emailFor(name, ++serial);
        r.password = simulatedMemberPassword();
        r.precomputedPasswordHash = memberHash;
        if (!people.isEmpty() && chance(0.2))
            r.referralCode = any(people).referralCode;
        SimMember m;
        if (!attempt(QStringLiteral("sign-up"), [&] {
                const auto registered = members.registerMember(r);
                m.id = registered.id;
                m.referralCode = registered.referralCode;
            }))
            return;
        count(QStringLiteral("members"));
        if (r.referralCode)
            count(QStringLiteral("referrals"));
        m.teacher = chance(0.35);
        m.abusive = chance(0.04);
        for (int i = 0, n = m.teacher ? between(1, 3) : 0; i < n; ++i) {
            const qint64 skill = any(skills).first;
            if (attempt(QStringLiteral("skill"), [&] {
                    memberSkills.add(m.id, skill, QStringLiteral("teach"), between(55, 98));
                }))
                m.teaches.push_back(skill);
        }
        for (int i = 0, n = between(1, 2); i < n; ++i) {
            const qint64 skill = any(skills).first;
            if (attempt(QStringLiteral("skill"), [&] {
                    memberSkills.add(m.id, skill, QStringLiteral("learn"), between(0, 40));
                }))
                m.learns.push_back(skill);
        }
        if (chance(0.1)) { // a promo bonus that runs out in ten days: expiry happens within the
                           // history
            attempt(QStringLiteral("promo"), [&] {
                TransferSpec s;
                s.id = QStringLiteral("bonus:promo:%1").arg(m.id);
                s.debit = accounts::kBonusPromo;
                s.credit = accounts::user(m.id);
                s.amount = 20;
                s.code = QStringLiteral("bonus_promo");
                s.refType = QStringLiteral("user");
                s.refId = QString::number(m.id);
                s.lotExpiresAt = clock.nowMs() + 10 * kDay;
                db.write([&](QSqlDatabase &tx) { ledger.post(tx, s); });
            });
        }
        people.push_back(m);
        if (chance(0.25)) // many buy credits straight after signing up
            purchase(people.last());
    }

    void deliver(const QString &provider, const SignedWebhook &hook)
    {
        attempt(QStringLiteral("webhook"), [&] {
            if (provider == QStringLiteral("stripe"))
                inbox.receiveStripe(hook.headers.value("Stripe-Signature"), hook.body);
            else
                inbox.receiveRazorpay(hook.headers.value("X-Razorpay-Signature"),
                                      hook.headers.value("X-Razorpay-Event-Id"), hook.body);
        });
        count(QStringLiteral("webhook deliveries"));
    }

    // Stripe signs with a timestamp the server checks against its clock: sign at sim time.
    SignedWebhook atSimTime(const QString &provider, const SignedWebhook &hook)
    {
        if (provider != QStringLiteral("stripe"))
            return hook;
        return stripe.deliver(hook.body, hook.eventId, clock.nowMs() / 1000);
    }

    void purchase(const SimMember &m)
    {
        const QString provider =
            chance(0.7) ? QStringLiteral("stripe") : QStringLiteral("razorpay");
        const int size = chance(0.6) ? 100 : chance(0.75) ? 500 : 1000;
        Payment p;
        if (!attempt(QStringLiteral("checkout"), [&] {
                p = payments.checkout(m.id, QStringLiteral("%1-%2").arg(provider).arg(size),
                                      provider);
            }))
            return;
        count(QStringLiteral("checkouts"));
        const QString currency = p.currency.toLower();
        const QString payId = QStringLiteral("pay_") + stripe.newId(QString()).right(14);
        auto captured = [&] {
            return provider == QStringLiteral("stripe")
                       ? stripe.paymentSucceeded(p.providerOrderId, p.amountMinor, currency)
                       : razorpay.paymentCaptured(p.providerOrderId, payId, p.amountMinor,
                                                  p.currency);
        };
        auto failed = [&] {
            return provider == QStringLiteral("stripe")
                       ? stripe.paymentFailed(p.providerOrderId, p.amountMinor, currency)
                       : razorpay.paymentFailed(p.providerOrderId, payId, p.amountMinor,
                                                p.currency);
        };
        const double roll = rng.generateDouble();
        if (roll < 0.88) {
            const SignedWebhook hook = atSimTime(provider, captured());
            deliver(provider, hook);
            count(QStringLiteral("purchases"));
            if (chance(0.1)) { // the provider delivers the same event again
                deliver(provider, atSimTime(provider, hook));
                count(QStringLiteral("duplicate deliveries"));
            }
            if (chance(0.05)) { // a stale "failed" arrives later, out of order
                dueWebhooks.push_back({clock.nowMs() + between(1, 3) * kHour, provider, failed()});
                count(QStringLiteral("reordered deliveries"));
            }
            if (chance(0.01)) { // a provider-side refund of part of it, days later
                const qint64 refund = p.amountMinor / 2;
                dueWebhooks.push_back(
                    {clock.nowMs() + between(24, 96) * kHour, provider,
                     provider == QStringLiteral("stripe")
                         ? stripe.chargeRefunded(p.providerOrderId, p.amountMinor, refund, currency)
                         : razorpay.refundProcessed(p.providerOrderId, payId, p.amountMinor, refund,
                                                    refund, p.currency)});
                count(QStringLiteral("refunds"));
            }
        } else if (roll < 0.96) {
            deliver(provider, atSimTime(provider, failed()));
            count(QStringLiteral("failed payments"));
            if (chance(0.5)) { // another card, a little later
                dueWebhooks.push_back(
                    {clock.nowMs() + between(1, 2) * kHour, provider, captured()});
                count(QStringLiteral("purchases"));
            }
        } else {
            count(QStringLiteral("abandoned checkouts"));
        }
    }

    void deliverDueWebhooks()
    {
        QList<DueWebhook> later;
        for (const DueWebhook &w : dueWebhooks) {
            if (w.at <= clock.nowMs())
                deliver(w.provider, atSimTime(w.provider, w.hook));
            else
                later.push_back(w);
        }
        dueWebhooks = later;
    }

    void offer(const SimMember &teacher)
    {
        const qint64 skill = teacher.teaches.isEmpty() ? any(skills).first : any(teacher.teaches);
        SessionOffer o;
        o.skillId = skill;
        // A whole hour between 07:00 and 20:00 UTC, one to six days ahead.
        const qint64 day = (clock.nowMs() / kDay + between(1, 6)) * kDay;
        o.startsAt = day + between(7, 20) * kHour;
        o.durationMinutes = chance(0.7) ? 60 : chance(0.5) ? 45 : 90;
        o.capacity = chance(0.75) ? 1 : between(2, 6);
        const auto name = std::find_if(skills.begin(), skills.end(),
                                       [&](const auto &s) { return s.first == skill; });
        o.title = content::sessionTitle(rng, name == skills.end() ? QStringLiteral("Skills")
                                                                  : name->second);
        if (attempt(QStringLiteral("offer"), [&] { sessions.offer(teacher.id, o); }))
            count(QStringLiteral("sessions offered"));
    }

    void book(const SimMember &learner)
    {
        const auto candidates = db.read([&](QSqlDatabase &c) {
            SqlQuery q(c, QStringLiteral("SELECT s.id, s.teacher_id FROM sessions s WHERE s.status "
                                         "IN ('scheduled', 'booked') "
                                         "AND s.starts_at > :soon AND s.teacher_id <> :me AND "
                                         "(SELECT COUNT(*) FROM bookings b "
                                         "WHERE b.session_id = s.id AND b.status = 'booked') < "
                                         "s.capacity ORDER BY s.id DESC LIMIT 60"));
            q.bind(QStringLiteral(":soon"), clock.nowMs() + 2 * kHour)
                .bind(QStringLiteral(":me"), learner.id)
                .exec();
            QList<std::pair<qint64, qint64>> out;
            while (q.next())
                out.push_back({q.int64(0), q.int64(1)});
            return out;
        });
        if (candidates.isEmpty())
            return;
        const auto [session, teacher] = any(candidates);
        if (available(learner.id) < 20 && chance(0.8))
            purchase(learner);
        if (!attempt(QStringLiteral("booking"), [&] { sessions.book(session, learner.id); }))
            return;
        count(QStringLiteral("bookings"));
        if (chance(0.4))
            converse(learner.id, teacher, content::friendlyOpening(rng),
                     content::friendlyReply(rng));
    }

    void converse(qint64 from, qint64 to, const QString &first, const QString &reply)
    {
        attempt(QStringLiteral("chat"), [&] {
            const auto conversation = chat.open(from, to).first;
            chat.send(from, conversation.id, first, {});
            count(QStringLiteral("messages"));
            if (!reply.isEmpty()) {
                chat.send(to, conversation.id, reply, {});
                count(QStringLiteral("messages"));
            }
        });
    }

    // Bookings starting soon are sometimes cancelled, by a learner (early or late) or a teacher.
    void cancellations()
    {
        const auto upcoming = db.read([&](QSqlDatabase &c) {
            SqlQuery q(
                c,
                QStringLiteral(
                    "SELECT b.id, b.learner_id, s.id, s.teacher_id FROM bookings b JOIN sessions s "
                    "ON s.id = b.session_id "
                    "WHERE b.status = 'booked' AND s.starts_at > :now AND s.starts_at < :until"));
            q.bind(QStringLiteral(":now"), clock.nowMs())
                .bind(QStringLiteral(":until"), clock.nowMs() + 72 * kHour)
                .exec();
            QList<std::array<qint64, 4>> out;
            while (q.next())
                out.push_back({q.int64(0), q.int64(1), q.int64(2), q.int64(3)});
            return out;
        });
        for (const auto &b : upcoming) {
            if (chance(0.006) && attempt(QStringLiteral("cancellation"),
                                         [&] { sessions.cancelBooking(b[0], b[1]); }))
                count(QStringLiteral("learner cancellations"));
            else if (chance(0.002) && attempt(QStringLiteral("cancellation"),
                                              [&] { sessions.cancelByTeacher(b[2], b[3]); }))
                count(QStringLiteral("teacher cancellations"));
        }
    }

    // Sessions that have ended are completed, or end in a no-show; unbooked ones are withdrawn.
    void settleEndedSessions()
    {
        const auto ended = db.read([&](QSqlDatabase &c) {
            SqlQuery q(c, QStringLiteral("SELECT id, teacher_id, status, capacity FROM sessions "
                                         "WHERE status IN ('scheduled', 'booked') "
                                         "AND starts_at + duration_minutes * 60000 <= :now"));
            q.bind(QStringLiteral(":now"), clock.nowMs()).exec();
            QList<std::tuple<qint64, qint64, QString, int>> out;
            while (q.next())
                out.push_back({q.int64(0), q.int64(1), q.string(2), static_cast<int>(q.int64(3))});
            return out;
        });
        for (const auto &[id, teacher, status, capacity] : ended) {
            if (status == QStringLiteral("scheduled")) {
                attempt(QStringLiteral("withdraw"), [&] { sessions.cancelByTeacher(id, teacher); });
                continue;
            }
            const auto bookings =
                db.read([&](QSqlDatabase &c) { return sessions.bookingsOf(c, id); });
            if (chance(0.03)) { // the teacher never came: learners report it, the teacher cancels
                                // (full refunds)
                for (const Booking &b : bookings) {
                    if (b.status == QStringLiteral("booked") && chance(0.7))
                        report(b.learnerId, QStringLiteral("session"), id,
                               QStringLiteral("no_show"));
                }
                attempt(QStringLiteral("cancellation"),
                        [&] { sessions.cancelByTeacher(id, teacher); });
                count(QStringLiteral("teacher no-shows"));
                continue;
            }
            for (const Booking &b : bookings) {
                if (b.status == QStringLiteral("booked") && chance(0.04) &&
                    attempt(QStringLiteral("no-show"),
                            [&] { sessions.markLearnerNoShow(b.id, teacher); }))
                    count(QStringLiteral("learner no-shows"));
            }
            if (attempt(QStringLiteral("completion"), [&] { sessions.complete(id, teacher); })) {
                count(QStringLiteral("sessions completed"));
                for (const Booking &b : bookings) {
                    if (b.status == QStringLiteral("booked") && chance(0.6))
                        review(id, b.learnerId, std::nullopt);
                }
                if (capacity == 1 && !bookings.isEmpty() && chance(0.25))
                    review(id, teacher, bookings.first().learnerId);
            }
        }
    }

    void review(qint64 session, qint64 reviewer, std::optional<qint64> reviewee)
    {
        const double roll = rng.generateDouble();
        const int stars = roll < 0.55 ? 5 : roll < 0.85 ? 4 : roll < 0.95 ? 3 : between(1, 2);
        ReviewDraft d;
        d.revieweeId = reviewee;
        d.knowledge = std::clamp(stars + between(-1, 0) + (stars == 5 ? 1 : 0), 1, 5);
        d.communication = stars;
        d.professionalism = std::clamp(stars + between(-1, 1), 1, 5);
        d.body = content::reviewText(rng, stars);
        if (attempt(QStringLiteral("review"), [&] { reviews.create(session, reviewer, d); }))
            count(QStringLiteral("reviews"));
    }

    void report(qint64 reporter, const QString &type, qint64 id, const QString &category)
    {
        ReportDraft draft;
        draft.subject = {type, id};
        draft.category = category;
        draft.description = content::reportDescription(rng, category);
        if (attempt(QStringLiteral("report"), [&] { cases.fileReport(reporter, draft); }))
            count(QStringLiteral("reports"));
    }

    // An abusive member misbehaves; victims and bystanders report it, under every category.
    void misbehave(const SimMember &offender)
    {
        const SimMember &victim = any(people);
        if (victim.id == offender.id)
            return;
        const QString category = any(kAbuseCategories);
        std::optional<qint64> messageId;
        attempt(QStringLiteral("chat"), [&] {
            const auto conversation = chat.open(offender.id, victim.id).first;
            chat.send(offender.id, conversation.id, content::friendlyOpening(rng), {});
            messageId =
                chat.send(offender.id, conversation.id, content::abusiveMessage(rng, category), {})
                    .id;
            count(QStringLiteral("abusive messages"));
        });
        if (!messageId || !chance(0.7))
            return;
        const double roll = rng.generateDouble();
        if (category == QStringLiteral("impersonation") || roll < 0.15)
            report(victim.id, QStringLiteral("user"), offender.id,
                   category == QStringLiteral("impersonation") ? category
                                                               : QStringLiteral("other"));
        else
            report(victim.id, QStringLiteral("message"), *messageId, category);
        if (category == QStringLiteral("spam")) { // spam listings get reported by a third member
            const auto listing = db.read([&](QSqlDatabase &c) {
                SqlQuery q(c, QStringLiteral("SELECT MAX(id) FROM sessions WHERE teacher_id = :t"));
                q.bind(QStringLiteral(":t"), offender.id).exec();
                return q.scalar().value_or(0).toLongLong();
            });
            if (listing > 0)
                report(any(people).id, QStringLiteral("listing"), listing, QStringLiteral("spam"));
        }
        if (chance(0.05)) { // a harsh review gets reported as inappropriate
            const auto reviewId = db.read([&](QSqlDatabase &c) {
                SqlQuery q(c, QStringLiteral("SELECT MAX(id) FROM reviews WHERE reviewer_id = :r"));
                q.bind(QStringLiteral(":r"), offender.id).exec();
                return q.scalar().value_or(0).toLongLong();
            });
            if (reviewId > 0)
                report(victim.id, QStringLiteral("review"), reviewId,
                       QStringLiteral("inappropriate_content"));
        }
    }

    // One simulated hour of activity, scaled to the number of members.
    void hour(int targetMembers)
    {
        while (people.size() < targetMembers)
            signUp();
        deliverDueWebhooks();
        const qint64 hourOfDay = (clock.nowMs() % kDay) / kHour;
        const double daytime = hourOfDay >= 7 && hourOfDay <= 21 ? 1.0 : 0.25;
        const int active = std::max(1, static_cast<int>(people.size() * 0.012 * daytime));
        for (int i = 0; i < active; ++i) {
            const SimMember &m = any(people);
            book(m);
            if (m.abusive && chance(0.6))
                misbehave(m);
        }
        for (int i = 0, n = std::max(1, active * 2 / 3); i < n; ++i) {
            const SimMember &m = any(people);
            if (m.teacher)
                offer(m);
        }
        for (int i = 0, n = std::max(1, active / 5); i < n; ++i) {
            const SimMember &m = any(people);
            if (available(m.id) < 30 || chance(0.15))
                purchase(m);
        }
        cancellations();
        settleEndedSessions();
    }
};

MarketplaceSimulator::MarketplaceSimulator(Database &db, PaymentSecrets secrets,
                                           SimulationOptions options, Progress progress)
    : d(std::make_unique<Impl>(db, secrets, options, std::move(progress)))
{}

MarketplaceSimulator::~MarketplaceSimulator() = default;

const SimulationSummary &MarketplaceSimulator::summary() const
{
    return d->summary;
}

SimulationSummary MarketplaceSimulator::buildHistory()
{
    QElapsedTimer timer;
    timer.start();
    d->loadSkills();
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    const int hours = d->options.days * 24;
    d->clock.set(end - qint64(hours) * kHour);
    for (int h = 0; h < hours; ++h) {
        // 40% of the members exist on the first day; the rest join evenly over the period.
        const double share = 0.4 + 0.6 * double(h + 1) / hours;
        const int target = std::max(2, static_cast<int>(d->options.members * share));
        d->db.write([&](QSqlDatabase &) { d->hour(target); });
        d->clock.advance(kHour);
        if ((h + 1) % 24 == 0) {
            const qint64 expired =
                d->db.write([&](QSqlDatabase &tx) { return d->ledger.expireLots(tx, 100000); });
            if (expired > 0)
                d->count(QStringLiteral("credits expired"), static_cast<int>(expired));
            d->cases.recomputePriorities(d->clock.nowMs());
            d->summary.elapsedMs = timer.elapsed();
            if (d->progress)
                d->progress((h + 1) / 24, d->options.days, d->summary);
        }
    }
    d->clock.goLive();
    d->summary.elapsedMs = timer.elapsed();
    return d->summary;
}

void MarketplaceSimulator::liveTick(int actions)
{
    if (d->skills.isEmpty())
        d->loadSkills();
    d->clock.goLive();
    if (d->people.isEmpty()) {
        // Live after a restart: pick up the members the history made.
        d->db.read([&](QSqlDatabase &c) {
            SqlQuery q(c, QStringLiteral("SELECT p.user_id, p.referral_code, (SELECT COUNT(*) FROM "
                                         "member_skills s WHERE s.user_id = p.user_id "
                                         "AND s.direction = 'teach') FROM member_profiles p JOIN "
                                         "users u ON u.id = p.user_id "
                                         "WHERE u.status = 'active' ORDER BY p.user_id"));
            q.exec();
            while (q.next()) {
                SimMember m;
                m.id = q.int64(0);
                m.referralCode = q.string(1);
                m.teacher = q.int64(2) > 0;
                m.abusive = d->chance(0.03);
                d->people.push_back(m);
            }
        });
        d->serial = static_cast<int>(d->people.size()) + 100000;
    }
    if (d->people.size() < 2) {
        d->signUp();
        d->signUp();
    }
    for (int i = 0; i < actions; ++i) {
        const double roll = d->rng.generateDouble();
        const SimMember &m = d->any(d->people);
        if (roll < 0.05)
            d->signUp();
        else if (roll < 0.15)
            d->purchase(m);
        else if (roll < 0.3 && m.teacher)
            d->offer(m);
        else if (roll < 0.6)
            d->book(m);
        else if (roll < 0.75)
            d->converse(m.id, d->any(d->people).id, content::friendlyOpening(d->rng), {});
        else if (roll < 0.9)
            d->misbehave(m);
        else
            d->settleEndedSessions();
    }
    d->deliverDueWebhooks();
    d->cancellations();
}

} // namespace skillex::sim
