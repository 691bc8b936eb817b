// List endpoints' query conventions (API.md): known parameters only, limit 1-500 (default 50),
// an opaque "after" cursor, and a "next" cursor in the response.
#pragma once

#include "server/http/httpmessage.h"

#include <QJsonArray>
#include <QStringList>

#include <optional>

namespace skillex::server {

class ListQuery {
public:
    // Throws DomainError 400 naming any parameter not in allowed (limit and after are implied).
    ListQuery(const HttpRequest &request, const QStringList &allowed);

    int limit() const { return m_limit; }
    // The cursor decoded back to the keyset value it was made from; nullopt on the first page.
    const std::optional<QString> &after() const { return m_after; }
    std::optional<QString> value(const QString &name) const;

    static QString encodeCursor(const QString &keyset);
    // {"items": [...], "next": cursor or null}
    static QJsonObject page(const QJsonArray &items, const std::optional<QString> &nextKeyset);

private:
    QUrlQuery m_query;
    int m_limit = 50;
    std::optional<QString> m_after;
};

} // namespace skillex::server
