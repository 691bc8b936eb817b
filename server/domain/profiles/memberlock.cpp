// A no-op UPDATE is the row lock both dialects understand (SQLite has no SELECT ... FOR UPDATE;
// its single writer serialises anyway).
#include "server/domain/profiles/memberlock.h"

#include "server/storage/sqlquery.h"

namespace skillex::server {

bool lockMember(QSqlDatabase &tx, qint64 userId)
{
    SqlQuery q(tx, QStringLiteral("UPDATE member_profiles SET version = version "
                                  "WHERE user_id = :u AND deleted_at IS NULL"));
    q.bind(QStringLiteral(":u"), userId).exec();
    return q.rowsAffected() > 0;
}

} // namespace skillex::server
