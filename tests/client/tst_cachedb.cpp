// CacheDb: WAL and synchronous=NORMAL, stepwise migrations each in one transaction, refusal of a
// newer cache, one writer thread that serialises writes, change notices after the commit, readers
// per thread, FTS5, and the per-tab counts kept by triggers.
#include "client/cache/cacheerror.h"
#include "client/cache/cachepaths.h"
#include "client/cache/cachereader.h"
#include "client/cache/caserecords.h"
#include "support/cachefixture.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

using namespace skillex;
using client::CacheDb;
using client::CacheWriteTx;

namespace {

QStringList tables(client::CacheReader &reader)
{
    QStringList names;
    QSqlQuery q(reader.db());
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    while (q.next())
        names << q.value(0).toString();
    return names;
}

} // namespace

class TestCacheDb : public QObject {
    Q_OBJECT

private slots:
    void opensInWalWithSynchronousNormal();
    void migratesStepByStep();
    void failedStepLeavesNothingBehind();
    void refusesACacheFromANewerConsole();
    void refusesASecondConsoleOnTheSameCache();
    void writerThreadSerialisesWrites();
    void changeNoticesArriveAfterCommit();
    void failedJobRollsBackWithoutNotice();
    void readersArePerThread();
    void fullTextSearchWithFts5();
    void tabCountsFollowTheCases();
    void caseUpsertKeepsTheNewerVersion();
    void cachePathsPerProfileServerAndAccount();
};

void TestCacheDb::opensInWalWithSynchronousNormal()
{
    QTemporaryDir dir;
    CacheDb db;
    QVERIFY2(db.open(dir.filePath(QStringLiteral("a/b/cache.sqlite"))),
             qPrintable(db.errorString()));
    QCOMPARE(db.schemaVersion(), client::latestCacheVersion());
    auto reader = db.openReader();
    QVERIFY(reader);
    QCOMPARE(reader->scalar(QStringLiteral("PRAGMA journal_mode")).toString(),
             QStringLiteral("wal"));
    // synchronous is per connection: ask the writer's.
    const auto result = db.writeAndWait(
        [](CacheWriteTx &tx) { tx.setResult(tx.scalar(QStringLiteral("PRAGMA synchronous"))); });
    QVERIFY(result.ok);
    QCOMPARE(result.value.toInt(), 1); // NORMAL
}

void TestCacheDb::migratesStepByStep()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    for (int target = 1; target <= client::latestCacheVersion(); ++target) {
        CacheDb db;
        QVERIFY2(db.open({path, target, {}}), qPrintable(db.errorString()));
        QCOMPARE(db.schemaVersion(), target);
        auto reader = db.openReader();
        const QStringList names = tables(*reader);
        QVERIFY(names.contains(QStringLiteral("cases")));
        QCOMPARE(names.contains(QStringLiteral("outbox")), target >= 2);
        QCOMPARE(names.contains(QStringLiteral("cases_fts")),
                 target >= 3 && db.hasFullTextSearch());
        QCOMPARE(reader->scalar(QStringLiteral("SELECT version FROM schema_version")).toInt(),
                 target);
        if (target == 1) {
            // Rows written at version 1 survive the later steps (and reach the text index).
            const auto r = db.writeAndWait([](CacheWriteTx &tx) {
                client::caserecords::upsertCase(tx, tests::makeCase(5), 1);
            });
            QVERIFY2(r.ok, qPrintable(r.error));
        }
    }
    CacheDb db;
    QVERIFY(db.open(path));
    auto reader = db.openReader();
    QCOMPARE(reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toInt(), 1);
    if (db.hasFullTextSearch()) {
        QCOMPARE(reader
                     ->scalar(QStringLiteral("SELECT rowid FROM cases_fts WHERE cases_fts "
                                             "MATCH 'member'"))
                     .toInt(),
                 5);
    }
}

void TestCacheDb::failedStepLeavesNothingBehind()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QList<client::CacheMigration> steps{
        {1, QStringLiteral("one"),
         [](CacheWriteTx &tx) {
             client::execDirect(tx.db(), QStringLiteral("CREATE TABLE one (x)"));
         }},
        {2, QStringLiteral("two, broken half way"),
         [](CacheWriteTx &tx) {
             client::execDirect(tx.db(), QStringLiteral("CREATE TABLE two (x)"));
             client::execDirect(tx.db(), QStringLiteral("INSERT INTO two VALUES (1)"));
             client::execDirect(tx.db(), QStringLiteral("THIS IS NOT SQL"));
         }},
    };
    {
        CacheDb db;
        QVERIFY(!db.open({path, 0, steps}));
        QCOMPARE(db.openError(), CacheDb::OpenError::MigrationFailed);
        QVERIFY2(db.errorString().contains(QStringLiteral("two, broken half way")),
                 qPrintable(db.errorString()));
    }
    CacheDb db;
    QVERIFY(db.open({path, 1, steps}));
    QCOMPARE(db.schemaVersion(), 1);
    auto reader = db.openReader();
    const QStringList names = tables(*reader);
    QVERIFY(names.contains(QStringLiteral("one")));
    QVERIFY2(!names.contains(QStringLiteral("two")), qPrintable(names.join(u',')));
}

