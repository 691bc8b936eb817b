// Merging skill A into skill B: a preview of what would move, and doing it in one transaction.
#pragma once

#include "server/domain/taxonomy/taxonomyeditor.h"

#include <QJsonObject>

#include <algorithm>

namespace skillex::server {

// A member who has both skills in one direction keeps one member skill: B's row (its id stays)
// with the higher proficiency of the two, the earlier verification and created time, and A's
// assessments by assessors who had not assessed B's row.
struct MergeConflict {
    qint64 userId = 0;
    QString direction;
    qint64 fromMemberSkillId = 0; // removed
    qint64 intoMemberSkillId = 0; // kept
    int fromProficiency = 0;
    int intoProficiency = 0;

    int keptProficiency() const { return std::max(fromProficiency, intoProficiency); }
    QJsonObject toJson() const;
};

struct MergePlan {
    AdminSkill from;
    AdminSkill into;
    int memberSkillsRepointed = 0;  // A's member skills that become B's
    int memberSkillsCombined = 0;   // conflicts: A's row folded into B's
    int sessions = 0;               // sessions of A (any state) that become B's
    QStringList aliasesAdded;       // A's names and aliases that B gains
    QList<qint64> flattened;        // skills merged into A earlier, now pointing at B
    QList<MergeConflict> conflicts; // every one; JSON lists the first 200

    QJsonObject toJson(bool applied) const;
};

class SkillMerge {
public:
    SkillMerge(Database &db, const Clock &clock, AuditLog &audit, EventLog &events);

    // Throws 404 for an unknown skill, 400 for merging into itself, 409 conflict when
    // A is already merged or B is deprecated or merged.
    MergePlan preview(qint64 fromId, qint64 intoId);
    // As preview, plus 412 (with A's current representation) when the precondition does not
    // admit A's version. The plan returned is what was done; from/into are the nodes after.
    MergePlan apply(const TaxonomyActor &actor, qint64 fromId, qint64 intoId,
                    const VersionPrecondition &precondition);

private:
    Database &m_db;
    const Clock &m_clock;
    AuditLog &m_audit;
    EventLog &m_events;
};

} // namespace skillex::server
