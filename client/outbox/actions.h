// The console's actions, each built in one place: method, path, body, If-Match and target.
#pragma once

#include "client/outbox/action.h"

#include <QString>

namespace skillex::client::actions {

// Moderation. `version` is the case version the person acted on (If-Match).
Action claimCase(qint64 caseId, int version);
Action releaseCase(qint64 caseId, int version);
Action escalateCase(qint64 caseId, int version, const QString &reason);
Action addCaseNote(qint64 caseId, int version, const QString &text);
// The ladder: "dismiss", "warn", "remove_content", "suspend" (with days), "ban" (a proposal
// that a senior approves).
Action decideCase(qint64 caseId, int version, const QString &action, const QString &reason,
                  int suspendDays = 0);
Action dismissCase(qint64 caseId, int version, const QString &reason);
Action warnMember(qint64 caseId, int version, const QString &reason);
Action removeContent(qint64 caseId, int version, const QString &reason);
Action suspendMember(qint64 caseId, int version, int days, const QString &reason);
Action banMember(qint64 caseId, int version, const QString &reason);
// "upheld" or "overturned".
Action decideAppeal(qint64 caseId, int version, const QString &decision, const QString &reason);
Action approveBan(qint64 approvalId);

// A member's file, without a case.
Action suspendAccount(qint64 userId, int days, const QString &reason);
Action banAccount(qint64 userId, const QString &reason);

// Finance. Amount in credits, positive to credit the member, negative to debit.
Action adjustCredits(qint64 userId, qint64 amount, const QString &reason);
Action approveAdjustment(qint64 adjustmentId);
Action rejectAdjustment(qint64 adjustmentId, const QString &reason);

// Taxonomy.
Action renameSkill(qint64 skillId, int version, const QString &language, const QString &name);

// How an action of this kind reads while it is pending: "dismissing", "claiming".
QString progressiveVerb(const QString &kind);

} // namespace skillex::client::actions
