// Outbox and OutboxDispatcher: the answer table (Nextcloud-style, one row per failure), keys
// kept across retries, Retry-After honoured, hold and undo, order per target, and restarts.
#include "client/api/apiclient.h"
#include "client/cache/cachereader.h"
#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/outbox/outboxdispatcher.h"
#include "support/cachefixture.h"
#include "support/cannedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace skillex;
using client::Action;
using client::OutboxEntry;
using client::OutboxState;
using tests::CannedRequest;
using tests::CannedResponse;

Q_DECLARE_METATYPE(OutboxState)

namespace {

// A cache, a client and the outbox pair, on one temporary folder that can be reopened.
class Rig {
public:
    explicit Rig(const QUrl &server, const QString &path = {})
    {
        m_path = path.isEmpty() ? m_dir.filePath(QStringLiteral("cache.sqlite")) : path;
        db = std::make_unique<client::CacheDb>();
        opened = db->open(m_path);
        api = std::make_unique<client::ApiClient>();
        api->setBaseUrl(server);
        api->setTimeout(400);
        protocol::TokenResponse tokens;
        tokens.accessToken = QStringLiteral("access");
        tokens.refreshToken = QStringLiteral("refresh");
        api->setTokens(tokens);
        outbox = std::make_unique<client::Outbox>(db.get());
        dispatcher = std::make_unique<client::OutboxDispatcher>(db.get(), api.get());
        client::OutboxDispatcher::Options options;
        // Long enough that a retry never happens inside a check, unless a test shortens it.
        options.retry.baseDelayMs = 60'000;
        dispatcher->setOptions(options);
        dispatcher->retryPolicy().setRandom([] { return 1.0; });
    }
    ~Rig()
    {
        // The dispatcher and outbox hold readers; they go before the cache closes.
        dispatcher.reset();
        outbox.reset();
        db.reset();
    }

    qint64 enqueue(const Action &action, int holdMs = 0)
    {
        auto future = outbox->enqueue(action, holdMs);
        future.waitForFinished();
        return future.result().value.toLongLong();
    }
    OutboxEntry entry(qint64 id) { return outbox->entry(id).value_or(OutboxEntry{}); }
    // Sent and answered: no longer in flight, and the answer recorded.
    bool settled(qint64 id, int attempts)
    {
        const OutboxEntry e = entry(id);
        return e.attempts >= attempts && e.state != OutboxState::Sending &&
               dispatcher->inFlight() == 0 && e.lastStatus != -1 &&
               (e.state != OutboxState::Queued || e.nextTryAt > 0);
    }
    QString path() const { return m_path; }

