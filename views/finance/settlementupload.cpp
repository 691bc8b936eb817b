// SettlementUpload: one POST; the problem's detail becomes the message (e.g. missing columns).
#include "views/finance/settlementupload.h"

#include "client/api/apiclient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QUuid>

namespace skillex::views::finance {

SettlementUpload::SettlementUpload(client::ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_network(new QNetworkAccessManager(this))
{}

void SettlementUpload::start(const QString &provider, const QByteArray &csv)
{
    abort();
    QUrl url = m_api->urlFor(QStringLiteral("/api/v1/admin/reconciliation"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("provider"), provider);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/csv"));
    request.setRawHeader("Authorization", "Bearer " + m_api->accessToken().toUtf8());
    // A retried upload of the same file is the same run, not a second one.
    request.setRawHeader("Idempotency-Key",
                         QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8());
    request.setTransferTimeout(120'000);
    m_reply = m_network->post(request, csv);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::uploadProgress, this, &SettlementUpload::progress);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_reply.clear();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        if (status == 201 || status == 200) {
            emit finished(json);
            return;
        }
        QString message;
        if (status == 0)
            message = tr("The server could not be reached: %1").arg(reply->errorString());
        else if (status == 401)
            message = tr("Your session expired; sign in again and retry.");
        else if (status == 403)
            message = tr("Your role cannot upload settlement reports.");
        else if (status == 413)
            message = tr("The file is larger than the server takes (10 MiB).");
        else
            message = json.value(QStringLiteral("detail"))
                          .toString(tr("The server refused the file (HTTP %1).").arg(status));
        emit failed(message);
    });
}

void SettlementUpload::abort()
{
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply.clear();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace skillex::views::finance
