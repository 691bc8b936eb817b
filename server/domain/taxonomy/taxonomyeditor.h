// Editing the taxonomy (admins): create, rename, translate, re-slug, alias, move, deprecate,
// reorder. Each change is one transaction with its audit entry and its event.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/profiles/profiles.h"
#include "server/domain/taxonomy/taxonomynodes.h"
#include "server/domain/taxonomy/taxonomyrules.h"

#include <QJsonObject>

#include <optional>

namespace skillex::server {

// The staff member making a change, as the audit log records them.
struct TaxonomyActor {
    qint64 id = 0;
    QString email;
    QString address;
    QString requestId;
};

struct CategoryDraft {
    QString slug;
    LocalizedNames names;
};

struct CategoryPatch {
    std::optional<QString> slug;
    NamesPatch names;

    bool isEmpty() const { return !slug && names.isEmpty(); }
};

struct SkillDraft {
    qint64 categoryId = 0;
    QString slug;
    LocalizedNames names;
    QStringList aliases;
};

struct SkillPatch {
    std::optional<QString> slug;
    NamesPatch names;
    std::optional<QStringList> aliases; // replaces the whole set
    std::optional<qint64> categoryId;   // a move: the skill goes last in its new category
    std::optional<QString> status;      // "active" or "deprecated"

    bool isEmpty() const { return !slug && names.isEmpty() && !aliases && !categoryId && !status; }
};

// The complete order of the categories (no categoryId) or of one category's skills (merged
// skills are not part of it), with the version of each node as the client saw it.
struct ReorderRequest {
    std::optional<qint64> categoryId;
    QList<qint64> ids;
    QList<qint64> versions; // parallel to ids
};

class TaxonomyEditor {
public:
    TaxonomyEditor(Database &db, AuditLog &audit, EventLog &events);

    // Throw DomainError: 400 invalid fields, 404 unknown node, 409 a slug or name clash (errors
    // name the field), 412 a stale precondition (with "current" and its ETag).
    AdminCategory createCategory(const TaxonomyActor &actor, const CategoryDraft &draft);
    AdminCategory updateCategory(const TaxonomyActor &actor, qint64 id,
                                 const VersionPrecondition &precondition,
                                 const CategoryPatch &patch);
    AdminSkill createSkill(const TaxonomyActor &actor, const SkillDraft &draft);
    // Also 409 when the skill was merged away (it is frozen).
    AdminSkill updateSkill(const TaxonomyActor &actor, qint64 id,
                           const VersionPrecondition &precondition, const SkillPatch &patch);
    // {category_id, items: [nodes in the new order]}. 412 with the current order as "current"
    // when any version is stale or the set of ids is not the current set.
    QJsonObject reorder(const TaxonomyActor &actor, const ReorderRequest &request);

private:
    Database &m_db;
    AuditLog &m_audit;
    EventLog &m_events;
};

} // namespace skillex::server
