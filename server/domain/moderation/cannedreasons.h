// Canned reasons: templates staff pick for an action instead of typing, edited by admins.
// Placeholders {member_name}, {category}, {duration_days}, {case_id} (and any other the caller
// supplies) are filled in when a reason is used.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/moderation/staffactor.h"
#include "server/storage/database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace skillex::server {

struct CannedReason {
    qint64 id = 0;
    QString title;
    QString templateText;
    QStringList actions; // the actions it fits; empty: any
    qint64 version = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
};

struct CannedReasonDraft {
    std::optional<QString> title;
    std::optional<QString> templateText;
    std::optional<QStringList> actions;
};

class CannedReasons {
public:
    CannedReasons(Database &db, const Clock &clock, AuditLog &audit, EventLog &events);

    static const QStringList &actionNames(); // dismiss, warn, remove_content, suspend, ban
    constexpr static int kMaxTitle = 200;
    constexpr static int kMaxTemplate = 2000;

    QList<CannedReason> list(QSqlDatabase &db) const;
    std::optional<CannedReason> find(QSqlDatabase &db, qint64 id) const;
    // 400 for a bad draft (title and template required on create).
    CannedReason create(const StaffActor &actor, const CannedReasonDraft &draft);
    // 404, 412 (stale If-Match; "current" in the body), 400.
    CannedReason update(const StaffActor &actor, qint64 id, const VersionMatch &match,
                        const CannedReasonDraft &draft);
    void remove(const StaffActor &actor, qint64 id, const VersionMatch &match);

    // The filled-in text of reason id for action; 400 (field canned_reason_id) when it does not
    // exist, does not fit the action, or a placeholder is left without a value.
    QString render(QSqlDatabase &tx, qint64 id, const QString &action,
                   const QMap<QString, QString> &values) const;

private:
    CannedReason requireCurrent(QSqlDatabase &tx, qint64 id, const VersionMatch &match) const;

    Database &m_db;
    const Clock &m_clock;
    AuditLog &m_audit;
    EventLog &m_events;
};

} // namespace skillex::server
