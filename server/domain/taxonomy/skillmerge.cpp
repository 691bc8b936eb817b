// Skill merges. The preview and the merge share one planning step that runs inside the
// transaction, so what is applied is exactly what a preview in that state shows.
#include "server/domain/taxonomy/skillmerge.h"

#include "server/domain/profiles/assessments.h"
#include "server/domain/taxonomy/taxonomychange.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>
#include <QSet>

#include <limits>

namespace skillex::server {

using namespace taxonomychange;

namespace {

// The console shows a sample; the counts are always whole.
constexpr qsizetype kMaxListedConflicts = 200;

DomainError refused(const QString &detail)
{
    return DomainError(409, protocol::problemtype::kConflict, QStringLiteral("Merge refused"),
                       detail);
}

QJsonArray idArray(const QList<qint64> &ids)
{
    QJsonArray out;
    for (qint64 id : ids)
        out.push_back(id);
    return out;
}

MergePlan plan(QSqlDatabase &tx, qint64 fromId, qint64 intoId)
{
    if (fromId == intoId)
        throw invalid(QStringLiteral("Invalid merge"),
                      {{QStringLiteral("into"), QStringLiteral("must be another skill")}});
    const auto from = taxonomynodes::skill(tx, fromId);
    if (!from)
        throw notFound(QStringLiteral("skill"), fromId);
    const auto into = taxonomynodes::skill(tx, intoId);
    if (!into)
        throw invalid(QStringLiteral("Invalid merge"),
                      {{QStringLiteral("into"), QStringLiteral("is not a skill")}});
    // A merge never makes a chain: the source must be live, the target live and active.
    if (from->isMerged())
        throw refused(QStringLiteral("Skill %1 was already merged into skill %2.")
                          .arg(fromId)
                          .arg(*from->mergedInto));
    if (into->isMerged())
        throw refused(QStringLiteral("Skill %1 was merged into skill %2; merge into that one.")
                          .arg(intoId)
                          .arg(*into->mergedInto));
    if (into->status != QLatin1String("active"))
        throw refused(
            QStringLiteral("Skill %1 is deprecated; merge into an active skill.").arg(intoId));

    MergePlan p;
    p.from = *from;
    p.into = *into;
    SqlQuery conflicts(tx, QStringLiteral("SELECT a.user_id, a.direction, a.id, a.proficiency, "
                                          "b.id, b.proficiency FROM member_skills a JOIN "
                                          "member_skills b ON b.user_id = a.user_id AND "
                                          "b.direction = a.direction AND b.skill_id = :into "
                                          "WHERE a.skill_id = :from ORDER BY a.user_id, "
                                          "a.direction"));
    conflicts.bind(QStringLiteral(":into"), intoId).bind(QStringLiteral(":from"), fromId).exec();
    while (conflicts.next()) {
        p.conflicts.push_back({conflicts.int64(0), conflicts.string(1), conflicts.int64(2),
                               conflicts.int64(4), conflicts.value(3).toInt(),
                               conflicts.value(5).toInt()});
    }
    p.memberSkillsCombined = int(p.conflicts.size());
    p.memberSkillsRepointed = from->usage.teach + from->usage.learn - p.memberSkillsCombined;
    p.sessions = from->usage.sessions;

    QSet<QString> taken;
    for (const QString &n : {into->names.en, into->names.de, into->names.it, into->names.hi})
        taken.insert(n.toCaseFolded());
    for (const QString &a : into->aliases)
        taken.insert(a.toCaseFolded());
    QStringList candidates{from->names.en, from->names.de, from->names.it, from->names.hi};
    candidates += from->aliases;
    for (const QString &c : std::as_const(candidates)) {
        const QString alias = c.simplified();
        if (alias.isEmpty() || alias.size() > kMaxAliasLength ||
            taken.contains(alias.toCaseFolded()))
            continue;
        taken.insert(alias.toCaseFolded());
        p.aliasesAdded.push_back(alias);
    }

    SqlQuery merged(tx,
                    QStringLiteral("SELECT id FROM skills WHERE merged_into = :from ORDER BY id"));
    merged.bind(QStringLiteral(":from"), fromId).exec();
    while (merged.next())
        p.flattened.push_back(merged.int64(0));
    return p;
}

// Folds A's member skill into B's for one member and direction (see MergeConflict).
void combine(QSqlDatabase &tx, const MergeConflict &c)
{
    SqlQuery rows(tx, QStringLiteral("SELECT id, verified_at, created_at FROM member_skills WHERE "
                                     "id IN (:a, :b)"));
    rows.bind(QStringLiteral(":a"), c.fromMemberSkillId)
        .bind(QStringLiteral(":b"), c.intoMemberSkillId)
        .exec();
    std::optional<qint64> verifiedAt;
    qint64 createdAt = std::numeric_limits<qint64>::max();
    while (rows.next()) {
        if (const auto v = rows.optionalInt64(1); v && (!verifiedAt || *v < *verifiedAt))
            verifiedAt = v;
        createdAt = std::min(createdAt, rows.int64(2));
    }
    SqlQuery(tx, QStringLiteral("UPDATE skill_assessments SET member_skill_id = :b WHERE "
                                "member_skill_id = :a AND assessor_id NOT IN (SELECT assessor_id "
                                "FROM skill_assessments WHERE member_skill_id = :b2)"))
        .bind(QStringLiteral(":a"), c.fromMemberSkillId)
        .bind(QStringLiteral(":b"), c.intoMemberSkillId)
        .bind(QStringLiteral(":b2"), c.intoMemberSkillId)
        .exec();
    SqlQuery(tx, QStringLiteral("DELETE FROM member_skills WHERE id = :a"))
        .bind(QStringLiteral(":a"), c.fromMemberSkillId)
        .exec();
    if (!verifiedAt) {
        // The combined assessments may reach the bar: verified when the third one was made.
        SqlQuery third(tx, QStringLiteral("SELECT created_at FROM skill_assessments WHERE "
                                          "member_skill_id = :b ORDER BY created_at, id LIMIT 1 "
                                          "OFFSET %1")
                               .arg(kAssessorsToVerify - 1));
        third.bind(QStringLiteral(":b"), c.intoMemberSkillId).exec();
        if (const auto at = third.scalar())
            verifiedAt = at->toLongLong();
    }
    SqlQuery(tx, QStringLiteral("UPDATE member_skills SET proficiency = :p, verified_at = :v, "
                                "created_at = :c WHERE id = :b"))
        .bind(QStringLiteral(":p"), c.keptProficiency())
        .bindOptional(QStringLiteral(":v"), verifiedAt)
        .bind(QStringLiteral(":c"), createdAt)
        .bind(QStringLiteral(":b"), c.intoMemberSkillId)
        .exec();
}

} // namespace

QJsonObject MergeConflict::toJson() const
{
    return {
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("direction"), direction},
        {QStringLiteral("from_member_skill_id"), fromMemberSkillId},
        {QStringLiteral("into_member_skill_id"), intoMemberSkillId},
        {QStringLiteral("from_proficiency"), fromProficiency},
        {QStringLiteral("into_proficiency"), intoProficiency},
        {QStringLiteral("kept_proficiency"), keptProficiency()},
        {QStringLiteral("resolution"), QStringLiteral("keep_into_row_with_higher_proficiency")}};
}

