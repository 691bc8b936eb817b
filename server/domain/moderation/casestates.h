// The case state machine of DOMAIN.md in one table: every allowed move, who may make it, and
// nothing else. Intake, appeals and staff actions all ask this table.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace skillex::server::casestates {

inline const QString kOpen = QStringLiteral("open");
inline const QString kAssigned = QStringLiteral("assigned");
inline const QString kEscalated = QStringLiteral("escalated");
inline const QString kResolved = QStringLiteral("resolved");
inline const QString kDismissed = QStringLiteral("dismissed");
inline const QString kAppealed = QStringLiteral("appealed");
inline const QString kAppealUpheld = QStringLiteral("appeal_upheld");
inline const QString kAppealOverturned = QStringLiteral("appeal_overturned");

// Who may make a move: staff moderators, senior staff only, or the sanctioned member.
enum class Mover { Moderator, Senior, Member };

//   open      -> assigned | escalated | resolved | dismissed            (moderator)
//   assigned  -> open | escalated | resolved | dismissed                (moderator)
//   escalated -> assigned | resolved | dismissed                        (senior only)
//   resolved  -> appealed                                               (the member)
//   appealed  -> appeal_upheld | appeal_overturned                      (senior, not the decider)
// dismissed, appeal_upheld and appeal_overturned are final.
bool allowed(const QString &from, const QString &to);
QStringList allowedFrom(const QString &from);
bool isFinal(const QString &state);
// The least a mover must be for the move (only meaningful when allowed()).
Mover requiredMover(const QString &from, const QString &to);
const QStringList &allStates();

// Throws DomainError 409 "case-state" when the move is not in the table: the detail names the
// current state, and the body carries current_state, allowed moves and the case (current).
void require(const QString &from, const QString &to, const QString &what,
             const QJsonObject &current = {});

} // namespace skillex::server::casestates
