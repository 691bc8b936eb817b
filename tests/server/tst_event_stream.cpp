// The admin event stream against the real server: sign-in by first message (4401, 4403),
// replay from any cursor, live events in seq order, twenty sockets cut at random points with
// the received sequence compared with the events table, heartbeats and dropping silent
// clients, resync for a cursor the server cannot serve, presence relayed and never stored,
// and on PostgreSQL concurrent writers whose seqs become visible in commit order.
#include "protocol/streammessages.h"
#include "tests/server/streamtestclient.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QAtomicInt>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <memory>
#include <tuple>
#include <vector>

using namespace skillex::testutils;
using skillex::protocol::StreamMessage;
namespace closecode = skillex::protocol::streamclose;

namespace {

constexpr int kHistory = 2000; // events put in the table before the tests, for long replays

// Saves a member's availability again and again on a thread of its own: each save appends
// one event (member.availability_updated) through the real API.
class AvailabilityWriter {
public:
    AvailabilityWriter(QUrl base, QString token, int count = -1)
        : m_base(std::move(base))
        , m_token(std::move(token))
        , m_count(count)
    {}
    ~AvailabilityWriter() { stop(); }

    void start()
    {
        m_thread.reset(QThread::create([this] {
            TestHttp http(m_base);
            http.setBearer(m_token);
            for (int i = 0; (m_count < 0 || i < m_count) && !m_stop.loadRelaxed(); ++i) {
                const QJsonObject slot{{QStringLiteral("weekday"), i % 7},
                                       {QStringLiteral("start_minute"), 600},
                                       {QStringLiteral("end_minute"), 660 + i % 60}};
                const QJsonObject body{{QStringLiteral("slots"), QJsonArray{slot}}};
                const auto r = http.send("PUT", QStringLiteral("/api/v1/me/availability"),
                                         QJsonDocument(body).toJson(QJsonDocument::Compact),
                                         {{"Content-Type", "application/json"}});
                if (r.status == 200)
                    m_written.fetchAndAddRelaxed(1);
                else
                    m_failed.fetchAndAddRelaxed(1);
            }
        }));
        m_thread->start();
    }
    // Stops after the save in progress.
    void stop()
    {
        m_stop.storeRelaxed(1);
        join();
    }
    // Waits until the writer has made its count of saves.
    void join()
    {
        if (!m_thread)
            return;
        m_thread->wait();
        m_thread.reset();
    }
    bool finished() const { return !m_thread || m_thread->isFinished(); }
    int written() const { return m_written.loadRelaxed(); }
    int failed() const { return m_failed.loadRelaxed(); }

private:
    QUrl m_base;
    QString m_token;
    int m_count;
    std::unique_ptr<QThread> m_thread;
    QAtomicInt m_stop{0};
    QAtomicInt m_written{0};
    QAtomicInt m_failed{0};
};

} // namespace

class TestEventStream : public QObject {
    Q_OBJECT
    TestServer m_server;
    Actor m_viewer;
    Actor m_moderator;
    Actor m_member;
    Actor m_admin;
    std::vector<Actor> m_writers;

