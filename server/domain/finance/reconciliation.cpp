// The report's payments are looked up one by one on unique indexes (provider order id, provider
// payment id), so a 10 MiB report costs its row count in index probes, all in one transaction.
#include "server/domain/finance/reconciliation.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/finance/settlementreport.h"
#include "server/domain/payments/payment.h"
#include "server/storage/sqlquery.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSet>

#include <limits>

namespace skillex::server {
namespace {

using namespace protocol;

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QJsonValue optionalInt(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}
QJsonValue optionalTime(const std::optional<qint64> &v)
{
    return v ? QJsonValue(toWireTime(*v)) : QJsonValue();
}

const QString kRunSelect = QStringLiteral(
    "SELECT id, provider, layout, file_sha256, file_bytes, uploaded_by, period_from, period_to, "
    "report_rows, matched, missing_internal, missing_in_report, differing, bad_rows, ignored, "
    "created_at FROM reconciliation_runs ");

ReconciliationRun readRun(const SqlQuery &q)
{
    ReconciliationRun r;
    r.id = q.int64(0);
    r.provider = q.string(1);
    r.layout = q.string(2);
    r.fileSha256 = q.string(3);
    r.fileBytes = q.int64(4);
    r.uploadedBy = q.int64(5);
    r.periodFrom = q.optionalInt64(6);
    r.periodTo = q.optionalInt64(7);
    r.reportRows = q.int64(8);
    r.matched = q.int64(9);
    r.missingInternal = q.int64(10);
    r.missingInReport = q.int64(11);
    r.differing = q.int64(12);
    r.badRows = q.int64(13);
    r.ignored = q.int64(14);
    r.createdAt = q.int64(15);
    return r;
}

std::optional<Payment> paymentByRef(QSqlDatabase &tx, const QString &provider, const QString &ref)
{
    SqlQuery q(tx, QStringLiteral("SELECT id FROM payments WHERE provider = :p AND "
                                  "provider_payment_id = :r"));
    q.bind(QStringLiteral(":p"), provider).bind(QStringLiteral(":r"), ref).exec();
    if (!q.next())
        return std::nullopt;
    return paymentstore::byId(tx, Dialect::Sqlite, q.int64(0), false);
}

// The refund row of a payment whose money matches a report's refund, if any.
bool hasRefundOf(QSqlDatabase &tx, qint64 paymentId, qint64 amountMinor)
{
    SqlQuery q(tx, QStringLiteral("SELECT 1 FROM refunds WHERE payment_id = :p AND amount_minor = "
                                  ":a AND status <> 'failed'"));
    q.bind(QStringLiteral(":p"), paymentId).bind(QStringLiteral(":a"), amountMinor).exec();
    return q.next();
}

void insertRow(QSqlDatabase &tx, qint64 runId, const ReconciliationRow &r)
{
    SqlQuery q(tx, QStringLiteral(
                       "INSERT INTO reconciliation_rows (run_id, line, outcome, kind, report_id, "
                       "order_id, payment_id, report_amount_minor, report_currency, report_at, "
                       "internal_amount_minor, internal_currency, internal_status, differences, "
                       "detail) VALUES (:run, :line, :o, :k, :rid, :oid, :pid, :ra, :rc, :rat, "
                       ":ia, :ic, :is, :d, :det)"));
    q.bind(QStringLiteral(":run"), runId)
        .bindOptional(QStringLiteral(":line"), r.line)
        .bind(QStringLiteral(":o"), r.outcome)
        .bind(QStringLiteral(":k"), r.kind)
        .bind(QStringLiteral(":rid"), r.reportId.left(255))
        .bind(QStringLiteral(":oid"), r.orderId.left(255))
        .bindOptional(QStringLiteral(":pid"), r.paymentId)
        .bindOptional(QStringLiteral(":ra"), r.reportAmountMinor)
        .bind(QStringLiteral(":rc"), r.reportCurrency.left(8))
        .bindOptional(QStringLiteral(":rat"), r.reportAt)
        .bindOptional(QStringLiteral(":ia"), r.internalAmountMinor)
        .bind(QStringLiteral(":ic"), r.internalCurrency)
        .bind(QStringLiteral(":is"), r.internalStatus)
        .bind(QStringLiteral(":d"), r.differences.join(QLatin1Char(',')))
        .bind(QStringLiteral(":det"), r.detail.left(500))
        .exec();
}

} // namespace

QJsonObject ReconciliationRun::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("provider"), provider},
            {QStringLiteral("layout"), layout},
            {QStringLiteral("file_sha256"), fileSha256},
            {QStringLiteral("file_bytes"), fileBytes},
            {QStringLiteral("uploaded_by"), uploadedBy},
            {QStringLiteral("period_from"), optionalTime(periodFrom)},
            {QStringLiteral("period_to"), optionalTime(periodTo)},
            {QStringLiteral("summary"),
             QJsonObject{{QStringLiteral("report_rows"), reportRows},
                         {QStringLiteral("matched"), matched},
                         {QStringLiteral("missing_internal"), missingInternal},
                         {QStringLiteral("missing_in_report"), missingInReport},
                         {QStringLiteral("differing"), differing},
                         {QStringLiteral("bad_rows"), badRows},
                         {QStringLiteral("ignored"), ignored}}},
            {QStringLiteral("created_at"), toWireTime(createdAt)}};
}

