// The console's data layer against the real skillex-server on a simulated marketplace: the
// first sync, then the cache compared with the server's database row for row, for every
// resource; live events (an action sent through the outbox, a report filed by a member, a new
// member) reaching the cache; a stale action becoming a conflict with the server's state; and a
// restart that resumes from the cursor, replaying what happened while the console was away.
#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/connection/connectionstate.h"
#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/outbox/outboxdispatcher.h"
#include "client/stream/eventstream.h"
#include "client/sync/syncengine.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace skillex;
using namespace skillex::testutils;

namespace {

// Every row of a query on the server's database (SQLite file or PostgreSQL), as text.
QStringList serverRows(const QString &url, const QString &sql)
{
    QStringList rows;
    const QString name = QStringLiteral("e2e-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        QSqlDatabase db;
        if (url.startsWith(QStringLiteral("sqlite:"))) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(url.mid(7));
        } else {
            const QUrl u(url);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(u.host());
            db.setPort(u.port(5432));
            db.setUserName(u.userName());
            db.setPassword(u.password());
            db.setDatabaseName(u.path().mid(1));
        }
        if (db.open()) {
            QSqlQuery q(db);
            if (!q.exec(sql))
                qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            while (q.next()) {
                QStringList values;
                for (int i = 0; i < q.record().count(); ++i) {
                    const QVariant v = q.value(i);
                    values << (v.isNull() ? QStringLiteral("NULL")
                               : v.typeId() == QMetaType::Double
                                   ? QString::number(v.toDouble(), 'g', 12)
                                   : v.toString());
                }
                rows << values.join(u'|');
            }
        } else {
            qWarning("cannot open %s: %s", qPrintable(url), qPrintable(db.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

QStringList cacheRows(client::CacheReader &reader, const QString &sql)
{
    QStringList rows;
    QSqlQuery q(reader.db());
    if (!q.exec(sql))
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < q.record().count(); ++i) {
            const QVariant v = q.value(i);
            values << (v.isNull()                        ? QStringLiteral("NULL")
                       : v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'g', 12)
                                                         : v.toString());
        }
        rows << values.join(u'|');
    }
    return rows;
}

// The same columns on both sides, in id order.
struct Comparison {
    const char *name;
    QString server;
    QString cache;
};

const QList<Comparison> kComparisons{
    {"cases",
     QStringLiteral("SELECT id, status, priority, severity, category, subject_type, subject_id, "
                    "subject_user_id, report_count, reporter_count, assignee_id, opened_at, "
                    "sla_due_at, closed_at, version FROM cases ORDER BY id"),
     QStringLiteral("SELECT id, status, priority, severity, category, subject_type, subject_id, "
                    "subject_user_id, report_count, reporter_count, assignee_id, opened_at, "
                    "sla_due_at, closed_at, version FROM cases ORDER BY id")},
    {"users",
     QStringLiteral("SELECT id, name, email, kind, status, created_at FROM users ORDER BY id"),
     QStringLiteral("SELECT id, name, email, kind, status, created_at FROM users ORDER BY id")},
    {"staff",
     QStringLiteral("SELECT id, name, email, status FROM users WHERE kind = 'staff' ORDER BY id"),
     QStringLiteral("SELECT id, name, email, status FROM staff ORDER BY id")},
    {"categories",
     QStringLiteral(
         "SELECT id, slug, name_en, position, version FROM skill_categories ORDER BY id"),
     QStringLiteral("SELECT id, slug, name, position, version FROM categories ORDER BY id")},
    {"skills",
     QStringLiteral("SELECT id, category_id, slug, name_en, status, merged_into, position, "
                    "version FROM skills ORDER BY id"),
     QStringLiteral("SELECT id, category_id, slug, name, status, merged_into, position, version "
                    "FROM skills ORDER BY id")},
};

// A console: a cache, a client signed in as `staff`, the sync engine and the outbox pair.
struct Console {
    client::CacheDb db;
    client::ApiClient api;
    client::ConnectionState state;
    std::unique_ptr<client::SyncEngine> sync;
    std::unique_ptr<client::Outbox> outbox;
    std::unique_ptr<client::OutboxDispatcher> dispatcher;
    std::unique_ptr<client::CacheReader> reader;

    bool open(const QString &path, const QUrl &server, const Actor &staff)
    {
        if (!db.open(path))
            return false;
        api.setBaseUrl(server);
        protocol::TokenResponse tokens;
        tokens.accessToken = staff.accessToken;
        tokens.refreshToken = staff.refreshToken;
        api.setTokens(tokens);
        state.moveTo(client::ConnectionState::State::Connecting);
        sync = std::make_unique<client::SyncEngine>(&db, &api);
        sync->setConnectionState(&state);
        outbox = std::make_unique<client::Outbox>(&db);
        dispatcher = std::make_unique<client::OutboxDispatcher>(&db, &api);
        reader = db.openReader();
        return dispatcher->start();
    }
    ~Console()
    {
        dispatcher.reset();
        outbox.reset();
        sync.reset();
        reader.reset();
    }
};

} // namespace

class TestSyncE2E : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void firstSyncEqualsTheServer();
    void liveChangesReachTheCache();
    void staleActionBecomesAConflict();
    void restartResumesFromTheCursor();
    void actionsQueuedWhileTheServerIsDownApplyOnce();
    void firstSyncSurvivesAServerCrash();
    void financeSyncsWhatItsRolesAllow();
    void cleanupTestCase();

private:
    QString differences(Console &console) const;
    void compareWithServer(Console &console);
    qint64 serverHead() const;

