// CannedHttpServer: a loopback HTTP/1.1 responder for failures a real server will not produce on
// demand (silence, an HTML 502, a hand-made 429). Each request is answered by a handler.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

namespace skillex::tests {

struct CannedRequest {
    QByteArray method;
    QByteArray path;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
};

struct CannedResponse {
    int status = 200;
    QByteArray reason = "OK";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool silent = false; // accept the request and never answer

    static CannedResponse json(int status, const QByteArray &reason, const QByteArray &body,
                               const QByteArray &contentType = "application/json")
    {
        CannedResponse r;
        r.status = status;
        r.reason = reason;
        r.body = body;
        r.headers = {{"Content-Type", contentType},
                     {"X-Request-Id", "srv-" + QByteArray::number(status)}};
        return r;
    }
    static CannedResponse hang()
    {
        CannedResponse r;
        r.silent = true;
        return r;
    }
};

class CannedHttpServer : public QObject {
public:
    using Handler = std::function<CannedResponse(const CannedRequest &)>;

    explicit CannedHttpServer(Handler handler, QObject *parent = nullptr)
        : QObject(parent)
        , m_handler(std::move(handler))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRead(socket); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    const QList<CannedRequest> &requests() const { return m_requests; }
    int count(const QByteArray &path) const
    {
        int n = 0;
        for (const auto &r : m_requests)
            n += r.path == path ? 1 : 0;
        return n;
    }

private:
    void onRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        CannedRequest request;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                       lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            return;
        request.body = buffer.mid(headEnd + 4, length);
        buffer.clear();
        m_requests.push_back(request);
        const CannedResponse response = m_handler(request);
        if (response.silent)
            return;
        QByteArray out =
            "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reason + "\r\n";
        for (const auto &[name, value] : response.headers)
            out += name + ": " + value + "\r\n";
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        out += "Connection: close\r\n\r\n" + response.body;
        socket->write(out);
        socket->disconnectFromHost();
    }

    Handler m_handler;
    QTcpServer m_server;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    QList<CannedRequest> m_requests;
};

} // namespace skillex::tests
