// Each resource pages by id, so a page is one indexed range read and items never shift between
// pages; its item shape is the one its list endpoint uses, so the console upserts both alike.
#include "server/http/stream/snapshotsources.h"

#include "protocol/timestamps.h"
#include "server/storage/sqlquery.h"

#include <QHash>
#include <QJsonObject>

namespace skillex::server {
namespace {

QJsonValue wireTime(const SqlQuery &q, int column)
{
    return q.isNull(column) ? QJsonValue() : QJsonValue(protocol::toWireTime(q.int64(column)));
}

QJsonValue optionalId(const SqlQuery &q, int column)
{
    return q.isNull(column) ? QJsonValue() : QJsonValue(q.int64(column));
}

// Runs a keyset SELECT whose first column is the id, with :after and :n bound, and hands each
// row to toItem. One extra row is read to know whether there is a next page.
template <typename ToItem>
SnapshotPage keysetPage(QSqlDatabase &db, const QString &sql, std::optional<qint64> after,
                        int limit, ToItem toItem)
{
    SqlQuery q(db, sql);
    q.bind(QStringLiteral(":after"), after.value_or(0))
        .bind(QStringLiteral(":n"), limit + 1)
        .exec();
    SnapshotPage page;
    qint64 lastId = 0;
    while (q.next()) {
        if (page.items.size() == limit) {
            page.next = lastId;
            break;
        }
        lastId = q.int64(0);
        page.items.append(toItem(q));
    }
    return page;
}

QJsonObject names(const SqlQuery &q, int firstColumn)
{
    return {{QStringLiteral("en"), q.string(firstColumn)},
            {QStringLiteral("de"), q.string(firstColumn + 1)},
            {QStringLiteral("it"), q.string(firstColumn + 2)},
            {QStringLiteral("hi"), q.string(firstColumn + 3)}};
}

SnapshotPage casesPage(QSqlDatabase &db, std::optional<qint64> after, int limit)
{
    return keysetPage(
        db,
        QStringLiteral("SELECT id, status, priority, severity, category, subject_type, subject_id, "
                       "subject_user_id, report_count, reporter_count, assignee_id, opened_at, "
                       "sla_due_at, closed_at, version FROM cases WHERE id > :after "
                       "ORDER BY id LIMIT :n"),
        after, limit, [](const SqlQuery &q) {
            return QJsonObject{
                {QStringLiteral("id"), q.int64(0)},
                {QStringLiteral("status"), q.string(1)},
                {QStringLiteral("priority"), q.value(2).toDouble()},
                {QStringLiteral("severity"), q.string(3)},
                {QStringLiteral("category"), q.string(4)},
                {QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), q.string(5)},
                                                        {QStringLiteral("id"), q.int64(6)}}},
                {QStringLiteral("subject_user_id"), optionalId(q, 7)},
                {QStringLiteral("report_count"), q.int64(8)},
                {QStringLiteral("reporter_count"), q.int64(9)},
                {QStringLiteral("assignee_id"), optionalId(q, 10)},
                {QStringLiteral("opened_at"), wireTime(q, 11)},
                {QStringLiteral("sla_due_at"), wireTime(q, 12)},
                {QStringLiteral("closed_at"), wireTime(q, 13)},
                {QStringLiteral("version"), q.int64(14)},
            };
        });
}

SnapshotPage usersPage(QSqlDatabase &db, std::optional<qint64> after, int limit, bool staffOnly)
{
    SnapshotPage page =
        keysetPage(db,
                   QStringLiteral("SELECT id, name, email, kind, status, created_at FROM users "
                                  "WHERE id > :after%1 ORDER BY id LIMIT :n")
                       .arg(staffOnly ? QStringLiteral(" AND kind = 'staff'") : QString()),
                   after, limit, [](const SqlQuery &q) {
                       return QJsonObject{
                           {QStringLiteral("id"), q.int64(0)},
                           {QStringLiteral("name"), q.string(1)},
                           {QStringLiteral("email"), q.string(2)},
                           {QStringLiteral("kind"), q.string(3)},
                           {QStringLiteral("status"), q.string(4)},
                           {QStringLiteral("created_at"), wireTime(q, 5)},
                           {QStringLiteral("roles"), QJsonArray()},
                       };
                   });
    if (page.items.isEmpty())
        return page;
    // Roles of the page's users in one range read.
    const qint64 first = page.items.first().toObject().value(QStringLiteral("id")).toInteger();
    const qint64 last = page.items.last().toObject().value(QStringLiteral("id")).toInteger();
    SqlQuery roles(db, QStringLiteral("SELECT user_id, role FROM user_roles WHERE user_id BETWEEN "
                                      ":first AND :last ORDER BY user_id, role"));
    roles.bind(QStringLiteral(":first"), first).bind(QStringLiteral(":last"), last).exec();
    QHash<qint64, QJsonArray> byUser;
    while (roles.next())
        byUser[roles.int64(0)].append(roles.string(1));
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        QJsonObject item = page.items[i].toObject();
        item.insert(QStringLiteral("roles"),
                    byUser.value(item.value(QStringLiteral("id")).toInteger()));
        page.items[i] = item;
    }
    return page;
}

