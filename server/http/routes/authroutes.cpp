// Sign-in endpoints (login, refresh, logout) and GET /api/v1/me.
#include "server/http/routes/routes.h"

#include "protocol/auth.h"
#include "server/domain/domainerror.h"
#include "server/http/requestcontext.h"

namespace skillex::server {
namespace {

using namespace protocol;

template <typename T>
T decodeOrThrow(const Decoded<T> &decoded)
{
    if (!decoded)
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid request"),
                          decoded.error())
            .withFieldErrors(decoded.fieldErrors());
    return decoded.value();
}

} // namespace

void registerAuthRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    router.add(M::Post, QStringLiteral("/api/v1/auth/login"), Access::open(),
               [&services](RequestContext &ctx) {
                   const auto body = decodeOrThrow(LoginRequest::fromJson(ctx.jsonObject()));
                   return HttpResponse::json(
                       200, services.auth.login(body.email, body.password, ctx.meta()).toJson());
               });
    router.add(M::Post, QStringLiteral("/api/v1/auth/refresh"), Access::open(),
               [&services](RequestContext &ctx) {
                   const auto body = decodeOrThrow(RefreshRequest::fromJson(ctx.jsonObject()));
                   return HttpResponse::json(
                       200, services.auth.refresh(body.refreshToken, ctx.meta()).toJson());
               });
    router.add(M::Post, QStringLiteral("/api/v1/auth/logout"), Access::signedIn(),
               [&services](RequestContext &ctx) {
                   services.auth.logout(ctx.principal(), ctx.meta());
                   return HttpResponse::noContent();
               });
    router.add(M::Get, QStringLiteral("/api/v1/me"), Access::signedIn(), [](RequestContext &ctx) {
        const Principal &p = ctx.principal();
        Me me;
        me.id = p.userId;
        me.email = p.email;
        me.name = p.name;
        me.kind = p.kind;
        me.roles = p.roles;
        return HttpResponse::json(200, me.toJson());
    });
}

} // namespace skillex::server