void TestCacheDb::refusesACacheFromANewerConsole()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    const int newer = client::latestCacheVersion() + 1;
    {
        CacheDb db;
        QVERIFY(db.open(path));
        QVERIFY(db.writeAndWait([newer](CacheWriteTx &tx) {
                      tx.run(QStringLiteral("UPDATE schema_version SET version = ?"), {newer});
                      tx.run(QStringLiteral("CREATE TABLE from_the_future (x)"));
                  }).ok);
    }
    CacheDb db;
    QVERIFY(!db.open(path));
    QCOMPARE(db.openError(), CacheDb::OpenError::NewerVersion);
    QVERIFY2(db.errorString().contains(QStringLiteral("newer Skillex console")),
             qPrintable(db.errorString()));
    QVERIFY(db.errorString().contains(QString::number(newer)));
    QVERIFY(!db.isOpen());
    QVERIFY(!db.write([](CacheWriteTx &) {}).result().ok);
    // Nothing was touched: an older console must not "migrate" a newer file.
    CacheDb newerConsole;
    QList<client::CacheMigration> steps = client::cacheMigrations();
    steps.push_back({newer, QStringLiteral("future"), [](CacheWriteTx &) {}});
    QVERIFY(newerConsole.open({path, 0, steps}));
    QCOMPARE(newerConsole.schemaVersion(), newer);
}

void TestCacheDb::refusesASecondConsoleOnTheSameCache()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    CacheDb first;
    QVERIFY(first.open(path));
    CacheDb second;
    QVERIFY(!second.open(path));
    QCOMPARE(second.openError(), CacheDb::OpenError::InUse);
    first.close();
    QVERIFY2(second.open(path), qPrintable(second.errorString()));
}

void TestCacheDb::writerThreadSerialisesWrites()
{
    QTemporaryDir dir;
    CacheDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    QVERIFY(db.writeAndWait([](CacheWriteTx &tx) {
                  tx.run(QStringLiteral("INSERT INTO cache_meta VALUES ('counter', '0')"));
              }).ok);
    // Read-modify-write with a yield in between: lost updates unless jobs run one at a time.
    std::atomic<int> onOtherThread{0};
    std::atomic<QThread *> writerThread{nullptr};
    const QThread *testThread = QThread::currentThread();
    auto job = [&](CacheWriteTx &tx) {
        QThread *self = QThread::currentThread();
        QThread *expected = nullptr;
        writerThread.compare_exchange_strong(expected, self);
        if (self != testThread && self == writerThread.load())
            ++onOtherThread;
        const int n =
            tx.scalar(QStringLiteral("SELECT value FROM cache_meta WHERE key = 'counter'")).toInt();
        std::this_thread::yield();
        tx.run(QStringLiteral("UPDATE cache_meta SET value = ? WHERE key = 'counter'"),
               {QString::number(n + 1)});
    };
    constexpr int kThreads = 4;
    constexpr int kJobs = 100;
    std::vector<std::thread> posters;
    std::vector<QFuture<client::CacheWriteResult>> futures[kThreads];
    for (int t = 0; t < kThreads; ++t) {
        posters.emplace_back([&, t] {
            for (int i = 0; i < kJobs; ++i)
                futures[t].push_back(db.write(job));
        });
    }
    for (auto &poster : posters)
        poster.join();
    for (auto &list : futures) {
        for (auto &future : list) {
            future.waitForFinished();
            QVERIFY(future.result().ok);
        }
    }
    auto reader = db.openReader();
    QCOMPARE(reader->scalar(QStringLiteral("SELECT value FROM cache_meta WHERE key = 'counter'"))
                 .toInt(),
             kThreads * kJobs);
    QCOMPARE(onOtherThread.load(), kThreads * kJobs);
}