SnapshotPage categoriesPage(QSqlDatabase &db, std::optional<qint64> after, int limit)
{
    return keysetPage(
        db,
        QStringLiteral("SELECT id, slug, name_en, name_de, name_it, name_hi, "
                       "position, version FROM skill_categories WHERE id > :after "
                       "ORDER BY id LIMIT :n"),
        after, limit, [](const SqlQuery &q) {
            return QJsonObject{
                {QStringLiteral("id"), q.int64(0)},      {QStringLiteral("slug"), q.string(1)},
                {QStringLiteral("names"), names(q, 2)},  {QStringLiteral("position"), q.int64(6)},
                {QStringLiteral("version"), q.int64(7)},
            };
        });
}

SnapshotPage skillsPage(QSqlDatabase &db, std::optional<qint64> after, int limit)
{
    SnapshotPage page = keysetPage(
        db,
        QStringLiteral("SELECT id, category_id, slug, name_en, name_de, name_it, name_hi, status, "
                       "merged_into, position, version FROM skills WHERE id > :after "
                       "ORDER BY id LIMIT :n"),
        after, limit, [](const SqlQuery &q) {
            return QJsonObject{
                {QStringLiteral("id"), q.int64(0)},
                {QStringLiteral("category_id"), q.int64(1)},
                {QStringLiteral("slug"), q.string(2)},
                {QStringLiteral("names"), names(q, 3)},
                {QStringLiteral("status"), q.string(7)},
                {QStringLiteral("merged_into"), optionalId(q, 8)},
                {QStringLiteral("position"), q.int64(9)},
                {QStringLiteral("version"), q.int64(10)},
                {QStringLiteral("aliases"), QJsonArray()},
            };
        });
    if (page.items.isEmpty())
        return page;
    const qint64 first = page.items.first().toObject().value(QStringLiteral("id")).toInteger();
    const qint64 last = page.items.last().toObject().value(QStringLiteral("id")).toInteger();
    SqlQuery aliases(db, QStringLiteral("SELECT skill_id, alias FROM skill_aliases WHERE skill_id "
                                        "BETWEEN :first AND :last ORDER BY skill_id, alias"));
    aliases.bind(QStringLiteral(":first"), first).bind(QStringLiteral(":last"), last).exec();
    QHash<qint64, QJsonArray> bySkill;
    while (aliases.next())
        bySkill[aliases.int64(0)].append(aliases.string(1));
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        QJsonObject item = page.items[i].toObject();
        item.insert(QStringLiteral("aliases"),
                    bySkill.value(item.value(QStringLiteral("id")).toInteger()));
        page.items[i] = item;
    }
    return page;
}

} // namespace

const std::vector<SnapshotSource> &snapshotSources()
{
    using protocol::Permission;
    static const std::vector<SnapshotSource> sources = {
        {QStringLiteral("categories"), Permission::ViewDashboards, categoriesPage},
        {QStringLiteral("skills"), Permission::ViewDashboards, skillsPage},
        {QStringLiteral("staff"), Permission::ViewDashboards,
         [](QSqlDatabase &db, std::optional<qint64> after, int limit) {
             return usersPage(db, after, limit, true);
         }},
        {QStringLiteral("users"), Permission::ViewDashboards,
         [](QSqlDatabase &db, std::optional<qint64> after, int limit) {
             return usersPage(db, after, limit, false);
         }},
        {QStringLiteral("cases"), Permission::ViewDashboards, casesPage},
    };
    return sources;
}

} // namespace skillex::server
