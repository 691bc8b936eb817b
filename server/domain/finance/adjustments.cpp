// Every change is one transaction: the adjustment row, its ledger transfer when it posts, the
// audit entry and the events (last). The row is locked and its version checked, so two
// approvers racing post it once.
#include "server/domain/finance/adjustments.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/ledger/accounts.h"
#include "server/storage/sqlquery.h"

#include <limits>

namespace skillex::server {
namespace {

using namespace protocol;

const QString kSelect = QStringLiteral(
    "SELECT id, user_id, amount, reason, case_id, status, maker_id, checker_id, decision_reason, "
    "transfer_id, created_at, decided_at, updated_at, version FROM credit_adjustments ");

Adjustment read(const SqlQuery &q)
{
    Adjustment a;
    a.id = q.int64(0);
    a.userId = q.int64(1);
    a.amount = q.int64(2);
    a.reason = q.string(3);
    a.caseId = q.optionalInt64(4);
    a.status = q.string(5);
    a.makerId = q.int64(6);
    a.checkerId = q.optionalInt64(7);
    a.decisionReason = q.string(8);
    a.transferId = q.isNull(9) ? QString() : q.string(9);
    a.createdAt = q.int64(10);
    a.decidedAt = q.optionalInt64(11);
    a.updatedAt = q.int64(12);
    a.version = q.int64(13);
    return a;
}

std::optional<Adjustment> load(QSqlDatabase &db, Dialect dialect, qint64 id, bool forUpdate)
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE id = :id") +
                       (forUpdate && dialect == Dialect::Postgres ? QStringLiteral(" FOR UPDATE")
                                                                  : QString()));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return read(q);
}

QJsonValue optional(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

DomainError notFound(qint64 id)
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("There is no adjustment %1.").arg(id));
}

} // namespace

QJsonObject Adjustment::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("account"), accounts::user(userId)},
            {QStringLiteral("amount"), amount},
            {QStringLiteral("direction"),
             amount > 0 ? QStringLiteral("credit") : QStringLiteral("debit")},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("case_id"), optional(caseId)},
            {QStringLiteral("status"), status},
            {QStringLiteral("maker_id"), makerId},
            {QStringLiteral("checker_id"), optional(checkerId)},
            {QStringLiteral("decision_reason"), decisionReason},
            {QStringLiteral("transfer_id"),
             transferId.isEmpty() ? QJsonValue() : QJsonValue(transferId)},
            {QStringLiteral("created_at"), toWireTime(createdAt)},
            {QStringLiteral("decided_at"),
             decidedAt ? QJsonValue(toWireTime(*decidedAt)) : QJsonValue()},
            {QStringLiteral("updated_at"), toWireTime(updatedAt)},
            {QStringLiteral("version"), version}};
}

QByteArray Adjustment::etag(qint64 version)
{
    return '"' + QByteArray::number(version) + '"';
}

Adjustments::Adjustments(Database &db, const Clock &clock, Ledger &ledger, AuditLog &audit,
                         EventLog &events, const MarketplaceConfig &config)
    : m_db(db)
    , m_clock(clock)
    , m_ledger(ledger)
    , m_audit(audit)
    , m_events(events)
    , m_config(config)
{}

QString Adjustments::staffLabel(QSqlDatabase &tx, qint64 staffId)
{
    SqlQuery q(tx, QStringLiteral("SELECT email FROM users WHERE id = :id AND kind = 'staff' AND "
                                  "status = 'active'"));
    q.bind(QStringLiteral(":id"), staffId).exec();
    if (!q.next())
        throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                          QStringLiteral("Only active staff may adjust credits."));
    return q.string(0);
}

void Adjustments::post(QSqlDatabase &tx, Adjustment &a)
{
    TransferSpec spec;
    spec.id = QStringLiteral("adjustment:%1").arg(a.id);
    spec.amount = std::abs(a.amount);
    if (a.amount > 0) {
        spec.debit = accounts::kAdjustments;
        spec.credit = accounts::user(a.userId);
        spec.code = QStringLiteral("adjustment_credit");
    } else {
        spec.debit = accounts::user(a.userId);
        spec.credit = accounts::kAdjustments;
        spec.code = QStringLiteral("adjustment_debit");
    }
    spec.refType = QStringLiteral("adjustment");
    spec.refId = QString::number(a.id);
    // A credit becomes a lot with the normal lifetime; a debit draws the soonest-expiring lots
    // and is refused (409 insufficient-credits) rather than overdraw the wallet.
    m_ledger.post(tx, spec);
    a.transferId = spec.id;
    a.status = QStringLiteral("posted");
}

