// Body parsing and argument checks shared by all handlers.
#include "server/http/requestcontext.h"

#include "server/domain/domainerror.h"

namespace skillex::server {

using namespace protocol;

RequestContext::RequestContext(const HttpRequest &request, QStringList arguments,
                               const JsonLimits &limits)
    : m_request(request)
    , m_arguments(std::move(arguments))
    , m_limits(limits)
{}

QJsonObject RequestContext::jsonObject() const
{
    const QByteArray type = m_request.header("content-type").split(';').first().trimmed().toLower();
    if (type != "application/json" && !type.endsWith("+json"))
        throw DomainError(415, problemtype::kUnsupportedMediaType,
                          QStringLiteral("Unsupported media type"),
                          QStringLiteral("Send the body as application/json."));
    const auto parsed = parseBoundedJson(m_request.body, m_limits);
    if (!parsed)
        throw DomainError(400, problemtype::kMalformedJson, QStringLiteral("Malformed JSON body"),
                          parsed.error());
    if (!parsed.value().isObject())
        throw DomainError(400, problemtype::kMalformedJson, QStringLiteral("Malformed JSON body"),
                          QStringLiteral("The body must be a JSON object."));
    return parsed.value().object();
}

qint64 RequestContext::idArgument(int index) const
{
    bool ok = false;
    const qint64 id = m_arguments.value(index).toLongLong(&ok);
    if (!ok || id <= 0)
        throw DomainError(
            404, problemtype::kNotFound, QStringLiteral("Not found"),
            QStringLiteral("\"%1\" is not an id.").arg(m_arguments.value(index).left(64)));
    return id;
}

qint64 RequestContext::memberId(const QString &denial) const
{
    if (!m_principal || m_principal->kind != QStringLiteral("member"))
        throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"), denial);
    return m_principal->userId;
}

void requireValid(const FieldReader &reader, const QString &title)
{
    if (!reader.ok())
        throw DomainError(400, problemtype::kValidation, title, reader.summary())
            .withFieldErrors(reader.errors());
}

} // namespace skillex::server
