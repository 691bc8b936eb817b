// The console killed with SIGKILL while writing: the cache passes PRAGMA integrity_check, every
// action it reported committed is in the outbox whole, and each transaction is all or nothing
// (its cases, its attachment and the cursor with it). Five kills at random moments, one file.
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "client/outbox/outboxstore.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace skillex;

class TestCacheCrash : public QObject {
    Q_OBJECT

private slots:
    void killedWhileWritingLosesNothingCommitted();
};

void TestCacheCrash::killedWhileWritingLosesNothingCommitted()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    qint64 reportedTotal = -1;
    for (int round = 0; round < 5; ++round) {
        QProcess writer;
        writer.setProgram(QStringLiteral(SKILLEX_CRASH_WRITER));
        writer.setArguments({path});
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start();
        QVERIFY(writer.waitForStarted());
        QByteArray out;
        const int wanted = 3 + QRandomGenerator::global()->bounded(12);
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         out += writer.readAllStandardOutput();
                         return out.count("committed") >= wanted ||
                                writer.state() == QProcess::NotRunning;
                     },
                     60000),
                 writer.readAllStandardError().constData());
        QVERIFY2(writer.state() == QProcess::Running, writer.readAllStandardError().constData());
        // Somewhere inside the next transactions (each takes a few milliseconds).
        QTest::qWait(QRandomGenerator::global()->bounded(25));
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        out += writer.readAllStandardOutput();
        qint64 lastReported = -1;
        const auto matches = QRegularExpression(QStringLiteral("committed (\\d+)"))
                                 .globalMatch(QString::fromLatin1(out));
        for (auto it = matches; it.hasNext();)
            lastReported = qMax(lastReported, it.next().captured(1).toLongLong());
        QVERIFY(lastReported >= 0);

        client::CacheDb db; // the lock of the killed process is stale and taken over
        QVERIFY2(db.open(path), qPrintable(db.errorString()));
        auto reader = db.openReader();
        QSqlQuery check(reader->db());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")));
        QVERIFY(check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
        check.finish();

        const qint64 rows =
            reader->scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")).toLongLong();
        // Everything reported is there; at most the few commits whose line was lost in flight
        // are there too. Ids are gap-free: a transaction is never half applied or skipped.
        QVERIFY2(
            rows >= lastReported + 1 && rows <= lastReported + 4,
            qPrintable(QStringLiteral("%1 rows, last reported %2").arg(rows).arg(lastReported)));
        QVERIFY(lastReported > reportedTotal);
        reportedTotal = lastReported;
        QCOMPARE(
            reader->scalar(QStringLiteral("SELECT MAX(id) - MIN(id) + 1 FROM outbox")).toLongLong(),
            rows);
        QCOMPARE(reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toLongLong(),
                 rows * 200);
        QCOMPARE(
            reader->scalar(QStringLiteral("SELECT COUNT(*) FROM attachment_blobs")).toLongLong(),
            rows);
        QCOMPARE(reader->scalar(QStringLiteral("SELECT last_seq FROM event_cursor")).toLongLong(),
                 rows);
        QCOMPARE(reader->scalar(QStringLiteral("SELECT SUM(n) FROM case_counts")).toLongLong(),
                 rows * 200);
        // Every action whole: its key, its body, its state.
        const QList<client::OutboxEntry> entries = client::outboxstore::entries(*reader, 0);
        QCOMPARE(entries.size(), rows);
        for (const client::OutboxEntry &e : entries) {
            const qint64 i = e.idempotencyKey.mid(6).toLongLong();
            QCOMPARE(e.idempotencyKey, QStringLiteral("crash-%1").arg(i));
            QCOMPARE(e.state, client::OutboxState::Queued);
            QCOMPARE(e.action.path, QStringLiteral("/api/v1/admin/cases/%1/actions").arg(i));
            QCOMPARE(e.action.body.value(QStringLiteral("reason")).toString(),
                     QStringLiteral("reason %1").arg(i));
            QCOMPARE(e.action.ifMatch, QStringLiteral("\"1\""));
        }
        reader.reset();
        if (db.hasFullTextSearch()) {
            // The text index agrees with its content table (FTS5's own check; writes nothing).
            const auto fts = db.writeAndWait([](client::CacheWriteTx &tx) {
                client::execDirect(tx.db(),
                                   QStringLiteral("INSERT INTO cases_fts (cases_fts, rank) "
                                                  "VALUES ('integrity-check', 1)"));
            });
            QVERIFY2(fts.ok, qPrintable(fts.error));
        }
        qInfo("round %d: killed after %lld reported commits, %lld in the cache, integrity ok",
              round, lastReported + 1, rows);
    }
}

QTEST_GUILESS_MAIN(TestCacheCrash)
#include "tst_cachecrash.moc"
