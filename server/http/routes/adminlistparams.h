// Typed filters of the admin lists (users, sessions, audit, staff), collecting one message per
// bad parameter so a 400 names all of them at once.
#pragma once

#include "server/http/listquery.h"

#include <QMap>
#include <QPair>
#include <QString>

#include <optional>

namespace skillex::server {

class AdminListParams {
public:
    explicit AdminListParams(const ListQuery &list)
        : m_list(list)
    {}

    std::optional<qint64> id(const QString &name);
    std::optional<qint64> time(const QString &name); // ISO 8601 -> ms since epoch
    std::optional<QString> oneOf(const QString &name, const QStringList &values);
    std::optional<QString> text(const QString &name, int maxLength);
    // The "after" cursor as "<a>:<b>" (two integers), or one integer when single.
    std::optional<QPair<qint64, qint64>> pairCursor();
    std::optional<qint64> idCursor();

    // Throws DomainError 400 (validation) naming every bad parameter.
    void finish() const;

private:
    const ListQuery &m_list;
    QMap<QString, QString> m_errors;
};

} // namespace skillex::server
