// Taxonomy edits. Updates read the node, check the precondition, and write with
// "AND version = :v", so of two concurrent edits from one version exactly one wins.
#include "server/domain/taxonomy/taxonomyeditor.h"

#include "server/domain/taxonomy/taxonomychange.h"
#include "server/storage/sqlquery.h"

#include <QHash>
#include <QSet>

namespace skillex::server {

using namespace taxonomychange;

namespace {

const QString kCategory = QStringLiteral("skill_category");
const QString kSkill = QStringLiteral("skill");

void bindNames(SqlQuery &q, const LocalizedNames &names)
{
    q.bind(QStringLiteral(":en"), names.en)
        .bind(QStringLiteral(":de"), names.de)
        .bind(QStringLiteral(":it"), names.it)
        .bind(QStringLiteral(":hi"), names.hi);
}

LocalizedNames trimmed(const LocalizedNames &n)
{
    return {n.en.simplified(), n.de.simplified(), n.it.simplified(), n.hi.simplified()};
}

void replaceAliases(QSqlDatabase &tx, qint64 skillId, const QStringList &aliases)
{
    SqlQuery(tx, QStringLiteral("DELETE FROM skill_aliases WHERE skill_id = :s"))
        .bind(QStringLiteral(":s"), skillId)
        .exec();
    for (const QString &alias : aliases) {
        SqlQuery(tx, QStringLiteral("INSERT INTO skill_aliases (skill_id, alias) VALUES (:s, :a)"))
            .bind(QStringLiteral(":s"), skillId)
            .bind(QStringLiteral(":a"), alias)
            .exec();
    }
}

QMap<QString, QString> ownProblems(const QString &slug, const LocalizedNames &names,
                                   const QStringList &aliases)
{
    QMap<QString, QString> out = taxonomyrules::namesProblems(names);
    if (const QString p = taxonomyrules::slugProblem(slug); !p.isEmpty())
        out.insert(QStringLiteral("slug"), p);
    out.insert(taxonomyrules::aliasesProblems(aliases, names));
    return out;
}

QJsonObject orderJson(std::optional<qint64> categoryId, const QJsonArray &items)
{
    return {{QStringLiteral("category_id"), categoryId ? QJsonValue(*categoryId) : QJsonValue()},
            {QStringLiteral("items"), items}};
}

QJsonArray idArray(const QList<qint64> &ids)
{
    QJsonArray out;
    for (qint64 id : ids)
        out.push_back(id);
    return out;
}

} // namespace

TaxonomyEditor::TaxonomyEditor(Database &db, AuditLog &audit, EventLog &events)
    : m_db(db)
    , m_audit(audit)
    , m_events(events)
{}

AdminCategory TaxonomyEditor::createCategory(const TaxonomyActor &actor, const CategoryDraft &draft)
{
    const LocalizedNames names = trimmed(draft.names);
    QMap<QString, QString> problems = taxonomyrules::namesProblems(names);
    if (const QString p = taxonomyrules::slugProblem(draft.slug); !p.isEmpty())
        problems.insert(QStringLiteral("slug"), p);
    if (!problems.isEmpty())
        throw invalid(QStringLiteral("Invalid category"), problems);

    return m_db.write([&](QSqlDatabase &tx) {
        lockCategories(tx, std::nullopt);
        if (auto clashes = categoryClashes(tx, 0, draft.slug, names); !clashes.isEmpty())
            throw conflict(QStringLiteral("The slug or name is taken."), clashes);
        SqlQuery insert(tx, QStringLiteral("INSERT INTO skill_categories (slug, name_en, name_de, "
                                           "name_it, name_hi, position) VALUES (:slug, :en, :de, "
                                           ":it, :hi, :p) RETURNING id"));
        insert.bind(QStringLiteral(":slug"), draft.slug)
            .bind(QStringLiteral(":p"), nextPosition(tx, std::nullopt));
        bindNames(insert, names);
        const qint64 id = insert.exec().scalar().value().toLongLong();
        const AdminCategory created = taxonomynodes::category(tx, id).value();
        record(tx, m_audit, m_events, actor,
               {QStringLiteral("taxonomy.category_created"),
                kCategory,
                QString::number(id),
                {},
                created.toJson(),
                {created},
                {},
                {}});
        return created;
    });
}

AdminCategory TaxonomyEditor::updateCategory(const TaxonomyActor &actor, qint64 id,
                                             const VersionPrecondition &precondition,
                                             const CategoryPatch &patch)
{
    if (patch.isEmpty())
        throw invalid(QStringLiteral("Nothing to change"),
                      {{QStringLiteral("body"), QStringLiteral("must name slug or names")}});
    return m_db.write([&](QSqlDatabase &tx) {
        const auto current = taxonomynodes::category(tx, id);
        if (!current)
            throw notFound(QStringLiteral("category"), id);
        if (!precondition.admits(current->version))
            throw stale(current->toJson(), current->version);
        const QString slug = patch.slug.value_or(current->slug);
        const LocalizedNames names = patch.names.appliedTo(current->names);
        QMap<QString, QString> problems = taxonomyrules::namesProblems(names);
        if (const QString p = taxonomyrules::slugProblem(slug); !p.isEmpty())
            problems.insert(QStringLiteral("slug"), p);
        if (!problems.isEmpty())
            throw invalid(QStringLiteral("Invalid category"), problems);
        if (auto clashes = categoryClashes(tx, id, slug, names); !clashes.isEmpty())
            throw conflict(QStringLiteral("The slug or name is taken."), clashes);

        SqlQuery update(tx,
                        QStringLiteral("UPDATE skill_categories SET slug = :slug, name_en = "
                                       ":en, name_de = :de, name_it = :it, name_hi = :hi, "
                                       "version = version + 1 WHERE id = :id AND version = :v"));
        update.bind(QStringLiteral(":slug"), slug)
            .bind(QStringLiteral(":id"), id)
            .bind(QStringLiteral(":v"), current->version);
        bindNames(update, names);
        if (update.exec().rowsAffected() == 0) {
            const auto now = taxonomynodes::category(tx, id).value_or(*current);
            throw stale(now.toJson(), now.version);
        }
        const AdminCategory updated = taxonomynodes::category(tx, id).value();
        record(tx, m_audit, m_events, actor,
               {QStringLiteral("taxonomy.category_updated"),
                kCategory,
                QString::number(id),
                current->toJson(),
                updated.toJson(),
                {updated},
                {},
                {}});
        return updated;
    });
}

AdminSkill TaxonomyEditor::createSkill(const TaxonomyActor &actor, const SkillDraft &draft)
{
    const LocalizedNames names = trimmed(draft.names);
    const QStringList aliases = taxonomyrules::normalizedAliases(draft.aliases);
    if (auto problems = ownProblems(draft.slug, names, aliases); !problems.isEmpty())
        throw invalid(QStringLiteral("Invalid skill"), problems);

    return m_db.write([&](QSqlDatabase &tx) {
        if (!taxonomynodes::category(tx, draft.categoryId))
            throw invalid(QStringLiteral("Invalid skill"),
                          {{QStringLiteral("category_id"), QStringLiteral("is not a category")}});
        lockCategories(tx, draft.categoryId);
        if (auto clashes = skillClashes(tx, 0, draft.slug, names, aliases); !clashes.isEmpty())
            throw conflict(QStringLiteral("The slug, name or an alias clashes with another "
                                          "skill."),
                           clashes);
        SqlQuery insert(tx, QStringLiteral("INSERT INTO skills (category_id, slug, name_en, "
                                           "name_de, name_it, name_hi, status, position) VALUES "
                                           "(:c, :slug, :en, :de, :it, :hi, 'active', :p) "
                                           "RETURNING id"));
        insert.bind(QStringLiteral(":c"), draft.categoryId)
            .bind(QStringLiteral(":slug"), draft.slug)
            .bind(QStringLiteral(":p"), nextPosition(tx, draft.categoryId));
        bindNames(insert, names);
        const qint64 id = insert.exec().scalar().value().toLongLong();
        replaceAliases(tx, id, aliases);
        const AdminSkill created = taxonomynodes::skill(tx, id).value();
        const AdminCategory category = taxonomynodes::category(tx, draft.categoryId).value();
        record(tx, m_audit, m_events, actor,
               {QStringLiteral("taxonomy.skill_created"),
                kSkill,
                QString::number(id),
                {},
                created.toJson(),
                {category},
                {created},
                {}});
        return created;
    });
}

AdminSkill TaxonomyEditor::updateSkill(const TaxonomyActor &actor, qint64 id,
                                       const VersionPrecondition &precondition,
                                       const SkillPatch &patch)
{
    if (patch.isEmpty())
        throw invalid(QStringLiteral("Nothing to change"),
                      {{QStringLiteral("body"),
                        QStringLiteral("must name slug, names, aliases, category_id or status")}});
    return m_db.write([&](QSqlDatabase &tx) {
        auto current = taxonomynodes::skill(tx, id);
        if (!current)
            throw notFound(QStringLiteral("skill"), id);
        const bool moving = patch.categoryId && *patch.categoryId != current->categoryId;
        if (moving) {
            // Both categories, in id order so two opposite moves cannot deadlock.
            lockCategories(tx, std::min(current->categoryId, *patch.categoryId));
            lockCategories(tx, std::max(current->categoryId, *patch.categoryId));
            current = taxonomynodes::skill(tx, id);
        }
        if (!precondition.admits(current->version))
            throw stale(current->toJson(), current->version);
        if (current->isMerged())
            throw conflict(QStringLiteral("Skill %1 was merged into skill %2; edit that one.")
                               .arg(id)
                               .arg(*current->mergedInto));

        const QString slug = patch.slug.value_or(current->slug);
        const LocalizedNames names = patch.names.appliedTo(current->names);
        const QStringList aliases =
            patch.aliases ? taxonomyrules::normalizedAliases(*patch.aliases) : current->aliases;
        // Aliases already stored are not re-checked against the bound: a merge may exceed it.
        QMap<QString, QString> problems =
            ownProblems(slug, names, patch.aliases ? aliases : QStringList());
        if (moving && !taxonomynodes::category(tx, *patch.categoryId))
            problems.insert(QStringLiteral("category_id"), QStringLiteral("is not a category"));
        if (!problems.isEmpty())
            throw invalid(QStringLiteral("Invalid skill"), problems);
        if (auto clashes =
                skillClashes(tx, id, slug, names, patch.aliases ? aliases : QStringList());
            !clashes.isEmpty())
            throw conflict(QStringLiteral("The slug, name or an alias clashes with another "
                                          "skill."),
                           clashes);

        const qint64 categoryId = patch.categoryId.value_or(current->categoryId);
        const int position = moving ? nextPosition(tx, categoryId) : current->position;
        SqlQuery update(tx, QStringLiteral("UPDATE skills SET slug = :slug, name_en = :en, "
                                           "name_de = :de, name_it = :it, name_hi = :hi, "
                                           "category_id = :c, position = :p, status = :status, "
                                           "version = version + 1 WHERE id = :id AND version = "
                                           ":v"));
        update.bind(QStringLiteral(":slug"), slug)
            .bind(QStringLiteral(":c"), categoryId)
            .bind(QStringLiteral(":p"), position)
            .bind(QStringLiteral(":status"), patch.status.value_or(current->status))
            .bind(QStringLiteral(":id"), id)
            .bind(QStringLiteral(":v"), current->version);
        bindNames(update, names);
        if (update.exec().rowsAffected() == 0) {
            const auto now = taxonomynodes::skill(tx, id).value_or(*current);
            throw stale(now.toJson(), now.version);
        }
        if (patch.aliases)
            replaceAliases(tx, id, aliases);

        QList<qint64> changed{id};
        QList<AdminCategory> categories;
        if (moving) {
            changed += closeGap(tx, current->categoryId, current->position);
            categories = {taxonomynodes::category(tx, current->categoryId).value(),
                          taxonomynodes::category(tx, categoryId).value()};
        } else if (patch.status && *patch.status != current->status) {
            categories = {taxonomynodes::category(tx, categoryId).value()}; // its counts
        }
        const QList<AdminSkill> skills = taxonomynodes::skillsByIds(tx, changed);
        const AdminSkill updated = taxonomynodes::skill(tx, id).value();
        record(tx, m_audit, m_events, actor,
               {QStringLiteral("taxonomy.skill_updated"),
                kSkill,
                QString::number(id),
                current->toJson(),
                updated.toJson(),
                categories,
                skills,
                {}});
        return updated;
    });
}

QJsonObject TaxonomyEditor::reorder(const TaxonomyActor &actor, const ReorderRequest &request)
{
    if (request.ids.size() != request.versions.size())
        throw invalid(QStringLiteral("Invalid order"),
                      {{QStringLiteral("versions"),
                        QStringLiteral("must have one version per id, in the same order")}});
    if (QSet<qint64>(request.ids.cbegin(), request.ids.cend()).size() != request.ids.size())
        throw invalid(QStringLiteral("Invalid order"),
                      {{QStringLiteral("ids"), QStringLiteral("must not repeat an id")}});

    return m_db.write([&](QSqlDatabase &tx) {
        if (request.categoryId && !taxonomynodes::category(tx, *request.categoryId))
            throw notFound(QStringLiteral("category"), *request.categoryId);
        lockCategories(tx, request.categoryId);

        // The current order as (id, version, position), and its whole representation for a 412.
        struct Node {
            qint64 id;
            int version;
            int position;
        };
        QList<Node> nodes;
        QJsonArray currentItems;
        QList<AdminSkill> skillsBefore;
        QList<AdminCategory> categoriesBefore;
        if (request.categoryId) {
            for (const AdminSkill &s : taxonomynodes::skills(tx, request.categoryId)) {
                if (s.isMerged())
                    continue;
                nodes.push_back({s.id, s.version, s.position});
                skillsBefore.push_back(s);
            }
            currentItems = toJsonArray(skillsBefore);
        } else {
            categoriesBefore = taxonomynodes::categories(tx);
            for (const AdminCategory &c : std::as_const(categoriesBefore))
                nodes.push_back({c.id, c.version, c.position});
            currentItems = toJsonArray(categoriesBefore);
        }
        const auto staleOrder = [&] {
            return DomainError(412, protocol::problemtype::kPreconditionFailed,
                               QStringLiteral("Order changed"),
                               QStringLiteral("The list changed since it was read: reorder from "
                                              "the current order."))
                .withExtension(QStringLiteral("current"),
                               orderJson(request.categoryId, currentItems));
        };
        if (nodes.size() != request.ids.size())
            throw staleOrder();
        QHash<qint64, Node> byId;
        for (const Node &n : std::as_const(nodes))
            byId.insert(n.id, n);
        for (qsizetype i = 0; i < request.ids.size(); ++i) {
            const auto it = byId.constFind(request.ids.at(i));
            if (it == byId.cend() || it->version != request.versions.at(i))
                throw staleOrder();
        }

        const QString table =
            request.categoryId ? QStringLiteral("skills") : QStringLiteral("skill_categories");
        QList<qint64> moved;
        for (qsizetype i = 0; i < request.ids.size(); ++i) {
            const Node &n = byId[request.ids.at(i)];
            const int position = int(i) + 1;
            if (n.position == position)
                continue;
            SqlQuery update(tx, QStringLiteral("UPDATE %1 SET position = :p, version = version + 1 "
                                               "WHERE id = :id AND version = :v")
                                    .arg(table));
            update.bind(QStringLiteral(":p"), position)
                .bind(QStringLiteral(":id"), n.id)
                .bind(QStringLiteral(":v"), n.version);
            if (update.exec().rowsAffected() == 0)
                throw staleOrder();
            moved.push_back(n.id);
        }

        QList<qint64> beforeOrder;
        for (const Node &n : std::as_const(nodes))
            beforeOrder.push_back(n.id);
        const QJsonValue category =
            request.categoryId ? QJsonValue(*request.categoryId) : QJsonValue();
        Change change;
        change.action = QStringLiteral("taxonomy.reordered");
        change.targetType = request.categoryId ? kCategory : QStringLiteral("taxonomy");
        change.targetId = request.categoryId ? QString::number(*request.categoryId)
                                             : QStringLiteral("categories");
        change.before = {{QStringLiteral("category_id"), category},
                         {QStringLiteral("order"), idArray(beforeOrder)}};
        change.after = {{QStringLiteral("category_id"), category},
                        {QStringLiteral("order"), idArray(request.ids)}};
        change.extra = change.after;
        QJsonObject result;
        if (request.categoryId) {
            QList<AdminSkill> after;
            for (const AdminSkill &s : taxonomynodes::skills(tx, request.categoryId)) {
                if (!s.isMerged())
                    after.push_back(s);
            }
            result = orderJson(request.categoryId, toJsonArray(after));
            for (const AdminSkill &s : std::as_const(after)) {
                if (moved.contains(s.id))
                    change.skills.push_back(s);
            }
        } else {
            const QList<AdminCategory> after = taxonomynodes::categories(tx);
            result = orderJson(request.categoryId, toJsonArray(after));
            for (const AdminCategory &c : after) {
                if (moved.contains(c.id))
                    change.categories.push_back(c);
            }
        }
        record(tx, m_audit, m_events, actor, change);
        return result;
    });
}

} // namespace skillex::server
