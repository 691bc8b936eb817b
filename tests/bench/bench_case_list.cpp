// The moderation queue at scale: a database with 1,000,000 cases, the first page and a deep
// page of GET /api/v1/admin/cases?status=open&sort=priority&limit=50 under wrk on loopback,
// beside the time of the same keyset query run directly on the database in the same run.
// usage: bench_case_list [--postgres] [--cases N] [--seconds S] [--connections C]
#include "server/domain/moderation/casesummary.h"
#include "server/storage/database.h"
#include "server/storage/sqlquery.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>
#include <QUrlQuery>

#include <algorithm>
#include <vector>

using namespace skillex::server;
using namespace skillex::testutils;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// Members the cases are about, then the cases themselves, generated inside the database (a
// recursive CTE on both dialects) so a million rows take seconds, not a million round trips.
void fillCases(Database &db, qint64 cases, qint64 now, QTextStream &out)
{
    db.write([&](QSqlDatabase &tx) {
        SqlQuery::execDirect(
            tx, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                               "WHERE i < 2000) INSERT INTO users (email, name, password_hash, "
                               "kind, created_at, updated_at) SELECT 'bench' || i || "
                               "'@bench.local', 'Bench member ' || i, 'x', 'member', %1, %1 "
                               "FROM n")
                    .arg(now - 400 * kDayMs));
    });
    const qint64 firstUser = db.read([](QSqlDatabase &c) {
        SqlQuery q(c, QStringLiteral("SELECT MIN(id) FROM users WHERE kind = 'member'"));
        q.exec();
        return q.scalar().value_or(0).toLongLong();
    });
    QElapsedTimer timer;
    timer.start();
    // Statuses in realistic shares: most cases closed, a working set open or assigned. Priority
    // and age spread by a multiplicative hash of the row number, so the sort has work to do.
    const qint64 chunk = 100000;
    for (qint64 from = 0; from < cases; from += chunk) {
        const qint64 to = std::min(cases, from + chunk);
        db.write([&](QSqlDatabase &tx) {
            SqlQuery::execDirect(
                tx,
                QStringLiteral(
                    "WITH RECURSIVE n(i) AS (SELECT CAST(%1 AS BIGINT) UNION ALL SELECT i + 1 FROM "
                    "n "
                    "WHERE i < %2) "
                    "INSERT INTO cases (subject_type, subject_id, subject_user_id, status, "
                    "category, severity, priority, report_count, reporter_count, opened_at, "
                    "sla_due_at, updated_at, version) SELECT 'user', %3 + (i % 2000), %3 + (i % "
                    "2000), CASE WHEN i % 10 < 3 THEN 'open' WHEN i % 10 = 3 THEN 'assigned' "
                    "WHEN i % 10 = 4 THEN 'dismissed' ELSE 'resolved' END, CASE i % 3 WHEN 0 "
                    "THEN 'harassment' WHEN 1 THEN 'spam' ELSE 'impersonation' END, CASE i % 3 "
                    "WHEN 0 THEN 'high' WHEN 1 THEN 'low' ELSE 'medium' END, ((i * 2654435761) "
                    "% 100000) / 1000.0, 1 + i % 4, 1 + i % 3, %4 - ((i * 40503) % %5), %4 - "
                    "((i * 40503) % %5) + %6, %4, 1 FROM n")
                    .arg(from + 1)
                    .arg(to)
                    .arg(firstUser)
                    .arg(now)
                    .arg(365 * kDayMs)
                    .arg(kDayMs));
        });
    }
    out << "generated " << cases << " cases in " << timer.elapsed() << " ms\n";
    db.write([](QSqlDatabase &tx) { SqlQuery::execDirect(tx, QStringLiteral("ANALYZE")); });
}

struct WrkFigures {
    double requestsPerSecond = 0;
    QString p50, p99;
    QString errors;
};

WrkFigures runWrk(const QUrl &url, const QString &token, int seconds, int connections)
{
    QProcess wrk;
    wrk.start(QStringLiteral("wrk"),
              {QStringLiteral("-t2"), QStringLiteral("-c%1").arg(connections),
               QStringLiteral("-d%1s").arg(seconds), QStringLiteral("--latency"),
               QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + token,
               url.toString()});
    wrk.waitForFinished(seconds * 1000 + 60000);
    const QString text = QString::fromUtf8(wrk.readAllStandardOutput());
    WrkFigures f;
    const auto rps = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(text);
    f.requestsPerSecond = rps.captured(1).toDouble();
    // The "Latency Distribution" lines ("     50%    3.10ms"), not the "+/- Stdev" columns.
    const auto percentile = [&](const char *p) {
        return QRegularExpression(QStringLiteral("^\\s+%1%\\s+(\\S+)").arg(QLatin1String(p)),
                                  QRegularExpression::MultilineOption)
            .match(text)
            .captured(1);
    };
    f.p50 = percentile("50");
    f.p99 = percentile("99");
    const auto non2xx =
        QRegularExpression(QStringLiteral("Non-2xx or 3xx responses:\\s+(\\d+)")).match(text);
    f.errors = non2xx.hasMatch() ? non2xx.captured(1) : QStringLiteral("0");
    if (f.requestsPerSecond == 0)
        f.errors =
            QStringLiteral("wrk failed: ") + QString::fromUtf8(wrk.readAllStandardError()) + text;
    return f;
}

