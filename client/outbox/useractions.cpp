// Account actions: paths and bodies from docs/api.md ("Sanctions on a member's file", "Staff
// accounts").
#include "client/outbox/useractions.h"

#include <QJsonArray>

namespace skillex::client::actions {

Action reinstateAccount(qint64 userId, const QString &reason)
{
    Action a;
    a.kind = QStringLiteral("user.reinstate");
    a.method = QByteArrayLiteral("POST");
    a.path = QStringLiteral("/api/v1/admin/users/%1/reinstate").arg(userId);
    a.body = {{QStringLiteral("reason"), reason}};
    a.targetType = QStringLiteral("user");
    a.targetId = userId;
    a.summary = QStringLiteral("Reinstate member #%1").arg(userId);
    return a;
}

Action updateStaff(qint64 staffId, int version, const std::optional<QStringList> &roles,
                   const std::optional<QString> &status)
{
    Action a;
    a.kind = QStringLiteral("staff.update");
    a.method = QByteArrayLiteral("PATCH");
    a.path = QStringLiteral("/api/v1/admin/staff/%1").arg(staffId);
    if (roles)
        a.body.insert(QStringLiteral("roles"), QJsonArray::fromStringList(*roles));
    if (status)
        a.body.insert(QStringLiteral("status"), *status);
    // The staff ETag is the version in quotes; without a known version, "*" (last writer wins).
    a.ifMatch = version > 0 ? QStringLiteral("\"%1\"").arg(version) : QStringLiteral("*");
    a.targetType = QStringLiteral("staff");
    a.targetId = staffId;
    a.summary = status == QLatin1String("disabled")
                    ? QStringLiteral("Disable staff account #%1").arg(staffId)
                    : QStringLiteral("Change staff account #%1").arg(staffId);
    return a;
}

} // namespace skillex::client::actions
