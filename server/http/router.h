// The route table: method + path pattern -> who may call it and the handler.
#pragma once

#include "protocol/roles.h"
#include "server/http/httpmessage.h"

#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace skillex::server {

class RequestContext;

// Who may call a route. The server checks this before the handler runs.
struct Access {
    enum class Kind { Public, SignedIn, Staff };
    Kind kind = Kind::Public;
    std::optional<protocol::Permission> permission; // with Kind::Staff
    // Further permissions that also admit the caller (any one of them is enough): e.g. finance
    // staff read member files to adjust credits, which moderators read to judge cases. The
    // "= {}" keeps two-member initialisers ({kind, permission}) free of -Wextra warnings.
    QList<protocol::Permission> alternatives = {};
    // Whether an appeal token (the 403 of a suspended or banned member's sign-in) is accepted
    // as well as an access token. Only the appeal routes set it; every other route answers an
    // appeal token 401, as it would an invalid token (AuthService::authenticate).
    bool allowsAppealScope = false;

    static Access open() { return {Kind::Public, std::nullopt, {}, false}; }
    static Access signedIn() { return {Kind::SignedIn, std::nullopt, {}, false}; }
    // A signed-in member, or a suspended or banned member holding an appeal token.
    static Access signedInOrAppeal() { return {Kind::SignedIn, std::nullopt, {}, true}; }
    static Access staff(protocol::Permission p) { return {Kind::Staff, p, {}, false}; }
    static Access staffAnyOf(protocol::Permission p, QList<protocol::Permission> others)
    {
        return {Kind::Staff, p, std::move(others), false};
    }

    // Whether staff holding roles may call a Kind::Staff route.
    bool permits(const QList<protocol::Role> &roles) const
    {
        if (permission && protocol::rolesAllow(roles, *permission))
            return true;
        for (const auto p : alternatives) {
            if (protocol::rolesAllow(roles, p))
                return true;
        }
        return false;
    }
};

using Handler = std::function<HttpResponse(RequestContext &)>;

struct Route {
    QHttpServerRequest::Method method;
    QString pattern; // "/api/v1/admin/cases/{id}/claim"
    Access access;
    Handler handler;
    QStringList segments;
    bool webSocket = false; // an upgrade path: answered by the WebSocket server, not a handler
    bool upload = false;    // the body is a file: the upload size limit applies, not the JSON one
};

struct RouteMatch {
    const Route *route = nullptr;
    QStringList arguments;      // values of {placeholders}, in order
    QStringList allowedMethods; // when the path exists but not for this method
};

class Router {
public:
    void add(QHttpServerRequest::Method method, const QString &pattern, Access access,
             Handler handler);
    void addWebSocket(const QString &pattern);
    // A route whose body is a raw file (attachments, settlement files): allowed up to the upload
    // limit (10 MiB) instead of the 1 MiB of JSON bodies.
    void addUpload(QHttpServerRequest::Method method, const QString &pattern, Access access,
                   Handler handler);

    // route set: matched; route null and allowedMethods set: 405; both empty: 404.
    RouteMatch match(QHttpServerRequest::Method method, const QString &path) const;
    const std::vector<Route> &routes() const { return m_routes; }

private:
    static bool segmentsMatch(const QStringList &pattern, const QStringList &path,
                              QStringList *args);
    std::vector<Route> m_routes;
};

} // namespace skillex::server
