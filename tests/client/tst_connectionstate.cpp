// ConnectionState: the transition table move by move, and how it follows a session and a client.
#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "client/connection/connectionstate.h"
#include "support/cannedhttpserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace skillex;
using client::ConnectionState;
using State = client::ConnectionState::State;

Q_DECLARE_METATYPE(State)

class TestConnectionState : public QObject {
    Q_OBJECT

private slots:
    void transitions_data();
    void transitions();
    void displayText();
    void followsAFailedSignIn();
    void followsSignInToLiveAndOutage();
    void statusBarFacts();
    void sendingIsAllowedOnlyWhenConnected_data();
    void sendingIsAllowedOnlyWhenConnected();
};

void TestConnectionState::transitions_data()
{
    QTest::addColumn<State>("from");
    QTest::addColumn<State>("to");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("signed out -> connecting") << State::SignedOut << State::Connecting << true;
    QTest::newRow("signed out -> live") << State::SignedOut << State::Live << false;
    QTest::newRow("signed out -> offline (--offline)") << State::SignedOut << State::Offline << true;
    QTest::newRow("signed out -> syncing") << State::SignedOut << State::Syncing << false;
    QTest::newRow("connecting -> live") << State::Connecting << State::Live << true;
    QTest::newRow("connecting -> syncing") << State::Connecting << State::Syncing << true;
    QTest::newRow("syncing -> live") << State::Syncing << State::Live << true;
    QTest::newRow("live -> unavailable") << State::Live << State::ServerUnavailable << true;
    QTest::newRow("live -> expired") << State::Live << State::SessionExpired << true;
    QTest::newRow("unavailable -> live") << State::ServerUnavailable << State::Live << true;
    QTest::newRow("offline -> live") << State::Offline << State::Live << true;
    QTest::newRow("expired -> live") << State::SessionExpired << State::Live << false;
    QTest::newRow("expired -> connecting") << State::SessionExpired << State::Connecting << true;
    QTest::newRow("live -> signed out") << State::Live << State::SignedOut << true;
    QTest::newRow("live -> live") << State::Live << State::Live << false;
}

void TestConnectionState::transitions()
{
    QFETCH(State, from);
    QFETCH(State, to);
    QFETCH(bool, allowed);
    QCOMPARE(ConnectionState::allowed(from, to), allowed);
}

void TestConnectionState::displayText()
{
    ConnectionState state;
    QCOMPARE(state.displayText(), QStringLiteral("Signed out"));
    QSignalSpy changed(&state, &ConnectionState::changed);
    QVERIFY(!state.moveTo(State::Live));
    QCOMPARE(changed.count(), 0);
    QVERIFY(state.moveTo(State::Connecting));
    QCOMPARE(state.displayText(), QStringLiteral("Connecting\u2026"));
    QVERIFY(state.moveTo(State::Live));
    QCOMPARE(state.displayText(), QStringLiteral("Live"));
    QVERIFY(state.moveTo(State::ServerUnavailable));
    QVERIFY(state.displayText().startsWith(QStringLiteral("Server unavailable since ")));
    QVERIFY(state.moveTo(State::SessionExpired));
    QCOMPARE(state.displayText(), QStringLiteral("Session expired"));
    QCOMPARE(changed.count(), 4);
}

void TestConnectionState::followsAFailedSignIn()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    client::ApiClient api;
    client::AuthSession session(&api, nullptr);
    ConnectionState state;
    state.follow(&session, &api);
    QList<State> seen;
    connect(&state, &ConnectionState::changed, this, [&](State s) { seen << s; });
    QSignalSpy failed(&session, &client::AuthSession::signInFailed);
    session.signIn({QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), QStringLiteral("P"),
                    QStringLiteral("a@b.c"), QStringLiteral("password"), false});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 15000);
    QCOMPARE(seen, (QList<State>{State::Connecting, State::SignedOut}));
}

