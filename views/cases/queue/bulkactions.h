// BulkActions: one verb over the selected cases. Each case becomes its own outbox action (with
// the version the cache holds as If-Match), not one call of POST /cases/bulk-actions: the
// outbox then keeps, retries and overlays each case on its row, offline work is kept, and a
// case someone else changed meanwhile is refused alone (a conflict on its row) while the rest
// go through. The bulk endpoint also cannot claim, release or escalate.
#pragma once

#include <QList>
#include <QString>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

enum class BulkVerb { Claim, Release, Dismiss, Warn, Escalate };

namespace bulkactions {

// "Dismiss", "Claim", ...
QString verbTitle(BulkVerb verb);
// Whether the verb needs a reason (dismiss, warn) or a note (escalate).
bool needsReason(BulkVerb verb);
// "Dismiss 3 cases: #12, #15, #19" (at most 12 ids named, then "and 40 more").
QString confirmationText(BulkVerb verb, const QList<qint64> &caseIds);
// What else happens, in a sentence ("Each subject member gets a warning (a strike).").
QString effectText(BulkVerb verb);
// Queues one action per case; returns how many were queued (cases missing from the cache
// are skipped). Blocks until the outbox has written them.
int enqueue(client::Workspace *workspace, BulkVerb verb, const QList<qint64> &caseIds,
            const QString &reason);

} // namespace bulkactions
} // namespace skillex::views