    std::unique_ptr<client::CacheDb> db;
    std::unique_ptr<client::ApiClient> api;
    std::unique_ptr<client::Outbox> outbox;
    std::unique_ptr<client::OutboxDispatcher> dispatcher;
    bool opened = false;

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QByteArray problem(int status, const char *type, const char *title, const QJsonObject &extra = {})
{
    QJsonObject body{
        {QStringLiteral("type"), QStringLiteral("urn:skillex:problem:") + QLatin1String(type)},
        {QStringLiteral("title"), QLatin1String(title)},
        {QStringLiteral("status"), status},
        {QStringLiteral("detail"), QStringLiteral("detail of %1").arg(QLatin1String(title))}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

CannedResponse problemResponse(int status, const QByteArray &reason, const QByteArray &body,
                               const QByteArray &retryAfter = {})
{
    CannedResponse r = CannedResponse::json(status, reason, body, "application/problem+json");
    if (!retryAfter.isEmpty())
        r.headers.push_back({"Retry-After", retryAfter});
    return r;
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

const QJsonObject kCurrentCase{{QStringLiteral("id"), 42},
                               {QStringLiteral("status"), QStringLiteral("dismissed")},
                               {QStringLiteral("version"), 4}};

} // namespace

class TestOutbox : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void answers_data();
    void answers();
    void sessionExpiredAfterOneRefresh();
    void retryKeepsTheKeyUntilDone();
    void retryAfterIsHonoured();
    void heldActionCanBeUndone();
    void heldActionIsSentWhenItsHoldEnds();
    void actionsOnOneTargetGoInOrder();
    void conflictHoldsItsTargetsLine();
    void offlineKeepsActionsUntilOnline();
    void survivesARestart();
    void inFlightAtCrashIsResentWithTheSameKey();
    void discardAndRetryAConflict();
    void backoffGrowsAndIsCapped();
};

void TestOutbox::initTestCase()
{
    qRegisterMetaType<OutboxState>();
}

void TestOutbox::answers_data()
{
    QTest::addColumn<int>("mode"); // 0 canned answer, 1 no server, 2 silence
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<OutboxState>("state");
    QTest::addColumn<int>("lastStatus");
    QTest::addColumn<QString>("errorContains");
    QTest::addColumn<qint64>("retryInMs"); // expected delay for retries (0: none)
    QTest::addColumn<bool>("hasCurrent");

    const QByteArray ok = R"({"id":42,"status":"dismissed","version":4})";
    const QByteArray current = problem(409, "conflict", "Case already closed",
                                       {{QStringLiteral("current"), kCurrentCase}});
    const QByteArray stale = problem(412, "precondition-failed", "Version moved",
                                     {{QStringLiteral("current"), kCurrentCase}});
    // Backoff of attempt 1 with the rig's settings: 60 s, jitter pinned at the top.
    const qint64 backoff = 60'000;
    QTest::newRow("200") << 0 << 200 << ok << QByteArray() << OutboxState::Done << 200 << QString()
                         << 0LL << false;
    QTest::newRow("204") << 0 << 204 << QByteArray() << QByteArray() << OutboxState::Done << 204
                         << QString() << 0LL << false;
    QTest::newRow("400") << 0 << 400 << problem(400, "validation", "Invalid request")
                         << QByteArray() << OutboxState::Failed << 400
                         << QStringLiteral("Invalid request: detail of Invalid request") << 0LL
                         << false;
    QTest::newRow("403") << 0 << 403 << problem(403, "forbidden", "Forbidden") << QByteArray()
                         << OutboxState::Failed << 403 << QStringLiteral("Forbidden") << 0LL
                         << false;
    QTest::newRow("404") << 0 << 404 << problem(404, "not-found", "Not found") << QByteArray()
                         << OutboxState::Failed << 404 << QStringLiteral("Not found") << 0LL
                         << false;
    QTest::newRow("409 with current")
        << 0 << 409 << current << QByteArray() << OutboxState::Conflict << 409
        << QStringLiteral("Someone else changed this") << 0LL << true;
    QTest::newRow("409 in progress")
        << 0 << 409 << problem(409, "conflict", "Request in progress") << QByteArray("1")
        << OutboxState::Queued << 409 << QString() << 1000LL << false;
    QTest::newRow("412") << 0 << 412 << stale << QByteArray() << OutboxState::Conflict << 412
                         << QStringLiteral("Someone else changed this") << 0LL << true;
    QTest::newRow("422 key reused")
        << 0 << 422 << problem(422, "idempotency-key-reused", "Idempotency-Key reused")
        << QByteArray() << OutboxState::Failed << 422 << QStringLiteral("reused") << 0LL << false;
    QTest::newRow("429") << 0 << 429 << problem(429, "rate-limited", "Too many") << QByteArray("7")
                         << OutboxState::Queued << 429 << QStringLiteral("Too many requests")
                         << 7000LL << false;
    QTest::newRow("500") << 0 << 500 << problem(500, "internal", "Internal") << QByteArray()
                         << OutboxState::Queued << 500 << QStringLiteral("HTTP 500") << backoff
                         << false;
    QTest::newRow("503") << 0 << 503 << problem(503, "unavailable", "Unavailable")
                         << QByteArray("3") << OutboxState::Queued << 503
                         << QStringLiteral("not available") << 3000LL << false;
    QTest::newRow("502 html") << 0 << 502 << QByteArray("<html>bad gateway</html>") << QByteArray()
                              << OutboxState::Queued << 502 << QStringLiteral("not available")
                              << backoff << false;
    QTest::newRow("network error") << 1 << 0 << QByteArray() << QByteArray() << OutboxState::Queued
                                   << 0 << QStringLiteral("connection refused") << backoff << false;
    QTest::newRow("time-out") << 2 << 0 << QByteArray() << QByteArray() << OutboxState::Queued << 0
                              << QStringLiteral("did not answer") << backoff << false;
    QTest::newRow("invalid body") << 0 << 200 << QByteArray("{not json") << QByteArray()
                                  << OutboxState::Done << 200
                                  << QStringLiteral("does not understand") << 0LL << false;
}

void TestOutbox::answers()
{
    QFETCH(int, mode);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(OutboxState, state);
    QFETCH(int, lastStatus);
    QFETCH(QString, errorContains);
    QFETCH(qint64, retryInMs);
    QFETCH(bool, hasCurrent);

    tests::CannedHttpServer server([&](const CannedRequest &) {
        if (mode == 2)
            return CannedResponse::hang();
        CannedResponse r = status >= 400 ? problemResponse(status, "X", body, retryAfter)
                                         : CannedResponse::json(status, "OK", body);
        return r;
    });
    QVERIFY(server.listen());
    const QUrl url =
        mode == 1 ? QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())) : server.url();
    Rig rig(url);
    QVERIFY(rig.opened);
    QVERIFY(rig.dispatcher->start());
    rig.dispatcher->setOnline(true);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const qint64 id = rig.enqueue(client::actions::dismissCase(42, 3, QStringLiteral("spam")));
    QTRY_VERIFY_WITH_TIMEOUT(rig.settled(id, 1), 10000);
    const OutboxEntry e = rig.entry(id);