    TestServer m_server;
    QString m_url;
    Actor m_admin;
    Actor m_second; // another moderator, acting from their own console or API
    QTemporaryDir m_dir;
    std::unique_ptr<Console> m_console;
};

void TestSyncE2E::initTestCase()
{
    const StaffAccount admin = m_server.createStaff(QStringLiteral("admin"));
    QVERIFY2(!admin.email.isEmpty(), qPrintable(m_server.error()));
    const StaffAccount second = m_server.createStaff(QStringLiteral("senior_moderator"));
    QVERIFY2(!second.email.isEmpty(), qPrintable(m_server.error()));
    m_url = m_server.databaseUrl();
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    QByteArray err;
    const int code = m_server.runCommand({QStringLiteral("simulate"), QStringLiteral("--db"), m_url,
                                          QStringLiteral("--members"), QStringLiteral("600"),
                                          QStringLiteral("--days"), QStringLiteral("30"),
                                          QStringLiteral("--seed"), QStringLiteral("11")},
                                         {}, &out, &err);
    QVERIFY2(code == 0, err.constData());
    qInfo("simulate: %s", err.right(400).constData());
    qInfo("users %d, cases %d",
          sqlScalar(m_url, QStringLiteral("SELECT COUNT(*) FROM users")).toInt(),
          sqlScalar(m_url, QStringLiteral("SELECT COUNT(*) FROM cases")).toInt());
    qInfo("simulated 30 days of 600 members in %lld ms on %s", timer.elapsed(),
          qPrintable(m_server.backendName()));
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    m_admin = signIn(m_server, admin.email, admin.password);
    m_second = signIn(m_server, second.email, second.password);
    QVERIFY(m_admin.isValid() && m_second.isValid());
    QVERIFY(sqlScalar(m_url, QStringLiteral("SELECT COUNT(*) FROM cases")).toInt() > 0);
}

void TestSyncE2E::cleanupTestCase()
{
    m_console.reset();
    QVERIFY(m_server.stop());
}