Adjustment Adjustments::request(const StaffActor &maker, qint64 userId, qint64 amount,
                                const QString &reason, std::optional<qint64> caseId)
{
    QMap<QString, QString> errors;
    if (amount == 0 || amount < -kMaxAmount || amount > kMaxAmount)
        errors.insert(QStringLiteral("amount"),
                      QStringLiteral("must be a non-zero whole number of credits between -%1 "
                                     "and %1")
                          .arg(kMaxAmount));
    const QString why = reason.trimmed();
    if (why.isEmpty() || why.size() > kMaxReasonLength)
        errors.insert(QStringLiteral("reason"),
                      QStringLiteral("must be 1 to %1 characters").arg(kMaxReasonLength));
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid adjustment"))
            .withFieldErrors(errors);

    return m_db.write([&](QSqlDatabase &tx) {
        const QString label = staffLabel(tx, maker.id);
        SqlQuery member(tx, QStringLiteral("SELECT 1 FROM users WHERE id = :id AND kind = "
                                           "'member'"));
        member.bind(QStringLiteral(":id"), userId).exec();
        if (!member.next())
            throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("There is no member %1.").arg(userId));
        if (caseId) {
            SqlQuery c(tx, QStringLiteral("SELECT 1 FROM cases WHERE id = :id"));
            c.bind(QStringLiteral(":id"), *caseId).exec();
            if (!c.next())
                throw DomainError(400, problemtype::kValidation,
                                  QStringLiteral("Invalid adjustment"))
                    .withFieldErrors({{QStringLiteral("case_id"), QStringLiteral("is no case")}});
        }
        if (amount < 0) {
            // Refused now rather than after a second person has spent time on it.
            const qint64 available = m_ledger.wallet(tx, userId).available;
            if (-amount > available)
                throw DomainError(409, problemtype::kInsufficientCredits,
                                  QStringLiteral("Insufficient credits"),
                                  QStringLiteral("Member %1 can spend %2 credits; a debit of %3 "
                                                 "would overdraw the wallet.")
                                      .arg(userId)
                                      .arg(available)
                                      .arg(-amount))
                    .withExtension(QStringLiteral("available"), available);
        }

        const qint64 now = m_clock.nowMs();
        Adjustment a;
        a.userId = userId;
        a.amount = amount;
        a.reason = why;
        a.caseId = caseId;
        a.status = QStringLiteral("pending_approval");
        a.makerId = maker.id;
        a.createdAt = now;
        a.updatedAt = now;
        SqlQuery insert(tx, QStringLiteral("INSERT INTO credit_adjustments (user_id, amount, "
                                           "reason, case_id, status, maker_id, created_at, "
                                           "updated_at) VALUES (:u, :a, :r, :c, "
                                           "'pending_approval', :m, :t, :t2) RETURNING id"));
        insert.bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":a"), amount)
            .bind(QStringLiteral(":r"), why)
            .bindOptional(QStringLiteral(":c"), caseId)
            .bind(QStringLiteral(":m"), maker.id)
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":t2"), now)
            .exec();
        a.id = insert.scalar().value_or(0).toLongLong();

        const bool atOnce = std::abs(amount) <= m_config.adjustmentApprovalThreshold;
        if (atOnce) {
            post(tx, a);
            a.decidedAt = now;
            SqlQuery(tx, QStringLiteral("UPDATE credit_adjustments SET status = 'posted', "
                                        "transfer_id = :tr, decided_at = :t WHERE id = :id"))
                .bind(QStringLiteral(":tr"), a.transferId)
                .bind(QStringLiteral(":t"), now)
                .bind(QStringLiteral(":id"), a.id)
                .exec();
        }
        const QJsonObject json = a.toJson();
        m_audit.append(tx, {maker.id,
                            label,
                            atOnce ? QStringLiteral("adjustment.posted")
                                   : QStringLiteral("adjustment.requested"),
                            QStringLiteral("adjustment"),
                            QString::number(a.id),
                            why,
                            {},
                            json,
                            maker.address,
                            maker.requestId});
        Adjustment requested = a;
        requested.status = QStringLiteral("pending_approval");
        requested.transferId.clear();
        requested.decidedAt.reset();
        m_events.append(tx, {QStringLiteral("adjustment.requested"), maker.id,
                             QStringLiteral("adjustment"), QString::number(a.id),
                             atOnce ? requested.toJson() : json});
        if (atOnce)
            m_events.append(tx, {QStringLiteral("adjustment.posted"), maker.id,
                                 QStringLiteral("adjustment"), QString::number(a.id), json});
        return a;
    });
}

Adjustment Adjustments::approve(const StaffActor &checker, qint64 id, const IfMatch &ifMatch,
                                const QString &note)
{
    return decide(checker, id, ifMatch, note, true);
}

Adjustment Adjustments::reject(const StaffActor &checker, qint64 id, const IfMatch &ifMatch,
                               const QString &note)
{
    return decide(checker, id, ifMatch, note, false);
}

