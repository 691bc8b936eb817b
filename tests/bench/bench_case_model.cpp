// The console's case queue at scale: a cache with 1,000,000 cases, CaseQueueModel's first page,
// a filter change, a sort change, a text search, the jump to the last page, a jump to the middle,
// a scroll through every row, each beside the bare SQLite query for the same rows in the same run;
// the RSS after scrolling; event ingest (events/s applied with the cursor) beside bare batched
// INSERTs, and the longest time the GUI thread was blocked while a model followed the ingest.
// usage: bench_case_model [--cases N] [--events N] [--batch N] [--dir DIR]
#include "client/cache/cachedb.h"
#include "client/cache/cacheerror.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "client/cache/caserecords.h"
#include "client/sync/eventapplier.h"
#include "common/logging.h"
#include "models/casequeuemodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <functional>

using namespace skillex;
using models::CaseFilter;
using models::CaseQueueModel;
using models::CaseSort;

namespace {

QTextStream out(stdout);

double msOf(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QString mb(qint64 kb)
{
    return QString::number(double(kb) / 1024.0, 'f', 0) + QStringLiteral(" MB");
}

void row(const QString &what, double model, double bare, const QString &note = {})
{
    out << qSetFieldWidth(34) << Qt::left << what << qSetFieldWidth(0)
        << QStringLiteral("model %1 ms   bare %2 ms   ratio %3%4\n")
               .arg(model, 9, 'f', 2)
               .arg(bare, 8, 'f', 2)
               .arg(bare > 0 ? model / bare : 0, 6, 'f', 1)
               .arg(note.isEmpty() ? QString() : QStringLiteral("   (") + note + u')');
    out.flush();
}

// Statuses in realistic shares: most cases closed, a working set open.
const char *statusOf(qint64 i)
{
    const int r = int((i * 7) % 100);
    if (r < 30)
        return "open";
    if (r < 40)
        return "assigned";
    if (r < 42)
        return "escalated";
    if (r < 43)
        return "appealed";
    if (r < 55)
        return "dismissed";
    return "resolved";
}

const QStringList kCategories{QStringLiteral("harassment"),
                              QStringLiteral("scam"),
                              QStringLiteral("off_platform_payment"),
                              QStringLiteral("inappropriate_content"),
                              QStringLiteral("impersonation"),
                              QStringLiteral("no_show"),
                              QStringLiteral("spam"),
                              QStringLiteral("other")};

void fill(client::CacheDb &db, qint64 cases, qint64 now)
{
    const qint64 chunk = 50'000;
    for (qint64 from = 1; from <= cases; from += chunk) {
        const qint64 to = qMin(cases, from + chunk - 1);
        const auto r = db.writeAndWait([&](client::CacheWriteTx &tx) {
            QSqlQuery &insert = tx.prepare(QStringLiteral(
                "INSERT INTO cases (id, status, priority, severity, category, subject_type, "
                "subject_id, subject_user_id, subject_label, report_count, reporter_count, "
                "assignee_id, opened_at, sla_due_at, closed_at, version, search_text, synced_at) "
                "VALUES (?, ?, ?, ?, ?, 'user', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"));
            for (qint64 i = from; i <= to; ++i) {
                const QString status = QLatin1String(statusOf(i));
                const QString category = kCategories.at(int(i % kCategories.size()));
                const QString severity = i % 8 < 2   ? QStringLiteral("high")
                                         : i % 8 < 5 ? QStringLiteral("medium")
                                                     : QStringLiteral("low");
                const qint64 member = 1000 + (i * 31) % 20000;
                const QString label = QStringLiteral("Member %1").arg(member);
                const qint64 opened = now - (i * 40503) % (365LL * 86400 * 1000);
                const bool closed =
                    status == QLatin1String("dismissed") || status == QLatin1String("resolved");
                const QVariantList values{i,
                                          status,
                                          double((i * 2654435761LL) % 100000) / 1000.0,
                                          severity,
                                          category,
                                          member,
                                          member,
                                          label,
                                          int(1 + i % 4),
                                          int(1 + i % 3),
                                          status == QLatin1String("assigned")
                                              ? QVariant(qint64(1 + i % 40))
                                              : QVariant(QMetaType(QMetaType::LongLong)),
                                          opened,
                                          opened + 4LL * 3600 * 1000,
                                          closed ? QVariant(opened + 86400000LL)
                                                 : QVariant(QMetaType(QMetaType::LongLong)),
                                          QStringLiteral("#%1 %2 user %3")
                                              .arg(i)
                                              .arg(QString(category).replace(u'_', u' '), label),
                                          now};
                for (int k = 0; k < values.size(); ++k)
                    insert.bindValue(k, values.at(k));
                if (!insert.exec())
                    throw client::CacheError(QStringLiteral("insert"), insert.lastError());
            }
        });
        if (!r.ok) {
            out << "fill failed: " << r.error << "\n";
            std::exit(1);
        }
    }
    db.writeAndWait([](client::CacheWriteTx &tx) {
        // The bulk load is history for the models: they start after it.
        client::execDirect(tx.db(), QStringLiteral("DELETE FROM change_log"));
        client::execDirect(tx.db(), QStringLiteral("ANALYZE"));
    });
    db.writeAndWait([](client::CacheWriteTx &) {});
}

// Display text of every column of rows [first, first + count), as a view painting them.
void paint(const CaseQueueModel &model, int first, int count)
{
    const int columns = model.columnCount();
    for (int r = first; r < first + count && r < model.rowCount(); ++r)
        for (int c = 0; c < columns; ++c)
            (void)model.data(model.index(r, c));
}

const QString kBareColumns = QStringLiteral(
    "c.id, c.priority, c.id, c.priority, c.sla_due_at, c.category, c.severity, CASE WHEN "
    "c.subject_label <> '' THEN c.subject_label ELSE c.subject_type || ' ' || c.subject_id END, "
    "c.report_count, c.opened_at, COALESCE((SELECT s.name FROM staff s WHERE s.id = "
    "c.assignee_id), CASE WHEN c.assignee_id IS NULL THEN '' ELSE '#' || c.assignee_id END), "
    "c.status, c.version, c.closed_at");

// The bare query: prepared afresh, stepped through, every value read.
double bare(client::CacheReader &reader, const QString &sql, const QVariantList &values = {},
            qint64 *rows = nullptr)
{
    return msOf([&] {
        QSqlQuery q(reader.db());
        q.setForwardOnly(true);
        q.prepare(sql);
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        q.exec();
        qint64 n = 0;
        while (q.next()) {
            for (int c = 0; c < 14; ++c)
                (void)q.value(c);
            ++n;
        }
        if (rows)
            *rows = n;
    });
}

QString whereOf(const CaseFilter &filter, bool fts)
{
    return CaseQueueModel::filterSql(filter, 7, fts, 0).where;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    logging::init({QString(), QStringLiteral("warn"), true});
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("cases"), QStringLiteral("Cases in the cache."),
                      QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("events"), QStringLiteral("Events to ingest."),
                      QStringLiteral("n"), QStringLiteral("200000")});
    parser.addOption({QStringLiteral("batch"), QStringLiteral("Events per transaction."),
                      QStringLiteral("n"), QStringLiteral("500")});
    parser.addOption({QStringLiteral("no-follow"),
                      QStringLiteral("Ingest with no model following (the writer alone).")});
    parser.addOption(
        {QStringLiteral("drop"),
         QStringLiteral(
             "Experiment: drop these triggers or indexes before ingest (comma-separated names)."),
         QStringLiteral("names")});
    parser.addOption(
        {QStringLiteral("reuse"),
         QStringLiteral("Use the cases already in --dir's cache instead of generating them.")});
    parser.addOption({QStringLiteral("dir"),
                      QStringLiteral("Where the cache goes (default: a temporary folder)."),
                      QStringLiteral("dir")});
    parser.process(app);
    const qint64 cases = parser.value(QStringLiteral("cases")).toLongLong();
    const qint64 events = parser.value(QStringLiteral("events")).toLongLong();
    const int batch = parser.value(QStringLiteral("batch")).toInt();
    QTemporaryDir temp;
    const QString dir =
        parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();

