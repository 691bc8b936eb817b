// Bookings plus completions per second through the ledger (the real Sessions service, each
// operation its own transaction as in production), beside the rate of the same number of
// plain single-row INSERT transactions in the same run and on the same database.
// usage: bench_booking_throughput [--db URL] [--bookings N]   (default: a temporary SQLite file)
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/ledger/ledgercheck.h"
#include "server/domain/marketplaceconfig.h"
#include "server/domain/sessions/sessions.h"
#include "server/storage/database.h"
#include "server/storage/migrator.h"
#include "server/storage/sqlquery.h"
#include "tests/testutils/testdatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace skillex::server;

namespace {

class BenchClock final : public Clock {
public:
    qint64 now = 1'767'225'600'000;
    qint64 nowMs() const override { return now; }
};

constexpr qint64 kHour = 3600 * 1000;

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("db"), QStringLiteral("Database URL (default: a temporary SQLite file)."),
          QStringLiteral("url")},
         {QStringLiteral("bookings"),
          QStringLiteral("Bookings to make and complete (default 2000)."), QStringLiteral("n")}});
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    const int n = parser.isSet(QStringLiteral("bookings"))
                      ? parser.value(QStringLiteral("bookings")).toInt()
                      : 2000;

    skillex::testutils::TestDatabase scratch(skillex::testutils::TestDatabase::Backend::Sqlite);
    const QString url =
        parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : scratch.url();
    const auto parsed = DatabaseUrl::parse(url);
    if (!parsed) {
        out << "bench: " << parsed.error() << "\n";
        return 2;
    }
    Database db(parsed.value());
    Migrator(db).migrate();
    BenchClock clock;
    MarketplaceConfig config;
    Ledger ledger(db.dialect(), clock);
    EventLog events(db, clock);
    Sessions sessions(db, clock, ledger, events, config);

    // Set-up (not timed): teachers, learners with credits, and one session per booking.
    const int teachers = 50;
    const int learners = 200;
    QList<qint64> teacherIds, learnerIds, sessionIds;
    db.write([&](QSqlDatabase &tx) {
        SqlQuery(tx, QStringLiteral("INSERT INTO skill_categories (slug, name_en) VALUES ('bench', "
                                    "'Bench') ON CONFLICT (slug) DO NOTHING"))
            .exec();
        SqlQuery(tx, QStringLiteral("INSERT INTO skills (category_id, slug, name_en) SELECT id, "
                                    "'bench-skill', 'Bench' FROM skill_categories "
                                    "WHERE slug = 'bench' ON CONFLICT (slug) DO NOTHING"))
            .exec();
        for (int i = 0; i < teachers + learners; ++i) {
            SqlQuery q(
                tx,
                QStringLiteral(
                    "INSERT INTO users (email, name, password_hash, kind, created_at, updated_at) "
                    "VALUES (:e, 'Bench', 'x', 'member', 0, 0) RETURNING id"));
            q.bind(QStringLiteral(":e"),
                   QStringLiteral("bench%1-%2@bench.local").arg(i).arg(clock.now))
                .exec();
            const qint64 id = q.scalar().value().toLongLong();
            (i < teachers ? teacherIds : learnerIds).push_back(id);
            if (i >= teachers) {
                TransferSpec grant;
                grant.id = QStringLiteral("bench-grant:%1").arg(id);
                grant.debit = accounts::kClearingStripe;
                grant.credit = accounts::user(id);
                grant.amount = 100000;
                grant.code = QStringLiteral("purchase");
                ledger.post(tx, grant);
            }
        }
    });
    const qint64 skill = db.read([](QSqlDatabase &c) {
        SqlQuery q(c, QStringLiteral("SELECT id FROM skills WHERE slug = 'bench-skill'"));
        q.exec();
        return q.scalar().value().toLongLong();
    });
    for (int i = 0; i < n; ++i) {
        SessionOffer o;
        o.skillId = skill;
        // Each teacher's sessions an hour apart, so none overlap; learners likewise.
        o.startsAt = clock.now + kHour + qint64(i) * kHour;
        o.durationMinutes = 30;
        sessionIds.push_back(sessions.offer(teacherIds[i % teachers], o).id);
    }

    // Timed: one booking per session, then completing every session.
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < n; ++i)
        sessions.book(sessionIds[i], learnerIds[i % learners]);
    const qint64 bookMs = timer.restart();
    clock.now += qint64(n + 2) * kHour; // every session has started
    for (int i = 0; i < n; ++i)
        sessions.complete(sessionIds[i], teacherIds[i % teachers]);
    const qint64 completeMs = timer.restart();

    // Baseline: the same number of transactions, each a plain single-row INSERT.
    db.write([](QSqlDatabase &tx) {
        SqlQuery::execDirect(
            tx,
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS bench_plain (id BIGINT, a BIGINT, b TEXT, c BIGINT)"));
    });
    timer.restart();
    for (int i = 0; i < 2 * n; ++i) {
        db.write([&](QSqlDatabase &tx) {
            SqlQuery(
                tx, QStringLiteral("INSERT INTO bench_plain (id, a, b, c) VALUES (:i, :a, :b, :c)"))
                .bind(QStringLiteral(":i"), i)
                .bind(QStringLiteral(":a"), i * 7)
                .bind(QStringLiteral(":b"), QStringLiteral("booking"))
                .bind(QStringLiteral(":c"), clock.now)
                .exec();
        });
    }
    const qint64 plainMs = timer.elapsed();

    const auto check = db.read([](QSqlDatabase &c) { return checkLedger(c); });
    const double ops = 2.0 * n;
    const double ledgerRate = ops / ((bookMs + completeMs) / 1000.0);
    const double plainRate = ops / (plainMs / 1000.0);
    out << QStringLiteral("%1: %2 bookings in %3 ms (%4/s), %2 completions in %5 ms (%6/s)\n")
               .arg(parsed.value().dialectName())
               .arg(n)
               .arg(bookMs)
               .arg(n / (bookMs / 1000.0), 0, 'f', 0)
               .arg(completeMs)
               .arg(n / (completeMs / 1000.0), 0, 'f', 0);
    out << QStringLiteral("%1: bookings+completions %2 ops/s; plain single-row INSERT transactions "
                          "%3/s; ratio %4 (ledger check %5)\n")
               .arg(parsed.value().dialectName())
               .arg(ledgerRate, 0, 'f', 0)
               .arg(plainRate, 0, 'f', 0)
               .arg(ledgerRate / plainRate, 0, 'f', 3)
               .arg(check.ok ? QStringLiteral("ok") : QStringLiteral("FAILED"));
    return check.ok ? 0 : 1;
}
