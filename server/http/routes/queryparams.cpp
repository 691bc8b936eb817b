// Query parameter checks that answer 400 problems with the parameter named.
#include "server/http/routes/queryparams.h"

#include "server/domain/domainerror.h"

namespace skillex::server {

using namespace protocol;

Language languageParam(const HttpRequest &request)
{
    const QString key = QStringLiteral("lang");
    if (!request.query.hasQueryItem(key))
        return Language::En;
    const auto language = languageFromCode(request.query.queryItemValue(key, QUrl::FullyDecoded));
    if (!language)
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
            .withFieldErrors({{key, QStringLiteral("must be one of en, de, it, hi")}});
    return *language;
}

void rejectUnknownParams(const HttpRequest &request, const QStringList &allowed)
{
    QMap<QString, QString> errors;
    for (const auto &[key, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (!allowed.contains(key))
            errors.insert(key.left(64), QStringLiteral("is not a parameter here; known: ") +
                                            allowed.join(QStringLiteral(", ")));
    }
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
            .withFieldErrors(errors);
}

} // namespace skillex::server