Adjustment Adjustments::decide(const StaffActor &checker, qint64 id, const IfMatch &ifMatch,
                               const QString &note, bool approve)
{
    const QString why = note.trimmed();
    if (why.size() > kMaxReasonLength)
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid decision"))
            .withFieldErrors(
                {{QStringLiteral("reason"),
                  QStringLiteral("must be at most %1 characters").arg(kMaxReasonLength)}});
    return m_db.write([&](QSqlDatabase &tx) {
        const QString label = staffLabel(tx, checker.id);
        auto current = load(tx, m_db.dialect(), id, true);
        if (!current)
            throw notFound(id);
        if (current->makerId == checker.id)
            throw DomainError(403, problemtype::kFourEyes,
                              QStringLiteral("A second person must decide"),
                              QStringLiteral("You requested adjustment %1; another finance or "
                                             "admin account must approve or reject it.")
                                  .arg(id));
        if (!ifMatch.admits(current->version))
            throw DomainError(
                412, problemtype::kPreconditionFailed, QStringLiteral("Precondition failed"),
                QStringLiteral("Adjustment %1 is at version %2.").arg(id).arg(current->version))
                .withExtension(QStringLiteral("current"), current->toJson())
                .withHeader("ETag", Adjustment::etag(current->version));
        if (current->status != QStringLiteral("pending_approval"))
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Already decided"),
                              QStringLiteral("Adjustment %1 is %2.").arg(id).arg(current->status))
                .withExtension(QStringLiteral("current"), current->toJson());

        const QJsonObject before = current->toJson();
        Adjustment a = *current;
        const qint64 now = m_clock.nowMs();
        a.checkerId = checker.id;
        a.decisionReason = why;
        a.decidedAt = now;
        a.updatedAt = now;
        a.version += 1;
        if (approve)
            post(tx, a);
        else
            a.status = QStringLiteral("rejected");
        SqlQuery update(tx, QStringLiteral("UPDATE credit_adjustments SET status = :s, checker_id "
                                           "= :c, decision_reason = :r, transfer_id = :tr, "
                                           "decided_at = :t, updated_at = :t2, version = :v WHERE "
                                           "id = :id AND version = :old"));
        update.bind(QStringLiteral(":s"), a.status)
            .bind(QStringLiteral(":c"), checker.id)
            .bind(QStringLiteral(":r"), why)
            .bindOptional(QStringLiteral(":tr"), a.transferId.isEmpty()
                                                     ? std::nullopt
                                                     : std::optional<QString>(a.transferId))
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":t2"), now)
            .bind(QStringLiteral(":v"), a.version)
            .bind(QStringLiteral(":id"), id)
            .bind(QStringLiteral(":old"), current->version)
            .exec();
        if (update.rowsAffected() != 1)
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Changed meanwhile"),
                              QStringLiteral("Adjustment %1 changed meanwhile.").arg(id));

        const QJsonObject json = a.toJson();
        const QString action =
            approve ? QStringLiteral("adjustment.approved") : QStringLiteral("adjustment.rejected");
        m_audit.append(tx, {checker.id, label, action, QStringLiteral("adjustment"),
                            QString::number(id), why.isEmpty() ? a.reason : why, before, json,
                            checker.address, checker.requestId});
        m_events.append(
            tx, {action, checker.id, QStringLiteral("adjustment"), QString::number(id), json});
        if (approve)
            m_events.append(tx, {QStringLiteral("adjustment.posted"), checker.id,
                                 QStringLiteral("adjustment"), QString::number(id), json});
        return a;
    });
}

std::optional<Adjustment> Adjustments::find(qint64 id)
{
    return m_db.read([&](QSqlDatabase &db) { return load(db, m_db.dialect(), id, false); });
}

QList<Adjustment> Adjustments::list(const AdjustmentFilter &filter, std::optional<qint64> beforeId,
                                    int limit)
{
    return m_db.read([&](QSqlDatabase &db) {
        QString sql = kSelect + QStringLiteral("WHERE id < :before");
        if (filter.status)
            sql += QStringLiteral(" AND status = :s");
        if (filter.userId)
            sql += QStringLiteral(" AND user_id = :u");
        if (filter.makerId)
            sql += QStringLiteral(" AND maker_id = :m");
        SqlQuery q(db, sql + QStringLiteral(" ORDER BY id DESC LIMIT :n"));
        q.bind(QStringLiteral(":before"), beforeId.value_or(std::numeric_limits<qint64>::max()));
        if (filter.status)
            q.bind(QStringLiteral(":s"), *filter.status);
        if (filter.userId)
            q.bind(QStringLiteral(":u"), *filter.userId);
        if (filter.makerId)
            q.bind(QStringLiteral(":m"), *filter.makerId);
        q.bind(QStringLiteral(":n"), limit).exec();
        QList<Adjustment> rows;
        while (q.next())
            rows.push_back(read(q));
        return rows;
    });
}

} // namespace skillex::server