qint64 TestSyncE2E::serverHead() const
{
    return sqlScalar(m_url, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"))
        .toLongLong();
}

QString TestSyncE2E::differences(Console &console) const
{
    for (const Comparison &c : kComparisons) {
        const QStringList server = serverRows(m_url, c.server);
        const QStringList cache = cacheRows(*console.reader, c.cache);
        if (server.isEmpty())
            return QStringLiteral("%1: nothing on the server").arg(QLatin1String(c.name));
        if (server == cache)
            continue;
        for (qsizetype i = 0; i < qMax(server.size(), cache.size()); ++i) {
            if (server.value(i) != cache.value(i))
                return QStringLiteral("%1 (%2 rows on the server, %3 in the cache) differs at row "
                                      "%4:\n  server %5\n  cache  %6")
                    .arg(QLatin1String(c.name))
                    .arg(server.size())
                    .arg(cache.size())
                    .arg(i)
                    .arg(server.value(i), cache.value(i));
        }
    }
    return {};
}

void TestSyncE2E::compareWithServer(Console &console)
{
    // Row for row, once the cache has caught up (a fetch an event asked for may still be on
    // its way when the cursor reaches the head).
    QString why;
    const bool equal = QTest::qWaitFor(
        [&] {
            why = differences(console);
            return why.isEmpty();
        },
        15000);
    QVERIFY2(equal, qPrintable(why));
}

void TestSyncE2E::firstSyncEqualsTheServer()
{
    m_console = std::make_unique<Console>();
    QVERIFY(m_console->open(m_dir.filePath(QStringLiteral("console.sqlite")), m_server.baseUrl(),
                            m_admin));
    client::SyncEngine &sync = *m_console->sync;
    client::SyncEngine::Options options;
    options.pageSize = 37; // many pages, a page boundary inside every resource
    sync.setOptions(options);
    QSignalSpy progress(&sync, &client::SyncEngine::progress);
    QSignalSpy finished(&sync, &client::SyncEngine::snapshotFinished);
    QSignalSpy live(&sync, &client::SyncEngine::live);
    QList<client::ConnectionState::State> states;
    QObject scope; // the connection ends with this function; the console lives on
    connect(&m_console->state, &client::ConnectionState::changed, &scope,
            [&](client::ConnectionState::State s) { states << s; });
    const qint64 headBefore = serverHead();
    sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(live.count(), 1, 120000);
    QCOMPARE(finished.count(), 1);
    QVERIFY(progress.count() > 5);
    QCOMPARE(progress.last().at(0).toInt(), 100);
    QVERIFY(states.contains(client::ConnectionState::State::Syncing));
    QCOMPARE(m_console->state.state(), client::ConnectionState::State::Live);
    qInfo("first sync: %lld items in %lld ms", finished.first().at(0).toLongLong(),
          finished.first().at(1).toLongLong());
    // The cursor starts at the snapshot's head, at or after the head before it began.
    QVERIFY(sync.cursor() >= headBefore);
    // Events the server appended meanwhile (the simulator is not running; the server's own
    // jobs may append) are replayed; then the cache equals the server, row for row.
    QTRY_COMPARE_WITH_TIMEOUT(sync.cursor(), serverHead(), 20000);
    compareWithServer(*m_console);
    QCOMPARE(
        m_console->reader->scalar(QStringLiteral("SELECT last_seq FROM event_cursor")).toLongLong(),
        sync.cursor());
}

void TestSyncE2E::liveChangesReachTheCache()
{
    QVERIFY(m_console);
    Console &c = *m_console;
    c.dispatcher->setOnline(true);
    // An open case, claimed through the outbox with the version the cache holds.
    const QStringList open = cacheRows(
        *c.reader,
        QStringLiteral(
            "SELECT id, version FROM cases WHERE status = 'open' ORDER BY priority DESC LIMIT 1"));
    QVERIFY(!open.isEmpty());
    const qint64 caseId = open.first().section(u'|', 0, 0).toLongLong();
    const int version = open.first().section(u'|', 1, 1).toInt();
    auto queued = c.outbox->enqueue(client::actions::claimCase(caseId, version));
    queued.waitForFinished();
    const qint64 actionId = queued.result().value.toLongLong();
    QTRY_COMPARE_WITH_TIMEOUT(c.outbox->entry(actionId)->state, client::OutboxState::Done, 20000);
    // The server's event brought the change back into the cache.
    QTRY_COMPARE_WITH_TIMEOUT(c.reader
                                  ->scalar(QStringLiteral("SELECT status || ':' || assignee_id "
                                                          "FROM cases WHERE id = ?"),
                                           {caseId})
                                  .toString(),
                              QStringLiteral("assigned:%1").arg(m_admin.id), 20000);
    QCOMPARE(c.reader->scalar(QStringLiteral("SELECT version FROM cases WHERE id = ?"), {caseId})
                 .toInt(),
             version + 1);
    // Exactly once in the server's audit log.
    QCOMPARE(sqlScalar(m_url,
                       QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'case.claim' AND target_id = :id"),
                       {{QStringLiteral(":id"), QString::number(caseId)}})
                 .toInt(),
             1);

    // A member signs up and files a report on another member: a new account and a case.
    const Actor reporter = signUpMember(m_server, QStringLiteral("Reporter E2E"));
    QVERIFY(reporter.isValid());
    const qint64 reported =
        sqlScalar(m_url,
                  QStringLiteral("SELECT MIN(id) FROM users WHERE kind = 'member' AND id <> :r"),
                  {{QStringLiteral(":r"), reporter.id}})
            .toLongLong();
    TestHttp http(m_server.baseUrl());
    http.setBearer(reporter.accessToken);
    const auto filed = http.post(
        QStringLiteral("/api/v1/reports"),
        {{QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                                                 {QStringLiteral("id"), reported}}},
         {QStringLiteral("category"), QStringLiteral("harassment")},
         {QStringLiteral("description"), QStringLiteral("Rude messages after the session")}});
    QCOMPARE(filed.status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(c.sync->cursor(), serverHead(), 20000);
    // The new member came through a fetch (member.registered names the account only).
    QTRY_VERIFY_WITH_TIMEOUT(
        c.reader->scalar(QStringLiteral("SELECT email FROM users WHERE id = ?"), {reporter.id})
                .toString() == reporter.email,
        20000);
    compareWithServer(c);
}

void TestSyncE2E::staleActionBecomesAConflict()
{
    QVERIFY(m_console);
    Console &c = *m_console;
    const QStringList open = cacheRows(
        *c.reader,
        QStringLiteral("SELECT id, version FROM cases WHERE status = 'open' ORDER BY id LIMIT 1"));
    QVERIFY(!open.isEmpty());
    const qint64 caseId = open.first().section(u'|', 0, 0).toLongLong();
    const int version = open.first().section(u'|', 1, 1).toInt();
    // Another moderator dismisses it first, from their own client.
    TestHttp http(m_server.baseUrl());
    http.setBearer(m_second.accessToken);
    const auto dismissed =
        http.post(QStringLiteral("/api/v1/admin/cases/%1/actions").arg(caseId),
                  {{QStringLiteral("action"), QStringLiteral("dismiss")},
                   {QStringLiteral("reason"), QStringLiteral("not abuse")}},
                  {{"If-Match", QByteArray("\"") + QByteArray::number(version) + '"'}});
    QCOMPARE(dismissed.status, 200);
    // This console acts on what it saw: a warning, with the old version.
    auto queued =
        c.outbox->enqueue(client::actions::warnMember(caseId, version, QStringLiteral("rude")));
    queued.waitForFinished();
    const qint64 actionId = queued.result().value.toLongLong();
    QTRY_COMPARE_WITH_TIMEOUT(c.outbox->entry(actionId)->state, client::OutboxState::Conflict,
                              20000);
    const client::OutboxEntry entry = *c.outbox->entry(actionId);
    QVERIFY(entry.lastStatus == 412 || entry.lastStatus == 409);
    QCOMPARE(entry.conflictCurrent.toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("dismissed"));
    QTRY_COMPARE(c.outbox->counts().conflicts, 1); // counts follow the change notice
    // The winner's change reached the cache through the stream too.
    QTRY_COMPARE_WITH_TIMEOUT(
        c.reader->scalar(QStringLiteral("SELECT status FROM cases WHERE id = ?"), {caseId})
            .toString(),
        QStringLiteral("dismissed"), 20000);
    c.outbox->discard(actionId).waitForFinished();
}

void TestSyncE2E::restartResumesFromTheCursor()
{
    QVERIFY(m_console);
    const QString path = m_console->db.path();
    const qint64 cursorBefore = m_console->sync->cursor();
    m_console.reset(); // the console quits
    // While it is away: another moderator claims a case.
    const qint64 caseId =
        sqlScalar(m_url, QStringLiteral("SELECT MIN(id) FROM cases WHERE status = 'open'"))
            .toLongLong();
    const int version = sqlScalar(m_url, QStringLiteral("SELECT version FROM cases WHERE id = :id"),
                                  {{QStringLiteral(":id"), caseId}})
                            .toInt();
    TestHttp http(m_server.baseUrl());
    http.setBearer(m_second.accessToken);
    QCOMPARE(http.post(QStringLiteral("/api/v1/admin/cases/%1/claim").arg(caseId), {},
                       {{"If-Match", QByteArray("\"") + QByteArray::number(version) + '"'}})
                 .status,
             200);
    QVERIFY(serverHead() > cursorBefore);

    m_console = std::make_unique<Console>();
    QVERIFY(m_console->open(path, m_server.baseUrl(), m_admin));
    QSignalSpy progress(m_console->sync.get(), &client::SyncEngine::progress);
    QSignalSpy live(m_console->sync.get(), &client::SyncEngine::live);
    m_console->sync->start();
    QTRY_COMPARE_WITH_TIMEOUT(live.count(), 1, 20000);
    QCOMPARE(progress.count(), 0); // no snapshot: the stream replays from the cursor
    QTRY_COMPARE_WITH_TIMEOUT(m_console->sync->cursor(), serverHead(), 20000);
    QCOMPARE(m_console->reader
                 ->scalar(QStringLiteral("SELECT assignee_id FROM cases WHERE id = ?"), {caseId})
                 .toLongLong(),
             m_second.id);
    compareWithServer(*m_console);
}

void TestSyncE2E::actionsQueuedWhileTheServerIsDownApplyOnce()
{
    QVERIFY(m_console);
    const QString path = m_console->db.path();
    // 100 actions: a note on each of up to 20 cases (with the versions this console holds), and
    // a small credit adjustment for as many members as it takes to make 100.
    const QStringList targets = cacheRows(
        *m_console->reader, QStringLiteral("SELECT id, version FROM cases WHERE status IN ('open', "
                                           "'assigned') ORDER BY id LIMIT 20"));
    QVERIFY(targets.size() >= 5);
    const QStringList members = cacheRows(
        *m_console->reader, QStringLiteral("SELECT id FROM users WHERE kind = 'member' AND status "
                                           "= 'active' ORDER BY id LIMIT %1")
                                .arg(100 - targets.size()));
    QCOMPARE(targets.size() + members.size(), 100);
    const QString adjustReason = QStringLiteral("goodwill while the server was down");
    m_console->sync->stop();
    QVERIFY(m_server.stop());
    m_console->dispatcher->setOnline(true); // it tries, and records each failure
    QList<qint64> ids;
    for (const QString &row : targets) {
        auto queued = m_console->outbox->enqueue(client::actions::addCaseNote(
            row.section(u'|', 0, 0).toLongLong(), row.section(u'|', 1, 1).toInt(),
            QStringLiteral("checked while the server was down")));
        queued.waitForFinished();
        ids << queued.result().value.toLongLong();
    }
    for (const QString &member : members) {
        auto queued = m_console->outbox->enqueue(
            client::actions::adjustCredits(member.toLongLong(), 5, adjustReason));
        queued.waitForFinished();
        ids << queued.result().value.toLongLong();
    }
    QCOMPARE(ids.size(), 100);
    // Tried, refused by the network, and waiting for its next try.
    QTRY_VERIFY_WITH_TIMEOUT(m_console->outbox->entry(ids.first())->attempts >= 1 &&
                                 m_console->outbox->entry(ids.first())->state ==
                                     client::OutboxState::Queued &&
                                 !m_console->outbox->entry(ids.first())->lastError.isEmpty(),
                             10000);
    // The console quits with everything queued, and starts again.
    m_console.reset();
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    m_console = std::make_unique<Console>();
    QVERIFY(m_console->open(path, m_server.baseUrl(), m_admin));
    QCOMPARE(m_console->outbox->counts().queued, int(ids.size()));
    m_console->sync->start();
    m_console->dispatcher->setOnline(true);
    m_console->dispatcher->tryNow();
    for (qint64 id : std::as_const(ids))
        QTRY_COMPARE_WITH_TIMEOUT(m_console->outbox->entry(id)->state, client::OutboxState::Done,
                                  30000);
    // Each applied exactly once: one audit entry and one note in the case's history each.
    for (const QString &row : targets) {
        QCOMPARE(sqlScalar(m_url,
                           QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                          "'case.note' AND target_id = :id"),
                           {{QStringLiteral(":id"), row.section(u'|', 0, 0)}})
                     .toInt(),
                 1);
        QCOMPARE(sqlScalar(m_url,
                           QStringLiteral("SELECT COUNT(*) FROM case_history WHERE action = "
                                          "'note' AND case_id = :id AND details LIKE "
                                          "'%server was down%'"),
                           {{QStringLiteral(":id"), row.section(u'|', 0, 0).toLongLong()}})
                     .toInt(),
                 1);
    }
    for (const QString &member : members) {
        QCOMPARE(sqlScalar(m_url,
                           QStringLiteral("SELECT COUNT(*) FROM credit_adjustments WHERE user_id = "
                                          ":id AND reason = :reason AND status = 'posted'"),
                           {{QStringLiteral(":id"), member.toLongLong()},
                            {QStringLiteral(":reason"), adjustReason}})
                     .toInt(),
                 1);
    }
    QCOMPARE(sqlScalar(m_url, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                             "'adjustment.posted' AND reason = :reason"),
                       {{QStringLiteral(":reason"), adjustReason}})
                 .toInt(),
             int(members.size()));
    QTRY_COMPARE_WITH_TIMEOUT(m_console->sync->cursor(), serverHead(), 20000);
    compareWithServer(*m_console);
}

