// One request on its way through a handler: the request, path arguments, who is calling.
#pragma once

#include "protocol/decode.h"
#include "protocol/jsonlimits.h"
#include "server/domain/auth/authservice.h"
#include "server/domain/auth/principal.h"
#include "server/http/httpmessage.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace skillex::server {

class RequestContext {
public:
    RequestContext(const HttpRequest &request, QStringList arguments,
                   const protocol::JsonLimits &limits);

    const HttpRequest &request() const { return m_request; }
    const QStringList &arguments() const { return m_arguments; }

    void setPrincipal(Principal p) { m_principal = std::move(p); }
    bool hasPrincipal() const { return m_principal.has_value(); }
    // The caller; only called on routes whose Access requires sign-in.
    const Principal &principal() const { return *m_principal; }

    // The body as a JSON object within the API's limits. Throws DomainError:
    // 415 when the content type is not JSON, 400 when it is malformed, too deep or not an object.
    QJsonObject jsonObject() const;
    // Path argument i as a positive 64-bit id; a malformed id is a 404 (no such resource).
    qint64 idArgument(int index) const;
    // The caller's id when it is a member account; otherwise 403 with denial as the detail
    // (staff use the admin API).
    qint64 memberId(const QString &denial) const;

    RequestMeta meta() const { return {m_request.peer.toString(), m_request.requestId}; }

private:
    const HttpRequest &m_request;
    QStringList m_arguments;
    protocol::JsonLimits m_limits;
    std::optional<Principal> m_principal;
};

// Throws a 400 validation problem naming every bad field the reader collected.
void requireValid(const protocol::FieldReader &reader, const QString &title);

} // namespace skillex::server