QJsonObject MergePlan::toJson(bool applied) const
{
    QJsonArray conflictItems;
    for (const MergeConflict &c : conflicts) {
        if (conflictItems.size() == kMaxListedConflicts)
            break;
        conflictItems.push_back(c.toJson());
    }
    return {{QStringLiteral("applied"), applied},
            {QStringLiteral("from"), from.toJson()},
            {QStringLiteral("into"), into.toJson()},
            {QStringLiteral("member_skills"),
             QJsonObject{{QStringLiteral("total"), memberSkillsRepointed + memberSkillsCombined},
                         {QStringLiteral("repointed"), memberSkillsRepointed},
                         {QStringLiteral("combined"), memberSkillsCombined}}},
            {QStringLiteral("sessions"), sessions},
            {QStringLiteral("aliases_added"), QJsonArray::fromStringList(aliasesAdded)},
            {QStringLiteral("flattened"), idArray(flattened)},
            {QStringLiteral("conflicts"), conflictItems}};
}

SkillMerge::SkillMerge(Database &db, const Clock &clock, AuditLog &audit, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_audit(audit)
    , m_events(events)
{}

MergePlan SkillMerge::preview(qint64 fromId, qint64 intoId)
{
    return m_db.read([&](QSqlDatabase &db) { return plan(db, fromId, intoId); });
}

MergePlan SkillMerge::apply(const TaxonomyActor &actor, qint64 fromId, qint64 intoId,
                            const VersionPrecondition &precondition)
{
    return m_db.write([&](QSqlDatabase &tx) {
        if (const auto from = taxonomynodes::skill(tx, fromId))
            lockCategories(tx, from->categoryId); // A leaves its category's order
        MergePlan p = plan(tx, fromId, intoId);
        if (!precondition.admits(p.from.version))
            throw stale(p.from.toJson(), p.from.version);

        for (const MergeConflict &c : std::as_const(p.conflicts))
            combine(tx, c);
        SqlQuery repoint(tx, QStringLiteral("UPDATE member_skills SET skill_id = :into WHERE "
                                            "skill_id = :from"));
        repoint.bind(QStringLiteral(":into"), intoId).bind(QStringLiteral(":from"), fromId).exec();
        SqlQuery sessions(tx, QStringLiteral("UPDATE sessions SET skill_id = :into, updated_at = "
                                             ":t, version = version + 1 WHERE skill_id = :from"));
        sessions.bind(QStringLiteral(":into"), intoId)
            .bind(QStringLiteral(":t"), m_clock.nowMs())
            .bind(QStringLiteral(":from"), fromId)
            .exec();
        // What moved, which is the plan unless a member added A on PostgreSQL since it was made.
        p.memberSkillsRepointed = repoint.rowsAffected();
        p.sessions = sessions.rowsAffected();

        SqlQuery(tx, QStringLiteral("DELETE FROM skill_aliases WHERE skill_id = :from"))
            .bind(QStringLiteral(":from"), fromId)
            .exec();
        for (const QString &alias : std::as_const(p.aliasesAdded)) {
            SqlQuery(tx, QStringLiteral("INSERT INTO skill_aliases (skill_id, alias) VALUES (:s, "
                                        ":a)"))
                .bind(QStringLiteral(":s"), intoId)
                .bind(QStringLiteral(":a"), alias)
                .exec();
        }
        SqlQuery(tx, QStringLiteral("UPDATE skills SET merged_into = :into, version = version + 1 "
                                    "WHERE merged_into = :from"))
            .bind(QStringLiteral(":into"), intoId)
            .bind(QStringLiteral(":from"), fromId)
            .exec();
        SqlQuery markFrom(tx, QStringLiteral("UPDATE skills SET status = 'deprecated', merged_into "
                                             "= :into, version = version + 1 WHERE id = :from AND "
                                             "version = :v"));
        markFrom.bind(QStringLiteral(":into"), intoId)
            .bind(QStringLiteral(":from"), fromId)
            .bind(QStringLiteral(":v"), p.from.version)
            .exec();
        if (markFrom.rowsAffected() == 0)
            throw stale(p.from.toJson(), p.from.version);
        SqlQuery(tx, QStringLiteral("UPDATE skills SET version = version + 1 WHERE id = :into"))
            .bind(QStringLiteral(":into"), intoId)
            .exec();
        const QList<qint64> shifted = closeGap(tx, p.from.categoryId, p.from.position);

        const QJsonObject before{{QStringLiteral("from"), p.from.toJson()},
                                 {QStringLiteral("into"), p.into.toJson()}};
        p.from = taxonomynodes::skill(tx, fromId).value();
        p.into = taxonomynodes::skill(tx, intoId).value();
        const QJsonObject result = p.toJson(true);

        Change change;
        change.action = QStringLiteral("taxonomy.skill_merged");
        change.targetType = QStringLiteral("skill");
        change.targetId = QString::number(fromId);
        change.before = before;
        change.after = result;
        change.skills =
            taxonomynodes::skillsByIds(tx, QList<qint64>{fromId, intoId} + p.flattened + shifted);
        change.categories = {taxonomynodes::category(tx, p.from.categoryId).value()};
        if (p.into.categoryId != p.from.categoryId)
            change.categories.push_back(taxonomynodes::category(tx, p.into.categoryId).value());
        QJsonObject merge = result;
        merge.remove(QStringLiteral("from"));
        merge.remove(QStringLiteral("into"));
        merge.remove(QStringLiteral("applied"));
        merge.insert(QStringLiteral("from_id"), fromId);
        merge.insert(QStringLiteral("into_id"), intoId);
        change.extra = {{QStringLiteral("merge"), merge}};
        record(tx, m_audit, m_events, actor, change);
        return p;
    });
}

} // namespace skillex::server
