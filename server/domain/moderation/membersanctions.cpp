// Member-level sanctions and the suspension end job.
#include "server/domain/moderation/membersanctions.h"

#include "server/domain/domainerror.h"
#include "server/domain/moderation/casechange.h"
#include "server/domain/moderation/casepriority.h"
#include "server/domain/moderation/casestates.h"
#include "server/domain/moderation/moderationpolicy.h"
#include "server/storage/sqlquery.h"

namespace skillex::server {

using namespace protocol;
using namespace moderation;

MemberSanctions::MemberSanctions(Database &db, const Clock &clock, AuditLog &audit,
                                 EventLog &events, Sanctions &sanctions, BanApprovals &bans)
    : m_db(db)
    , m_clock(clock)
    , m_audit(audit)
    , m_events(events)
    , m_sanctions(sanctions)
    , m_bans(bans)
{}

QJsonObject MemberSanctions::suspend(const StaffActor &actor, qint64 userId, int days,
                                     const QString &reason)
{
    return m_db.write([&](QSqlDatabase &tx) {
        m_sanctions.requireMember(tx, userId);
        const QJsonObject before = m_sanctions.memberState(tx, userId);
        const SanctionEffect effect =
            m_sanctions.suspend(tx, userId, days, std::nullopt, reason, actor.id);
        const QJsonObject after = m_sanctions.memberState(tx, userId);
        m_audit.append(tx, {actor.id, actor.label, QStringLiteral("user.suspend"),
                            QStringLiteral("user"), QString::number(userId), reason, before,
                            QJsonObject{{QStringLiteral("user"), after},
                                        {QStringLiteral("effect"), effect.toJson()}},
                            actor.address, actor.requestId});
        m_events.append(tx, {QStringLiteral("user.suspended"),
                             actor.id,
                             QStringLiteral("user"),
                             QString::number(userId),
                             {{QStringLiteral("user"), after},
                              {QStringLiteral("case_id"), QJsonValue()},
                              {QStringLiteral("effect"), effect.toJson()}}});
        return QJsonObject{{QStringLiteral("user"), after},
                           {QStringLiteral("effect"), effect.toJson()}};
    });
}

QJsonObject MemberSanctions::proposeBan(const StaffActor &actor, qint64 userId,
                                        const QString &reason)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const qint64 now = m_clock.nowMs();
        const QJsonObject approval = m_bans.propose(tx, actor, userId, std::nullopt, reason, now);
        const QString id = QString::number(approval.value(QStringLiteral("id")).toInteger());
        m_audit.append(tx, {actor.id,
                            actor.label,
                            QStringLiteral("ban.propose"),
                            QStringLiteral("ban_approval"),
                            id,
                            reason,
                            {},
                            approval,
                            actor.address,
                            actor.requestId});
        m_events.append(tx, {QStringLiteral("ban_approval.created"), actor.id,
                             QStringLiteral("ban_approval"), id, approval});
        return QJsonObject{{QStringLiteral("ban_approval"), approval}};
    });
}

QJsonObject MemberSanctions::reinstate(const StaffActor &actor, qint64 userId,
                                       const QString &reason)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const QString status = m_sanctions.requireMember(tx, userId);
        const QJsonObject before = m_sanctions.memberState(tx, userId);
        const QJsonArray lifted = m_sanctions.reinstate(tx, userId, reason, actor.id);
        if (lifted.isEmpty() && status == QStringLiteral("active"))
            throw DomainError(409, problemtype::kNotSanctioned, QStringLiteral("Not sanctioned"),
                              QStringLiteral("The member has no active suspension or ban."));
        // A status set without a sanction row (by hand, or before sanctions were recorded) is
        // lifted too: reinstating means active.
        SqlQuery(tx, QStringLiteral("UPDATE users SET status = 'active', updated_at = :t WHERE "
                                    "id = :u AND status IN ('suspended', 'banned')"))
            .bind(QStringLiteral(":t"), m_clock.nowMs())
            .bind(QStringLiteral(":u"), userId)
            .exec();
        const QJsonObject after = m_sanctions.memberState(tx, userId);
        m_audit.append(
            tx, {actor.id, actor.label, QStringLiteral("user.reinstate"), QStringLiteral("user"),
                 QString::number(userId), reason, before,
                 QJsonObject{{QStringLiteral("user"), after}, {QStringLiteral("lifted"), lifted}},
                 actor.address, actor.requestId});
        m_events.append(tx, {QStringLiteral("user.reinstated"),
                             actor.id,
                             QStringLiteral("user"),
                             QString::number(userId),
                             {{QStringLiteral("user"), after},
                              {QStringLiteral("case_id"), QJsonValue()},
                              {QStringLiteral("lifted"), lifted}}});
        return QJsonObject{{QStringLiteral("user"), after}, {QStringLiteral("lifted"), lifted}};
    });
}

