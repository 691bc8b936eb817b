// A case as the moderator opens it: the summary, its reports and evidence, why it ranks where
// it does, what we know of the member it is about, the notes, the full history, the pending
// ban proposal and appeal, and the rung the server suggests.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/moderation/banapprovals.h"
#include "server/domain/moderation/sanctions.h"
#include "server/storage/database.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace skillex::server {

struct StoredAttachment {
    QString contentType;
    QByteArray data;
};

class CaseDetail {
public:
    CaseDetail(Database &db, Ledger &ledger, Sanctions &sanctions, BanApprovals &bans);

    // 404 when there is no such case.
    QJsonObject detail(qint64 caseId, qint64 now) const;
    // An attachment that is evidence of some case; nullopt otherwise (a 404 for the caller).
    std::optional<StoredAttachment> evidenceAttachment(const QString &sha256) const;

private:
    QJsonArray reports(QSqlDatabase &db, qint64 caseId) const;
    QJsonArray evidence(QSqlDatabase &db, qint64 caseId) const;
    QJsonObject priorityTerms(QSqlDatabase &db, const QJsonObject &summary, qint64 now) const;
    QJsonValue subjectContext(QSqlDatabase &db, std::optional<qint64> userId, qint64 caseId,
                              qint64 now) const;

    Database &m_db;
    Ledger &m_ledger;
    Sanctions &m_sanctions;
    BanApprovals &m_bans;
};

} // namespace skillex::server
