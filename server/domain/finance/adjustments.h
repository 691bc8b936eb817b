// Staff credit adjustments: a credit or debit of a member's wallet against equity:adjustments,
// posted at once up to the approval threshold and after a second person's approval above it.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/marketplaceconfig.h"
#include "server/domain/versionprecondition.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace skillex::server {

struct Adjustment {
    qint64 id = 0;
    qint64 userId = 0;
    qint64 amount = 0; // positive: credit to the wallet; negative: debit
    QString reason;
    std::optional<qint64> caseId;
    QString status; // pending_approval, posted, rejected
    qint64 makerId = 0;
    std::optional<qint64> checkerId;
    QString decisionReason;
    QString transferId;
    qint64 createdAt = 0;
    std::optional<qint64> decidedAt;
    qint64 updatedAt = 0;
    qint64 version = 1;

    QJsonObject toJson() const;
    static QByteArray etag(qint64 version);
};

struct AdjustmentFilter {
    std::optional<QString> status;
    std::optional<qint64> userId;
    std::optional<qint64> makerId;
};

// Who acts and from where, for the audit log.
struct StaffActor {
    qint64 id = 0;
    QString address;
    QString requestId;
};

// What If-Match admitted: "*" or a list of versions.
using IfMatch = VersionPrecondition;

class Adjustments {
public:
    static constexpr qint64 kMaxAmount = 1'000'000;
    static constexpr int kMaxReasonLength = 500;

    Adjustments(Database &db, const Clock &clock, Ledger &ledger, AuditLog &audit, EventLog &events,
                const MarketplaceConfig &config);

    // 400 for a bad amount or reason, 404 for no such member or case, 409 insufficient-credits
    // for a debit beyond what the member can spend. Posted at once when |amount| is at most the
    // threshold; otherwise pending_approval.
    Adjustment request(const StaffActor &maker, qint64 userId, qint64 amount, const QString &reason,
                       std::optional<qint64> caseId);
    // 404 unknown, 403 four-eyes for the maker, 412 stale If-Match (current attached), 409 when
    // not pending any more or (approve) the debit would overdraw the wallet now.
    Adjustment approve(const StaffActor &checker, qint64 id, const IfMatch &ifMatch,
                       const QString &note);
    Adjustment reject(const StaffActor &checker, qint64 id, const IfMatch &ifMatch,
                      const QString &note);

    std::optional<Adjustment> find(qint64 id);
    QList<Adjustment> list(const AdjustmentFilter &filter, std::optional<qint64> beforeId,
                           int limit);

private:
    Adjustment decide(const StaffActor &checker, qint64 id, const IfMatch &ifMatch,
                      const QString &note, bool approve);
    void post(QSqlDatabase &tx, Adjustment &a);
    QString staffLabel(QSqlDatabase &tx, qint64 staffId);

    Database &m_db;
    const Clock &m_clock;
    Ledger &m_ledger;
    AuditLog &m_audit;
    EventLog &m_events;
    const MarketplaceConfig &m_config;
};

} // namespace skillex::server
