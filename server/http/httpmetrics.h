// What GET /metrics exposes: request counts and latency per route, gauges read on demand
// (database, WebSocket clients, event head, ...), and recent request and error rates.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

namespace skillex::server {

class HttpMetrics {
public:
    HttpMetrics();

    // One finished request. route is the route's pattern ("/api/v1/sessions/{id}"), never the
    // raw path, so the number of series stays bounded; "unmatched" for 404s.
    void observe(const QString &route, const QString &method, int status, qint64 elapsedNs);

    // A gauge read each time /metrics is rendered, on the thread that renders it (so the
    // callback must be thread-safe). name must be a valid metric name; a second registration
    // of a name replaces the first.
    void addGauge(const QString &name, const QString &help, std::function<double()> read);
    // The current value of a registered gauge, or fallback when none has that name.
    double gauge(const QString &name, double fallback = 0) const;

    // Requests and 5xx answers over the last `seconds` (at most 600), per second.
    struct Rates {
        double requestsPerSecond = 0;
        double errorsPerSecond = 0;
        qint64 requests = 0;
        qint64 errors = 0;
    };
    Rates recent(int seconds) const;

    // The Prometheus text exposition format 0.0.4.
    QByteArray render() const;

    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1,    2.5,   10};

private:
    struct Histogram {
        std::array<qint64, kBuckets.size()> counts{}; // not cumulative; summed when rendered
        qint64 count = 0;
        double sum = 0;
    };
    struct Gauge {
        QString name;
        QString help;
        std::function<double()> read;
    };
    struct Second {
        qint64 at = -1; // seconds since m_clock started
        qint64 requests = 0;
        qint64 errors = 0;
    };

    mutable std::mutex m_mutex;
    std::map<std::array<QString, 3>, qint64> m_requests; // route, method, status
    std::map<QString, Histogram> m_latency;              // route
    std::vector<Gauge> m_gauges;
    std::array<Second, 600> m_seconds; // a ring, one slot per second
    QElapsedTimer m_clock;
};

// Label values escaped as the exposition format requires (backslash, quote, newline).
QString escapeLabelValue(const QString &value);

} // namespace skillex::server