QJsonObject ReconciliationRow::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("line"), optionalInt(line)},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("report_id"), reportId},
            {QStringLiteral("order_id"), orderId},
            {QStringLiteral("payment_id"), optionalInt(paymentId)},
            {QStringLiteral("report"),
             reportAmountMinor
                 ? QJsonValue(QJsonObject{{QStringLiteral("amount_minor"), *reportAmountMinor},
                                          {QStringLiteral("currency"), reportCurrency},
                                          {QStringLiteral("at"), optionalTime(reportAt)}})
                 : QJsonValue()},
            {QStringLiteral("internal"),
             internalAmountMinor
                 ? QJsonValue(QJsonObject{{QStringLiteral("amount_minor"), *internalAmountMinor},
                                          {QStringLiteral("currency"), internalCurrency},
                                          {QStringLiteral("status"), internalStatus}})
                 : QJsonValue()},
            {QStringLiteral("differences"), QJsonArray::fromStringList(differences)},
            {QStringLiteral("detail"), detail}};
}

Reconciliation::Reconciliation(Database &db, const Clock &clock, AuditLog &audit, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_audit(audit)
    , m_events(events)
{}

ReconciliationRun Reconciliation::run(const StaffActor &staff, const QString &provider,
                                      const QByteArray &csv)
{
    if (provider != QStringLiteral("stripe") && provider != QStringLiteral("razorpay"))
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
            .withFieldErrors(
                {{QStringLiteral("provider"), QStringLiteral("must be stripe or razorpay")}});
    const SettlementReport report = readSettlementReport(provider, csv);

    return m_db.write([&](QSqlDatabase &tx) {
        SqlQuery who(tx, QStringLiteral("SELECT email FROM users WHERE id = :id"));
        who.bind(QStringLiteral(":id"), staff.id).exec();
        const QString label = who.next() ? who.string(0) : QString();

        ReconciliationRun run;
        run.provider = provider;
        run.layout = report.layout;
        run.fileSha256 =
            QString::fromLatin1(QCryptographicHash::hash(csv, QCryptographicHash::Sha256).toHex());
        run.fileBytes = csv.size();
        run.uploadedBy = staff.id;
        run.createdAt = m_clock.nowMs();

        QList<ReconciliationRow> rows;
        QSet<qint64> charged;
        for (const SettlementRow &s : report.rows) {
            ReconciliationRow r;
            r.line = s.line;
            r.kind = s.kind;
            r.reportId = s.reportId;
            r.orderId = s.orderId;
            ++run.reportRows;
            if (!s.error.isEmpty()) {
                r.outcome = QStringLiteral("bad_row");
                r.detail = s.error;
                rows.push_back(r);
                continue;
            }
            r.reportAmountMinor = s.amountMinor;
            r.reportCurrency = s.currency;
            r.reportAt = s.at;
            if (s.kind == QStringLiteral("other")) {
                r.outcome = QStringLiteral("ignored");
                r.detail = QStringLiteral("not a payment or refund");
                rows.push_back(r);
                continue;
            }
            if (s.at) {
                const qint64 day = *s.at - (*s.at % kDayMs);
                run.periodFrom = std::min(run.periodFrom.value_or(day), day);
                run.periodTo = std::max(run.periodTo.value_or(day + kDayMs), day + kDayMs);
            }
            std::optional<Payment> p;
            if (!s.orderId.isEmpty())
                p = paymentstore::byOrder(tx, m_db.dialect(), provider, s.orderId, false);
            if (!p && !s.paymentRef.isEmpty())
                p = paymentByRef(tx, provider, s.paymentRef);
            if (!p) {
                r.outcome = QStringLiteral("missing_internal");
                r.detail = QStringLiteral("no payment of ours has this order or payment id");
                rows.push_back(r);
                continue;
            }
            r.paymentId = p->id;
            r.orderId = p->providerOrderId;
            r.internalAmountMinor = p->amountMinor;
            r.internalCurrency = p->currency;
            r.internalStatus = p->status;
            if (s.currency != p->currency.toUpper())
                r.differences << QStringLiteral("currency");
            if (s.kind == QStringLiteral("charge")) {
                charged.insert(p->id);
                if (s.amountMinor != p->amountMinor)
                    r.differences << QStringLiteral("amount");
                if (!p->isCaptured())
                    r.differences << QStringLiteral("status");
            } else if (!hasRefundOf(tx, p->id, s.amountMinor)) {
                const bool anyRefund =
                    p->refundedMinor > 0 || p->status == QStringLiteral("refund_requested");
                r.differences << (anyRefund ? QStringLiteral("amount") : QStringLiteral("status"));
                r.detail = anyRefund ? QStringLiteral("no refund of ours has this amount")
                                     : QStringLiteral("we have no refund of this payment");
            }
            r.outcome =
                r.differences.isEmpty() ? QStringLiteral("matched") : QStringLiteral("differing");
            rows.push_back(r);
        }

        if (run.periodFrom) {
            SqlQuery q(tx, QStringLiteral("SELECT id FROM payments WHERE provider = :p AND "
                                          "created_at >= :f AND created_at < :t AND status IN "
                                          "('captured', 'refund_requested', "
                                          "'partially_refunded', 'refunded') ORDER BY id"));
            q.bind(QStringLiteral(":p"), provider)
                .bind(QStringLiteral(":f"), *run.periodFrom)
                .bind(QStringLiteral(":t"), *run.periodTo)
                .exec();
            QList<qint64> missing;
            while (q.next())
                if (!charged.contains(q.int64(0)))
                    missing.push_back(q.int64(0));
            for (qint64 id : missing) {
                const auto p = paymentstore::byId(tx, m_db.dialect(), id, false);
                ReconciliationRow r;
                r.outcome = QStringLiteral("missing_in_report");
                r.kind = QStringLiteral("charge");
                r.orderId = p->providerOrderId;
                r.paymentId = p->id;
                r.internalAmountMinor = p->amountMinor;
                r.internalCurrency = p->currency;
                r.internalStatus = p->status;
                r.detail = QStringLiteral("captured in the report's days but not in the report");
                rows.push_back(r);
            }
        }

        for (const ReconciliationRow &r : rows) {
            if (r.outcome == QStringLiteral("matched"))
                ++run.matched;
            else if (r.outcome == QStringLiteral("missing_internal"))
                ++run.missingInternal;
            else if (r.outcome == QStringLiteral("missing_in_report"))
                ++run.missingInReport;
            else if (r.outcome == QStringLiteral("differing"))
                ++run.differing;
            else if (r.outcome == QStringLiteral("bad_row"))
                ++run.badRows;
            else
                ++run.ignored;
        }

        SqlQuery insert(
            tx, QStringLiteral(
                    "INSERT INTO reconciliation_runs (provider, layout, file_sha256, file_bytes, "
                    "uploaded_by, period_from, period_to, report_rows, matched, "
                    "missing_internal, missing_in_report, differing, bad_rows, ignored, "
                    "created_at) VALUES (:p, :l, :h, :b, :u, :f, :t, :rr, :m, :mi, :mr, :d, "
                    ":bad, :ig, :at) RETURNING id"));
        insert.bind(QStringLiteral(":p"), run.provider)
            .bind(QStringLiteral(":l"), run.layout)
            .bind(QStringLiteral(":h"), run.fileSha256)
            .bind(QStringLiteral(":b"), run.fileBytes)
            .bind(QStringLiteral(":u"), run.uploadedBy)
            .bindOptional(QStringLiteral(":f"), run.periodFrom)
            .bindOptional(QStringLiteral(":t"), run.periodTo)
            .bind(QStringLiteral(":rr"), run.reportRows)
            .bind(QStringLiteral(":m"), run.matched)
            .bind(QStringLiteral(":mi"), run.missingInternal)
            .bind(QStringLiteral(":mr"), run.missingInReport)
            .bind(QStringLiteral(":d"), run.differing)
            .bind(QStringLiteral(":bad"), run.badRows)
            .bind(QStringLiteral(":ig"), run.ignored)
            .bind(QStringLiteral(":at"), run.createdAt)
            .exec();
        run.id = insert.scalar().value_or(0).toLongLong();
        for (const ReconciliationRow &r : rows)
            insertRow(tx, run.id, r);

        const QJsonObject json = run.toJson();
        m_audit.append(tx, {staff.id,
                            label,
                            QStringLiteral("reconciliation.run"),
                            QStringLiteral("reconciliation"),
                            QString::number(run.id),
                            QStringLiteral("settlement report uploaded"),
                            {},
                            json,
                            staff.address,
                            staff.requestId});
        m_events.append(tx, {QStringLiteral("reconciliation.completed"), staff.id,
                             QStringLiteral("reconciliation"), QString::number(run.id), json});
        return run;
    });
}

std::optional<ReconciliationRun> Reconciliation::find(qint64 id)
{
    return m_db.read([&](QSqlDatabase &db) -> std::optional<ReconciliationRun> {
        SqlQuery q(db, kRunSelect + QStringLiteral("WHERE id = :id"));
        q.bind(QStringLiteral(":id"), id).exec();
        if (!q.next())
            return std::nullopt;
        return readRun(q);
    });
}

QList<ReconciliationRun> Reconciliation::list(const std::optional<QString> &provider,
                                              std::optional<qint64> beforeId, int limit)
{
    return m_db.read([&](QSqlDatabase &db) {
        SqlQuery q(db, kRunSelect + QStringLiteral("WHERE id < :before") +
                           (provider ? QStringLiteral(" AND provider = :p") : QString()) +
                           QStringLiteral(" ORDER BY id DESC LIMIT :n"));
        q.bind(QStringLiteral(":before"), beforeId.value_or(std::numeric_limits<qint64>::max()));
        if (provider)
            q.bind(QStringLiteral(":p"), *provider);
        q.bind(QStringLiteral(":n"), limit).exec();
        QList<ReconciliationRun> runs;
        while (q.next())
            runs.push_back(readRun(q));
        return runs;
    });
}

QList<ReconciliationRow> Reconciliation::rows(qint64 runId, const std::optional<QString> &outcome,
                                              std::optional<qint64> afterId, int limit)
{
    return m_db.read([&](QSqlDatabase &db) {
        SqlQuery q(db, QStringLiteral("SELECT id, line, outcome, kind, report_id, order_id, "
                                      "payment_id, report_amount_minor, report_currency, "
                                      "report_at, internal_amount_minor, internal_currency, "
                                      "internal_status, differences, detail FROM "
                                      "reconciliation_rows WHERE run_id = :run AND id > :after") +
                           (outcome ? QStringLiteral(" AND outcome = :o") : QString()) +
                           QStringLiteral(" ORDER BY id LIMIT :n"));
        q.bind(QStringLiteral(":run"), runId).bind(QStringLiteral(":after"), afterId.value_or(0));
        if (outcome)
            q.bind(QStringLiteral(":o"), *outcome);
        q.bind(QStringLiteral(":n"), limit).exec();
        QList<ReconciliationRow> rows;
        while (q.next()) {
            ReconciliationRow r;
            r.id = q.int64(0);
            r.line = q.optionalInt64(1);
            r.outcome = q.string(2);
            r.kind = q.string(3);
            r.reportId = q.string(4);
            r.orderId = q.string(5);
            r.paymentId = q.optionalInt64(6);
            r.reportAmountMinor = q.optionalInt64(7);
            r.reportCurrency = q.string(8);
            r.reportAt = q.optionalInt64(9);
            r.internalAmountMinor = q.optionalInt64(10);
            r.internalCurrency = q.string(11);
            r.internalStatus = q.string(12);
            const QString d = q.string(13);
            r.differences = d.isEmpty() ? QStringList() : d.split(QLatin1Char(','));
            r.detail = q.string(14);
            rows.push_back(r);
        }
        return rows;
    });
}

} // namespace skillex::server