void TestCacheDb::changeNoticesArriveAfterCommit()
{
    QTemporaryDir dir;
    CacheDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    auto reader = db.openReader();
    QList<client::TableChange> seen;
    QList<int> visibleAtNotice;
    connect(&db, &CacheDb::changed, this, [&](const client::TableChange &change) {
        seen << change;
        // The notice must never come before the commit: a reader sees the rows at once.
        visibleAtNotice << reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toInt();
    });
    bool callbackAfterNotice = false;
    auto future = db.write([](CacheWriteTx &tx) {
        for (qint64 id = 1; id <= 3; ++id)
            client::caserecords::upsertCase(tx, tests::makeCase(id), 1);
        // Hold the transaction open a little: a notice sent early would find nothing.
        QThread::msleep(50);
    });
    future.then(this, [&](const client::CacheWriteResult &r) {
        callbackAfterNotice = r.ok && seen.size() == 1;
    });
    QTRY_VERIFY(callbackAfterNotice);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().table, QStringLiteral("cases"));
    QCOMPARE(seen.first().inserted, (QList<qint64>{1, 2, 3}));
    QCOMPARE(visibleAtNotice, QList<int>{3});

    // An update is told as an update.
    QVERIFY(db.writeAndWait([](CacheWriteTx &tx) {
                  QJsonObject c = tests::makeCase(2);
                  c.insert(QStringLiteral("status"), QStringLiteral("dismissed"));
                  c.insert(QStringLiteral("version"), 2);
                  client::caserecords::upsertCase(tx, c, 2);
              }).ok);
    QTRY_COMPARE(seen.size(), 2);
    QCOMPARE(seen.last().updated, QList<qint64>{2});
    QVERIFY(seen.last().inserted.isEmpty());
}

void TestCacheDb::failedJobRollsBackWithoutNotice()
{
    QTemporaryDir dir;
    CacheDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    QSignalSpy changed(&db, &CacheDb::changed);
    const auto result = db.writeAndWait([](CacheWriteTx &tx) {
        client::caserecords::upsertCase(tx, tests::makeCase(1), 1);
        throw client::CacheError(QStringLiteral("refused on purpose"));
    });
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("refused on purpose"));
    QTest::qWait(50);
    QCOMPARE(changed.count(), 0);
    auto reader = db.openReader();
    QCOMPARE(reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toInt(), 0);
    // The writer goes on after a failed job.
    QVERIFY(db.writeAndWait([](CacheWriteTx &tx) {
                  client::caserecords::upsertCase(tx, tests::makeCase(1), 1);
              }).ok);
    QCOMPARE(reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toInt(), 1);
}