    qint64 sqlInt(const QString &sql)
    {
        QString error;
        const QVariant v = sqlScalar(m_server.databaseUrl(), sql, {}, &error);
        if (!error.isEmpty())
            qWarning("sql failed: %s", qPrintable(error));
        return v.toLongLong();
    }
    qint64 head() { return sqlInt(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events")); }
    bool isPostgres() const { return m_server.backend() == TestServer::Backend::Postgres; }

    // Events in the table are 1..head with none missing (the table is the reference).
    void verifyTableContiguous()
    {
        QCOMPARE(sqlInt(QStringLiteral("SELECT COUNT(*) FROM events")), head());
        QCOMPARE(sqlInt(QStringLiteral("SELECT COALESCE(MIN(seq), 1) FROM events")), 1);
    }

    void writeEvents(int n)
    {
        AvailabilityWriter w(m_server.baseUrl(), m_writers.front().accessToken, n);
        w.start();
        w.join();
        QCOMPARE(w.failed(), 0);
        QCOMPARE(w.written(), n);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_RUNTIME_DIR", QDir::tempPath().toLocal8Bit());
        // Short intervals so heartbeats and timeouts are seen in a second; small replay pages
        // so a replay takes many reads and can be cut in the middle. On PostgreSQL the poll is
        // made so slow that live events can only have come through LISTEN/NOTIFY.
        qputenv("SKILLEX_STREAM_PING_MS", "300");
        qputenv("SKILLEX_STREAM_SILENCE_MS", "1500");
        qputenv("SKILLEX_STREAM_AUTH_MS", "1000");
        qputenv("SKILLEX_STREAM_PAGE", "50");
        qputenv("SKILLEX_STREAM_RECHECK_MS", "300");
        qputenv("SKILLEX_STREAM_POLL_MS", isPostgres() ? "60000" : "50");
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        // A history to replay, written straight into the table before anyone else writes.
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("INSERT INTO events (seq, type, at, actor_id, subject_type, "
                                       "subject_id, data) "
                                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                       "FROM n WHERE i < %1) "
                                       "SELECT i, 'test.history', 1767225600000 + i, NULL, "
                                       "'test', CAST(i AS TEXT), '{\"i\":' || i || '}' FROM n")
                            .arg(kHistory)));
        m_viewer = signInStaff(m_server, QStringLiteral("viewer"));
        m_moderator = signInStaff(m_server, QStringLiteral("moderator"));
        m_member = signUpMember(m_server);
        m_admin = signInStaff(m_server, QStringLiteral("admin"));
        QVERIFY(m_viewer.isValid() && m_moderator.isValid() && m_member.isValid() &&
                m_admin.isValid());
        for (int i = 0; i < 6; ++i) {
            m_writers.push_back(signUpMember(m_server));
            QVERIFY(m_writers.back().isValid());
        }
    }

    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    // The wire types the console shares: each op survives encode and decode.
    void wireMessagesRoundTrip()
    {
        using skillex::protocol::StreamEvent;
        StreamEvent e;
        e.seq = 42;
        e.type = QStringLiteral("case.opened");
        e.atMs = 1767225600123;
        e.actorId = 7;
        e.subjectType = QStringLiteral("case");
        e.subjectId = QStringLiteral("812");
        e.data = {{QStringLiteral("severity"), QStringLiteral("high")}};
        skillex::protocol::Problem problem;
        problem.status = 401;
        problem.type = skillex::protocol::problemtype::kUnauthenticated;
        problem.title = QStringLiteral("Authentication required");
        const QList<StreamMessage> all = {
            StreamMessage::auth(QStringLiteral("tok"), 9),
            StreamMessage::ready(10),
            StreamMessage::eventMessage(e),
            StreamMessage::ping(),
            StreamMessage::pong(),
            StreamMessage::presence(812, skillex::protocol::kPresenceViewing),
            StreamMessage::presence(812, skillex::protocol::kPresenceLeft, 3,
                                    QStringLiteral("Ana")),
            StreamMessage::resync(skillex::protocol::kResyncBacklog),
            StreamMessage::error(problem),
        };
        for (const StreamMessage &m : all) {
            const QString frame = m.encode();
            const auto back = StreamMessage::decode(frame);
            QVERIFY2(back.ok(), qPrintable(frame + QStringLiteral(": ") + back.error()));
            QCOMPARE(back.value().encode(), frame);
        }
        const QJsonObject wire = StreamMessage::eventMessage(e).toJson();
        QCOMPARE(wire.value("event").toObject().value("at").toString(),
                 QStringLiteral("2026-01-01T00:00:00.123Z"));
        QCOMPARE(wire.value("event").toObject().value("subject").toObject().value("id"),
                 QJsonValue(812));
        QVERIFY(!StreamMessage::decode(QStringLiteral("{\"op\":\"dance\"}")).ok());
        QVERIFY(!StreamMessage::decode(QStringLiteral("[1]")).ok());
        QVERIFY(!StreamMessage::decode(QStringLiteral("{\"op\":\"presence\",\"case\":1,"
                                                      "\"state\":\"dancing\"}"))
                     .ok());
    }

    void noAuthMessageIsRefusedWith4401()
    {
        StreamTestClient c;
        QVERIFY(c.open(m_server.baseUrl(), QString(), 0));
        QVERIFY(c.waitForClose(4000));
        QCOMPARE(c.closeCode, closecode::kUnauthenticated);
        QCOMPARE(c.ofOp(QStringLiteral("error")).size(), 1);
    }

    void firstMessageMustBeAuth()
    {
        StreamTestClient c;
        QVERIFY(c.open(m_server.baseUrl(), QString(), 0));
        c.send(StreamMessage::pong());
        QVERIFY(c.waitForClose());
        QCOMPARE(c.closeCode, closecode::kUnauthenticated);
        const auto errors = c.ofOp(QStringLiteral("error"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].value(QStringLiteral("problem")).toObject().value("status").toInt(),
                 401);
    }

