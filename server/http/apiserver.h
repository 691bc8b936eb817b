// The HTTP server: routes each request, checks size limits and access, runs the handler on a
// thread pool, and writes every failure as application/problem+json.
#pragma once

#include "protocol/jsonlimits.h"
#include "server/http/idempotency.h"
#include "server/http/router.h"
#include "server/http/services.h"

#include <QAbstractHttpServer>
#include <QThreadPool>

namespace skillex::server {

struct HttpLimits {
    qint64 maxBodyBytes = 1024 * 1024;        // JSON bodies
    qint64 maxUploadBytes = 10 * 1024 * 1024; // routes added with Router::addUpload
    protocol::JsonLimits json;
};

class RequestContext;
class HttpMetrics;

class ApiServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    // idempotency may be null (then Idempotency-Key headers are ignored).
    ApiServer(const Router &router, AuthService &auth, HttpLimits limits, int threads,
              IdempotencyStore *idempotency = nullptr, QObject *parent = nullptr);
    ~ApiServer() override;

    // Runs a handler as if a request had arrived; used by handleRequest and by tests of routing.
    HttpResponse execute(const HttpRequest &request, const RouteMatch &match) const;
    // Counts every answered request (by route pattern) and its latency; may be null.
    void setMetrics(HttpMetrics *metrics) { m_metrics = metrics; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    HttpResponse immediateResponse(const HttpRequest &request, const RouteMatch &match) const;
    static HttpRequest copyRequest(const QHttpServerRequest &request);
    HttpResponse executeIdempotent(RequestContext &context, const RouteMatch &match,
                                   const QByteArray &key) const;

    const Router &m_router;
    AuthService &m_auth;
    HttpLimits m_limits;
    IdempotencyStore *m_idempotency = nullptr;
    QThreadPool m_pool;
    HttpMetrics *m_metrics = nullptr;
};

} // namespace skillex::server
