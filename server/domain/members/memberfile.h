// A member's file for staff: everything a moderator or finance person needs on one page.
#pragma once

#include "server/domain/ledger/ledger.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace skillex::server {

class MemberFile {
public:
    // Strikes count for the next rung of the ladder for this long (DOMAIN.md).
    static constexpr qint64 kStrikeLifetimeMs = 90LL * 24 * 3600 * 1000;

    // nullopt when there is no such account. Staff accounts get the account part, their roles
    // and the audit entries about them; members get the whole file (docs/api.md).
    static std::optional<QJsonObject> load(QSqlDatabase &db, const Ledger &ledger, qint64 userId,
                                           qint64 nowMs);
};

} // namespace skillex::server
