// Event stream fan-out: N WebSocket clients on a real skillex-server while this process (a
// second process, as another server instance or a CLI job would be) appends events through
// EventLog into the same database at a fixed rate. Prints delivery latency (append time in
// the event's data to receipt) p50/p99/max and the number of events lost (must be 0).
// usage: bench_event_fanout [--postgres] [--clients 50] [--rate 1000] [--seconds 30] [--per-tx 1]
// (PostgreSQL: SKILLEX_PG_STATE names the state file of tests/testutils/postgres-fixture.sh)
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/storage/database.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testserver.h"

#include <QAtomicInt>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTextStream>
#include <QThread>
#include <QWebSocket>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

using namespace skillex::server;
using namespace skillex::testutils;

namespace {

// Microseconds since the epoch: an integer in the event's data, so it survives JSON exactly.
qint64 wallUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// Reads a number after "key": without parsing the whole frame (50 clients x 1,000 frames/s
// are read on one thread).
double numberAfter(const QString &frame, QLatin1String key)
{
    const qsizetype at = frame.indexOf(key);
    if (at < 0)
        return -1;
    qsizetype end = at + key.size();
    while (end < frame.size() && (frame[end].isDigit() || frame[end] == QLatin1Char('.')))
        ++end;
    return QStringView(frame).mid(at + key.size(), end - at - key.size()).toDouble();
}

// Milliseconds into the UTC day of the event's "at" ("...T17:40:13.123Z"), read by hand for
// the same reason; the day itself does not matter for a latency under a day.
qint64 atMsOfDay(const QString &frame)
{
    const qsizetype at = frame.indexOf(QLatin1String("\"at\":\""));
    if (at < 0)
        return -1;
    const QStringView t = QStringView(frame).mid(at + 6 + 11, 12); // HH:MM:SS.mmm
    return ((t.mid(0, 2).toLongLong() * 60 + t.mid(3, 2).toLongLong()) * 60 +
            t.mid(6, 2).toLongLong()) *
               1000 +
           t.mid(9, 3).toLongLong();
}

struct Client {
    std::unique_ptr<QWebSocket> socket;
    qint64 expectNext = 0;
    qint64 received = 0;
    qint64 outOfOrder = 0;
    qint64 lastSeq = 0;
    bool ready = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("postgres"),
         QStringLiteral("Run on PostgreSQL (the fixture named by SKILLEX_PG_STATE).")},
        {QStringLiteral("clients"), QStringLiteral("WebSocket clients (50)."), QStringLiteral("n")},
        {QStringLiteral("rate"), QStringLiteral("Events per second (1000)."), QStringLiteral("n")},
        {QStringLiteral("seconds"), QStringLiteral("Duration (30)."), QStringLiteral("n")},
        {QStringLiteral("per-tx"),
         QStringLiteral("Events appended per transaction (1), as a bulk action would."),
         QStringLiteral("n")},
    });
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    const auto option = [&](const char *name, int fallback) {
        const QString key = QString::fromLatin1(name);
        return parser.isSet(key) ? parser.value(key).toInt() : fallback;
    };
    const int clientCount = option("clients", 50);
    const int rate = option("rate", 1000);
    const int seconds = option("seconds", 30);
    const int perTx = std::max(1, option("per-tx", 1));
    const auto backend = parser.isSet(QStringLiteral("postgres")) ? TestServer::Backend::Postgres
                                                                  : TestServer::Backend::Sqlite;

    // The bench sits beside skillex-server in bin/, not two levels below it like the tests.
    if (qEnvironmentVariableIsEmpty("SKILLEX_SERVER_BINARY"))
        qputenv("SKILLEX_SERVER_BINARY",
                (QCoreApplication::applicationDirPath() + QStringLiteral("/skillex-server"))
                    .toLocal8Bit());
    TestServer server(backend);
    if (!server.start()) {
        out << "bench: server did not start: " << server.error() << "\n";
        return 2;
    }
    const Actor staff = signInStaff(server, QStringLiteral("viewer"));
    if (!staff.isValid()) {
        out << "bench: no staff account\n";
        return 2;
    }
    const auto url = DatabaseUrl::parse(server.databaseUrl());
    Database db(url.value());
    SystemClock clock;
    EventLog events(db, clock);
    const qint64 start = events.head();

    // Clients, all live at the head before writing starts.
    QUrl wsUrl = server.baseUrl();
    wsUrl.setScheme(QStringLiteral("ws"));
    wsUrl.setPath(QStringLiteral("/api/v1/admin/events"));
    std::vector<Client> clients(clientCount);
    std::vector<double> latencies;
    latencies.reserve(std::size_t(clientCount) * rate * seconds);
    // From the event's own "at" (taken inside EventLog::append, after the writer has the event
    // lock) to receipt: the stream's part, without the writers' queueing for that lock.
    std::vector<double> appendLatencies;
    appendLatencies.reserve(latencies.capacity());
    for (Client &c : clients) {
        c.socket = std::make_unique<QWebSocket>();
        c.expectNext = start + 1;
        QWebSocket *socket = c.socket.get();
        Client *cp = &c;
        QObject::connect(socket, &QWebSocket::connected, socket, [socket, &staff, start] {
            socket->sendTextMessage(
                QStringLiteral("{\"op\":\"auth\",\"token\":\"%1\",\"after\":%2}")
                    .arg(staff.accessToken)
                    .arg(start));
        });
        QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                         [cp, socket, &latencies, &appendLatencies](const QString &frame) {
                             const qint64 now = wallUs();
                             if (frame == QLatin1String("{\"op\":\"ping\"}")) {
                                 socket->sendTextMessage(QStringLiteral("{\"op\":\"pong\"}"));
                                 return;
                             }
                             if (frame.endsWith(QLatin1String("\"op\":\"ready\"}"))) {
                                 cp->ready = true;
                                 return;
                             }
                             // Keys come sorted: an event frame starts {"event":{
                             if (!frame.startsWith(QLatin1String("{\"event\"")))
                                 return;
                             const double seq = numberAfter(frame, QLatin1String("\"seq\":"));
                             if (seq < 0)
                                 return;
                             const qint64 s = qint64(seq);
                             if (s != cp->expectNext)
                                 ++cp->outOfOrder;
                             cp->expectNext = s + 1;
                             cp->lastSeq = s;
                             ++cp->received;
                             const double sent = numberAfter(frame, QLatin1String("\"t_us\":"));
                             if (sent > 0)
                                 latencies.push_back(double(now - qint64(sent)) / 1000.0);
                             const qint64 appended = atMsOfDay(frame);
                             if (appended >= 0)
                                 appendLatencies.push_back(
                                     double((now / 1000 - appended) % 86'400'000));
                         });
        socket->open(wsUrl);
    }
    const auto waitFor = [](const std::function<bool()> &done, int ms) {
        QDeadlineTimer deadline(ms);
        while (!done() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return done();
    };
    if (!waitFor(
            [&] {
                return std::all_of(clients.begin(), clients.end(), [](auto &c) { return c.ready; });
            },
            20000)) {
        int ready = 0;
        for (const Client &c : clients) {
            ready += c.ready ? 1 : 0;
            if (!c.ready)
                out << "bench: a client is " << c.socket->state() << ": " << c.socket->errorString()
                    << "\n";
        }
        out << "bench: " << ready << " of " << clients.size() << " clients got ready\n";
        out << server.serverStderr().right(2000);
        return 2;
    }

    // Writers: each paces its share of the rate; every event is its own transaction.
    const int writerCount = 4;
    const qint64 total = qint64(rate) * seconds;
    QAtomicInt written{0};
    QElapsedTimer wall;
    wall.start();
    std::vector<std::unique_ptr<QThread>> writers;
    for (int w = 0; w < writerCount; ++w) {
        writers.emplace_back(QThread::create([&, w] {
            // Transaction k holds events k*perTx .. k*perTx + perTx - 1.
            for (qint64 k = w; k * perTx < total; k += writerCount) {
                const qint64 dueMs = k * perTx * 1000 / rate;
                const qint64 ahead = dueMs - wall.elapsed();
                if (ahead > 0)
                    QThread::msleep(ulong(ahead));
                const int n = int(std::min<qint64>(perTx, total - k * perTx));
                db.write([&](QSqlDatabase &tx) {
                    for (int j = 0; j < n; ++j)
                        events.append(tx, {QStringLiteral("bench.tick"),
                                           std::nullopt,
                                           QStringLiteral("bench"),
                                           QString::number(k * perTx + j),
                                           {{QStringLiteral("t_us"), wallUs()}}});
                });
                written.fetchAndAddRelaxed(n);
            }
            Database::closeThreadConnections();
        }));
        writers.back()->start();
    }
    waitFor(
        [&] {
            return std::all_of(writers.begin(), writers.end(),
                               [](auto &t) { return t->isFinished(); });
        },
        (seconds + 120) * 1000);
    const qint64 writeMs = wall.elapsed();
    for (auto &t : writers)
        t->wait();
    const qint64 end = events.head();
    waitFor(
        [&] {
            return std::all_of(clients.begin(), clients.end(),
                               [end](auto &c) { return c.lastSeq >= end; });
        },
        30000);

    qint64 lost = 0;
    qint64 disorder = 0;
    for (const Client &c : clients) {
        lost += (end - start) - c.received;
        disorder += c.outOfOrder;
    }
    std::sort(latencies.begin(), latencies.end());
    std::sort(appendLatencies.begin(), appendLatencies.end());
    const auto pct = [](const std::vector<double> &v, double p) {
        return v.empty() ? 0.0 : v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
    };
    out << QStringLiteral("%1: %2 clients, %3 events (%8 per transaction) in %4 ms (%5/s, target "
                          "%6/s), %7 deliveries\n")
               .arg(server.backendName())
               .arg(clientCount)
               .arg(written.loadRelaxed())
               .arg(writeMs)
               .arg(written.loadRelaxed() * 1000.0 / double(writeMs), 0, 'f', 0)
               .arg(rate)
               .arg(latencies.size())
               .arg(perTx);
    out << QStringLiteral(
               "%1: created->received p50 %2 ms, p99 %3 ms, max %4 ms; "
               "appended (at)->received p50 %5 ms, p99 %6 ms; lost %7; out of order %8\n")
               .arg(server.backendName())
               .arg(pct(latencies, 0.50), 0, 'f', 1)
               .arg(pct(latencies, 0.99), 0, 'f', 1)
               .arg(latencies.empty() ? 0.0 : latencies.back(), 0, 'f', 1)
               .arg(pct(appendLatencies, 0.50), 0, 'f', 0)
               .arg(pct(appendLatencies, 0.99), 0, 'f', 0)
               .arg(lost)
               .arg(disorder);
    out.flush();
    for (Client &c : clients)
        c.socket->close();
    waitFor([] { return false; }, 200);
    clients.clear();
    Database::closeThreadConnections();
    server.stop();
    return lost == 0 && disorder == 0 ? 0 : 1;
}