qint64 MemberSanctions::requeue(QSqlDatabase &tx, qint64 userId,
                                std::optional<qint64> suspensionCase, qint64 sanctionId, qint64 now)
{
    const QJsonObject details{{QStringLiteral("reason"), QStringLiteral("suspension ended")},
                              {QStringLiteral("sanction_id"), sanctionId},
                              {QStringLiteral("previous_case_id"),
                               suspensionCase ? QJsonValue(*suspensionCase) : QJsonValue()}};
    SqlQuery open(tx, QStringLiteral("SELECT id FROM cases WHERE subject_type = 'user' AND "
                                     "subject_id = :u AND status IN (%1) ORDER BY id DESC LIMIT 1")
                          .arg(sqlList(openCaseStatuses())));
    open.bind(QStringLiteral(":u"), userId).exec();
    if (open.next()) {
        const qint64 caseId = open.int64(0);
        const QJsonObject before = findCaseSummary(tx, caseId).value_or(QJsonObject{});
        touchCase(tx, caseId, now);
        recordCaseChange(tx, m_audit, m_events, nullptr, caseId,
                         {QStringLiteral("suspension_ended"),
                          {},
                          {},
                          details,
                          QStringLiteral("case.suspension_ended"),
                          QStringLiteral("case.suspension_ended"),
                          QStringLiteral("suspension ended"),
                          before},
                         now);
        return caseId;
    }
    // A closed case cannot reopen (the state table), so the file returns as a new case on the
    // user that links the suspension's case: low severity (a review, not a new complaint).
    QString category = QStringLiteral("other");
    if (suspensionCase) {
        SqlQuery c(tx, QStringLiteral("SELECT category FROM cases WHERE id = :c"));
        c.bind(QStringLiteral(":c"), *suspensionCase).exec();
        if (c.next())
            category = c.string(0);
    }
    const Severity severity = Severity::Low;
    const double priority =
        casePriority({severity, 0, 1.0, m_sanctions.liveStrikes(tx, userId, now), 0});
    SqlQuery insert(tx, QStringLiteral("INSERT INTO cases (subject_type, subject_id, "
                                       "subject_user_id, status, category, severity, priority, "
                                       "report_count, reporter_count, previous_case_id, "
                                       "opened_at, sla_due_at, updated_at, version) VALUES "
                                       "('user', :u, :u2, 'open', :cat, :sev, :p, 0, 0, :prev, "
                                       ":o, :d, :o2, 1) RETURNING id"));
    insert.bind(QStringLiteral(":u"), userId)
        .bind(QStringLiteral(":u2"), userId)
        .bind(QStringLiteral(":cat"), category)
        .bind(QStringLiteral(":sev"), severityName(severity))
        .bind(QStringLiteral(":p"), priority)
        .bindOptional(QStringLiteral(":prev"), suspensionCase)
        .bind(QStringLiteral(":o"), now)
        .bind(QStringLiteral(":d"), now + slaMs(severity))
        .bind(QStringLiteral(":o2"), now)
        .exec();
    const qint64 caseId = insert.scalar().value_or(0).toLongLong();
    recordCaseChange(tx, m_audit, m_events, nullptr, caseId,
                     {QStringLiteral("opened"),
                      {},
                      casestates::kOpen,
                      details,
                      QStringLiteral("case.opened"),
                      QStringLiteral("case.open_after_suspension"),
                      QStringLiteral("suspension ended"),
                      {}},
                     now);
    return caseId;
}

int MemberSanctions::endSuspensions(qint64 now)
{
    int handled = 0;
    for (;;) {
        const auto batch =
            m_db.read([&](QSqlDatabase &db) { return m_sanctions.endedSuspensions(db, now, 100); });
        if (batch.isEmpty())
            break;
        for (const Sanctions::EndedSuspension &ended : batch) {
            // One transaction per member: a failure leaves the others handled.
            m_db.write([&](QSqlDatabase &tx) {
                const QJsonObject before = m_sanctions.memberState(tx, ended.userId);
                const bool active = m_sanctions.endSuspension(tx, ended, now);
                const QJsonObject after = m_sanctions.memberState(tx, ended.userId);
                m_audit.append(tx, {std::nullopt,
                                    QStringLiteral("system"),
                                    QStringLiteral("user.suspension_ended"),
                                    QStringLiteral("user"),
                                    QString::number(ended.userId),
                                    QStringLiteral("suspension ended"),
                                    before,
                                    after,
                                    {},
                                    {}});
                if (active)
                    m_events.append(
                        tx, {QStringLiteral("user.reinstated"),
                             std::nullopt,
                             QStringLiteral("user"),
                             QString::number(ended.userId),
                             {{QStringLiteral("user"), after},
                              {QStringLiteral("case_id"),
                               ended.caseId ? QJsonValue(*ended.caseId) : QJsonValue()},
                              {QStringLiteral("reason"), QStringLiteral("suspension ended")}}});
                requeue(tx, ended.userId, ended.caseId, ended.sanctionId, now);
            });
            ++handled;
        }
    }
    return handled;
}

int endEndedSuspensions(Database &db, const Clock &clock, Ledger &ledger, AuditLog &audit,
                        EventLog &events, const MarketplaceConfig &config)
{
    Sessions sessions(db, clock, ledger, events, config);
    Sanctions sanctions(db, clock, sessions, events);
    BanApprovals bans(db, clock, audit, events, sanctions);
    return MemberSanctions(db, clock, audit, events, sanctions, bans).endSuspensions(clock.nowMs());
}

} // namespace skillex::server