void TestSyncE2E::firstSyncSurvivesAServerCrash()
{
    // A second console, starting from nothing; the server is killed part way through.
    QTemporaryDir dir;
    Console console;
    QVERIFY(
        console.open(dir.filePath(QStringLiteral("second.sqlite")), m_server.baseUrl(), m_second));
    client::SyncEngine::Options options;
    options.pageSize = 10;
    console.sync->setOptions(options);
    QSignalSpy progress(console.sync.get(), &client::SyncEngine::progress);
    QSignalSpy live(console.sync.get(), &client::SyncEngine::live);
    console.sync->start();
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 20, 20000); // into the users
    m_server.kill();
    QTest::qWait(1500);
    QCOMPARE(live.count(), 0);
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    console.api.setBaseUrl(m_server.baseUrl()); // the restarted server has another port
    // Meanwhile the world moved on: a change the stream must bring after the snapshot.
    TestHttp http(m_server.baseUrl());
    http.setBearer(m_admin.accessToken);
    const qint64 caseId =
        sqlScalar(m_url, QStringLiteral("SELECT MIN(id) FROM cases WHERE status = 'open'"))
            .toLongLong();
    if (caseId > 0) {
        const int version =
            sqlScalar(m_url, QStringLiteral("SELECT version FROM cases WHERE id = :id"),
                      {{QStringLiteral(":id"), caseId}})
                .toInt();
        QCOMPARE(http.post(QStringLiteral("/api/v1/admin/cases/%1/claim").arg(caseId), {},
                           {{"If-Match", QByteArray("\"") + QByteArray::number(version) + '"'}})
                     .status,
                 200);
    }
    QTRY_COMPARE_WITH_TIMEOUT(live.count(), 1, 90000);
    QTRY_COMPARE_WITH_TIMEOUT(console.sync->cursor(), serverHead(), 20000);
    compareWithServer(console);
}

void TestSyncE2E::financeSyncsWhatItsRolesAllow()
{
    // Finance may not see cases (403 on that resource): the sync skips them and goes live.
    const Actor finance = signInStaff(m_server, QStringLiteral("finance"));
    QVERIFY(finance.isValid());
    QTemporaryDir dir;
    Console console;
    QVERIFY(
        console.open(dir.filePath(QStringLiteral("finance.sqlite")), m_server.baseUrl(), finance));
    QSignalSpy live(console.sync.get(), &client::SyncEngine::live);
    QSignalSpy failed(console.sync.get(), &client::SyncEngine::failed);
    console.sync->start();
    QTRY_COMPARE_WITH_TIMEOUT(live.count(), 1, 30000);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(console.reader->scalar(QStringLiteral("SELECT COUNT(*) FROM cases")).toInt(), 0);
    QCOMPARE(cacheRows(*console.reader, kComparisons.at(1).cache),
             serverRows(m_url, kComparisons.at(1).server));
}

QTEST_GUILESS_MAIN(TestSyncE2E)
#include "tst_sync_e2e.moc"