    client::CacheDb db;
    if (!db.open(dir + QStringLiteral("/bench-cache.sqlite"))) {
        out << db.errorString() << "\n";
        return 1;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    out << "RSS at start: " << mb(statusKb("VmRSS:")) << "\n";
    const qint64 held =
        db.reader()->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toLongLong();
    if (parser.isSet(QStringLiteral("reuse")) && held > 0) {
        out << "reusing " << held << " cases\n";
    } else {
        const double fillMs = msOf([&] { fill(db, cases, now); });
        out << "generated " << cases << " cases in " << qint64(fillMs) << " ms ("
            << qint64(double(cases) / fillMs * 1000)
            << " rows/s with indexes, counts, FTS, change log)\n";
    }
    out << "RSS after generating: " << mb(statusKb("VmRSS:")) << "\n\n";
    auto bareReader = db.openReader();
    const bool fts = db.hasFullTextSearch();

    // 1. The first page of the queue: open cases by priority.
    // Opening a connection, alone (the model opens one of its own for its snapshots).
    const double openMs = msOf([&] { auto extra = db.openReader(); });
    out << "(opening one more SQLite connection: " << QString::number(openMs, 'f', 1) << " ms)\n";
    std::unique_ptr<CaseQueueModel> model;
    const double constructModel = msOf([&] { model = std::make_unique<CaseQueueModel>(&db, 7); });
    const double firstModel = constructModel + msOf([&] { paint(*model, 0, 50); });
    const QString openWhere = whereOf(CaseFilter::openQueue(), fts);
    const QVariantList openValues =
        CaseQueueModel::filterSql(CaseFilter::openQueue(), 7, fts, 0).values;
    const double firstBare =
        bare(*bareReader,
             QStringLiteral(
                 "SELECT %1 FROM cases c WHERE %2 ORDER BY c.priority DESC, c.id DESC LIMIT 50")
                 .arg(kBareColumns, openWhere),
             openValues);
    const int openRows = model->rowCount();
    row(QStringLiteral("first page (open, by priority)"), firstModel, firstBare,
        QStringLiteral("%1 rows; count from case_counts; %2 ms of it making the model and "
                       "opening its connection")
            .arg(openRows)
            .arg(constructModel, 0, 'f', 1));
    const double countBare = msOf([&] {
        bareReader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases c WHERE %1").arg(openWhere),
                           openValues);
    });
    out << "    (a COUNT(*) of the same rows, which the model does not run: "
        << QString::number(countBare, 'f', 1) << " ms)\n";