    QCOMPARE(e.state, state);
    QCOMPARE(e.attempts, 1);
    QCOMPARE(e.lastStatus, lastStatus);
    if (!errorContains.isEmpty())
        QVERIFY2(e.lastError.contains(errorContains, Qt::CaseInsensitive), qPrintable(e.lastError));
    if (state == OutboxState::Queued) {
        const qint64 delay = e.nextTryAt - e.lastTryAt;
        QVERIFY2(
            qAbs(delay - retryInMs) < 1500,
            qPrintable(QStringLiteral("retry in %1 ms, expected %2").arg(delay).arg(retryInMs)));
        QVERIFY(e.nextTryAt > before);
    }
    QCOMPARE(e.conflictCurrent.isObject(), hasCurrent);
    if (hasCurrent)
        QCOMPARE(e.conflictCurrent.toObject(), kCurrentCase);
    if (state == OutboxState::Done && status == 200 && body.startsWith('{') && body.endsWith('}'))
        QCOMPARE(e.result.toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("dismissed"));

    if (mode != 1) {
        QCOMPARE(server.requests().size(), 1);
        const CannedRequest &request = server.requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/api/v1/admin/cases/42/actions"));
        QCOMPARE(request.headers.value("idempotency-key"), e.idempotencyKey.toLatin1());
        QCOMPARE(request.headers.value("if-match"), QByteArray("\"3\""));
        QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer access"));
        const QJsonObject sent = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(sent.value(QStringLiteral("action")).toString(), QStringLiteral("dismiss"));
        QCOMPARE(sent.value(QStringLiteral("reason")).toString(), QStringLiteral("spam"));
    }
    // The status bar's count follows: open unless done.
    QTRY_COMPARE(rig.outbox->counts().open(), state == OutboxState::Done ? 0 : 1);
}

void TestOutbox::sessionExpiredAfterOneRefresh()
{
    tests::CannedHttpServer server([](const CannedRequest &request) {
        if (request.path == "/api/v1/auth/refresh")
            return problemResponse(401, "Unauthorized",
                                   problem(401, "invalid-refresh-token", "Refresh refused"));
        return problemResponse(401, "Unauthorized", problem(401, "token-expired", "Expired"));
    });
    QVERIFY(server.listen());
    Rig rig(server.url());
    QVERIFY(rig.dispatcher->start());
    rig.dispatcher->setOnline(true);
    QSignalSpy expired(rig.dispatcher.get(), &client::OutboxDispatcher::sessionExpired);
    QSignalSpy apiExpired(rig.api.get(), &client::ApiClient::sessionExpired);
    const qint64 id = rig.enqueue(client::actions::claimCase(42, 3));
    const qint64 other = rig.enqueue(client::actions::claimCase(43, 1));
    QTRY_COMPARE_WITH_TIMEOUT(expired.count(), 1, 10000);
    QTest::qWait(100);
    // One refresh for the whole client, never one per action.
    QCOMPARE(server.count("/api/v1/auth/refresh"), 1);
    QCOMPARE(apiExpired.count(), 1);
    QVERIFY(rig.dispatcher->isPausedForSignIn());
    const OutboxEntry e = rig.entry(id);
    QCOMPARE(e.state, OutboxState::Queued); // kept for after the next sign-in
    QCOMPARE(e.lastStatus, 401);
    QVERIFY(e.lastError.contains(QStringLiteral("session"), Qt::CaseInsensitive));
    // Nothing else goes out while signed out.
    const int sent = int(server.requests().size());
    QTest::qWait(200);
    QCOMPARE(int(server.requests().size()), sent);
    QVERIFY(rig.entry(other).state == OutboxState::Queued);
}

void TestOutbox::retryKeepsTheKeyUntilDone()
{
    int calls = 0;
    tests::CannedHttpServer server([&](const CannedRequest &) {
        ++calls;
        if (calls == 1)
            return problemResponse(503, "Unavailable", problem(503, "unavailable", "Down"));
        if (calls == 2)
            return CannedResponse::hang(); // time-out
        return CannedResponse::json(200, "OK", R"({"ok":true})");
    });
    QVERIFY(server.listen());
    Rig rig(server.url());
    client::OutboxDispatcher::Options options;
    options.retry.baseDelayMs = 50;
    rig.dispatcher->setOptions(options);
    QVERIFY(rig.dispatcher->start());
    rig.dispatcher->setOnline(true);
    const qint64 id =
        rig.enqueue(client::actions::addCaseNote(7, 2, QStringLiteral("looked at it")));
    QTRY_COMPARE_WITH_TIMEOUT(rig.entry(id).state, OutboxState::Done, 10000);
    const OutboxEntry e = rig.entry(id);
    QCOMPARE(e.attempts, 3);
    QCOMPARE(server.requests().size(), 3);
    for (const CannedRequest &request : server.requests()) {
        QCOMPARE(request.headers.value("idempotency-key"), e.idempotencyKey.toLatin1());
        QCOMPARE(request.headers.value("if-match"), QByteArray("\"2\""));
    }
}

void TestOutbox::retryAfterIsHonoured()
{
    QList<qint64> at;
    tests::CannedHttpServer server([&](const CannedRequest &) {
        at << QDateTime::currentMSecsSinceEpoch();
        if (at.size() == 1)
            return problemResponse(429, "Too Many Requests",
                                   problem(429, "rate-limited", "Slow down"), "1");
        return CannedResponse::json(200, "OK", "{}");
    });
    QVERIFY(server.listen());
    Rig rig(server.url());
    client::OutboxDispatcher::Options options;
    options.retry.baseDelayMs = 10; // Retry-After wins over the much shorter backoff
    rig.dispatcher->setOptions(options);
    QVERIFY(rig.dispatcher->start());
    rig.dispatcher->setOnline(true);
    const qint64 id = rig.enqueue(client::actions::claimCase(5, 1));
    QTRY_COMPARE_WITH_TIMEOUT(rig.entry(id).state, OutboxState::Done, 10000);
    QCOMPARE(at.size(), 2);
    QVERIFY2(at[1] - at[0] >= 950, qPrintable(QString::number(at[1] - at[0])));
}

void TestOutbox::heldActionCanBeUndone()
{
    tests::CannedHttpServer server(
        [](const CannedRequest &) { return CannedResponse::json(200, "OK", "{}"); });
    QVERIFY(server.listen());
    Rig rig(server.url());
    QVERIFY(rig.dispatcher->start());
    rig.dispatcher->setOnline(true);
    const qint64 id = rig.enqueue(client::actions::warnMember(9, 2, QStringLiteral("rude")), 5000);
    QTRY_COMPARE(rig.outbox->counts().queued, 1);
    auto cancelled = rig.outbox->cancel(id);
    cancelled.waitForFinished();
    QVERIFY(cancelled.result().value.toBool());
    QCOMPARE(rig.entry(id).state, OutboxState::Cancelled);
    QTRY_COMPARE(rig.outbox->counts().open(), 0);
    QTest::qWait(100);
    QCOMPARE(server.requests().size(), 0);
}

void TestOutbox::heldActionIsSentWhenItsHoldEnds()
{
    tests::CannedHttpServer server(
        [](const CannedRequest &) { return CannedResponse::json(200, "OK", "{}"); });
    QVERIFY(server.listen());
    Rig rig(server.url());
    QVERIFY(rig.dispatcher->start());
    rig.dispatcher->setOnline(true);
    QElapsedTimer timer;
    timer.start();
    const qint64 id = rig.enqueue(client::actions::warnMember(9, 2, QStringLiteral("rude")), 300);
    QTRY_COMPARE_WITH_TIMEOUT(rig.entry(id).state, OutboxState::Done, 5000);
    QVERIFY(timer.elapsed() >= 290);
    // Once sent, it is no longer undoable: it may already be applied.
    auto cancelled = rig.outbox->cancel(id);
    cancelled.waitForFinished();
    QVERIFY(!cancelled.result().value.toBool());
    QCOMPARE(rig.entry(id).state, OutboxState::Done);
}

void TestOutbox::actionsOnOneTargetGoInOrder()
{
    QList<QByteArray> paths;
    tests::CannedHttpServer server([&](const CannedRequest &request) {
        paths << request.path;
        return CannedResponse::json(200, "OK", "{}");
    });
    QVERIFY(server.listen());
    Rig rig(server.url());
    QVERIFY(rig.dispatcher->start());
    QList<qint64> ids;
    ids << rig.enqueue(client::actions::claimCase(1, 1));
    ids << rig.enqueue(client::actions::addCaseNote(1, 1, QStringLiteral("n")));
    ids << rig.enqueue(client::actions::claimCase(2, 1));
    ids << rig.enqueue(client::actions::dismissCase(1, 2, QStringLiteral("ok")));
    ids << rig.enqueue(client::actions::releaseCase(2, 2));
    rig.dispatcher->setOnline(true);
    for (qint64 id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(rig.entry(id).state, OutboxState::Done, 5000);
    QList<QByteArray> one;
    QList<QByteArray> two;
    for (const QByteArray &path : paths)
        (path.contains("/cases/1/") ? one : two) << path.mid(path.lastIndexOf('/') + 1);
    QCOMPARE(one, (QList<QByteArray>{"claim", "notes", "actions"}));
    QCOMPARE(two, (QList<QByteArray>{"claim", "release"}));
}

void TestOutbox::conflictHoldsItsTargetsLine()
{
    tests::CannedHttpServer server([](const CannedRequest &request) {
        if (request.path.endsWith("/cases/1/claim"))
            return problemResponse(
                409, "Conflict",
                problem(409, "conflict", "Taken", {{QStringLiteral("current"), kCurrentCase}}));
        return CannedResponse::json(200, "OK", "{}");
    });
    QVERIFY(server.listen());
    Rig rig(server.url());
    QVERIFY(rig.dispatcher->start());
    rig.dispatcher->setOnline(true);
    const qint64 claim = rig.enqueue(client::actions::claimCase(1, 1));
    const qint64 dismiss = rig.enqueue(client::actions::dismissCase(1, 2, QStringLiteral("x")));
    const qint64 elsewhere = rig.enqueue(client::actions::claimCase(2, 1));
    QTRY_COMPARE_WITH_TIMEOUT(rig.entry(claim).state, OutboxState::Conflict, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.entry(elsewhere).state, OutboxState::Done, 5000);
    QTest::qWait(200);
    QCOMPARE(rig.entry(dismiss).state, OutboxState::Queued);
    QCOMPARE(rig.entry(dismiss).attempts, 0);
    QCOMPARE(server.count("/api/v1/admin/cases/1/actions"), 0);
    // Letting the conflict go frees the line.
    rig.outbox->discard(claim).waitForFinished();
    QTRY_COMPARE_WITH_TIMEOUT(rig.entry(dismiss).state, OutboxState::Done, 5000);
}

void TestOutbox::offlineKeepsActionsUntilOnline()
{
    tests::CannedHttpServer server(
        [](const CannedRequest &) { return CannedResponse::json(200, "OK", "{}"); });
    QVERIFY(server.listen());
    Rig rig(server.url());
    QVERIFY(rig.dispatcher->start());
    QList<qint64> ids;
    for (int i = 0; i < 10; ++i)
        ids << rig.enqueue(client::actions::claimCase(100 + i, 1));
    QTest::qWait(200);
    QCOMPARE(server.requests().size(), 0);
    QTRY_COMPARE(rig.outbox->counts().queued, 10);
    rig.dispatcher->setOnline(true);
    for (qint64 id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(rig.entry(id).state, OutboxState::Done, 5000);
    QCOMPARE(server.requests().size(), 10);
    QTRY_COMPARE(rig.outbox->counts().open(), 0);
}

void TestOutbox::survivesARestart()
{
    tests::CannedHttpServer server(
        [](const CannedRequest &) { return CannedResponse::json(200, "OK", "{}"); });
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QStringList keys;
    {
        Rig rig(server.url(), path);
        QVERIFY(rig.dispatcher->start());
        for (int i = 0; i < 20; ++i) {
            const qint64 id =
                rig.enqueue(client::actions::escalateCase(i + 1, 1, QStringLiteral("senior")));
            keys << rig.entry(id).idempotencyKey;
        }
    } // closed while offline: nothing sent
    QCOMPARE(server.requests().size(), 0);
    Rig again(server.url(), path);
    QVERIFY2(again.opened, qPrintable(again.db->errorString()));
    QCOMPARE(again.outbox->counts().queued, 20);
    QVERIFY(again.dispatcher->start());
    again.dispatcher->setOnline(true);
    QTRY_COMPARE_WITH_TIMEOUT(again.outbox->counts().open(), 0, 10000);
    QCOMPARE(server.requests().size(), 20);
    QStringList sentKeys;
    for (const CannedRequest &request : server.requests())
        sentKeys << QString::fromLatin1(request.headers.value("idempotency-key"));
    // Each sent once with the key it was given before the restart. Different cases go side by
    // side (maxInFlight), so their arrival order is not the queue's order.
    sentKeys.sort();
    keys.sort();
    QCOMPARE(sentKeys, keys);
}

void TestOutbox::inFlightAtCrashIsResentWithTheSameKey()
{
    tests::CannedHttpServer server(
        [](const CannedRequest &) { return CannedResponse::json(200, "OK", "{}"); });
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    qint64 id = 0;
    QString key;
    {
        Rig rig(server.url(), path);
        id = rig.enqueue(client::actions::suspendMember(3, 1, 7, QStringLiteral("scam")));
        key = rig.entry(id).idempotencyKey;
        // What a process killed after marking the row and before the answer leaves behind.
        QVERIFY(rig.db
                    ->writeAndWait([id](client::CacheWriteTx &tx) {
                        client::outboxstore::markSending(tx, id,
                                                         QDateTime::currentMSecsSinceEpoch());
                    })
                    .ok);
        QCOMPARE(rig.entry(id).state, OutboxState::Sending);
    }
    Rig again(server.url(), path);
    QVERIFY(again.dispatcher->start());
    QCOMPARE(again.entry(id).state, OutboxState::Queued);
    again.dispatcher->setOnline(true);
    QTRY_COMPARE_WITH_TIMEOUT(again.entry(id).state, OutboxState::Done, 5000);
    QCOMPARE(again.entry(id).attempts, 2);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().headers.value("idempotency-key"), key.toLatin1());
    const QJsonObject body = QJsonDocument::fromJson(server.requests().first().body).object();
    QCOMPARE(body.value(QStringLiteral("duration_days")).toInt(), 7);
}

void TestOutbox::discardAndRetryAConflict()
{
    int calls = 0;
    tests::CannedHttpServer server([&](const CannedRequest &) {
        if (++calls == 1)
            return problemResponse(412, "Precondition Failed",
                                   problem(412, "precondition-failed", "Stale",
                                           {{QStringLiteral("current"), kCurrentCase}}));
        return CannedResponse::json(200, "OK", "{}");
    });
    QVERIFY(server.listen());
    Rig rig(server.url());
    QVERIFY(rig.dispatcher->start());
    rig.dispatcher->setOnline(true);
    const qint64 id = rig.enqueue(
        client::actions::renameSkill(12, 3, QStringLiteral("de"), QStringLiteral("Ölmalerei")));
    QTRY_COMPARE_WITH_TIMEOUT(rig.entry(id).state, OutboxState::Conflict, 5000);
    const QString firstKey = rig.entry(id).idempotencyKey;
    QCOMPARE(server.requests().first().method, QByteArray("PATCH"));
    QCOMPARE(rig.outbox->counts().conflicts, 1);
    // The person looked at the server's version 4 and applies theirs on top of it.
    auto retried = rig.outbox->retry(id, QStringLiteral("\"4\""));
    retried.waitForFinished();
    QVERIFY(retried.result().value.toBool());
    QTRY_COMPARE_WITH_TIMEOUT(rig.entry(id).state, OutboxState::Done, 5000);
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(1).headers.value("if-match"), QByteArray("\"4\""));
    QVERIFY(server.requests().at(1).headers.value("idempotency-key") != firstKey.toLatin1());
    // A done action can be neither discarded nor retried.
    auto discarded = rig.outbox->discard(id);
    discarded.waitForFinished();
    QVERIFY(!discarded.result().value.toBool());
}

void TestOutbox::backoffGrowsAndIsCapped()
{
    client::RetryPolicy::Options options;
    options.baseDelayMs = 1000;
    options.maxDelayMs = 30'000;
    client::RetryPolicy policy(options);
    double unit = 1.0;
    policy.setRandom([&] { return unit; });
    QCOMPARE(policy.backoffMs(1), 1000);
    QCOMPARE(policy.backoffMs(2), 2000);
    QCOMPARE(policy.backoffMs(4), 8000);
    QCOMPARE(policy.backoffMs(10), 30'000);
    QCOMPARE(policy.backoffMs(1000), 30'000);
    unit = 0.0; // jitter: never less than half
    QCOMPARE(policy.backoffMs(4), 4000);
    // A 500 is given up after maxServerErrorAttempts; a 503 never is.
    client::ApiResult fault;
    fault.status = 500;
    fault.error = client::ApiError::http({}, 500, std::nullopt, QStringLiteral("Internal"));
    QCOMPARE(policy.decide(fault, 7).outcome, client::RetryDecision::Outcome::Retry);
    QCOMPARE(policy.decide(fault, 8).outcome, client::RetryDecision::Outcome::Failed);
    client::ApiResult down;
    down.status = 503;
    down.error = client::ApiError::http({}, 503, std::nullopt, QStringLiteral("Unavailable"));
    QCOMPARE(policy.decide(down, 1000).outcome, client::RetryDecision::Outcome::Retry);
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