// The keyset query behind a page, run directly: the median of many runs, in microseconds.
double directQueryMicros(Database &db, const std::optional<std::pair<double, qint64>> &after)
{
    std::vector<qint64> samples;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        db.read([&](QSqlDatabase &c) {
            // The server's own statement for this page (casequeue.cpp): the summary columns
            // and joins, the sort key, the keyset condition, one row more than the page.
            const QString keyset =
                after
                    ? QStringLiteral(" AND (c.priority <= :p AND (c.priority < :p2 OR c.id < :id))")
                    : QString();
            SqlQuery q(c, QStringLiteral("SELECT ") + caseSummaryColumns() +
                              QStringLiteral(", c.priority") + caseSummaryJoins() +
                              QStringLiteral("WHERE c.status IN ('open')") + keyset +
                              QStringLiteral(" ORDER BY c.priority DESC, c.id DESC LIMIT 51"));
            if (after)
                q.bind(QStringLiteral(":p"), after->first)
                    .bind(QStringLiteral(":p2"), after->first)
                    .bind(QStringLiteral(":id"), after->second);
            q.exec();
            while (q.next()) {
            }
        });
        samples.push_back(t.nsecsElapsed() / 1000);
    }
    std::sort(samples.begin(), samples.end());
    return static_cast<double>(samples[samples.size() / 2]);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("postgres"),
          QStringLiteral("Use a fresh database in the PostgreSQL of SKILLEX_PG_STATE.")},
         {QStringLiteral("cases"), QStringLiteral("Cases to generate (default 1000000)."),
          QStringLiteral("n")},
         {QStringLiteral("seconds"), QStringLiteral("wrk duration per URL (default 10)."),
          QStringLiteral("s")},
         {QStringLiteral("connections"), QStringLiteral("wrk connections (default 16)."),
          QStringLiteral("c")}});
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    const qint64 cases = parser.value(QStringLiteral("cases")).toLongLong() > 0
                             ? parser.value(QStringLiteral("cases")).toLongLong()
                             : 1000000;
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt() > 0
                                        ? parser.value(QStringLiteral("seconds")).toInt()
                                        : 10);
    const int connections = parser.value(QStringLiteral("connections")).toInt() > 0
                                ? parser.value(QStringLiteral("connections")).toInt()
                                : 16;
    if (qEnvironmentVariableIsEmpty("SKILLEX_SERVER_BINARY"))
        qputenv(
            "SKILLEX_SERVER_BINARY",
            (QCoreApplication::applicationDirPath() + QStringLiteral("/skillex-server")).toUtf8());

    TestServer server(parser.isSet(QStringLiteral("postgres")) ? TestServer::Backend::Postgres
                                                               : TestServer::Backend::Sqlite);
    // Creating the staff account creates and migrates the database; the cases go in before the
    // server starts, as they would be there in production.
    const StaffAccount staff = server.createStaff(QStringLiteral("moderator"));
    if (staff.email.isEmpty()) {
        out << "bench: " << server.error() << "\n";
        return 1;
    }
    Database db(DatabaseUrl::parse(server.databaseUrl()).value());
    fillCases(db, cases, QDateTime::currentMSecsSinceEpoch(), out);
    if (!server.start()) {
        out << "bench: " << server.error() << "\n";
        return 1;
    }
    const Actor moderator = signIn(server, staff.email, staff.password);
    if (!moderator.isValid()) {
        out << "bench: sign-in failed\n";
        return 1;
    }

    // The first page, then walk the cursor 2,000 pages deep (100,000 rows) for the deep page.
    QUrl first = server.baseUrl();
    first.setPath(QStringLiteral("/api/v1/admin/cases"));
    first.setQuery(QStringLiteral("status=open&sort=priority&limit=50"));
    TestHttp http(server.baseUrl());
    http.setBearer(moderator.accessToken);
    QString cursor;
    QJsonObject lastItem;
    QElapsedTimer walk;
    walk.start();
    const int deepPages = 2000;
    for (int page = 0; page < deepPages; ++page) {
        QString path = QStringLiteral("/api/v1/admin/cases?status=open&sort=priority&limit=50");
        if (!cursor.isEmpty())
            path +=
                QStringLiteral("&after=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
        const auto r = http.get(path);
        if (r.status != 200) {
            out << "bench: page " << page << " answered " << r.status << " " << r.body << "\n";
            return 1;
        }
        const QJsonArray items = r.json().value(QStringLiteral("items")).toArray();
        if (!items.isEmpty())
            lastItem = items.last().toObject();
        cursor = r.json().value(QStringLiteral("next")).toString();
        if (cursor.isEmpty())
            break;
    }
    out << "walked " << deepPages << " pages (" << deepPages * 50 << " rows) in " << walk.elapsed()
        << " ms\n";
    QUrl deep = first;
    deep.setQuery(QStringLiteral("status=open&sort=priority&limit=50&after=") +
                  QString::fromLatin1(QUrl::toPercentEncoding(cursor)));

    const QString dialect = server.backendName();
    const double directFirst = directQueryMicros(db, std::nullopt);
    const double directDeep =
        directQueryMicros(db, std::make_pair(lastItem.value(QStringLiteral("priority")).toDouble(),
                                             lastItem.value(QStringLiteral("id")).toInteger()));
    for (const auto &[name, url, direct] :
         {std::tuple{QStringLiteral("first page"), first, directFirst},
          std::tuple{QStringLiteral("deep page (row 100,001)"), deep, directDeep}}) {
        const WrkFigures f = runWrk(url, moderator.accessToken, seconds, connections);
        out << QStringLiteral("%1, %2 cases, %3: %4 req/s, p50 %5, p99 %6, non-2xx %7; the same "
                              "query directly on the database: %8 ms (median of 200)\n")
                   .arg(dialect)
                   .arg(cases)
                   .arg(name)
                   .arg(f.requestsPerSecond, 0, 'f', 0)
                   .arg(f.p50, f.p99, f.errors)
                   .arg(direct / 1000.0, 0, 'f', 3);
    }
    db.closeThreadConnections();
    return server.stop() ? 0 : 1;
}