void TestConnectionState::followsSignInToLiveAndOutage()
{
    int meCalls = 0;
    tests::CannedHttpServer server([&](const tests::CannedRequest &request) {
        if (request.path == "/api/v1/auth/login")
            return tests::CannedResponse::json(
                200, "OK",
                R"({"access_token":"a","refresh_token":"r","token_type":"Bearer","expires_in":900})");
        if (request.path == "/api/v1/me") {
            ++meCalls;
            if (meCalls > 1)
                return tests::CannedResponse::json(503, "Service Unavailable", "down",
                                                   "text/plain");
            return tests::CannedResponse::json(
                200, "OK",
                R"({"id":7,"email":"a@b.c","name":"Ada","kind":"staff","roles":["viewer"]})");
        }
        return tests::CannedResponse::json(404, "Not Found", "{}");
    });
    QVERIFY(server.listen());
    client::ApiClient api;
    client::AuthSession session(&api, nullptr);
    ConnectionState state;
    state.follow(&session, &api);
    QSignalSpy signedIn(&session, &client::AuthSession::signedIn);
    session.signIn({server.url(), QStringLiteral("P"), QStringLiteral("a@b.c"),
                    QStringLiteral("password"), false});
    QTRY_COMPARE(signedIn.count(), 1);
    QCOMPARE(state.state(), State::Live);

    bool done = false;
    api.get(QStringLiteral("/api/v1/me"), nullptr, [&](const client::ApiResult &) { done = true; });
    QTRY_VERIFY(done);
    QCOMPARE(state.state(), State::ServerUnavailable);
    QCOMPARE(state.lastError().httpStatus(), 503);

    session.signOut();
    QCOMPARE(state.state(), State::SignedOut);
}

void TestConnectionState::statusBarFacts()
{
    ConnectionState state;
    QSignalSpy status(&state, &ConnectionState::statusChanged);
    QVERIFY(state.moveTo(State::Connecting));
    QVERIFY(state.moveTo(State::Syncing));
    state.setSyncProgress(43);
    QCOMPARE(state.displayText(), QStringLiteral("Syncing 43%"));
    QVERIFY(state.moveTo(State::Live));
    QCOMPARE(state.syncProgress(), -1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(state.lastEventAgeSeconds(now), -1);
    QCOMPARE(state.statusText(now), QStringLiteral("Live \u00b7 no events yet \u00b7 outbox 0"));
    state.noteEvent(now.addSecs(-2));
    state.noteEvent(now.addSecs(-30)); // older than the one held: ignored
    QCOMPARE(state.lastEventAgeSeconds(now), 2);
    state.setOutbox(3, 1);
    QCOMPARE(state.statusText(now),
             QStringLiteral("Live \u00b7 last event 2 s ago \u00b7 outbox 3, 1 conflict"));
    QCOMPARE(state.statusText(now.addSecs(125)),
             QStringLiteral("Live \u00b7 last event 2 min ago \u00b7 outbox 3, 1 conflict"));
    state.setOutbox(3, 1); // unchanged: no signal
    QVERIFY(state.moveTo(State::Offline));
    QVERIFY(state.statusText(now).startsWith(QStringLiteral("Offline since ")));
    // Connecting, syncing, live, 43%, live, event, outbox, offline.
    QCOMPARE(status.count(), 7);
    QCOMPARE(ConnectionState::ageText(3 * 86400), QStringLiteral("3 days ago"));
}

void TestConnectionState::sendingIsAllowedOnlyWhenConnected_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<bool>("sends");
    QTest::newRow("signed out") << State::SignedOut << false;
    QTest::newRow("connecting") << State::Connecting << false;
    QTest::newRow("syncing") << State::Syncing << true;
    QTest::newRow("live") << State::Live << true;
    QTest::newRow("offline") << State::Offline << false;
    QTest::newRow("unavailable (probing)") << State::ServerUnavailable << true;
    QTest::newRow("session expired") << State::SessionExpired << false;
}

void TestConnectionState::sendingIsAllowedOnlyWhenConnected()
{
    QFETCH(State, state);
    QFETCH(bool, sends);
    QCOMPARE(ConnectionState::allowsSending(state), sends);
}

QTEST_GUILESS_MAIN(TestConnectionState)
#include "tst_connectionstate.moc"
