// Cursors are base64url of the keyset value: opaque to clients, cheap for the server.
#include "server/http/listquery.h"

#include "server/domain/domainerror.h"

namespace skillex::server {

using namespace protocol;

ListQuery::ListQuery(const HttpRequest &request, const QStringList &allowed)
    : m_query(request.query)
{
    QMap<QString, QString> errors;
    const QStringList known =
        allowed + QStringList{QStringLiteral("limit"), QStringLiteral("after")};
    for (const auto &[key, value] : m_query.queryItems(QUrl::FullyDecoded)) {
        if (!known.contains(key))
            errors.insert(key, QStringLiteral("is not a parameter of this list; known: ") +
                                   known.join(QStringLiteral(", ")));
        else if (value.size() > 1024)
            errors.insert(key, QStringLiteral("is too long"));
    }
    if (m_query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        m_limit = m_query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || m_limit < 1 || m_limit > 500)
            errors.insert(QStringLiteral("limit"),
                          QStringLiteral("must be a whole number from 1 to 500"));
    }
    if (m_query.hasQueryItem(QStringLiteral("after"))) {
        const auto decoded = QByteArray::fromBase64Encoding(
            m_query.queryItemValue(QStringLiteral("after")).toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.isEmpty())
            errors.insert(QStringLiteral("after"),
                          QStringLiteral("is not a cursor this server gave out"));
        else
            m_after = QString::fromUtf8(decoded.decoded);
    }
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
            .withFieldErrors(errors);
}

std::optional<QString> ListQuery::value(const QString &name) const
{
    if (!m_query.hasQueryItem(name))
        return std::nullopt;
    return m_query.queryItemValue(name, QUrl::FullyDecoded);
}

QString ListQuery::encodeCursor(const QString &keyset)
{
    return QString::fromLatin1(
        keyset.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QJsonObject ListQuery::page(const QJsonArray &items, const std::optional<QString> &nextKeyset)
{
    return {{QStringLiteral("items"), items},
            {QStringLiteral("next"),
             nextKeyset ? QJsonValue(encodeCursor(*nextKeyset)) : QJsonValue()}};
}

} // namespace skillex::server
