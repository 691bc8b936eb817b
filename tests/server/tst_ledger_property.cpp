// Ledger property test: a seeded random run of 10,000 ledger operations (purchases and their
// replays, bonuses, bookings, early and late cancellations, completions, no-shows, refunds,
// expiry, adjustments, and refused overdrafts and double resolutions), checking the five
// invariants, the lots, and an independent model of every wallet after every step.
// SKILLEX_TEST_SEED=N replays a run; SKILLEX_LEDGER_STEPS=N changes its length.
#include "server/domain/domainerror.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/ledger/ledgercheck.h"
#include "server/storage/database.h"
#include "server/storage/migrator.h"
#include "server/storage/sqlquery.h"
#include "tests/testutils/testdatabase.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace skillex::server;
using skillex::testutils::TestDatabase;

namespace {

class SteppedClock final : public Clock {
public:
    qint64 now = 1'767'225'600'000; // 2026-01-01
    qint64 nowMs() const override { return now; }
};

struct Booking {
    qint64 id;
    qint64 learner;
    qint64 teacher;
    qint64 price;
    QString hold;
};

struct Purchase {
    qint64 user;
    QString transferId;
    QString provider;
};

constexpr qint64 kDay = 24LL * 3600 * 1000;

} // namespace

class TestLedgerProperty : public QObject {
    Q_OBJECT

    TestDatabase m_database;
    std::unique_ptr<Database> m_db;
    SteppedClock m_clock;
    std::unique_ptr<Ledger> m_ledger;
    QList<qint64> m_users;
    qint64 m_skill = 0;
    quint32 m_seed = 0;
    // The model: what each wallet should be able to spend, computed without the ledger.
    std::map<qint64, qint64> m_available;
    QList<Booking> m_booked;
    QList<QString> m_resolvedHolds;
    QList<Purchase> m_purchases;
    int m_counter = 0;

    QString nextId(const QString &prefix)
    {
        return prefix + QLatin1Char(':') + QString::number(++m_counter);
    }

    qint64 newSession(QSqlDatabase &tx, qint64 teacher, qint64 price)
    {
        SqlQuery q(tx, QStringLiteral("INSERT INTO sessions (teacher_id, skill_id, starts_at, "
                                      "duration_minutes, price, capacity, status, "
                                      "created_at, updated_at) VALUES (:t, :s, :at, 60, :p, 1, "
                                      "'booked', :c, :u) RETURNING id"));
        q.bind(QStringLiteral(":t"), teacher)
            .bind(QStringLiteral(":s"), m_skill)
            .bind(QStringLiteral(":at"), m_clock.now + 3 * kDay)
            .bind(QStringLiteral(":p"), price)
            .bind(QStringLiteral(":c"), m_clock.now)
            .bind(QStringLiteral(":u"), m_clock.now)
            .exec();
        return q.scalar().value().toLongLong();
    }

    void setBookingStatus(QSqlDatabase &tx, qint64 booking, const QString &status)
    {
        SqlQuery(tx,
                 QStringLiteral("UPDATE bookings SET status = :s, updated_at = :u WHERE id = :id"))
            .bind(QStringLiteral(":s"), status)
            .bind(QStringLiteral(":u"), m_clock.now)
            .bind(QStringLiteral(":id"), booking)
            .exec();
    }

    TransferSpec spec(const QString &id, const QString &debit, const QString &credit, qint64 amount,
                      const QString &code)
    {
        TransferSpec s;
        s.id = id;
        s.debit = debit;
        s.credit = credit;
        s.amount = amount;
        s.code = code;
        return s;
    }

    qint64 pickUser(QRandomGenerator &rng)
    {
        return m_users.at(static_cast<int>(rng.bounded(m_users.size())));
    }

