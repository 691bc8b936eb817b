// One SQL statement per page, keyset on (created_at, id) or id so deep pages cost what the first
// does. "Contains" cannot use an index; the scan walks the sort index and stops at the page size,
// so common terms are fast and a rare term costs one pass over users (tens of ms at 100k rows).
#include "server/domain/members/membersearch.h"

#include "protocol/roles.h"
#include "protocol/timestamps.h"
#include "server/storage/sqlquery.h"

#include <QJsonObject>

namespace skillex::server {

QString containsPattern(const QString &text)
{
    QString escaped;
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

UserSearchPage MemberSearch::search(QSqlDatabase &db, const UserSearch &s)
{
    QStringList where;
    if (s.text) {
        QString clause = QStringLiteral("(LOWER(u.name) LIKE :pat ESCAPE '\\' OR u.email LIKE "
                                        ":pat2 ESCAPE '\\'");
        bool isId = false;
        s.text->toLongLong(&isId);
        if (isId)
            clause += QStringLiteral(" OR u.id = :qid");
        where << clause + QLatin1Char(')');
    }
    if (s.kind)
        where << QStringLiteral("u.kind = :kind");
    if (s.status)
        where << QStringLiteral("u.status = :status");
    const QString cmp = s.descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = s.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    if (s.after) {
        where << (s.byCreatedAt ? QStringLiteral("(u.created_at %1 :k OR (u.created_at = :k2 AND "
                                                 "u.id %1 :kid))")
                                      .arg(cmp)
                                : QStringLiteral("u.id %1 :kid").arg(cmp));
    }
    const QString order = s.byCreatedAt ? QStringLiteral("u.created_at %1, u.id %1").arg(dir)
                                        : QStringLiteral("u.id %1").arg(dir);
    // cmp, dir and order come from the fixed strings above, never from input.
    SqlQuery q(db, QStringLiteral("SELECT u.id, u.name, u.email, u.kind, u.status, u.created_at, "
                                  "p.email_verified_at FROM users u LEFT JOIN member_profiles p "
                                  "ON p.user_id = u.id %1 ORDER BY %2 LIMIT :n")
                       .arg(where.isEmpty()
                                ? QString()
                                : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                            order));
    if (s.text) {
        const QString pattern = containsPattern(s.text->toLower());
        q.bind(QStringLiteral(":pat"), pattern).bind(QStringLiteral(":pat2"), pattern);
        bool isId = false;
        const qint64 id = s.text->toLongLong(&isId);
        if (isId)
            q.bind(QStringLiteral(":qid"), id);
    }
    if (s.kind)
        q.bind(QStringLiteral(":kind"), *s.kind);
    if (s.status)
        q.bind(QStringLiteral(":status"), *s.status);
    if (s.after) {
        if (s.byCreatedAt)
            q.bind(QStringLiteral(":k"), s.after->first)
                .bind(QStringLiteral(":k2"), s.after->first);
        q.bind(QStringLiteral(":kid"), s.after->second);
    }
    q.bind(QStringLiteral(":n"), s.limit + 1).exec();

    UserSearchPage page;
    QList<QJsonObject> rows;
    QList<qint64> createdAt;
    while (q.next()) {
        QJsonObject o{{QStringLiteral("id"), q.int64(0)},
                      {QStringLiteral("name"), q.string(1)},
                      {QStringLiteral("email"), q.string(2)},
                      {QStringLiteral("kind"), q.string(3)},
                      {QStringLiteral("status"), q.string(4)},
                      {QStringLiteral("created_at"), protocol::toWireTime(q.int64(5))},
                      {QStringLiteral("email_verified"), q.string(3) == QStringLiteral("member")
                                                             ? QJsonValue(!q.isNull(6))
                                                             : QJsonValue()}};
        rows.push_back(o);
        createdAt.push_back(q.int64(5));
    }
    if (rows.size() > s.limit) {
        rows.removeLast();
        const qint64 lastId = rows.last().value(QStringLiteral("id")).toInteger();
        page.next =
            QPair<qint64, qint64>(s.byCreatedAt ? createdAt.at(rows.size() - 1) : lastId, lastId);
    }
    for (QJsonObject &o : rows) {
        if (o.value(QStringLiteral("kind")).toString() == QStringLiteral("staff")) {
            SqlQuery roles(
                db, QStringLiteral("SELECT role FROM user_roles WHERE user_id = :u ORDER BY role"));
            roles.bind(QStringLiteral(":u"), o.value(QStringLiteral("id")).toInteger()).exec();
            QJsonArray names;
            while (roles.next())
                names.push_back(roles.string(0));
            o.insert(QStringLiteral("roles"), names);
        }
        page.items.push_back(o);
    }
    return page;
}

} // namespace skillex::server
