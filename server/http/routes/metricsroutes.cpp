// Dashboard metrics from daily rollups (GET /api/v1/admin/metrics/...), the system summary for
// the console (GET /api/v1/admin/system), and GET /metrics for operators' Prometheus.
#include "server/http/routes/routes.h"

#include "protocol/timestamps.h"
#include "protocol/version.h"
#include "server/domain/domainerror.h"
#include "server/domain/metrics/dashboardmetrics.h"
#include "server/http/observability.h"
#include "server/http/requestcontext.h"
#include "server/http/routes/queryparams.h"
#include "server/storage/migrator.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>
#include <QMessageAuthenticationCode>

namespace skillex::server {
namespace {

using namespace protocol;
using metrics::DashboardMetrics;
using metrics::MetricsRange;

std::optional<QString> param(const HttpRequest &request, const QString &name)
{
    if (!request.query.hasQueryItem(name))
        return std::nullopt;
    return request.query.queryItemValue(name, QUrl::FullyDecoded);
}

MetricsRange rangeOf(const HttpRequest &request, qint64 nowMs)
{
    rejectUnknownParams(
        request, {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("granularity")});
    QMap<QString, QString> errors;
    const auto range = MetricsRange::parse(
        param(request, QStringLiteral("from")), param(request, QStringLiteral("to")),
        param(request, QStringLiteral("granularity")), metrics::dayOfMs(nowMs), &errors);
    if (!range)
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid metrics range"))
            .withFieldErrors(errors);
    return *range;
}

// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    const QByteArray key = "skillex-metrics";
    return QMessageAuthenticationCode::hash(a, key, QCryptographicHash::Sha256) ==
           QMessageAuthenticationCode::hash(b, key, QCryptographicHash::Sha256);
}

qint64 eventsSince(Database &db, qint64 sinceMs)
{
    return db.read([sinceMs](QSqlDatabase &c) {
        SqlQuery q(c, QStringLiteral("SELECT COUNT(*) FROM events WHERE at >= :t"));
        return q.bind(QStringLiteral(":t"), sinceMs).exec().scalar().value_or(0).toLongLong();
    });
}

void registerGauges(Services &services, Observability &obs)
{
    HttpMetrics &http = obs.http;
    http.addGauge(QStringLiteral("skillex_uptime_seconds"),
                  QStringLiteral("Seconds since this server process started."), [&obs] {
                      return (QDateTime::currentMSecsSinceEpoch() - obs.startedAtMs) / 1000.0;
                  });
    http.addGauge(QStringLiteral("skillex_events_head"),
                  QStringLiteral("Highest committed event sequence number."),
                  [&services] { return static_cast<double>(services.events.head()); });
    http.addGauge(QStringLiteral("skillex_database_up"),
                  QStringLiteral("1 when the database answered a trivial query."),
                  [&services] { return services.db.ping() ? 1.0 : 0.0; });
    http.addGauge(QStringLiteral("skillex_database_schema_level"),
                  QStringLiteral("Migration level the database is at."),
                  [&services] { return double(Migrator(services.db).currentLevel()); });
    http.addGauge(QStringLiteral("skillex_metrics_rollup_age_seconds"),
                  QStringLiteral("Seconds since the dashboard rollups were last brought up to "
                                 "date."),
                  [&obs] {
                      return (QDateTime::currentMSecsSinceEpoch() - obs.rollup->lastPassAtMs()) /
                             1000.0;
                  });
    // 0 until the event stream registers its own callback under this name.
    http.addGauge(kWebSocketClientsGauge, QStringLiteral("Consoles connected to the event stream."),
                  [] { return 0.0; });
}

QByteArray exposition(Services &services, Observability &obs)
{
    QByteArray out = obs.http.render();
    // Info metrics carry their facts as labels (the Prometheus convention), value 1.
    out += "# HELP skillex_build_info The server's version.\n# TYPE skillex_build_info gauge\n";
    out += "skillex_build_info{version=\"" +
           escapeLabelValue(QString::fromLatin1(kProductVersion)).toUtf8() + "\"} 1\n";
    out += "# HELP skillex_database_info The database in use.\n"
           "# TYPE skillex_database_info gauge\n";
    out += "skillex_database_info{dialect=\"" +
           escapeLabelValue(services.db.url().dialectName()).toUtf8() + "\"} 1\n";
    return out;
}

QJsonObject systemSummary(Services &services, Observability &obs)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    constexpr int kWindow = 300;
    const auto rates = obs.http.recent(kWindow);
    const bool reachable = services.db.ping();
    QJsonArray jobs;
    for (const auto &[name, run] : obs.jobs.all())
        jobs.push_back(QJsonObject{{QStringLiteral("name"), name},
                                   {QStringLiteral("last_run_at"), toWireTime(run.startedAtMs)},
                                   {QStringLiteral("took_ms"), run.tookMs},
                                   {QStringLiteral("ok"), run.ok},
                                   {QStringLiteral("error"), run.error},
                                   {QStringLiteral("runs"), run.runs}});
    const qint64 recentEvents = reachable ? eventsSince(services.db, now - kWindow * 1000) : 0;
    return {
        {QStringLiteral("version"), QString::fromLatin1(kProductVersion)},
        {QStringLiteral("database"),
         QJsonObject{
             {QStringLiteral("dialect"), services.db.url().dialectName()},
             {QStringLiteral("reachable"), reachable},
             {QStringLiteral("schema_level"), reachable ? Migrator(services.db).currentLevel() : 0},
             {QStringLiteral("schema_expected"), Migrator::latestLevel()}}},
        {QStringLiteral("started_at"), toWireTime(obs.startedAtMs)},
        {QStringLiteral("uptime_seconds"), (now - obs.startedAtMs) / 1000},
        {QStringLiteral("requests"),
         QJsonObject{{QStringLiteral("window_seconds"), kWindow},
                     {QStringLiteral("count"), rates.requests},
                     {QStringLiteral("errors"), rates.errors},
                     {QStringLiteral("per_second"), metrics::ratio(rates.requestsPerSecond, 1)},
                     {QStringLiteral("error_rate"),
                      rates.requests > 0
                          ? metrics::ratio(double(rates.errors), double(rates.requests))
                          : QJsonValue(0.0)}}},
        {QStringLiteral("events"),
         QJsonObject{
             {QStringLiteral("head"), reachable ? services.events.head() : 0},
             {QStringLiteral("window_seconds"), kWindow},
             {QStringLiteral("count"), recentEvents},
             {QStringLiteral("per_minute"), metrics::ratio(double(recentEvents), kWindow / 60.0)}}},
        {QStringLiteral("consoles_connected"),
         static_cast<qint64>(obs.http.gauge(kWebSocketClientsGauge))},
        {QStringLiteral("metrics_rollup"),
         QJsonObject{{QStringLiteral("last_pass_at"),
                      obs.rollup->lastPassAtMs() > 0
                          ? QJsonValue(toWireTime(obs.rollup->lastPassAtMs()))
                          : QJsonValue::Null},
                     {QStringLiteral("days_recomputed"), obs.rollup->lastPassDays()}}},
        {QStringLiteral("jobs"), jobs},
    };
}

} // namespace

