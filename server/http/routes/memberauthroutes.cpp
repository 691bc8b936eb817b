// Member sign-up and email verification (sign-in, refresh and sign-out are shared with staff).
#include "server/http/routes/routes.h"

#include "server/http/requestcontext.h"

#include "protocol/decode.h"
#include "server/domain/domainerror.h"

namespace skillex::server {

void registerMemberAuthRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    router.add(M::Post, QStringLiteral("/api/v1/auth/register"), Access::open(),
               [&services](RequestContext &ctx) {
                   protocol::FieldReader r(ctx.jsonObject());
                   Registration reg;
                   reg.email = r.requiredString(QStringLiteral("email"), protocol::kMaxEmailLength);
                   reg.password =
                       r.requiredString(QStringLiteral("password"), protocol::kMaxPasswordLength);
                   reg.name = r.requiredString(QStringLiteral("name"), 200);
                   reg.referralCode = r.optionalString(QStringLiteral("referral_code"), 32);
                   r.rejectUnknown({QStringLiteral("email"), QStringLiteral("password"),
                                    QStringLiteral("name"), QStringLiteral("referral_code")});
                   if (!r.ok())
                       throw DomainError(400, protocol::problemtype::kValidation,
                                         QStringLiteral("Invalid registration"), r.summary())
                           .withFieldErrors(r.errors());
                   const RegisteredMember m = services.members.registerMember(reg);
                   // The verification token goes to the member's inbox (the notifications table),
                   // not here.
                   return HttpResponse::json(
                       201,
                       QJsonObject{{QStringLiteral("id"), m.id},
                                   {QStringLiteral("email"), Accounts::normaliseEmail(reg.email)},
                                   {QStringLiteral("referral_code"), m.referralCode}});
               });
    router.add(M::Post, QStringLiteral("/api/v1/auth/verify-email"), Access::open(),
               [&services](RequestContext &ctx) {
                   protocol::FieldReader r(ctx.jsonObject());
                   const QString token = r.requiredString(QStringLiteral("token"), 256);
                   r.rejectUnknown({QStringLiteral("token")});
                   if (!r.ok())
                       throw DomainError(400, protocol::problemtype::kValidation,
                                         QStringLiteral("Invalid request"), r.summary())
                           .withFieldErrors(r.errors());
                   const qint64 user = services.members.verifyEmail(token);
                   return HttpResponse::json(200,
                                             QJsonObject{{QStringLiteral("id"), user},
                                                         {QStringLiteral("email_verified"), true}});
               });
}

} // namespace skillex::server