    // 2. A filter change: high severity harassment and scam.
    CaseFilter high = CaseFilter::highSeverity();
    high.categories = {QStringLiteral("harassment"), QStringLiteral("scam")};
    const double filterModel = msOf([&] {
        model->setFilter(high);
        paint(*model, 0, 50);
    });
    const auto highSql = CaseQueueModel::filterSql(high, 7, fts, 0);
    const double filterBare =
        bare(*bareReader,
             QStringLiteral(
                 "SELECT %1 FROM cases c WHERE %2 ORDER BY c.priority DESC, c.id DESC LIMIT 50")
                 .arg(kBareColumns, highSql.where),
             highSql.values);
    row(QStringLiteral("filter change (high, 2 categories)"), filterModel, filterBare,
        QStringLiteral("%1 rows").arg(model->rowCount()));

    // 3. A sort change: by SLA due time.
    const double sortModel = msOf([&] {
        model->setCaseSort(CaseSort::Sla);
        paint(*model, 0, 50);
    });
    const double sortBare =
        bare(*bareReader,
             QStringLiteral("SELECT %1 FROM cases c WHERE %2 ORDER BY c.sla_due_at, c.id LIMIT 50")
                 .arg(kBareColumns, highSql.where),
             highSql.values);
    row(QStringLiteral("sort change (SLA)"), sortModel, sortBare);

