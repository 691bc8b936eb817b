// Response constructors.
#include "server/http/httpmessage.h"

#include <QJsonObject>

namespace skillex::server {

HttpResponse HttpResponse::json(int status, const QJsonDocument &doc)
{
    HttpResponse r;
    r.status = status;
    r.contentType = protocol::kJsonContentType;
    r.body = doc.toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return json(status, QJsonDocument(object));
}

HttpResponse HttpResponse::problem(const protocol::Problem &problem, HeaderList headers)
{
    HttpResponse r;
    r.status = problem.status;
    r.contentType = protocol::kProblemContentType;
    r.body = problem.toBytes();
    r.headers = std::move(headers);
    return r;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse r;
    r.status = 204;
    return r;
}

QString methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return QStringLiteral("GET");
    case M::Put:
        return QStringLiteral("PUT");
    case M::Delete:
        return QStringLiteral("DELETE");
    case M::Post:
        return QStringLiteral("POST");
    case M::Head:
        return QStringLiteral("HEAD");
    case M::Options:
        return QStringLiteral("OPTIONS");
    case M::Patch:
        return QStringLiteral("PATCH");
    case M::Connect:
        return QStringLiteral("CONNECT");
    case M::Trace:
        return QStringLiteral("TRACE");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

} // namespace skillex::server
