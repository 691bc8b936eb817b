// EventStream against an in-process WebSocket server that plays the stream's part: the first
// message signs in with the cursor; pings are answered; a silent server is left and reconnected
// to with backoff, resuming from the cursor; 4401 asks for a token; resync; presence both ways.
#include "client/stream/eventstream.h"
#include "protocol/streammessages.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace skillex;
using client::EventStream;
using protocol::StreamMessage;

namespace {

class FakeStream : public QObject {
public:
    FakeStream()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                ++connections;
                current = socket;
                connect(socket, &QWebSocket::textMessageReceived, this,
                        [this, socket](const QString &text) {
                            const auto m = StreamMessage::decode(text);
                            if (!m)
                                return;
                            received << m.value();
                            if (m.value().op == StreamMessage::Op::Auth && autoReady) {
                                if (m.value().token != QLatin1String("good")) {
                                    socket->sendTextMessage(StreamMessage::error({}).encode());
                                    socket->close(QWebSocketProtocol::CloseCode(
                                        protocol::streamclose::kUnauthenticated));
                                    return;
                                }
                                socket->sendTextMessage(StreamMessage::ready(head).encode());
                            }
                        });
            }
        });
    }
    QUrl baseUrl() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    void send(const StreamMessage &m) { current->sendTextMessage(m.encode()); }
    void sendEvent(qint64 seq)
    {
        protocol::StreamEvent e;
        e.seq = seq;
        e.type = QStringLiteral("case.note_added");
        e.atMs = 1'700'000'000'000 + seq;
        e.subjectType = QStringLiteral("case");
        e.subjectId = QStringLiteral("5");
        send(StreamMessage::eventMessage(e));
    }
    QList<StreamMessage> ofOp(StreamMessage::Op op) const
    {
        QList<StreamMessage> out;
        for (const auto &m : received)
            if (m.op == op)
                out << m;
        return out;
    }

    QWebSocketServer m_server{QStringLiteral("fake"), QWebSocketServer::NonSecureMode};
    QPointer<QWebSocket> current;
    QList<StreamMessage> received;
    int connections = 0;
    qint64 head = 10;
    bool autoReady = true;
};

} // namespace

class TestEventStream : public QObject {
    Q_OBJECT

private slots:
    void signsInWithTheCursorAndStreams();
    void answersPingsAndLeavesASilentServer();
    void reconnectsWithBackoffResumingFromTheCursor();
    void abandonsAHandshakeThatNeverEnds();
    void refusedTokenAsksForANewOne();
    void resyncAndPresence();
    void streamUrl();
};

void TestEventStream::signsInWithTheCursorAndStreams()
{
    FakeStream server;
    EventStream stream;
    stream.setServer(server.baseUrl());
    stream.setTokenProvider([] { return QStringLiteral("good"); });
    stream.setCursorProvider([] { return qint64(7); });
    QSignalSpy ready(&stream, &EventStream::ready);
    QSignalSpy events(&stream, &EventStream::eventReceived);
    stream.start();
    QTRY_COMPARE(ready.count(), 1);
    QCOMPARE(ready.first().first().toLongLong(), 10);
    QCOMPARE(stream.state(), EventStream::State::Streaming);
    const auto auths = server.ofOp(StreamMessage::Op::Auth);
    QCOMPARE(auths.size(), 1);
    QCOMPARE(server.received.first().op, StreamMessage::Op::Auth); // the first message
    QCOMPARE(auths.first().token, QStringLiteral("good"));
    QCOMPARE(auths.first().after, 7);
    server.sendEvent(8);
    server.sendEvent(9);
    QTRY_COMPARE(events.count(), 2);
    const QJsonObject e = events.at(1).first().toJsonObject();
    QCOMPARE(e.value(QStringLiteral("seq")).toInt(), 9);
    QCOMPARE(e.value(QStringLiteral("subject")).toObject().value(QStringLiteral("id")).toInt(), 5);
}