    // 4. A text search within the open queue.
    CaseFilter text = CaseFilter::openQueue();
    text.text = QStringLiteral("member 1042");
    model->setCaseSort(CaseSort::Priority); // back to the queue's order, before the clock
    const double textModel = msOf([&] {
        model->setFilter(text);
        paint(*model, 0, 50);
    });
    const auto textSql = CaseQueueModel::filterSql(text, 7, fts, 0);
    const double textBare =
        bare(*bareReader,
             QStringLiteral(
                 "SELECT %1 FROM cases c WHERE %2 ORDER BY c.priority DESC, c.id DESC LIMIT 50")
                 .arg(kBareColumns, textSql.where),
             textSql.values);
    row(QStringLiteral("text search (\"member 1042\")"), textModel, textBare,
        QStringLiteral("%1 rows; the model also counts them and sizes the match first")
            .arg(model->rowCount()));

    // 5. Back to the whole open queue; the jump to the last page.
    model->setFilter(CaseFilter::openQueue());
    const int n = model->rowCount();
    const double lastModel = msOf([&] { paint(*model, n - 50, 50); });
    const double lastBare = bare(
        *bareReader,
        QStringLiteral("SELECT %1 FROM cases c WHERE %2 ORDER BY c.priority ASC, c.id ASC LIMIT 50")
            .arg(kBareColumns, openWhere),
        openValues);
    const double lastBareOffset =
        bare(*bareReader,
             QStringLiteral("SELECT %1 FROM cases c WHERE %2 ORDER BY c.priority DESC, c.id DESC "
                            "LIMIT 50 OFFSET %3")
                 .arg(kBareColumns, openWhere)
                 .arg(n - 50),
             openValues);
    row(QStringLiteral("jump to the last page"), lastModel, lastBare,
        QStringLiteral("bare with OFFSET %1: %2 ms").arg(n - 50).arg(lastBareOffset, 0, 'f', 1));

    // 6. A jump to the middle, before and after the idle anchor walk.
    const double middleModel = msOf([&] { paint(*model, n / 2, 50); });
    const double middleBare = bare(*bareReader,
                                   QStringLiteral("SELECT %1 FROM cases c WHERE %2 ORDER BY "
                                                  "c.priority DESC, c.id DESC LIMIT 50 OFFSET %3")
                                       .arg(kBareColumns, openWhere)
                                       .arg(n / 2),
                                   openValues);
    row(QStringLiteral("jump to the middle, no anchors"), middleModel, middleBare,
        QStringLiteral("bare: OFFSET"));
    const double walk = msOf([&] { model->buildAnchorsNow(); });
    out << "    (anchor walk, done in 5 ms idle slices in the console: " << qint64(walk)
        << " ms in all, " << model->anchorCount() << " anchors)\n";
    const double middle2 = msOf([&] { paint(*model, n / 3, 50); });
    const double middle2Bare = bare(*bareReader,
                                    QStringLiteral("SELECT %1 FROM cases c WHERE %2 ORDER BY "
                                                   "c.priority DESC, c.id DESC LIMIT 50 OFFSET %3")
                                        .arg(kBareColumns, openWhere)
                                        .arg(n / 3),
                                    openValues);
    row(QStringLiteral("jump to a third, with anchors"), middle2, middle2Bare,
        QStringLiteral("bare: OFFSET"));

    // 7. Scrolling through every row, a screen (40 rows) at a time.
    const double scrollModel = msOf([&] {
        for (int r = 0; r < n; r += 40)
            paint(*model, r, 40);
    });
    qint64 scanned = 0;
    const double scrollBare =
        bare(*bareReader,
             QStringLiteral("SELECT %1 FROM cases c WHERE %2 ORDER BY c.priority DESC, c.id DESC")
                 .arg(kBareColumns, openWhere),
             openValues, &scanned);
    row(QStringLiteral("scroll through all rows"), scrollModel, scrollBare,
        QStringLiteral("%1 rows, %2 pages fetched").arg(scanned).arg(model->stats().pagesFetched));
    out << "RSS after scrolling through: " << mb(statusKb("VmRSS:")) << " (peak "
        << mb(statusKb("VmHWM:")) << ")\n\n";

