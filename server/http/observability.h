// What the server knows about itself, shared by the HTTP layer (request counts), the
// maintenance jobs (last runs) and the routes that report it (/metrics, /admin/system).
#pragma once

#include "server/domain/metrics/metricsrollup.h"
#include "server/http/httpmetrics.h"

#include <QDateTime>
#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace skillex::server {

// Gauge names other parts of the server feed through HttpMetrics::addGauge.
inline const QString kWebSocketClientsGauge = QStringLiteral("skillex_websocket_clients");

class JobRuns {
public:
    struct Run {
        qint64 startedAtMs = 0;
        qint64 tookMs = 0;
        bool ok = true;
        QString error;
        qint64 runs = 0;
    };
    void record(const QString &job, qint64 startedAtMs, qint64 tookMs, bool ok,
                const QString &error);
    std::map<QString, Run> all() const;

private:
    mutable std::mutex m_mutex;
    std::map<QString, Run> m_runs;
};

struct Observability {
    HttpMetrics http;
    JobRuns jobs;
    std::unique_ptr<metrics::MetricsRollup> rollup; // made by registerMetricsRoutes
    qint64 startedAtMs = QDateTime::currentMSecsSinceEpoch();
};

} // namespace skillex::server
