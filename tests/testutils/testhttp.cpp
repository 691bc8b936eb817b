// TestHttp runs a local event loop per call, bounded by a time-out so a hung server fails the test.
#include "tests/testutils/testhttp.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTimer>

namespace skillex::testutils {

QJsonObject TestResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

TestHttp::TestHttp(QUrl baseUrl)
    : m_base(std::move(baseUrl))
{}

TestResponse TestHttp::get(const QString &path, const QHash<QByteArray, QByteArray> &headers)
{
    return send("GET", path, {}, headers);
}

TestResponse TestHttp::post(const QString &path, const QJsonObject &body,
                            const QHash<QByteArray, QByteArray> &headers)
{
    auto h = headers;
    if (!h.contains("Content-Type"))
        h.insert("Content-Type", "application/json");
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), h);
}

TestResponse TestHttp::send(const QByteArray &method, const QString &path, const QByteArray &body,
                            QHash<QByteArray, QByteArray> headers)
{
    QUrl url = m_base;
    const auto queryAt = path.indexOf(QLatin1Char('?'));
    url.setPath(queryAt < 0 ? path : path.left(queryAt));
    if (queryAt >= 0)
        url.setQuery(path.mid(queryAt + 1));
    QNetworkRequest request(url);
    if (!m_bearer.isEmpty() && !headers.contains("Authorization"))
        headers.insert("Authorization", "Bearer " + m_bearer.toLatin1());
    for (auto it = headers.begin(); it != headers.end(); ++it)
        request.setRawHeader(it.key(), it.value());
    request.setTransferTimeout(20000);

    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, &buffer);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    TestResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.networkError = reply->error();
    for (const auto &pair : reply->rawHeaderPairs())
        r.headers.insert(pair.first.toLower(), pair.second);
    reply->deleteLater();
    return r;
}

} // namespace skillex::testutils
