// ActionRunner: puts one finance action in the outbox and tells the view how it ended (done,
// refused, conflict), so a dialog can say "Refund requested" or show the server's reason.
#pragma once

#include "client/outbox/action.h"
#include "client/outbox/outboxentry.h"

#include <QObject>

namespace skillex::client {
class Outbox;
}

namespace skillex::views::finance {

class ActionRunner : public QObject {
    Q_OBJECT

public:
    explicit ActionRunner(client::Outbox *outbox, QObject *parent = nullptr);

    // Enqueues (no undo hold: money movements are confirmed before they are queued).
    void run(const client::Action &action);
    bool isRunning() const { return m_id != 0 || m_enqueuing; }

signals:
    void queued(qint64 outboxId);
    // state Done: entry.result holds the server's answer; otherwise lastStatus and lastError.
    void finished(const skillex::client::OutboxEntry &entry);
    // The cache refused to store the action (nothing was queued).
    void notQueued(const QString &error);

private:
    void check(const QList<qint64> &ids);

    client::Outbox *m_outbox = nullptr;
    qint64 m_id = 0;
    bool m_enqueuing = false;
};

// The server's reason from a refused outbox entry ("four-eyes: ...", "Not enough credits").
// A 409 reaches the outbox without the server's words, so the view says what it means for
// its action: whenConflict.
QString refusalText(const client::OutboxEntry &entry, const QString &whenConflict = {});

} // namespace skillex::views::finance
