// Linear matching is fine at this size (tens of routes); patterns are pre-split at registration.
#include "server/http/router.h"

namespace skillex::server {
namespace {

QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

} // namespace

void Router::add(QHttpServerRequest::Method method, const QString &pattern, Access access,
                 Handler handler)
{
    m_routes.push_back(
        Route{method, pattern, access, std::move(handler), splitPath(pattern), false});
}

void Router::addUpload(QHttpServerRequest::Method method, const QString &pattern, Access access,
                       Handler handler)
{
    Route route{method, pattern, access, std::move(handler), splitPath(pattern), false};
    route.upload = true;
    m_routes.push_back(std::move(route));
}

void Router::addWebSocket(const QString &pattern)
{
    m_routes.push_back(Route{
        QHttpServerRequest::Method::Get, pattern, Access::open(), {}, splitPath(pattern), true});
}

bool Router::segmentsMatch(const QStringList &pattern, const QStringList &path, QStringList *args)
{
    if (pattern.size() != path.size())
        return false;
    QStringList captured;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &p = pattern.at(i);
        if (p.startsWith(QLatin1Char('{')) && p.endsWith(QLatin1Char('}')))
            captured.push_back(path.at(i));
        else if (p != path.at(i))
            return false;
    }
    if (args)
        *args = captured;
    return true;
}

RouteMatch Router::match(QHttpServerRequest::Method method, const QString &path) const
{
    RouteMatch result;
    const QStringList segments = splitPath(path);
    for (const Route &route : m_routes) {
        QStringList args;
        if (!segmentsMatch(route.segments, segments, &args))
            continue;
        if (route.method == method) {
            result.route = &route;
            result.arguments = args;
            result.allowedMethods.clear();
            return result;
        }
        const QString name = methodName(route.method);
        if (!result.allowedMethods.contains(name))
            result.allowedMethods.push_back(name);
    }
    return result;
}

} // namespace skillex::server
