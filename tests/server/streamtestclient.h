// A WebSocket client of the admin event stream for tests: records every message, answers
// pings unless told not to, and checks as it goes that events arrive as seq, seq+1, seq+2...
#pragma once

#include "protocol/streammessages.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace skillex::testutils {

class StreamTestClient : public QObject {
public:
    // answerPings false: a client that stays silent, to be dropped by the heartbeat.
    explicit StreamTestClient(bool answerPings = true)
        : m_answerPings(answerPings)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &frame) { onFrame(frame); });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            closed = true;
            closeCode = m_socket.closeCode();
        });
    }

    static QUrl streamUrl(QUrl base)
    {
        base.setScheme(QStringLiteral("ws"));
        base.setPath(QStringLiteral("/api/v1/admin/events"));
        return base;
    }

    // Connects; sends auth (unless token is null) naming after. false if no connection.
    bool open(const QUrl &base, const QString &token, qint64 after, int timeoutMs = 5000)
    {
        m_expectNext = after + 1;
        m_socket.open(streamUrl(base));
        if (!waitFor(
                [this] { return m_socket.state() == QAbstractSocket::ConnectedState || closed; },
                timeoutMs) ||
            closed)
            return false;
        if (!token.isNull())
            send(protocol::StreamMessage::auth(token, after));
        return true;
    }

    void send(const protocol::StreamMessage &m) { m_socket.sendTextMessage(m.encode()); }
    void sendRaw(const QString &frame) { m_socket.sendTextMessage(frame); }
    void abort() { m_socket.abort(); }
    void close() { m_socket.close(); }
    QWebSocket &socket() { return m_socket; }

    static bool waitFor(const std::function<bool()> &done, int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return true;
    }
    bool waitForOp(const QString &op, int timeoutMs = 5000)
    {
        return waitFor([&] { return !ofOp(op).isEmpty(); }, timeoutMs);
    }
    bool waitForSeq(qint64 seq, int timeoutMs = 10000)
    {
        return waitFor([&] { return lastSeq >= seq || closed; }, timeoutMs) && lastSeq >= seq;
    }
    bool waitForClose(int timeoutMs = 5000)
    {
        return waitFor([&] { return closed; }, timeoutMs);
    }

    QList<QJsonObject> ofOp(const QString &op) const
    {
        QList<QJsonObject> out;
        for (const auto &m : messages)
            if (m.value(QStringLiteral("op")).toString() == op)
                out.push_back(m);
        return out;
    }

    // Cuts the connection (abort) as soon as this many events have arrived; frames already
    // buffered behind the cut are dropped as if never received. 0: never.
    int cutAfterEvents = 0;

    QList<QJsonObject> messages;
    QList<qint64> seqs;
    qint64 lastSeq = 0;
    int outOfOrder = 0; // events that were not exactly the next seq (a gap or a duplicate)
    bool closed = false;
    int closeCode = -1;

private:
    void onFrame(const QString &frame)
    {
        if (m_cut)
            return;
        const QJsonObject m = QJsonDocument::fromJson(frame.toUtf8()).object();
        messages.push_back(m);
        const QString op = m.value(QStringLiteral("op")).toString();
        if (op == QStringLiteral("ping") && m_answerPings)
            send(protocol::StreamMessage::pong());
        if (op == QStringLiteral("event")) {
            const qint64 seq = m.value(QStringLiteral("event"))
                                   .toObject()
                                   .value(QStringLiteral("seq"))
                                   .toInteger();
            if (m_expectNext > 0 && seq != m_expectNext)
                ++outOfOrder;
            m_expectNext = seq + 1;
            seqs.push_back(seq);
            lastSeq = seq;
            if (cutAfterEvents > 0 && seqs.size() >= cutAfterEvents) {
                m_cut = true;
                m_socket.abort();
            }
        }
    }

    QWebSocket m_socket;
    bool m_answerPings;
    qint64 m_expectNext = 0;
    bool m_cut = false;
};

} // namespace skillex::testutils
