// Reads users.kind and users.status for the acting member.
#include "server/domain/chat/memberstatus.h"

#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

namespace skillex::server::chat {

using namespace protocol;

void requireActiveMember(QSqlDatabase &tx, qint64 userId)
{
    SqlQuery q(tx, QStringLiteral("SELECT kind, status FROM users WHERE id = :u"));
    q.bind(QStringLiteral(":u"), userId).exec();
    if (!q.next() || q.string(0) != QStringLiteral("member"))
        throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                          QStringLiteral("Only member accounts can do this."));
    if (q.string(1) != QStringLiteral("active"))
        throw DomainError(
            403, problemtype::kAccountDisabled, QStringLiteral("Account disabled"),
            QStringLiteral("This account is %1 and cannot do this.").arg(q.string(1)));
}

void requireMemberWhoMayAppeal(QSqlDatabase &tx, qint64 userId)
{
    SqlQuery q(tx, QStringLiteral("SELECT kind, status FROM users WHERE id = :u"));
    q.bind(QStringLiteral(":u"), userId).exec();
    if (!q.next() || q.string(0) != QStringLiteral("member"))
        throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                          QStringLiteral("Only member accounts can do this."));
    const QString status = q.string(1);
    if (status != QStringLiteral("active") && status != QStringLiteral("suspended") &&
        status != QStringLiteral("banned"))
        throw DomainError(403, problemtype::kAccountDisabled, QStringLiteral("Account disabled"),
                          QStringLiteral("This account is %1 and cannot do this.").arg(status));
}

} // namespace skillex::server::chat
