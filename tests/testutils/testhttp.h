// A synchronous HTTP client for tests: one call, one response, no callbacks.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

namespace skillex::testutils {

struct TestResponse {
    int status = 0; // 0 when no HTTP response arrived
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;

    QJsonObject json() const;
    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    bool isProblem() const { return header("content-type").startsWith("application/problem+json"); }
    QString problemType() const { return json().value(QStringLiteral("type")).toString(); }
};

class TestHttp {
public:
    explicit TestHttp(QUrl baseUrl);

    void setBearer(const QString &accessToken) { m_bearer = accessToken; }

    TestResponse get(const QString &path, const QHash<QByteArray, QByteArray> &headers = {});
    TestResponse post(const QString &path, const QJsonObject &body,
                      const QHash<QByteArray, QByteArray> &headers = {});
    TestResponse send(const QByteArray &method, const QString &path, const QByteArray &body,
                      QHash<QByteArray, QByteArray> headers = {});

private:
    QUrl m_base;
    QString m_bearer;
    QNetworkAccessManager m_nam;
};

} // namespace skillex::testutils