    void badTokenIsRefusedWith4401()
    {
        for (const QString &token : {QStringLiteral("not-a-token"), QString(),
                                     m_viewer.accessToken + QStringLiteral("x")}) {
            StreamTestClient c;
            QVERIFY(c.open(m_server.baseUrl(), token.isNull() ? QStringLiteral("") : token, 0));
            QVERIFY(c.waitForClose());
            QCOMPARE(c.closeCode, closecode::kUnauthenticated);
            QCOMPARE(c.ofOp(QStringLiteral("error")).size(), 1);
            QVERIFY(c.ofOp(QStringLiteral("ready")).isEmpty());
        }
    }

    void memberTokenIsRefusedWith4403()
    {
        StreamTestClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_member.accessToken, 0));
        QVERIFY(c.waitForClose());
        QCOMPARE(c.closeCode, closecode::kForbidden);
        const auto errors = c.ofOp(QStringLiteral("error"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].value(QStringLiteral("problem")).toObject().value("status").toInt(),
                 403);
        QVERIFY(c.seqs.isEmpty());
    }

    void replayFromZeroAndFromTheMiddle()
    {
        const qint64 h = head();
        QVERIFY(h >= kHistory);
        for (const qint64 after : {qint64(0), qint64(kHistory / 2), h - 1, h}) {
            StreamTestClient c;
            QVERIFY(c.open(m_server.baseUrl(), m_viewer.accessToken, after));
            QVERIFY(c.waitForOp(QStringLiteral("ready")));
            QCOMPARE(c.messages.first().value(QStringLiteral("op")).toString(),
                     QStringLiteral("ready"));
            QVERIFY(c.ofOp(QStringLiteral("ready"))[0].value("head").toInteger() >= h);
            if (after < h)
                QVERIFY(c.waitForSeq(h));
            QTest::qWait(100);
            QCOMPARE(c.outOfOrder, 0);
            QCOMPARE(c.seqs.size(), h - after);
            if (!c.seqs.isEmpty())
                QCOMPARE(c.seqs.first(), after + 1);
        }
        // An event as the table has it.
        StreamTestClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_viewer.accessToken, 6));
        QVERIFY(c.waitForSeq(7));
        const QJsonObject e = c.ofOp(QStringLiteral("event"))[0].value("event").toObject();
        const auto decoded = skillex::protocol::StreamEvent::fromJson(e);
        QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
        QCOMPARE(decoded.value().seq, 7);
        QCOMPARE(decoded.value().type, QStringLiteral("test.history"));
        QCOMPARE(decoded.value().atMs, 1767225600007);
        QCOMPARE(e.value("subject").toObject().value("id").toInteger(), 7);
        QCOMPARE(decoded.value().data.value("i").toInt(), 7);
        QVERIFY(e.value("actor").isNull());
    }

    void liveEventsAfterReadyInOrder()
    {
        StreamTestClient c;
        const qint64 h = head();
        QVERIFY(c.open(m_server.baseUrl(), m_viewer.accessToken, h));
        QVERIFY(c.waitForOp(QStringLiteral("ready")));
        writeEvents(20);
        QVERIFY(c.waitForSeq(h + 20));
        QCOMPARE(c.outOfOrder, 0);
        QCOMPARE(c.seqs.size(), 20);
        const QJsonObject e = c.ofOp(QStringLiteral("event")).last().value("event").toObject();
        QCOMPARE(e.value("type").toString(), QStringLiteral("member.availability_updated"));
        QCOMPARE(e.value("actor").toInteger(), m_writers.front().id);
        verifyTableContiguous();
    }

    // The socket is cut twenty times at random points, mid-replay or mid-live, while a writer
    // appends through the API; each reconnect names the last seq received. Together the
    // connections must deliver exactly the table.
    void socketCutAtRandomPointsTwentyTimes()
    {
        auto *random = QRandomGenerator::global();
        AvailabilityWriter writer(m_server.baseUrl(), m_writers[1].accessToken);
        writer.start();
        QList<qint64> received;
        qint64 last = 0;
        int cutsMidReplay = 0;
        for (int i = 0; i < 20; ++i) {
            // Let the writer build up a backlog of a few dozen events now and then.
            QTest::qWait(int(random->bounded(i % 3 == 0 ? 150 : 20)));
            const qint64 backlog = head() - last;
            StreamTestClient c;
            // Even rounds cut somewhere inside the replay; odd ones after a while, live.
            if (i % 2 == 0 && backlog > 1)
                c.cutAfterEvents = 1 + int(random->bounded(quint32(backlog - 1)));
            QVERIFY(c.open(m_server.baseUrl(), m_moderator.accessToken, last));
            QVERIFY(c.waitForOp(QStringLiteral("ready")));
            const qint64 readyHead = c.ofOp(QStringLiteral("ready"))[0].value("head").toInteger();
            if (c.cutAfterEvents > 0) {
                QVERIFY(c.waitForClose(5000));
            } else {
                QTest::qWait(int(random->bounded(250)));
                if (random->bounded(2) == 0)
                    c.abort();
                else
                    c.close();
            }
            if (c.lastSeq < readyHead)
                ++cutsMidReplay;
            QCOMPARE(c.outOfOrder, 0);
            received += c.seqs;
            if (!c.seqs.isEmpty())
                last = c.seqs.last();
        }
        writer.stop();
        QCOMPARE(writer.failed(), 0);
        QVERIFY(writer.written() > 0);
        // Catch up to the end of the table.
        const qint64 end = head();
        StreamTestClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_moderator.accessToken, last));
        QVERIFY(c.waitForSeq(end));
        QCOMPARE(c.outOfOrder, 0);
        received += c.seqs;
        verifyTableContiguous();
        QCOMPARE(received.size(), end);
        for (qsizetype i = 0; i < received.size(); ++i)
            QCOMPARE(received[i], i + 1);
        qInfo("%d of 20 cuts were in the middle of a replay; %d events written during the cuts",
              cutsMidReplay, writer.written());
        QVERIFY(cutsMidReplay >= 5);
    }

    void heartbeatsAndSilentClientDropped()
    {
        StreamTestClient silent(false);
        StreamTestClient talking(true);
        QVERIFY(silent.open(m_server.baseUrl(), m_viewer.accessToken, head()));
        QVERIFY(talking.open(m_server.baseUrl(), m_viewer.accessToken, head()));
        QVERIFY(silent.waitForOp(QStringLiteral("ping"), 2000));
        QVERIFY(silent.waitForClose(4000));
        QCOMPARE(silent.closeCode, closecode::kTimeout);
        QCOMPARE(silent.ofOp(QStringLiteral("error")).size(), 1);
        // The one that answers pings is still there, well past the silence timeout.
        QVERIFY(!talking.closed);
        QVERIFY(talking.ofOp(QStringLiteral("ping")).size() >= 3);
    }

    void resyncForACursorTheServerCannotServe()
    {
        StreamTestClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_viewer.accessToken, head() + 1000));
        QVERIFY(c.waitForClose());
        QCOMPARE(c.closeCode, closecode::kResync);
        const auto resync = c.ofOp(QStringLiteral("resync"));
        QCOMPARE(resync.size(), 1);
        QCOMPARE(resync[0].value("reason").toString(), skillex::protocol::kResyncCursorUnknown);
        QVERIFY(c.ofOp(QStringLiteral("ready")).isEmpty());
    }

    // A second server with small bounds: a cursor too far behind, and a live client that stops
    // reading while large events arrive, are both told to resync.
    void resyncForBacklogs()
    {
        qputenv("SKILLEX_STREAM_MAX_BACKLOG_BYTES", "65536");
        qputenv("SKILLEX_STREAM_MAX_REPLAY", "100");
        // The slow client is silent for seconds: that must not be what ends it.
        qputenv("SKILLEX_STREAM_SILENCE_MS", "60000");
        TestServer small(m_server.backend());
        const bool started = small.start();
        qunsetenv("SKILLEX_STREAM_MAX_BACKLOG_BYTES");
        qunsetenv("SKILLEX_STREAM_MAX_REPLAY");
        qputenv("SKILLEX_STREAM_SILENCE_MS", "1500");
        QVERIFY2(started, qPrintable(small.error()));
        const Actor viewer = signInStaff(small, QStringLiteral("viewer"));
        QVERIFY(viewer.isValid());
        const QString pad = isPostgres() ? QStringLiteral("repeat('x', 60000)")
                                         : QStringLiteral("hex(zeroblob(30000))");
        const auto insertBig = [&](int count) {
            return sqlExec(small.databaseUrl(),
                           QStringLiteral("INSERT INTO events (seq, type, at, actor_id, "
                                          "subject_type, subject_id, data) "
                                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                          "FROM n WHERE i < %1) "
                                          "SELECT (SELECT COALESCE(MAX(seq), 0) FROM events) + i, "
                                          "'test.big', 1767225600000, NULL, 'test', "
                                          "CAST(i AS TEXT), '{\"pad\":\"' || %2 || '\"}' FROM n")
                               .arg(count)
                               .arg(pad));
        };
        // Rows written behind EventLog's back; on PostgreSQL a NOTIFY wakes the server's reader
        // as EventLog's own would (the poll is a minute in these tests).
        const auto bigEvents = [&](int count) {
            return insertBig(count) &&
                   (!isPostgres() || sqlExec(small.databaseUrl(),
                                             QStringLiteral("SELECT pg_notify('skillex_events', "
                                                            "'test')")));
        };

        QVERIFY(bigEvents(150));
        {
            StreamTestClient c;
            QVERIFY(c.open(small.baseUrl(), viewer.accessToken, 0));
            QVERIFY(c.waitForClose());
            QCOMPARE(c.closeCode, closecode::kResync);
            QCOMPARE(c.ofOp(QStringLiteral("resync"))[0].value("reason").toString(),
                     skillex::protocol::kResyncBacklog);
        }
        const qint64 start =
            sqlScalar(small.databaseUrl(), QStringLiteral("SELECT MAX(seq) FROM events"))
                .toLongLong();
        StreamTestClient slow;
        QVERIFY(slow.open(small.baseUrl(), viewer.accessToken, start));
        QVERIFY(slow.waitForOp(QStringLiteral("ready")));
        // The client stops reading (this thread does not run its event loop) while about 18 MB
        // of events arrive in three rounds; the server's unsent data passes the bound.
        // It must read again within the server's 10 s grace after resync, or be cut off
        // before the resync message reaches it.
        for (int round = 0; round < 3; ++round) {
            QVERIFY(bigEvents(100));
            QThread::msleep(700);
        }
        QVERIFY(slow.waitForClose(15000));
        qInfo("slow client: %d events up to %lld after %lld, %d resync, close %d (%s)",
              int(slow.seqs.size()), slow.lastSeq, start,
              int(slow.ofOp(QStringLiteral("resync")).size()), slow.closeCode,
              qPrintable(slow.socket().closeReason()));
        if (slow.closeCode != closecode::kResync)
            qInfo("server: running %d; %s", small.isRunning(),
                  small.serverStderr().right(4000).constData());
        QCOMPARE(slow.closeCode, closecode::kResync);
        QCOMPARE(slow.ofOp(QStringLiteral("resync")).size(), 1);
        QCOMPARE(slow.ofOp(QStringLiteral("resync"))[0].value("reason").toString(),
                 skillex::protocol::kResyncBacklog);
        QCOMPARE(slow.outOfOrder, 0); // what it did get was in order
        QVERIFY(slow.lastSeq < start + 300);
        QVERIFY2(small.stop(), qPrintable(small.error()));
    }

    void presenceRelayedToOthersAndNeverStored()
    {
        const qint64 eventsBefore = head();
        const qint64 auditBefore = sqlInt(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        StreamTestClient a, b;
        QVERIFY(a.open(m_server.baseUrl(), m_moderator.accessToken, eventsBefore));
        QVERIFY(b.open(m_server.baseUrl(), m_viewer.accessToken, eventsBefore));
        QVERIFY(a.waitForOp(QStringLiteral("ready")) && b.waitForOp(QStringLiteral("ready")));
        a.send(StreamMessage::presence(812, skillex::protocol::kPresenceViewing));
        QVERIFY(b.waitForOp(QStringLiteral("presence")));
        const QJsonObject p = b.ofOp(QStringLiteral("presence"))[0];
        QCOMPARE(p.value("case").toInteger(), 812);
        QCOMPARE(p.value("state").toString(), QStringLiteral("viewing"));
        QCOMPARE(p.value("staff").toObject().value("id").toInteger(), m_moderator.id);
        QCOMPARE(p.value("staff").toObject().value("name").toString(), m_moderator.name);
        // A newcomer is told who is viewing what, right after ready.
        StreamTestClient late;
        QVERIFY(late.open(m_server.baseUrl(), m_viewer.accessToken, eventsBefore));
        QVERIFY(late.waitForOp(QStringLiteral("presence")));
        QCOMPARE(late.messages[0].value("op").toString(), QStringLiteral("ready"));
        QCOMPARE(late.ofOp(QStringLiteral("presence"))[0].value("case").toInteger(), 812);
        // The sender hears nothing of its own presence.
        QTest::qWait(200);
        QVERIFY(a.ofOp(QStringLiteral("presence")).isEmpty());
        // Closing the socket says "left" for it.
        a.abort();
        QVERIFY(b.waitFor([&] { return b.ofOp(QStringLiteral("presence")).size() == 2; }, 5000));
        QCOMPARE(b.ofOp(QStringLiteral("presence"))[1].value("state").toString(),
                 QStringLiteral("left"));
        QVERIFY(
            late.waitFor([&] { return late.ofOp(QStringLiteral("presence")).size() == 2; }, 5000));
        QCOMPARE(head(), eventsBefore);
        QCOMPARE(sqlInt(QStringLiteral("SELECT COUNT(*) FROM audit_log")), auditBefore);
    }

    // Every resource paged with a small limit: ids strictly increasing, none missing or
    // repeated against the table, head on every page, null next at the end.
    void snapshotPagesEveryResource()
    {
        // A few cases: members report other members.
        TestHttp reporter(m_server.baseUrl());
        reporter.setBearer(m_writers[2].accessToken);
        for (int i = 3; i < 6; ++i) {
            const auto r =
                reporter.post(QStringLiteral("/api/v1/reports"),
                              {{QStringLiteral("subject"),
                                QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                                            {QStringLiteral("id"), m_writers[i].id}}},
                               {QStringLiteral("category"), QStringLiteral("spam")},
                               {QStringLiteral("description"),
                                QStringLiteral("Sends the same link to everyone.")}});
            QCOMPARE(r.status, 201);
        }
        const QHash<QString, QString> tables = {
            {QStringLiteral("categories"), QStringLiteral("skill_categories")},
            {QStringLiteral("skills"), QStringLiteral("skills")},
            {QStringLiteral("staff"), QStringLiteral("users WHERE kind = 'staff'")},
            {QStringLiteral("users"), QStringLiteral("users")},
            {QStringLiteral("cases"), QStringLiteral("cases")},
        };
        // The admin may read every resource.
        TestHttp http(m_server.baseUrl());
        http.setBearer(m_admin.accessToken);
        const qint64 h = head();
        for (auto it = tables.begin(); it != tables.end(); ++it) {
            QList<qint64> ids;
            QString after;
            QJsonObject last;
            int pages = 0;
            do {
                const auto r = http.get(
                    QStringLiteral("/api/v1/admin/sync/snapshot?resource=%1&limit=7%2")
                        .arg(it.key(),
                             after.isEmpty() ? QString() : QStringLiteral("&after=") + after));
                QCOMPARE(r.status, 200);
                const QJsonObject body = r.json();
                QCOMPARE(body.value("resource").toString(), it.key());
                QCOMPARE(body.value("head").toInteger(), h);
                for (const auto &item : body.value("items").toArray()) {
                    ids.push_back(item.toObject().value("id").toInteger());
                    last = item.toObject();
                }
                QVERIFY(body.value("items").toArray().size() <= 7);
                after = body.value("next").toString();
                QVERIFY(++pages < 1000);
            } while (!after.isEmpty());
            QVERIFY2(!ids.isEmpty(), qPrintable(it.key()));
            for (qsizetype i = 1; i < ids.size(); ++i)
                QVERIFY(ids[i] > ids[i - 1]);
            QCOMPARE(qint64(ids.size()),
                     sqlInt(QStringLiteral("SELECT COUNT(*) FROM ") + it.value()));
            QCOMPARE(ids.last(), sqlInt(QStringLiteral("SELECT MAX(id) FROM ") + it.value()));
            QVERIFY2(!last.contains("password_hash"), qPrintable(it.key()));
        }
        // Shapes: each item is what its list endpoint (and its events) carry, so the console
        // upserts both alike.
        const auto cases =
            http.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=cases&limit=500")).json();
        QVERIFY(!cases.value("items").toArray().isEmpty());
        for (const auto &item : cases.value("items").toArray()) {
            const QJsonObject c = item.toObject();
            QStringList keys = c.keys();
            keys.sort();
            QStringList expected = {
                "assignee",     "ban_pending",    "category",         "closed_at",
                "id",           "opened_at",      "previous_case_id", "priority",
                "report_count", "reporter_count", "severity",         "sla_due_at",
                "status",       "subject",        "subject_user",     "version"};
            expected.sort();
            QCOMPARE(keys, expected);
            // GET /cases/{id} is the summary plus more.
            const auto detail =
                http.get(QStringLiteral("/api/v1/admin/cases/%1").arg(c.value("id").toInteger()));
            QCOMPARE(detail.status, 200);
            for (const QString &key : keys)
                QVERIFY2(detail.json().value(key) == c.value(key), qPrintable(key));
            QCOMPARE(c.value("subject").toObject().value("type").toString(),
                     QStringLiteral("user"));
            QCOMPARE(c.value("category").toString(), QStringLiteral("spam"));
            QVERIFY(c.value("subject_user").toObject().contains("name"));
        }
        // Staff: the GET /admin/staff items.
        const auto staff =
            http.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=staff&limit=500")).json();
        const auto staffList = http.get(QStringLiteral("/api/v1/admin/staff?limit=500")).json();
        QCOMPARE(staff.value("items").toArray(), staffList.value("items").toArray());
        bool moderatorSeen = false;
        for (const auto &item : staff.value("items").toArray()) {
            const QJsonObject o = item.toObject();
            if (o.value("id").toInteger() == m_moderator.id) {
                moderatorSeen = true;
                QCOMPARE(o.value("roles").toArray(), QJsonArray{QStringLiteral("moderator")});
                QCOMPARE(o.value("email").toString(), m_moderator.email);
            }
        }
        QVERIFY(moderatorSeen);
        // Users: the GET /admin/users items (both id order).
        const auto users =
            http.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=users&limit=500")).json();
        const auto userList = http.get(QStringLiteral("/api/v1/admin/users?limit=500")).json();
        QCOMPARE(users.value("items").toArray(), userList.value("items").toArray());
        // Taxonomy: the GET /admin/taxonomy nodes, by id.
        for (const QString &resource : {QStringLiteral("categories"), QStringLiteral("skills")}) {
            const auto nodes =
                http.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=%1&limit=500")
                             .arg(resource))
                    .json();
            QVERIFY(!nodes.value("items").toArray().isEmpty());
            for (const auto &item : nodes.value("items").toArray()) {
                const QJsonObject o = item.toObject();
                const auto one = http.get(QStringLiteral("/api/v1/admin/taxonomy/%1/%2")
                                              .arg(resource)
                                              .arg(o.value("id").toInteger()));
                QCOMPARE(one.status, 200);
                QCOMPARE(o, one.json());
            }
        }
    }

    void snapshotRefusals()
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(m_viewer.accessToken);
        for (const QString &query : {QStringLiteral("resource=ledger"), QString()}) {
            const auto r = http.get(QStringLiteral("/api/v1/admin/sync/snapshot?") + query);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.problemType(), skillex::protocol::problemtype::kUnknownResource);
            const QJsonArray valid = r.json().value("resources").toArray();
            for (const char *name : {"cases", "users", "categories", "skills", "staff"})
                QVERIFY2(valid.contains(QLatin1String(name)), name);
        }
        QCOMPARE(
            http.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=cases&after=%%%")).status,
            400);
        QCOMPARE(
            http.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=cases&limit=501")).status,
            400);
        QCOMPARE(
            http.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=cases&sort=id")).status,
            400);
        TestHttp member(m_server.baseUrl());
        member.setBearer(m_member.accessToken);
        QCOMPARE(member.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=cases")).status,
                 403);
        TestHttp anonymous(m_server.baseUrl());
        QCOMPARE(anonymous.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=cases")).status,
                 401);
        // Each resource admits the roles its list endpoint admits.
        const Actor finance = signInStaff(m_server, QStringLiteral("finance"));
        QVERIFY(finance.isValid());
        const QList<std::tuple<QString, QString, int>> expected = {
            {m_viewer.accessToken, QStringLiteral("cases"), 403},
            {m_viewer.accessToken, QStringLiteral("users"), 403},
            {m_viewer.accessToken, QStringLiteral("skills"), 200},
            {m_viewer.accessToken, QStringLiteral("categories"), 200},
            {m_viewer.accessToken, QStringLiteral("staff"), 200},
            {finance.accessToken, QStringLiteral("cases"), 403},
            {finance.accessToken, QStringLiteral("users"), 200},
            {m_moderator.accessToken, QStringLiteral("cases"), 200},
            {m_moderator.accessToken, QStringLiteral("users"), 200},
            {m_admin.accessToken, QStringLiteral("cases"), 200},
        };
        for (const auto &[token, resource, status] : expected) {
            TestHttp as(m_server.baseUrl());
            as.setBearer(token);
            const auto r =
                as.get(QStringLiteral("/api/v1/admin/sync/snapshot?resource=") + resource);
            QVERIFY2(r.status == status, qPrintable(resource + QString::number(r.status)));
        }
    }

    // A staff account disabled while its stream is open: the stream ends within the recheck
    // period (300 ms here) with 4401 and an error, as the account's HTTP requests do at once.
    void disabledStaffStreamIsClosed()
    {
        const Actor target = signInStaff(m_server, QStringLiteral("viewer"));
        QVERIFY(target.isValid());
        StreamTestClient c;
        QVERIFY(c.open(m_server.baseUrl(), target.accessToken, head()));
        QVERIFY(c.waitForOp(QStringLiteral("ready")));
        // Still open after a few rechecks while nothing changes.
        QTest::qWait(1000);
        QCOMPARE(c.closeCode, -1);
        TestHttp admin(m_server.baseUrl());
        admin.setBearer(m_admin.accessToken);
        const auto current = admin.get(QStringLiteral("/api/v1/admin/staff/%1").arg(target.id));
        QCOMPARE(current.status, 200);
        const QJsonObject change{{QStringLiteral("status"), QStringLiteral("disabled")}};
        const auto r = admin.send(
            "PATCH", QStringLiteral("/api/v1/admin/staff/%1").arg(target.id),
            QJsonDocument(change).toJson(QJsonDocument::Compact),
            {{"Content-Type", "application/json"}, {"If-Match", current.header("etag")}});
        QCOMPARE(r.status, 200);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(c.waitForClose(3000));
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(c.closeCode, closecode::kUnauthenticated);
        const auto errors = c.ofOp(QStringLiteral("error"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].value(QStringLiteral("problem")).toObject().value("status").toInt(),
                 401);
    }

    // Several members save at once through the API (each save its own transaction); a reader
    // watching the table must never see a seq before every lower one is visible, and a stream
    // client must receive every seq exactly once.
    void concurrentWritersSeeCommitOrder()
    {
        if (!isPostgres())
            QSKIP("SQLite has one writer at a time; the property matters with PostgreSQL");
        const qint64 start = head();
        StreamTestClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_viewer.accessToken, start));
        QVERIFY(c.waitForOp(QStringLiteral("ready")));
        // The table's visible rows are always exactly 1..MAX(seq), checked from another thread.
        QAtomicInt watching{1};
        QAtomicInt holes{0};
        QAtomicInt looks{0};
        const QString url = m_server.databaseUrl();
        std::unique_ptr<QThread> watcher(QThread::create([&] {
            // One connection kept open, so it can look thousands of times during the writes.
            const QUrl u(url);
            const QString name = QStringLiteral("commit-order-watcher");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                db.setHostName(u.host());
                db.setPort(u.port(5432));
                db.setUserName(u.userName());
                db.setPassword(u.password());
                db.setDatabaseName(u.path().mid(1));
                if (db.open()) {
                    QSqlQuery q(db);
                    while (watching.loadRelaxed()) {
                        if (!q.exec(QStringLiteral("SELECT MAX(seq) - COUNT(*) FROM events")) ||
                            !q.next() || q.value(0).toLongLong() != 0)
                            holes.fetchAndAddRelaxed(1);
                        looks.fetchAndAddRelaxed(1);
                    }
                }
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }));
        watcher->start();
        // However this test ends, the watcher stops before its thread object goes.
        const auto stopWatcher = qScopeGuard([&] {
            watching.storeRelaxed(0);
            watcher->wait();
        });
        std::vector<std::unique_ptr<AvailabilityWriter>> writers;
        for (const Actor &w : m_writers)
            writers.push_back(
                std::make_unique<AvailabilityWriter>(m_server.baseUrl(), w.accessToken, 100));
        for (auto &w : writers)
            w->start();
        QVERIFY(c.waitFor(
            [&] {
                for (auto &w : writers)
                    if (!w->finished())
                        return false;
                return true;
            },
            40000));
        int written = 0;
        for (auto &w : writers) {
            w->join();
            QCOMPARE(w->failed(), 0);
            written += w->written();
        }
        const qint64 end = head();
        QCOMPARE(end - start, written);
        QVERIFY(c.waitForSeq(end, 15000));
        watching.storeRelaxed(0);
        watcher->wait();
        QCOMPARE(holes.loadRelaxed(), 0);
        QVERIFY(looks.loadRelaxed() > 100);
        QCOMPARE(c.outOfOrder, 0);
        QCOMPARE(c.seqs.size(), end - start);
        verifyTableContiguous();
        qInfo("%d writers, %d events, %d looks at the table", int(writers.size()), written,
              looks.loadRelaxed());
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_event_stream.moc"
