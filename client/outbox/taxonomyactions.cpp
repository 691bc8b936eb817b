// The taxonomy's action catalogue: paths and bodies as docs/api.md "Admin: taxonomy" gives them.
#include "client/outbox/taxonomyactions.h"

#include <QJsonArray>

namespace skillex::client::actions {

namespace {

const QString kBase = QStringLiteral("/api/v1/admin/taxonomy");

QString etagOf(int version)
{
    return QStringLiteral("\"%1\"").arg(version);
}

Action skillPatch(const QString &kind, qint64 skillId, int version, QJsonObject body,
                  const QString &summary)
{
    Action a;
    a.kind = kind;
    a.method = QByteArrayLiteral("PATCH");
    a.path = kBase + QStringLiteral("/skills/%1").arg(skillId);
    a.body = std::move(body);
    a.ifMatch = etagOf(version);
    a.targetType = QStringLiteral("skill");
    a.targetId = skillId;
    a.summary = summary;
    return a;
}

} // namespace

Action createSkill(qint64 categoryId, const QString &slug, const QJsonObject &names,
                   const QStringList &aliases)
{
    Action a;
    a.kind = QStringLiteral("skill.create");
    a.method = QByteArrayLiteral("POST");
    a.path = kBase + QStringLiteral("/skills");
    a.body = {{QStringLiteral("category_id"), categoryId},
              {QStringLiteral("slug"), slug},
              {QStringLiteral("names"), names}};
    if (!aliases.isEmpty())
        a.body.insert(QStringLiteral("aliases"), QJsonArray::fromStringList(aliases));
    // Creations in one category go out in the order they were made (positions are "last").
    a.targetType = QStringLiteral("skill_category");
    a.targetId = categoryId;
    a.summary = QStringLiteral("Create skill %1").arg(slug);
    return a;
}

Action translateSkill(qint64 skillId, int version, const QJsonObject &names)
{
    return skillPatch(QStringLiteral("skill.translate"), skillId, version,
                      {{QStringLiteral("names"), names}},
                      QStringLiteral("Edit names of skill #%1").arg(skillId));
}

Action setSkillAliases(qint64 skillId, int version, const QStringList &aliases)
{
    return skillPatch(QStringLiteral("skill.aliases"), skillId, version,
                      {{QStringLiteral("aliases"), QJsonArray::fromStringList(aliases)}},
                      QStringLiteral("Edit aliases of skill #%1").arg(skillId));
}

Action moveSkill(qint64 skillId, int version, qint64 categoryId)
{
    return skillPatch(
        QStringLiteral("skill.move"), skillId, version,
        {{QStringLiteral("category_id"), categoryId}},
        QStringLiteral("Move skill #%1 to category #%2").arg(skillId).arg(categoryId));
}

Action setSkillStatus(qint64 skillId, int version, const QString &status)
{
    return skillPatch(status == QLatin1String("deprecated") ? QStringLiteral("skill.deprecate")
                                                            : QStringLiteral("skill.reactivate"),
                      skillId, version, {{QStringLiteral("status"), status}},
                      QStringLiteral("Set skill #%1 %2").arg(skillId).arg(status));
}

Action mergeSkill(qint64 fromId, int version, qint64 intoId)
{
    Action a;
    a.kind = QStringLiteral("skill.merge");
    a.method = QByteArrayLiteral("POST");
    a.path = kBase + QStringLiteral("/skills/%1/merge").arg(fromId);
    a.body = {{QStringLiteral("into"), intoId}, {QStringLiteral("dry_run"), false}};
    a.ifMatch = etagOf(version);
    a.targetType = QStringLiteral("skill");
    a.targetId = fromId;
    a.summary = QStringLiteral("Merge skill #%1 into #%2").arg(fromId).arg(intoId);
    return a;
}

Action createCategory(const QString &slug, const QJsonObject &names)
{
    Action a;
    a.kind = QStringLiteral("category.create");
    a.method = QByteArrayLiteral("POST");
    a.path = kBase + QStringLiteral("/categories");
    a.body = {{QStringLiteral("slug"), slug}, {QStringLiteral("names"), names}};
    a.targetType = QStringLiteral("taxonomy");
    a.summary = QStringLiteral("Create category %1").arg(slug);
    return a;
}

Action updateCategory(qint64 categoryId, int version, const QJsonObject &names, const QString &slug)
{
    Action a;
    a.kind = QStringLiteral("category.update");
    a.method = QByteArrayLiteral("PATCH");
    a.path = kBase + QStringLiteral("/categories/%1").arg(categoryId);
    if (!names.isEmpty())
        a.body.insert(QStringLiteral("names"), names);
    if (!slug.isEmpty())
        a.body.insert(QStringLiteral("slug"), slug);
    a.ifMatch = etagOf(version);
    a.targetType = QStringLiteral("skill_category");
    a.targetId = categoryId;
    a.summary = QStringLiteral("Edit category #%1").arg(categoryId);
    return a;
}

Action reorderTaxonomy(qint64 categoryId, const QList<qint64> &ids, const QList<int> &versions)
{
    Action a;
    a.kind = QStringLiteral("taxonomy.reorder");
    a.method = QByteArrayLiteral("POST");
    a.path = kBase + QStringLiteral("/reorder");
    QJsonArray idArray, versionArray;
    for (qint64 id : ids)
        idArray.append(id);
    for (int v : versions)
        versionArray.append(v);
    if (categoryId > 0)
        a.body.insert(QStringLiteral("category_id"), categoryId);
    a.body.insert(QStringLiteral("ids"), idArray);
    a.body.insert(QStringLiteral("versions"), versionArray);
    // One list at a time: reorders of the same list are sent in the order they were made.
    a.targetType = categoryId > 0 ? QStringLiteral("skill_category") : QStringLiteral("taxonomy");
    a.targetId = categoryId;
    a.summary = categoryId > 0 ? QStringLiteral("Reorder skills of category #%1").arg(categoryId)
                               : QStringLiteral("Reorder categories");
    return a;
}

bool isTaxonomyKind(const QString &kind)
{
    return kind.startsWith(QLatin1String("skill.")) ||
           kind.startsWith(QLatin1String("category.")) || kind == QLatin1String("taxonomy.reorder");
}

} // namespace skillex::client::actions