    // 8. Event ingest with the model following, beside bare batched INSERTs.
    // Events are made batch by batch as they are posted, as they would arrive from the socket.
    const qint64 firstNewCase =
        bareReader->scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM cases"))
            .toLongLong();
    const qint64 firstSeq =
        bareReader->scalar(QStringLiteral("SELECT last_seq + 1 FROM event_cursor")).toLongLong();
    const auto makeBatch = [&](qint64 from, qint64 count) {
        QJsonArray current;
        for (qint64 e = from; e < from + count; ++e) {
            const bool opened = e % 2 == 0;
            const qint64 caseId =
                opened ? firstNewCase + e / 2 : 1 + (e * 7919) % qMax<qint64>(1, firstNewCase - 1);
            const qint64 member = 1000 + (caseId * 31) % 20000;
            const QString status = QLatin1String(opened ? "open" : statusOf(caseId));
            QJsonObject data{
                {QStringLiteral("status"), status},
                {QStringLiteral("subject"),
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                             {QStringLiteral("id"), member}}},
                {QStringLiteral("subject_user_id"), member},
                {QStringLiteral("category"), kCategories.at(int(caseId % kCategories.size()))},
                {QStringLiteral("severity"), QStringLiteral("medium")},
                {QStringLiteral("priority"), double((e * 2654435761LL) % 100000) / 1000.0},
                {QStringLiteral("report_count"), int(2 + e % 3)},
                {QStringLiteral("reporter_count"), 2},
                {QStringLiteral("opened_at"), now - (caseId * 40503) % (365LL * 86400 * 1000)},
                {QStringLiteral("sla_due_at"), now + 86400000LL},
                {QStringLiteral("version"), 1000 + int(firstSeq + e)}};
            current.append(
                QJsonObject{{QStringLiteral("seq"), firstSeq + e},
                            {QStringLiteral("type"), opened ? QStringLiteral("case.opened")
                                                            : QStringLiteral("case.report_added")},
                            {QStringLiteral("at"), now + e},
                            {QStringLiteral("subject"),
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("case")},
                                         {QStringLiteral("id"), caseId}}},
                            {QStringLiteral("data"), data}});
        }
        return current;
    };
    // The "GUI": the model follows, a view repaints 40 rows after every change, and a 1 ms
    // timer measures the longest gap the event loop had.
    qint64 longestGapUs = 0;
    qint64 gaps = 0;
    QElapsedTimer tick;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        longestGapUs = qMax(longestGapUs, tick.nsecsElapsed() / 1000);
        tick.restart();
        ++gaps;
    });
    bool repaintQueued = false;
    double longestRepaintMs = 0;
    const auto repaint = [&] {
        if (repaintQueued)
            return;
        repaintQueued = true;
        QTimer::singleShot(0, [&] {
            repaintQueued = false;
            longestRepaintMs = qMax(longestRepaintMs, msOf([&] { paint(*model, 0, 40); }));
        });
    };
    QObject::connect(model.get(), &QAbstractItemModel::rowsInserted, repaint);
    QObject::connect(model.get(), &QAbstractItemModel::rowsRemoved, repaint);
    QObject::connect(model.get(), &QAbstractItemModel::dataChanged, repaint);
    QObject::connect(model.get(), &QAbstractItemModel::layoutChanged, repaint);
    for (const QString &name :
         parser.value(QStringLiteral("drop")).split(u',', Qt::SkipEmptyParts)) {
        db.writeAndWait([name](client::CacheWriteTx &tx) {
            client::execDirect(tx.db(), QStringLiteral("DROP %1 %2")
                                            .arg(name.contains(QLatin1String("_log_")) ||
                                                         name.contains(QLatin1String("_count_")) ||
                                                         name.contains(QLatin1String("_fts_"))
                                                     ? QStringLiteral("TRIGGER")
                                                     : QStringLiteral("INDEX"),
                                                 name));
        });
    }
    if (parser.isSet(QStringLiteral("no-follow")))
        QObject::disconnect(&db, nullptr, model.get(), nullptr);
    const auto statsBefore = model->stats();
    QElapsedTimer ingest;
    int pending = 0;
    qint64 appliedEvents = 0;
    tick.start();
    heartbeat.start();
    ingest.start();
    std::atomic<qint64> insideJobsNs{0};
    // Posted a few batches ahead of the writer, as a socket would deliver them.
    qint64 posted = 0;
    std::function<void()> post;
    post = [&] {
        while (pending < 4 && posted < events) {
            const QJsonArray b = makeBatch(posted, qMin<qint64>(batch, events - posted));
            posted += b.size();
            ++pending;
            db.write([b, &insideJobsNs](client::CacheWriteTx &tx) {
                  QElapsedTimer inside;
                  inside.start();
                  const auto o =
                      client::eventapplier::apply(tx, b, QDateTime::currentMSecsSinceEpoch());
                  tx.setResult(o.applied);
                  insideJobsNs += inside.nsecsElapsed();
              }).then(&app, [&](const client::CacheWriteResult &r) {
                appliedEvents += r.value.toLongLong();
                --pending;
                if (pending == 0 && posted >= events)
                    app.quit();
                else
                    post();
            });
        }
    };
    QTimer::singleShot(0, &app, post);
    app.exec();
    const double ingestMs = double(ingest.nsecsElapsed()) / 1e6;
    const qint64 rssAfterIngest = statusKb("VmRSS:");
    const qint64 walDuring = QFileInfo(db.path() + QStringLiteral("-wal")).size();
    // Let the model take the last notice, then stop measuring.
    QTimer::singleShot(100, &app, &QCoreApplication::quit);
    app.exec();
    heartbeat.stop();
    // Quiet for a while: the model lets go of its snapshots, and the next write restarts the WAL.
    QTimer::singleShot(2500, &app, &QCoreApplication::quit);
    app.exec();
    for (int i = 0; i < 2; ++i) // the first checkpoints everything, the second restarts
        db.writeAndWait([](client::CacheWriteTx &tx) {
            tx.run(QStringLiteral("INSERT OR REPLACE INTO cache_meta VALUES ('bench', 'x')"));
        });
    const qint64 walAfter = QFileInfo(db.path() + QStringLiteral("-wal")).size();
    const auto statsAfter = model->stats();
    const qint64 cursor =
        bareReader->scalar(QStringLiteral("SELECT last_seq FROM event_cursor")).toLongLong();

    // Bare: the same number of rows, batched the same, one prepared INSERT into a plain table;
    // and into a table shaped and indexed like cases, without triggers, FTS or the change log.
    db.writeAndWait([](client::CacheWriteTx &tx) {
        client::execDirect(tx.db(), QStringLiteral("DROP TABLE IF EXISTS bare_events"));
        client::execDirect(tx.db(), QStringLiteral("DROP TABLE IF EXISTS bare_cases"));
        client::execDirect(tx.db(), QStringLiteral("CREATE TABLE bare_events (seq INTEGER PRIMARY "
                                                   "KEY, type TEXT, subject INTEGER, json TEXT)"));
        client::execDirect(
            tx.db(), QStringLiteral("CREATE TABLE bare_cases AS SELECT * FROM cases WHERE 0"));
        for (const char *index :
             {"(priority, id, status)", "(opened_at, id, status)", "(sla_due_at, id, status)",
              "(assignee_id) WHERE assignee_id IS NOT NULL"})
            client::execDirect(
                tx.db(),
                QStringLiteral("CREATE INDEX bare_cases_%1 ON bare_cases %2")
                    .arg(QString::number(qHash(QLatin1String(index)), 16), QLatin1String(index)));
        client::execDirect(tx.db(),
                           QStringLiteral("CREATE UNIQUE INDEX bare_cases_id ON bare_cases (id)"));
    });
    const auto bareIngest = [&](bool shaped) {
        QElapsedTimer t;
        t.start();
        QFuture<client::CacheWriteResult> last;
        for (qint64 from = 0; from < events; from += batch) {
            const QJsonArray b = makeBatch(from, qMin<qint64>(batch, events - from));
            last = db.write([b, shaped](client::CacheWriteTx &tx) {
                if (!shaped) {
                    QSqlQuery &insert =
                        tx.prepare(QStringLiteral("INSERT INTO bare_events VALUES (?, ?, ?, ?)"));
                    for (const QJsonValue v : b) {
                        const QJsonObject e = v.toObject();
                        insert.bindValue(0, qint64(e.value(QStringLiteral("seq")).toDouble()));
                        insert.bindValue(1, e.value(QStringLiteral("type")).toString());
                        insert.bindValue(2, qint64(e.value(QStringLiteral("subject"))
                                                       .toObject()
                                                       .value(QStringLiteral("id"))
                                                       .toDouble()));
                        insert.bindValue(
                            3, QString::fromUtf8(
                                   QJsonDocument(e.value(QStringLiteral("data")).toObject())
                                       .toJson(QJsonDocument::Compact)));
                        insert.exec();
                    }
                    return;
                }
                QSqlQuery &insert = tx.prepare(
                    QStringLiteral("INSERT OR REPLACE INTO bare_cases (id, status, priority, "
                                   "severity, category, subject_type, subject_id, "
                                   "subject_user_id, subject_label, report_count, reporter_count, "
                                   "opened_at, sla_due_at, version, "
                                   "search_text, synced_at) VALUES (?, ?, ?, ?, ?, 'user', ?, ?, "
                                   "'', ?, ?, ?, ?, ?, '', 0)"));
                for (const QJsonValue v : b) {
                    const QJsonObject e = v.toObject();
                    const QJsonObject d = e.value(QStringLiteral("data")).toObject();
                    const qint64 member =
                        qint64(d.value(QStringLiteral("subject_user_id")).toDouble());
                    const QVariantList values{
                        qint64(e.value(QStringLiteral("subject"))
                                   .toObject()
                                   .value(QStringLiteral("id"))
                                   .toDouble()),
                        d.value(QStringLiteral("status")).toString(),
                        d.value(QStringLiteral("priority")).toDouble(),
                        d.value(QStringLiteral("severity")).toString(),
                        d.value(QStringLiteral("category")).toString(),
                        member,
                        member,
                        d.value(QStringLiteral("report_count")).toInt(),
                        d.value(QStringLiteral("reporter_count")).toInt(),
                        qint64(d.value(QStringLiteral("opened_at")).toDouble()),
                        qint64(d.value(QStringLiteral("sla_due_at")).toDouble()),
                        d.value(QStringLiteral("version")).toInt()};
                    for (int k = 0; k < values.size(); ++k)
                        insert.bindValue(k, values.at(k));
                    insert.exec();
                }
            });
        }
        last.waitForFinished();
        return double(t.nsecsElapsed()) / 1e6;
    };
    const double bareEventsMs = bareIngest(false);
    const double bareCasesMs = bareIngest(true);
    const auto rate = [&](double ms) { return qint64(double(events) / ms * 1000); };
    out << "event ingest, " << events << " events in batches of " << batch
        << " (half new cases, half updates):\n";
    out << "    applied with the cursor:            " << rate(ingestMs) << " events/s ("
        << qint64(ingestMs) << " ms; cursor at " << cursor << ", " << appliedEvents
        << " applied)\n";
    out << "    (time inside the jobs: " << insideJobsNs.load() / 1000000
        << " ms; the rest is BEGIN, COMMIT and checkpoints)\n";
    out << "    bare batched INSERT, plain table:   " << rate(bareEventsMs) << " rows/s\n";
    out << "    bare batched INSERT, cases-shaped:  " << rate(bareCasesMs)
        << " rows/s (same indexes; no triggers, FTS or change log)\n";
    out << "    GUI thread: longest stall "
        << QString::number(double(longestGapUs) / 1000.0, 'f', 1) << " ms over " << gaps
        << " heartbeats; the model followed with "
        << statsAfter.incrementalFlushes - statsBefore.incrementalFlushes
        << " incremental flushes and " << statsAfter.wholeReloads - statsBefore.wholeReloads
        << " whole reloads\n";
    out << "    (longest model flush " << QString::number(statsAfter.longestFlushMs, 'f', 1)
        << " ms, longest repaint of 40 rows " << QString::number(longestRepaintMs, 'f', 1)
        << " ms)\n";
    out << "    WAL file: " << walDuring / (1024 * 1024) << " MB after the ingest, "
        << walAfter / (1024 * 1024) << " MB after 2.5 s of quiet and two writes\n";
    out << "RSS after the ingest: " << mb(rssAfterIngest)
        << "; at the end, after the bare runs: " << mb(statusKb("VmRSS:")) << " (peak "
        << mb(statusKb("VmHWM:")) << ")\n";
    model.reset();
    bareReader.reset();
    return 0;
}