void TestEventStream::answersPingsAndLeavesASilentServer()
{
    FakeStream server;
    EventStream stream;
    EventStream::Options options;
    options.silenceTimeoutMs = 400;
    options.reconnectBaseMs = 50;
    stream.setOptions(options);
    stream.setServer(server.baseUrl());
    stream.setTokenProvider([] { return QStringLiteral("good"); });
    QSignalSpy ready(&stream, &EventStream::ready);
    stream.start();
    QTRY_COMPARE(ready.count(), 1);
    // Pings inside the time-out keep it alive, and each is answered.
    for (int i = 0; i < 4; ++i) {
        QTest::qWait(200);
        server.send(StreamMessage::ping());
    }
    QTRY_COMPARE(server.ofOp(StreamMessage::Op::Pong).size(), 4);
    QCOMPARE(server.connections, 1);
    // Then silence: the stream gives up on this connection and comes back.
    QSignalSpy dropped(&stream, &EventStream::disconnectedFor);
    QTRY_COMPARE_WITH_TIMEOUT(dropped.count(), 1, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(server.connections, 2, 3000);
    QTRY_COMPARE(ready.count(), 2);
}

void TestEventStream::reconnectsWithBackoffResumingFromTheCursor()
{
    FakeStream server;
    EventStream stream;
    EventStream::Options options;
    options.reconnectBaseMs = 100;
    options.reconnectMaxMs = 400;
    stream.setOptions(options);
    stream.setServer(server.baseUrl());
    stream.setTokenProvider([] { return QStringLiteral("good"); });
    qint64 cursor = 3;
    stream.setCursorProvider([&] { return cursor; });
    QSignalSpy ready(&stream, &EventStream::ready);
    QSignalSpy dropped(&stream, &EventStream::disconnectedFor);
    stream.start();
    QTRY_COMPARE(ready.count(), 1);
    cursor = 42; // events applied meanwhile
    server.current->abort();
    QTRY_COMPARE(dropped.count(), 1);
    const int firstWait = dropped.first().at(1).toInt();
    QVERIFY2(firstWait >= 50 && firstWait <= 100, qPrintable(QString::number(firstWait)));
    QTRY_COMPARE(ready.count(), 2);
    QCOMPARE(server.ofOp(StreamMessage::Op::Auth).last().after, 42);
    // The server goes away: connections are refused, the waits grow to the cap (with
    // jitter), and the first success resets them.
    const quint16 port = server.m_server.serverPort();
    server.m_server.close();
    server.current->abort();
    QTRY_VERIFY_WITH_TIMEOUT(dropped.count() >= 5, 5000);
    for (int i = 1; i < dropped.count(); ++i)
        QVERIFY(dropped.at(i).at(1).toInt() <= 400);
    QVERIFY(stream.reconnectAttempts() >= 4);
    QVERIFY(server.m_server.listen(QHostAddress::LocalHost, port));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 3, 5000);
    QCOMPARE(stream.reconnectAttempts(), 0);
}

void TestEventStream::abandonsAHandshakeThatNeverEnds()
{
    // A listener that accepts TCP and never speaks WebSocket.
    QTcpServer mute;
    QVERIFY(mute.listen(QHostAddress::LocalHost, 0));
    EventStream stream;
    EventStream::Options options;
    options.connectTimeoutMs = 300;
    options.reconnectBaseMs = 50;
    stream.setOptions(options);
    stream.setServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(mute.serverPort())));
    QSignalSpy dropped(&stream, &EventStream::disconnectedFor);
    stream.start();
    QTRY_VERIFY_WITH_TIMEOUT(dropped.count() >= 2, 5000);
}

void TestEventStream::refusedTokenAsksForANewOne()
{
    FakeStream server;
    EventStream stream;
    stream.setServer(server.baseUrl());
    QString token = QStringLiteral("expired");
    stream.setTokenProvider([&] { return token; });
    QSignalSpy ready(&stream, &EventStream::ready);
    QSignalSpy needToken(&stream, &EventStream::authenticationRequired);
    stream.start();
    QTRY_COMPARE(needToken.count(), 1);
    QCOMPARE(stream.state(), EventStream::State::Waiting);
    QTest::qWait(200);
    QCOMPARE(server.connections, 1); // no reconnect loop with a refused token
    token = QStringLiteral("good");
    stream.reconnectNow();
    QTRY_COMPARE(ready.count(), 1);
}

void TestEventStream::resyncAndPresence()
{
    FakeStream server;
    EventStream stream;
    stream.setServer(server.baseUrl());
    stream.setTokenProvider([] { return QStringLiteral("good"); });
    QSignalSpy ready(&stream, &EventStream::ready);
    QSignalSpy presence(&stream, &EventStream::presence);
    QSignalSpy resync(&stream, &EventStream::resyncRequested);
    stream.setViewing(812, true); // before the connection: sent once signed in
    stream.start();
    QTRY_COMPARE(ready.count(), 1);
    QTRY_COMPARE(server.ofOp(StreamMessage::Op::Presence).size(), 1);
    QCOMPARE(server.ofOp(StreamMessage::Op::Presence).first().caseId, 812);
    stream.setViewing(812, false);
    QTRY_COMPARE(server.ofOp(StreamMessage::Op::Presence).size(), 2);
    QCOMPARE(server.ofOp(StreamMessage::Op::Presence).last().state, protocol::kPresenceLeft);
    server.send(StreamMessage::presence(9, protocol::kPresenceViewing, 5, QStringLiteral("Mo")));
    QTRY_COMPARE(presence.count(), 1);
    QCOMPARE(presence.first().at(1).toString(), QStringLiteral("Mo"));
    QCOMPARE(presence.first().at(2).toLongLong(), 9);
    server.send(StreamMessage::resync(protocol::kResyncBacklog));
    server.current->close(QWebSocketProtocol::CloseCode(protocol::streamclose::kResync));
    QTRY_COMPARE(resync.count(), 1);
    QCOMPARE(resync.first().first().toString(), protocol::kResyncBacklog);
    QTRY_COMPARE(stream.state(), EventStream::State::Waiting);
    QTest::qWait(200);
    QCOMPARE(server.connections, 1); // the owner takes a snapshot before streaming again
}

void TestEventStream::streamUrl()
{
    QCOMPARE(EventStream::streamUrl(QUrl(QStringLiteral("https://mod.example.com/base/"))),
             QUrl(QStringLiteral("wss://mod.example.com/base/api/v1/admin/events")));
    QCOMPARE(EventStream::streamUrl(QUrl(QStringLiteral("http://127.0.0.1:8080"))),
             QUrl(QStringLiteral("ws://127.0.0.1:8080/api/v1/admin/events")));
}

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
