// The action catalogue: the paths and bodies follow docs/api.md's admin endpoints.
#include "client/outbox/actions.h"

#include <QCoreApplication>
#include <QHash>

namespace skillex::client::actions {

namespace {

QString casePath(qint64 caseId, const char *verb)
{
    return QStringLiteral("/api/v1/admin/cases/%1/%2").arg(caseId).arg(QLatin1String(verb));
}

// An ETag is a quoted string: the server's case ETag is the version in quotes.
QString etag(int version)
{
    return QStringLiteral("\"%1\"").arg(version);
}

Action caseAction(const QString &kind, qint64 caseId, const char *verb, int version,
                  QJsonObject body, const QString &summary)
{
    Action a;
    a.kind = kind;
    a.method = QByteArrayLiteral("POST");
    a.path = casePath(caseId, verb);
    a.body = std::move(body);
    if (version > 0)
        a.ifMatch = etag(version);
    a.targetType = QStringLiteral("case");
    a.targetId = caseId;
    a.summary = summary;
    return a;
}

} // namespace

Action claimCase(qint64 caseId, int version)
{
    return caseAction(QStringLiteral("case.claim"), caseId, "claim", version, {},
                      QStringLiteral("Claim case #%1").arg(caseId));
}

Action releaseCase(qint64 caseId, int version)
{
    return caseAction(QStringLiteral("case.release"), caseId, "release", version, {},
                      QStringLiteral("Release case #%1").arg(caseId));
}

Action escalateCase(qint64 caseId, int version, const QString &reason)
{
    return caseAction(QStringLiteral("case.escalate"), caseId, "escalate", version,
                      {{QStringLiteral("note"), reason}},
                      QStringLiteral("Escalate case #%1").arg(caseId));
}

Action addCaseNote(qint64 caseId, int version, const QString &text)
{
    // A note bumps the case's version, so it carries If-Match like every case mutation.
    return caseAction(QStringLiteral("case.note"), caseId, "notes", version,
                      {{QStringLiteral("text"), text}},
                      QStringLiteral("Note on case #%1").arg(caseId));
}

Action decideCase(qint64 caseId, int version, const QString &action, const QString &reason,
                  int suspendDays)
{
    QJsonObject body{{QStringLiteral("action"), action}, {QStringLiteral("reason"), reason}};
    if (suspendDays > 0)
        body.insert(QStringLiteral("duration_days"), suspendDays);
    const QString kind = QStringLiteral("case.") + action;
    QString name = action;
    name.replace(u'_', u' ');
    name[0] = name[0].toUpper();
    return caseAction(kind, caseId, "actions", version, body,
                      QStringLiteral("%1 (case #%2)").arg(name).arg(caseId));
}

Action dismissCase(qint64 caseId, int version, const QString &reason)
{
    return decideCase(caseId, version, QStringLiteral("dismiss"), reason);
}

Action warnMember(qint64 caseId, int version, const QString &reason)
{
    return decideCase(caseId, version, QStringLiteral("warn"), reason);
}

Action removeContent(qint64 caseId, int version, const QString &reason)
{
    return decideCase(caseId, version, QStringLiteral("remove_content"), reason);
}

Action suspendMember(qint64 caseId, int version, int days, const QString &reason)
{
    return decideCase(caseId, version, QStringLiteral("suspend"), reason, days);
}

Action banMember(qint64 caseId, int version, const QString &reason)
{
    return decideCase(caseId, version, QStringLiteral("ban"), reason);
}

Action decideAppeal(qint64 caseId, int version, const QString &decision, const QString &reason)
{
    return caseAction(QStringLiteral("case.appeal_decision"), caseId, "appeal-decisions", version,
                      {{QStringLiteral("decision"), decision}, {QStringLiteral("reason"), reason}},
                      QStringLiteral("Appeal decision (case #%1)").arg(caseId));
}

Action approveBan(qint64 approvalId)
{
    Action a;
    a.kind = QStringLiteral("ban.approve");
    a.method = QByteArrayLiteral("POST");
    a.path = QStringLiteral("/api/v1/admin/ban-approvals/%1/approve").arg(approvalId);
    a.targetType = QStringLiteral("ban_approval");
    a.targetId = approvalId;
    a.summary = QStringLiteral("Approve ban #%1").arg(approvalId);
    return a;
}

Action suspendAccount(qint64 userId, int days, const QString &reason)
{
    Action a;
    a.kind = QStringLiteral("user.suspend");
    a.method = QByteArrayLiteral("POST");
    a.path = QStringLiteral("/api/v1/admin/users/%1/suspend").arg(userId);
    a.body = {{QStringLiteral("duration_days"), days}, {QStringLiteral("reason"), reason}};
    a.targetType = QStringLiteral("user");
    a.targetId = userId;
    a.summary = QStringLiteral("Suspend member #%1 for %2 days").arg(userId).arg(days);
    return a;
}

Action banAccount(qint64 userId, const QString &reason)
{
    Action a = suspendAccount(userId, 0, reason);
    a.kind = QStringLiteral("user.ban");
    a.path = QStringLiteral("/api/v1/admin/users/%1/ban").arg(userId);
    a.body = {{QStringLiteral("reason"), reason}};
    a.summary = QStringLiteral("Ban member #%1").arg(userId);
    return a;
}

Action adjustCredits(qint64 userId, qint64 amount, const QString &reason)
{
    Action a;
    a.kind = QStringLiteral("credits.adjust");
    a.method = QByteArrayLiteral("POST");
    a.path = QStringLiteral("/api/v1/admin/adjustments");
    a.body = {{QStringLiteral("user_id"), userId},
              {QStringLiteral("amount"), amount},
              {QStringLiteral("reason"), reason}};
    a.targetType = QStringLiteral("user");
    a.targetId = userId;
    a.summary = QStringLiteral("Adjust credits of member #%1 by %2").arg(userId).arg(amount);
    return a;
}

Action approveAdjustment(qint64 adjustmentId)
{
    Action a;
    a.kind = QStringLiteral("adjustment.approve");
    a.method = QByteArrayLiteral("POST");
    a.path = QStringLiteral("/api/v1/admin/adjustments/%1/approve").arg(adjustmentId);
    a.targetType = QStringLiteral("adjustment");
    a.targetId = adjustmentId;
    a.summary = QStringLiteral("Approve adjustment #%1").arg(adjustmentId);
    return a;
}

Action rejectAdjustment(qint64 adjustmentId, const QString &reason)
{
    Action a = approveAdjustment(adjustmentId);
    a.kind = QStringLiteral("adjustment.reject");
    a.path = QStringLiteral("/api/v1/admin/adjustments/%1/reject").arg(adjustmentId);
    a.body = {{QStringLiteral("reason"), reason}};
    a.summary = QStringLiteral("Reject adjustment #%1").arg(adjustmentId);
    return a;
}

Action renameSkill(qint64 skillId, int version, const QString &language, const QString &name)
{
    Action a;
    a.kind = QStringLiteral("skill.rename");
    a.method = QByteArrayLiteral("PATCH");
    a.path = QStringLiteral("/api/v1/admin/taxonomy/skills/%1").arg(skillId);
    a.body = {{QStringLiteral("names"), QJsonObject{{language, name}}}};
    a.ifMatch = etag(version);
    a.targetType = QStringLiteral("skill");
    a.targetId = skillId;
    a.summary = QStringLiteral("Rename skill #%1 (%2)").arg(skillId).arg(language);
    return a;
}

QString progressiveVerb(const QString &kind)
{
    static const QHash<QString, const char *> verbs{
        {QStringLiteral("case.claim"), QT_TRANSLATE_NOOP("Outbox", "claiming")},
        {QStringLiteral("case.release"), QT_TRANSLATE_NOOP("Outbox", "releasing")},
        {QStringLiteral("case.escalate"), QT_TRANSLATE_NOOP("Outbox", "escalating")},
        {QStringLiteral("case.note"), QT_TRANSLATE_NOOP("Outbox", "adding a note")},
        {QStringLiteral("case.dismiss"), QT_TRANSLATE_NOOP("Outbox", "dismissing")},
        {QStringLiteral("case.warn"), QT_TRANSLATE_NOOP("Outbox", "warning")},
        {QStringLiteral("case.remove_content"), QT_TRANSLATE_NOOP("Outbox", "removing content")},
        {QStringLiteral("case.suspend"), QT_TRANSLATE_NOOP("Outbox", "suspending")},
        {QStringLiteral("case.ban"), QT_TRANSLATE_NOOP("Outbox", "banning")},
        {QStringLiteral("case.appeal_decision"),
         QT_TRANSLATE_NOOP("Outbox", "deciding the appeal")},
        {QStringLiteral("ban.approve"), QT_TRANSLATE_NOOP("Outbox", "approving the ban")},
        {QStringLiteral("credits.adjust"), QT_TRANSLATE_NOOP("Outbox", "adjusting credits")},
        {QStringLiteral("adjustment.approve"), QT_TRANSLATE_NOOP("Outbox", "approving")},
        {QStringLiteral("adjustment.reject"), QT_TRANSLATE_NOOP("Outbox", "rejecting")},
        {QStringLiteral("skill.rename"), QT_TRANSLATE_NOOP("Outbox", "renaming")},
        {QStringLiteral("user.suspend"), QT_TRANSLATE_NOOP("Outbox", "suspending")},
        {QStringLiteral("user.ban"), QT_TRANSLATE_NOOP("Outbox", "proposing a ban")},
    };
    const char *verb = verbs.value(kind, nullptr);
    return verb ? QCoreApplication::translate("Outbox", verb)
                : QCoreApplication::translate("Outbox", "updating");
}

} // namespace skillex::client::actions