    // One random operation. Returns a short name for the failure message.
    QString step(QRandomGenerator &rng)
    {
        const int op = static_cast<int>(rng.bounded(100));
        if (op < 15) { // purchase, sometimes delivered twice
            const qint64 user = pickUser(rng);
            const qint64 credits =
                QList<qint64>{100, 500, 1000}.at(static_cast<int>(rng.bounded(3)));
            const QString provider =
                rng.bounded(2) ? QStringLiteral("stripe") : QStringLiteral("razorpay");
            const QString id = nextId(QStringLiteral("purchase"));
            const int deliveries = rng.bounded(4) == 0 ? 2 : 1;
            for (int i = 0; i < deliveries; ++i) {
                const Transfer t = m_db->write([&](QSqlDatabase &tx) {
                    return m_ledger->post(tx, spec(id, accounts::clearing(provider),
                                                   accounts::user(user), credits,
                                                   QStringLiteral("purchase")));
                });
                if (i == 1 && !t.replayed)
                    return QStringLiteral("a replayed purchase moved credits again");
            }
            m_available[user] += credits;
            m_purchases.push_back({user, id, provider});
            return QStringLiteral("purchase");
        }
        if (op < 22) { // bonus
            const qint64 user = pickUser(rng);
            const QString account = QList<QString>{accounts::kBonusStarter,
                                                   accounts::kBonusReferral, accounts::kBonusPromo}
                                        .at(static_cast<int>(rng.bounded(3)));
            const qint64 amount = account == accounts::kBonusStarter ? 50 : 25;
            m_db->write([&](QSqlDatabase &tx) {
                m_ledger->post(tx, spec(nextId(QStringLiteral("bonus")), account,
                                        accounts::user(user), amount, QStringLiteral("bonus")));
            });
            m_available[user] += amount;
            return QStringLiteral("bonus");
        }
        if (op < 45) { // book: a learner with or without enough credits
            const qint64 learner = pickUser(rng);
            qint64 teacher = pickUser(rng);
            if (teacher == learner)
                teacher = m_users.at((m_users.indexOf(learner) + 1) % m_users.size());
            const qint64 price = rng.bounded(5) == 0 ? 20 : 10;
            const QString hold = nextId(QStringLiteral("hold"));
            const bool affordable = m_available[learner] >= price;
            try {
                const qint64 bookingId = m_db->write([&](QSqlDatabase &tx) {
                    const qint64 session = newSession(tx, teacher, price);
                    SqlQuery b(tx, QStringLiteral(
                                       "INSERT INTO bookings (session_id, learner_id, status, "
                                       "price, hold_transfer_id, created_at, updated_at) "
                                       "VALUES (:s, :l, 'booked', :p, :h, :c, :u) RETURNING id"));
                    b.bind(QStringLiteral(":s"), session)
                        .bind(QStringLiteral(":l"), learner)
                        .bind(QStringLiteral(":p"), price)
                        .bind(QStringLiteral(":h"), hold)
                        .bind(QStringLiteral(":c"), m_clock.now)
                        .bind(QStringLiteral(":u"), m_clock.now)
                        .exec();
                    const qint64 id = b.scalar().value().toLongLong();
                    TransferSpec s = spec(hold, accounts::user(learner), accounts::kEscrow, price,
                                          QStringLiteral("booking_hold"));
                    s.refType = QStringLiteral("booking");
                    s.refId = QString::number(id);
                    m_ledger->hold(tx, s);
                    return id;
                });
                if (!affordable)
                    return QStringLiteral("a booking without enough credits was accepted");
                m_available[learner] -= price;
                m_booked.push_back({bookingId, learner, teacher, price, hold});
            } catch (const DomainError &e) {
                if (affordable ||
                    e.problem().type != skillex::protocol::problemtype::kInsufficientCredits)
                    return QStringLiteral("booking refused: ") + e.problem().detail;
            }
            return QStringLiteral("book");
        }
        if (op < 75 && !m_booked.isEmpty()) { // resolve a booking
            const Booking b = m_booked.takeAt(static_cast<int>(rng.bounded(m_booked.size())));
            const int outcome = static_cast<int>(rng.bounded(4));
            m_db->write([&](QSqlDatabase &tx) {
                if (outcome == 0) { // cancelled early: everything back
                    m_ledger->voidPending(tx, nextId(QStringLiteral("void")), b.hold);
                    setBookingStatus(tx, b.id, QStringLiteral("cancelled"));
                } else if (outcome == 1) { // cancelled late: half to the teacher
                    const qint64 part = b.price / 2;
                    m_ledger->postPending(tx, nextId(QStringLiteral("late")), b.hold, part);
                    m_ledger->post(tx, spec(nextId(QStringLiteral("payout")), accounts::kEscrow,
                                            accounts::user(b.teacher), part,
                                            QStringLiteral("late_cancel_payout")));
                    setBookingStatus(tx, b.id, QStringLiteral("cancelled"));
                } else { // completed or no-show: price less the fee to the teacher
                    const qint64 fee = b.price / 10;
                    m_ledger->postPending(tx, nextId(QStringLiteral("post")), b.hold);
                    m_ledger->post(tx, spec(nextId(QStringLiteral("payout")), accounts::kEscrow,
                                            accounts::user(b.teacher), b.price - fee,
                                            QStringLiteral("teacher_payout")));
                    m_ledger->post(tx, spec(nextId(QStringLiteral("fee")), accounts::kEscrow,
                                            accounts::kFees, fee, QStringLiteral("platform_fee")));
                    setBookingStatus(tx, b.id,
                                     outcome == 2 ? QStringLiteral("completed")
                                                  : QStringLiteral("no_show"));
                }
            });
            if (outcome == 0)
                m_available[b.learner] += b.price;
            else if (outcome == 1) {
                m_available[b.learner] += b.price - b.price / 2;
                m_available[b.teacher] += b.price / 2;
            } else {
                m_available[b.teacher] += b.price - b.price / 10;
            }
            m_resolvedHolds.push_back(b.hold);
            return QStringLiteral("resolve");
        }
        if (op < 80 &&
            !m_resolvedHolds.isEmpty()) { // resolving twice must be refused and change nothing
            const QString hold =
                m_resolvedHolds.at(static_cast<int>(rng.bounded(m_resolvedHolds.size())));
            try {
                m_db->write([&](QSqlDatabase &tx) {
                    m_ledger->voidPending(tx, nextId(QStringLiteral("again")), hold);
                });
                return QStringLiteral("a resolved hold was voided again");
            } catch (const DomainError &e) {
                if (e.problem().type != skillex::protocol::problemtype::kPendingResolved)
                    return QStringLiteral("double resolution refused for the wrong reason: ") +
                           e.problem().title;
            }
            return QStringLiteral("resolve twice");
        }
        if (op < 86 &&
            !m_purchases.isEmpty()) { // refund: at most what is left of that purchase's lot
            const Purchase p = m_purchases.at(static_cast<int>(rng.bounded(m_purchases.size())));
            const auto lot = m_db->read(
                [&](QSqlDatabase &db) { return m_ledger->lotOfTransfer(db, p.transferId); });
            if (!lot)
                return QStringLiteral("a purchase has no lot");
            const qint64 asked = 1 + static_cast<qint64>(rng.bounded(1000));
            try {
                m_db->write([&](QSqlDatabase &tx) {
                    TransferSpec s =
                        spec(nextId(QStringLiteral("refund")), accounts::user(p.user),
                             accounts::clearing(p.provider), asked, QStringLiteral("refund"));
                    s.fromLot = lot->id;
                    m_ledger->post(tx, s);
                });
                if (asked > lot->remaining)
                    return QStringLiteral("a refund larger than the lot's remainder was accepted");
                m_available[p.user] -= asked;
            } catch (const DomainError &) {
                if (asked <= lot->remaining)
                    return QStringLiteral("a refund within the lot was refused");
            }
            return QStringLiteral("refund");
        }
        if (op < 90) { // time passes; expired lots go to breakage
            m_clock.now += rng.bounded(60) * kDay + static_cast<qint64>(rng.bounded(1000));
            std::map<qint64, qint64> expiring;
            m_db->read([&](QSqlDatabase &db) {
                SqlQuery q(db,
                           QStringLiteral("SELECT user_id, SUM(remaining) FROM credit_lots WHERE "
                                          "expires_at <= :now AND remaining > 0 GROUP BY user_id"));
                q.bind(QStringLiteral(":now"), m_clock.now).exec();
                while (q.next())
                    expiring[q.int64(0)] = q.int64(1);
            });
            m_db->write([&](QSqlDatabase &tx) { m_ledger->expireLots(tx, 100000); });
            for (const auto &[user, amount] : expiring)
                m_available[user] -= amount;
            return QStringLiteral("expiry");
        }
        { // staff adjustment, either way; taking more than the wallet holds is refused
            const qint64 user = pickUser(rng);
            const qint64 amount = 1 + static_cast<qint64>(rng.bounded(60));
            const bool give = rng.bounded(2) == 0;
            try {
                m_db->write([&](QSqlDatabase &tx) {
                    m_ledger->post(tx, give ? spec(nextId(QStringLiteral("adj")),
                                                   accounts::kAdjustments, accounts::user(user),
                                                   amount, QStringLiteral("adjustment"))
                                            : spec(nextId(QStringLiteral("adj")),
                                                   accounts::user(user), accounts::kAdjustments,
                                                   amount, QStringLiteral("adjustment")));
                });
                if (!give && amount > m_available[user])
                    return QStringLiteral("an adjustment overdrew a wallet");
                m_available[user] += give ? amount : -amount;
            } catch (const DomainError &) {
                if (give || amount <= m_available[user])
                    return QStringLiteral("a valid adjustment was refused");
            }
            return QStringLiteral("adjustment");
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString url = m_database.url();
        QVERIFY2(!url.isEmpty(), qPrintable(m_database.error()));
        m_db = std::make_unique<Database>(DatabaseUrl::parse(url).value());
        Migrator(*m_db).migrate();
        m_ledger = std::make_unique<Ledger>(m_db->dialect(), m_clock);
        m_db->write([&](QSqlDatabase &tx) {
            for (int i = 0; i < 24; ++i) {
                SqlQuery q(tx, QStringLiteral("INSERT INTO users (email, name, password_hash, "
                                              "kind, created_at, updated_at) "
                                              "VALUES (:e, :n, 'x', 'member', 0, 0) RETURNING id"));
                q.bind(QStringLiteral(":e"), QStringLiteral("m%1@test.local").arg(i))
                    .bind(QStringLiteral(":n"), QStringLiteral("M%1").arg(i))
                    .exec();
                m_users.push_back(q.scalar().value().toLongLong());
            }
            SqlQuery(tx, QStringLiteral(
                             "INSERT INTO skill_categories (slug, name_en) VALUES ('c', 'C')"))
                .exec();
            SqlQuery s(tx, QStringLiteral("INSERT INTO skills (category_id, slug, name_en) VALUES "
                                          "(1, 's', 'S') RETURNING id"));
            s.exec();
            m_skill = s.scalar().value().toLongLong();
        });
        m_seed = qEnvironmentVariableIsSet("SKILLEX_TEST_SEED")
                     ? qEnvironmentVariable("SKILLEX_TEST_SEED").toUInt()
                     : QRandomGenerator::global()->generate();
        qInfo("ledger property test on %s, seed %u (replay with SKILLEX_TEST_SEED=%u)",
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
            const QString what = step(rng);
            const bool known =
                QStringList{QStringLiteral("purchase"),      QStringLiteral("bonus"),
                            QStringLiteral("book"),          QStringLiteral("resolve"),
                            QStringLiteral("resolve twice"), QStringLiteral("refund"),
                            QStringLiteral("expiry"),        QStringLiteral("adjustment")}
                    .contains(what);
            QVERIFY2(
                known,
                qPrintable(QStringLiteral("seed %1, step %2: %3").arg(m_seed).arg(i).arg(what)));
            ++counts[what];
            const auto check = m_db->read([&](QSqlDatabase &db) { return checker.check(db); });
            for (const auto &inv : check.invariants)
                QVERIFY2(inv.ok,
                         qPrintable(QStringLiteral("seed %1, step %2 (%3): invariant %4 broken: %5")
                                        .arg(m_seed)
                                        .arg(i)
                                        .arg(what)
                                        .arg(inv.number)
                                        .arg(inv.detail)));
            const auto lots =
                m_db->read([&](QSqlDatabase &db) { return checkLotsMatchWallets(db); });
            QVERIFY2(lots.ok, qPrintable(QStringLiteral("seed %1, step %2 (%3): %4")
                                             .arg(m_seed)
                                             .arg(i)
                                             .arg(what, lots.detail)));
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
                QVERIFY2(
                    got == expected,
                    qPrintable(QStringLiteral(
                                   "seed %1, step %2 (%3): user %4 can spend %5, the model says %6")
                                   .arg(m_seed)
                                   .arg(i)
                                   .arg(what)
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
        QCOMPARE(int(counts.size()), 8);
    }

    void checkFindsATamperedAccount()
    {
        m_db->write([](QSqlDatabase &tx) {
            SqlQuery(tx, QStringLiteral("UPDATE ledger_accounts SET credits_posted = "
                                        "credits_posted + 7 WHERE id = 'income:fees'"))
                .exec();
        });
        const auto check = m_db->read([](QSqlDatabase &db) { return checkLedger(db); });
        QVERIFY(!check.ok);
        QVERIFY(!check.invariants[0].ok); // debits no longer equal credits
        QVERIFY(check.invariants[3].accounts.contains(QStringLiteral("income:fees")));
    }
};

QTEST_GUILESS_MAIN(TestLedgerProperty)
#include "tst_ledger_property.moc"
