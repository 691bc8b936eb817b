// The taxonomy's outbox actions (docs/api.md "Admin: taxonomy"), beside actions::renameSkill:
// each carries If-Match from the version the admin acted on, so a stale edit comes back as a
// conflict with the server's current node instead of overwriting someone else's change.
#pragma once

#include "client/outbox/action.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace skillex::client::actions {

// Skills. `names` maps language ("en", "de", "it", "hi") to a name; "" clears a translation.
Action createSkill(qint64 categoryId, const QString &slug, const QJsonObject &names,
                   const QStringList &aliases = {});
Action translateSkill(qint64 skillId, int version, const QJsonObject &names);
Action setSkillAliases(qint64 skillId, int version, const QStringList &aliases);
Action moveSkill(qint64 skillId, int version, qint64 categoryId);
// "active" or "deprecated".
Action setSkillStatus(qint64 skillId, int version, const QString &status);
// Merges skill `from` (as the admin last read it, `version`) into `into`.
Action mergeSkill(qint64 fromId, int version, qint64 intoId);

// Categories.
Action createCategory(const QString &slug, const QJsonObject &names);
Action updateCategory(qint64 categoryId, int version, const QJsonObject &names,
                      const QString &slug = {});

// The complete new order of a category's live skills (categoryId > 0) or of the categories
// (categoryId 0); `versions` are the nodes' versions as read, in the same order: the list's
// If-Match, sent in the body as the endpoint asks.
Action reorderTaxonomy(qint64 categoryId, const QList<qint64> &ids, const QList<int> &versions);

// Whether an outbox action kind is one of the taxonomy's (for the conflict bar).
bool isTaxonomyKind(const QString &kind);

} // namespace skillex::client::actions
