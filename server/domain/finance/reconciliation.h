// Reconciliation of a provider's settlement report against our payments: each report row is
// matched, missing in our records, differing (amount, currency, status) or bad; captured
// payments of the report's days that it lacks are missing in the report. Runs are kept.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/finance/adjustments.h"
#include "server/storage/database.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace skillex::server {

struct ReconciliationRun {
    qint64 id = 0;
    QString provider;
    QString layout;
    QString fileSha256;
    qint64 fileBytes = 0;
    qint64 uploadedBy = 0;
    std::optional<qint64> periodFrom, periodTo; // the report's UTC days, [from, to)
    qint64 reportRows = 0, matched = 0, missingInternal = 0, missingInReport = 0, differing = 0,
           badRows = 0, ignored = 0;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
};

struct ReconciliationRow {
    qint64 id = 0;
    std::optional<qint64> line;
    QString outcome; // matched, missing_internal, missing_in_report, differing, bad_row, ignored
    QString kind;
    QString reportId;
    QString orderId;
    std::optional<qint64> paymentId;
    std::optional<qint64> reportAmountMinor;
    QString reportCurrency;
    std::optional<qint64> reportAt;
    std::optional<qint64> internalAmountMinor;
    QString internalCurrency;
    QString internalStatus;
    QStringList differences;
    QString detail;

    QJsonObject toJson() const;
};

class Reconciliation {
public:
    static constexpr qint64 kMaxFileBytes = 10 * 1024 * 1024;

    Reconciliation(Database &db, const Clock &clock, AuditLog &audit, EventLog &events);

    // 400 validation for an unknown provider, 400 settlement-layout for a file that is not
    // that provider's report. One transaction: the run, its rows, an audit entry, an event.
    ReconciliationRun run(const StaffActor &staff, const QString &provider, const QByteArray &csv);

    std::optional<ReconciliationRun> find(qint64 id);
    QList<ReconciliationRun> list(const std::optional<QString> &provider,
                                  std::optional<qint64> beforeId, int limit);
    QList<ReconciliationRow> rows(qint64 runId, const std::optional<QString> &outcome,
                                  std::optional<qint64> afterId, int limit);

private:
    Database &m_db;
    const Clock &m_clock;
    AuditLog &m_audit;
    EventLog &m_events;
};

} // namespace skillex::server