void registerMetricsRoutes(Router &router, Services &services, Observability &obs)
{
    obs.rollup = std::make_unique<metrics::MetricsRollup>(services.db, services.clock);
    auto &dashboards = services.keep(std::make_shared<DashboardMetrics>(services.db));
    const Access staff = Access::staff(Permission::ViewDashboards);
    using Compute = QJsonObject (DashboardMetrics::*)(const MetricsRange &);
    const std::pair<const char *, Compute> endpoints[] = {
        {"overview", &DashboardMetrics::overview}, {"active", &DashboardMetrics::active},
        {"sessions", &DashboardMetrics::sessions}, {"revenue", &DashboardMetrics::revenue},
        {"credits", &DashboardMetrics::credits},   {"moderation", &DashboardMetrics::moderation},
    };
    for (const auto &[name, compute] : endpoints) {
        router.add(QHttpServerRequest::Method::Get,
                   QStringLiteral("/api/v1/admin/metrics/") + QLatin1String(name), staff,
                   [&services, &obs, &dashboards, compute](RequestContext &ctx) {
                       const MetricsRange range = rangeOf(ctx.request(), services.clock.nowMs());
                       obs.rollup->ensureFresh(); // never older than the staleness bound
                       QJsonObject out = (dashboards.*compute)(range);
                       out.insert(QStringLiteral("as_of"), toWireTime(obs.rollup->lastPassAtMs()));
                       return HttpResponse::json(200, out);
                   });
    }
    router.add(QHttpServerRequest::Method::Get, QStringLiteral("/api/v1/admin/system"), staff,
               [&services, &obs](RequestContext &ctx) {
                   rejectUnknownParams(ctx.request(), {});
                   return HttpResponse::json(200, systemSummary(services, obs));
               });

    registerGauges(services, obs);
    // Open by default (bind to loopback or let nginx restrict it); with SKILLEX_METRICS_TOKEN
    // set, a scraper must send it as a bearer token.
    const QByteArray token = qgetenv("SKILLEX_METRICS_TOKEN");
    router.add(QHttpServerRequest::Method::Get, QStringLiteral("/metrics"), Access::open(),
               [&services, &obs, token](RequestContext &ctx) {
                   if (!token.isEmpty() &&
                       !sameSecret(ctx.request().header("authorization"), "Bearer " + token))
                       throw DomainError(401, problemtype::kUnauthenticated,
                                         QStringLiteral("Unauthorized"),
                                         QStringLiteral("Send the metrics token as a bearer "
                                                        "token."))
                           .withHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                   HttpResponse r;
                   r.status = 200;
                   r.contentType = "text/plain; version=0.0.4; charset=utf-8";
                   r.body = exposition(services, obs);
                   return r;
               });
}

} // namespace skillex::server
