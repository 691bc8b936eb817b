// SettlementUpload: sends a provider settlement CSV as the raw body of
// POST /admin/reconciliation?provider=… (ApiClient only sends JSON), with the console's bearer
// token, reporting upload progress.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace skillex::client {
class ApiClient;
}

namespace skillex::views::finance {

class SettlementUpload : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kMaxBytes = 10 * 1024 * 1024; // the server's upload limit

    explicit SettlementUpload(client::ApiClient *api, QObject *parent = nullptr);

    void start(const QString &provider, const QByteArray &csv);
    void abort();
    bool isRunning() const { return !m_reply.isNull(); }

signals:
    void progress(qint64 sent, qint64 total);
    // The run as the server made it.
    void finished(const QJsonObject &run);
    void failed(const QString &message);

private:
    client::ApiClient *m_api = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
};

} // namespace skillex::views::finance
