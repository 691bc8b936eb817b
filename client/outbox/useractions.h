// Actions on accounts that actions.h does not build: lifting a member's sanctions, and staff
// accounts' roles and status (the admin's staff management).
#pragma once

#include "client/outbox/action.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace skillex::client::actions {

// POST /admin/users/{id}/reinstate {reason}: lifts the active suspensions and bans.
Action reinstateAccount(qint64 userId, const QString &reason);
// PATCH /admin/staff/{id} with If-Match "<version>": roles replace the old set; status is
// "active" or "disabled". At least one of the two.
Action updateStaff(qint64 staffId, int version, const std::optional<QStringList> &roles,
                   const std::optional<QString> &status);

} // namespace skillex::client::actions
