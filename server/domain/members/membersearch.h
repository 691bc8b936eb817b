// Staff search over all accounts (members and staff): by name, email or id, one keyset page.
#pragma once

#include <QJsonArray>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server {

struct UserSearch {
    std::optional<QString> text;   // name or email contains it (case-insensitive), or the exact id
    std::optional<QString> kind;   // member | staff
    std::optional<QString> status; // active | suspended | banned | disabled
    bool byCreatedAt = false;      // else by id
    bool descending = false;
    int limit = 50;
    // Keyset of the last row of the previous page: (created_at or id, id).
    std::optional<QPair<qint64, qint64>> after;
};

struct UserSearchPage {
    QJsonArray items;
    std::optional<QPair<qint64, qint64>> next; // keyset of the last item when more follow
};

class MemberSearch {
public:
    // items: {id, name, email, kind, status, created_at, email_verified, roles (staff only)}.
    static UserSearchPage search(QSqlDatabase &db, const UserSearch &search);
};

// A LIKE pattern that matches text anywhere, with LIKE's own wildcards in text escaped ('\').
QString containsPattern(const QString &text);

} // namespace skillex::server
