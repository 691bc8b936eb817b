// Finance actions: paths and bodies as docs/api.md "Admin: finance" has them.
#include "client/outbox/financeactions.h"

#include "client/outbox/actions.h"

namespace skillex::client::actions {

namespace {

QString versionTag(qint64 version)
{
    return QStringLiteral("\"%1\"").arg(version);
}

} // namespace

Action refundPayment(qint64 paymentId, qint64 credits, const QString &reason)
{
    Action a;
    a.kind = QStringLiteral("payment.refund");
    a.method = QByteArrayLiteral("POST");
    a.path = QStringLiteral("/api/v1/admin/payments/%1/refund").arg(paymentId);
    a.body = {{QStringLiteral("credits"), credits}, {QStringLiteral("reason"), reason}};
    a.targetType = QStringLiteral("payment");
    a.targetId = paymentId;
    a.summary = QStringLiteral("Refund %1 credits of payment #%2").arg(credits).arg(paymentId);
    return a;
}

Action adjustCreditsForCase(qint64 userId, qint64 amount, const QString &reason, qint64 caseId)
{
    Action a = adjustCredits(userId, amount, reason);
    if (caseId > 0)
        a.body.insert(QStringLiteral("case_id"), caseId);
    return a;
}

Action approveAdjustmentAt(qint64 adjustmentId, qint64 version, const QString &reason)
{
    Action a = approveAdjustment(adjustmentId);
    a.ifMatch = versionTag(version);
    if (!reason.isEmpty())
        a.body = {{QStringLiteral("reason"), reason}};
    return a;
}

Action rejectAdjustmentAt(qint64 adjustmentId, qint64 version, const QString &reason)
{
    Action a = rejectAdjustment(adjustmentId, reason);
    a.ifMatch = versionTag(version);
    return a;
}

} // namespace skillex::client::actions
