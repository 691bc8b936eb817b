// Each resource pages by id, so a page is one indexed range read and items never shift between
// pages. Its item shape is the one its list endpoint and its events carry, built by the same
// function, so the console upserts both alike; its permission is its list endpoint's.
#include "server/http/stream/snapshotsources.h"

#include "server/domain/auth/staffadmin.h"
#include "server/domain/members/membersearch.h"
#include "server/domain/moderation/casesummary.h"
#include "server/domain/taxonomy/taxonomynodes.h"
#include "server/storage/sqlquery.h"

#include <QJsonObject>

#include <algorithm>

namespace skillex::server {
namespace {

// Case summaries (GET /admin/cases, case.* events), keyset on c.id. One extra row is read to know
// whether there is a next page.
SnapshotPage casesPage(QSqlDatabase &db, std::optional<qint64> after, int limit)
{
    // caseSummaryJoins() starts with " FROM cases c".
    SqlQuery q(db, QStringLiteral("SELECT ") + caseSummaryColumns() + caseSummaryJoins() +
                       QStringLiteral("WHERE c.id > :after ORDER BY c.id LIMIT :n"));
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
        page.items.append(caseSummaryFrom(q));
    }
    return page;
}

// The taxonomy is small (hundreds of nodes): read it all, page the id-sorted list.
template <typename Node>
SnapshotPage nodePage(QList<Node> nodes, std::optional<qint64> after, int limit)
{
    std::sort(nodes.begin(), nodes.end(), [](const Node &a, const Node &b) { return a.id < b.id; });
    SnapshotPage page;
    qint64 lastId = 0;
    for (const Node &n : nodes) {
        if (after && n.id <= *after)
            continue;
        if (page.items.size() == limit) {
            page.next = lastId;
            break;
        }
        lastId = n.id;
        page.items.append(n.toJson());
    }
    return page;
}

// GET /admin/users items, by id.
SnapshotPage usersPage(QSqlDatabase &db, std::optional<qint64> after, int limit)
{
    UserSearch s;
    s.limit = limit;
    if (after)
        s.after = QPair<qint64, qint64>(*after, *after);
    const UserSearchPage found = MemberSearch::search(db, s);
    SnapshotPage page;
    page.items = found.items;
    if (found.next)
        page.next = found.next->second;
    return page;
}

// GET /admin/staff items, by id.
SnapshotPage staffPage(QSqlDatabase &db, std::optional<qint64> after, int limit)
{
    SqlQuery q(db, QStringLiteral("SELECT id FROM users WHERE kind = 'staff' AND id > :after "
                                  "ORDER BY id LIMIT :n"));
    q.bind(QStringLiteral(":after"), after.value_or(0))
        .bind(QStringLiteral(":n"), limit + 1)
        .exec();
    QList<qint64> ids;
    while (q.next())
        ids.push_back(q.int64(0));
    SnapshotPage page;
    if (ids.size() > limit) {
        ids.removeLast();
        page.next = ids.last();
    }
    for (const qint64 id : ids) {
        if (auto item = StaffAdmin::find(db, id))
            page.items.append(*item);
    }
    return page;
}

} // namespace

const std::vector<SnapshotSource> &snapshotSources()
{
    using protocol::Permission;
    static const std::vector<SnapshotSource> sources = {
        {QStringLiteral("categories"),
         {Permission::ViewDashboards},
         [](QSqlDatabase &db, std::optional<qint64> after, int limit) {
             return nodePage(taxonomynodes::categories(db), after, limit);
         }},
        {QStringLiteral("skills"),
         {Permission::ViewDashboards},
         [](QSqlDatabase &db, std::optional<qint64> after, int limit) {
             return nodePage(taxonomynodes::skills(db), after, limit);
         }},
        // Consoles need staff names for assignees, so every console reads staff.
        {QStringLiteral("staff"), {Permission::ViewDashboards}, staffPage},
        {QStringLiteral("users"), {Permission::ModerateCases, Permission::ViewFinance}, usersPage},
        {QStringLiteral("cases"), {Permission::ModerateCases}, casesPage},
    };
    return sources;
}

} // namespace skillex::server
