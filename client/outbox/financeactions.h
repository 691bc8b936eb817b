// Finance actions that actions.h does not have: a refund request, an adjustment linked to a
// case, and decisions on an adjustment at the version the person saw (the server wants If-Match).
#pragma once

#include "client/outbox/action.h"

#include <QString>

namespace skillex::client::actions {

// POST /admin/payments/{id}/refund: credits to take back, and why (1-500 characters).
Action refundPayment(qint64 paymentId, qint64 credits, const QString &reason);
// POST /admin/adjustments with an optional linked case (0: none).
Action adjustCreditsForCase(qint64 userId, qint64 amount, const QString &reason, qint64 caseId);
// Approve or reject the adjustment at `version` (If-Match "<version>").
Action approveAdjustmentAt(qint64 adjustmentId, qint64 version, const QString &reason = {});
Action rejectAdjustmentAt(qint64 adjustmentId, qint64 version, const QString &reason);

} // namespace skillex::client::actions
