// What every taxonomy write shares: its refusals, row locks, and the audit entry + event pair.
#pragma once

#include "server/domain/domainerror.h"
#include "server/domain/taxonomy/taxonomyeditor.h"

#include <QJsonArray>

namespace skillex::server::taxonomychange {

DomainError notFound(const QString &what, qint64 id);
DomainError conflict(const QString &detail, QMap<QString, QString> fieldErrors = {});
// 412 with the current node as "current" and its ETag.
DomainError stale(const QJsonObject &current, int version);
DomainError invalid(const QString &title, QMap<QString, QString> fieldErrors);

// Takes the row lock of one category (all of them without an id), so that writers that
// change positions in it go one at a time on PostgreSQL too (SQLite has one writer anyway).
void lockCategories(QSqlDatabase &tx, std::optional<qint64> categoryId);

// Field -> clash of a skill's slug, English name or aliases with the other live (not merged)
// skills: slugs are unique among all skills, English names among live ones (case folded), and
// an alias may not be another live skill's name in any language or its slug, since a search
// for that name would then list a skill it does not mean. Sharing an alias is allowed.
QMap<QString, QString> skillClashes(QSqlDatabase &tx, qint64 selfId, const QString &slug,
                                    const LocalizedNames &names, const QStringList &aliases);
QMap<QString, QString> categoryClashes(QSqlDatabase &tx, qint64 selfId, const QString &slug,
                                       const LocalizedNames &names);

// Moves the live skills after `position` in a category one place up, so positions stay dense
// after a skill leaves it; returns the ids moved (their versions are bumped).
QList<qint64> closeGap(QSqlDatabase &tx, qint64 categoryId, int position);
int nextPosition(QSqlDatabase &tx, std::optional<qint64> categoryId);

// The audit entry and then (last, as the event log wants) the event of one change. The event's
// data carries every changed node whole ({"categories": [...], "skills": [...], ...extra}) so a
// console cache can upsert them without asking again.
struct Change {
    QString action; // audit action and event type, e.g. "taxonomy.skill_updated"
    QString targetType;
    QString targetId;
    QJsonObject before;
    QJsonObject after;
    QList<AdminCategory> categories;
    QList<AdminSkill> skills;
    QJsonObject extra;
};
void record(QSqlDatabase &tx, AuditLog &audit, EventLog &events, const TaxonomyActor &actor,
            const Change &change);

QJsonArray toJsonArray(const QList<AdminSkill> &skills);
QJsonArray toJsonArray(const QList<AdminCategory> &categories);

} // namespace skillex::server::taxonomychange