void TestCacheDb::readersArePerThread()
{
    QTemporaryDir dir;
    CacheDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    client::CacheReader *mine = db.reader();
    QVERIFY(mine);
    QCOMPARE(db.reader(), mine);
    client::CacheReader *theirs = nullptr;
    int theirCount = -1;
    QThread *thread = QThread::create([&] {
        theirs = db.reader();
        theirCount =
            theirs ? theirs->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toInt() : -2;
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread; // its reader was closed as it finished, on that thread
    QVERIFY(theirs && theirs != mine);
    QCOMPARE(theirCount, 0);
    // A write through a reader is refused (query_only): only the writer thread writes.
    QSqlQuery write(mine->db());
    QVERIFY(!write.exec(QStringLiteral("INSERT INTO cache_meta VALUES ('x', 'y')")));
}

void TestCacheDb::fullTextSearchWithFts5()
{
    QTemporaryDir dir;
    CacheDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    // Debian's Qt SQLite driver uses the system libsqlite3, which has FTS5.
    QVERIFY2(db.hasFullTextSearch(), "FTS5 missing: case search falls back to LIKE");
    QVERIFY(db.writeAndWait([](CacheWriteTx &tx) {
                  QJsonObject detail = tests::makeCase(9);
                  detail.insert(QStringLiteral("reports"),
                                QJsonArray{QJsonObject{{QStringLiteral("id"), 1},
                                                       {QStringLiteral("description"),
                                                        QStringLiteral("He asked for PayPal "
                                                                       "outside the platform")}}});
                  client::caserecords::storeCaseDetail(tx, detail, 1);
                  client::caserecords::upsertCase(tx, tests::makeCase(10), 1);
              }).ok);
    auto reader = db.openReader();
    QCOMPARE(reader
                 ->scalar(QStringLiteral("SELECT rowid FROM cases_fts WHERE cases_fts MATCH "
                                         "'\"paypal\"*'"))
                 .toInt(),
             9);
    QCOMPARE(reader
                 ->scalar(QStringLiteral("SELECT COUNT(*) FROM cases_fts WHERE cases_fts MATCH "
                                         "'\"member\"*'"))
                 .toInt(),
             2);
}

void TestCacheDb::tabCountsFollowTheCases()
{
    QTemporaryDir dir;
    CacheDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    QVERIFY(db.writeAndWait([](CacheWriteTx &tx) {
                  for (qint64 id = 1; id <= 300; ++id)
                      client::caserecords::upsertCase(tx, tests::makeCase(id), 1);
                  // Moves between groups, and a delete.
                  for (qint64 id = 1; id <= 300; id += 7) {
                      QJsonObject c = tests::makeCase(id);
                      c.insert(QStringLiteral("status"), QStringLiteral("assigned"));
                      c.insert(QStringLiteral("assignee_id"), 99);
                      c.insert(QStringLiteral("severity"), QStringLiteral("high"));
                      c.insert(QStringLiteral("version"), 2);
                      client::caserecords::upsertCase(tx, c, 2);
                  }
                  tx.run(QStringLiteral("DELETE FROM cases WHERE id % 11 = 0"));
              }).ok);
    auto reader = db.openReader();
    QSqlQuery expected(reader->db());
    QVERIFY(expected.exec(QStringLiteral(
        "SELECT status, severity, category, COALESCE(assignee_id, 0), COUNT(*) FROM cases GROUP "
        "BY 1, 2, 3, 4 EXCEPT SELECT status, severity, category, assignee_id, n FROM case_counts "
        "WHERE n > 0")));
    QVERIFY2(!expected.next(), "case_counts differs from the cases");
    QCOMPARE(reader->scalar(QStringLiteral("SELECT SUM(n) FROM case_counts")).toInt(),
             reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toInt());
}

void TestCacheDb::caseUpsertKeepsTheNewerVersion()
{
    QTemporaryDir dir;
    CacheDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    const auto result = db.writeAndWait([](CacheWriteTx &tx) {
        QJsonObject v3 = tests::makeCase(1);
        v3.insert(QStringLiteral("version"), 3);
        v3.insert(QStringLiteral("status"), QStringLiteral("dismissed"));
        v3.insert(QStringLiteral("opened_at"), QStringLiteral("2026-11-21T14:15:00.123Z"));
        QJsonObject v2 = v3;
        v2.insert(QStringLiteral("version"), 2);
        v2.insert(QStringLiteral("status"), QStringLiteral("open"));
        using client::caserecords::Upserted;
        QList<int> outcomes{int(client::caserecords::upsertCase(tx, v3, 1)),
                            int(client::caserecords::upsertCase(tx, v2, 1))};
        tx.setResult(QVariant::fromValue(outcomes));
    });
    QVERIFY(result.ok);
    QCOMPARE(result.value.value<QList<int>>(),
             (QList<int>{int(client::caserecords::Upserted::Inserted),
                         int(client::caserecords::Upserted::Stale)}));
    auto reader = db.openReader();
    QCOMPARE(reader->scalar(QStringLiteral("SELECT status FROM cases WHERE id = 1")).toString(),
             QStringLiteral("dismissed"));
    QCOMPARE(
        reader->scalar(QStringLiteral("SELECT opened_at FROM cases WHERE id = 1")).toLongLong(),
        QDateTime(QDate(2026, 11, 21), QTime(14, 15, 0, 123), Qt::UTC).toMSecsSinceEpoch());
}

void TestCacheDb::cachePathsPerProfileServerAndAccount()
{
    using client::CachePaths;
    const QUrl a(QStringLiteral("https://mod.example.com"));
    const QUrl b(QStringLiteral("https://staging.example.com"));
    const QString one =
        CachePaths::cacheFile(QStringLiteral("/c"), QStringLiteral("Prod EU"), a, 7);
    QVERIFY2(one.startsWith(QStringLiteral("/c/prod-eu-")), qPrintable(one));
    QVERIFY(one.endsWith(QStringLiteral("/staff-7.sqlite")));
    QCOMPARE(CachePaths::cacheFile(QStringLiteral("/c"), QStringLiteral("Prod EU"),
                                   QUrl(QStringLiteral("https://mod.example.com/")), 7),
             one);
    QVERIFY(CachePaths::cacheFile(QStringLiteral("/c"), QStringLiteral("Prod EU"), b, 7) != one);
    QVERIFY(CachePaths::cacheFile(QStringLiteral("/c"), QStringLiteral("Prod EU"), a, 8) != one);
    QCOMPARE(CachePaths::baseDir(QStringLiteral("/tmp/x")), QStringLiteral("/tmp/x"));
    QCOMPARE(CachePaths::slug(QStringLiteral("../../etc")), QStringLiteral("etc"));
}

QTEST_GUILESS_MAIN(TestCacheDb)
#include "tst_cachedb.moc"
