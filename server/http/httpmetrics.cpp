// Counting happens on the HTTP thread under one mutex; rendering copies nothing it does not
// print. Gauges are read outside the mutex: a callback may take locks of its own.
#include "server/http/httpmetrics.h"

#include <QTextStream>

#include <cmath>

namespace skillex::server {
namespace {

QString number(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(v, 'g', 15);
}

QString escapeHelp(const QString &help)
{
    QString out = help;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    out.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return out;
}

} // namespace

QString escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

HttpMetrics::HttpMetrics()
{
    m_clock.start();
}

void HttpMetrics::observe(const QString &route, const QString &method, int status, qint64 elapsedNs)
{
    const double seconds = static_cast<double>(elapsedNs) / 1e9;
    const qint64 now = m_clock.elapsed() / 1000;
    std::lock_guard lock(m_mutex);
    ++m_requests[{route, method, QString::number(status)}];
    Histogram &h = m_latency[route];
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++h.counts[i];
            break;
        }
    }
    ++h.count;
    h.sum += seconds;
    Second &slot = m_seconds[static_cast<size_t>(now % m_seconds.size())];
    if (slot.at != now)
        slot = {now, 0, 0};
    ++slot.requests;
    if (status >= 500)
        ++slot.errors;
}

void HttpMetrics::addGauge(const QString &name, const QString &help, std::function<double()> read)
{
    std::lock_guard lock(m_mutex);
    for (Gauge &g : m_gauges) {
        if (g.name == name) {
            g = {name, help, std::move(read)};
            return;
        }
    }
    m_gauges.push_back({name, help, std::move(read)});
}

double HttpMetrics::gauge(const QString &name, double fallback) const
{
    std::function<double()> read;
    {
        std::lock_guard lock(m_mutex);
        for (const Gauge &g : m_gauges)
            if (g.name == name)
                read = g.read;
    }
    return read ? read() : fallback;
}

HttpMetrics::Rates HttpMetrics::recent(int seconds) const
{
    seconds = std::clamp(seconds, 1, static_cast<int>(m_seconds.size()));
    const qint64 now = m_clock.elapsed() / 1000;
    Rates r;
    std::lock_guard lock(m_mutex);
    for (const Second &s : m_seconds) {
        if (s.at >= 0 && s.at > now - seconds && s.at <= now) {
            r.requests += s.requests;
            r.errors += s.errors;
        }
    }
    // A server younger than the window is measured over its lifetime.
    const double span = std::max<double>(1.0, std::min<double>(seconds, now + 1));
    r.requestsPerSecond = r.requests / span;
    r.errorsPerSecond = r.errors / span;
    return r;
}

QByteArray HttpMetrics::render() const
{
    std::vector<Gauge> gauges;
    QString out;
    QTextStream s(&out);
    {
        std::lock_guard lock(m_mutex);
        gauges = m_gauges;
        s << "# HELP skillex_http_requests_total HTTP requests answered, by route pattern, "
             "method and status.\n"
             "# TYPE skillex_http_requests_total counter\n";
        for (const auto &[key, count] : m_requests)
            s << "skillex_http_requests_total{route=\"" << escapeLabelValue(key[0])
              << "\",method=\"" << escapeLabelValue(key[1]) << "\",status=\"" << key[2] << "\"} "
              << count << "\n";
        s << "# HELP skillex_http_request_duration_seconds Time from a request's arrival to its "
             "answer, by route pattern.\n"
             "# TYPE skillex_http_request_duration_seconds histogram\n";
        for (const auto &[route, h] : m_latency) {
            const QString label = escapeLabelValue(route);
            qint64 cumulative = 0;
            for (size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += h.counts[i];
                s << "skillex_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\""
                  << number(kBuckets[i]) << "\"} " << cumulative << "\n";
            }
            s << "skillex_http_request_duration_seconds_bucket{route=\"" << label
              << "\",le=\"+Inf\"} " << h.count << "\n";
            s << "skillex_http_request_duration_seconds_sum{route=\"" << label << "\"} "
              << number(h.sum) << "\n";
            s << "skillex_http_request_duration_seconds_count{route=\"" << label << "\"} "
              << h.count << "\n";
        }
    }
    for (const Gauge &g : gauges) {
        s << "# HELP " << g.name << " " << escapeHelp(g.help) << "\n";
        s << "# TYPE " << g.name << " gauge\n";
        s << g.name << " " << number(g.read()) << "\n";
    }
    s.flush();
    return out.toUtf8();
}

} // namespace skillex::server
