// Evidence: a snapshot of a report's subject taken by the server when the report is filed, so
// that what the moderator sees is what was reported, whatever the original becomes later.
#pragma once

#include "server/domain/moderation/reportsubject.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

namespace skillex::server::moderation {

struct EvidenceSnapshot {
    QString kind;                 // the subject type
    QJsonObject snapshot;         // stored as JSON text, never updated
    QStringList attachmentHashes; // files the snapshot refers to (kept by hash)
};

// Reads the subject as it is now, inside the report's transaction:
//   message: the message with up to ten messages either side in its conversation (ids,
//            senders, bodies, times, attachments), the reported one marked;
//   user:    the account, the member profile and the member's skills;
//   session: the session, its bookings and their ledger transfers;
//   review:  the review and the session it reviews;
//   listing: the session offer.
EvidenceSnapshot snapshotEvidence(QSqlDatabase &tx, const SubjectRef &subject, qint64 capturedAt);

} // namespace skillex::server::moderation
