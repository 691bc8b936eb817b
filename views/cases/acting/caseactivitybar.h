// CaseActivityBar: the acts on the open case that are still in the outbox, as the case shows
// them — "Warning queued. Undo (4 s)", "sending", "waiting for the connection", and a refused
// one in red with why, what the server holds now, and Discard mine / Retry.
#pragma once

#include "client/outbox/outboxentry.h"

#include <QFrame>
#include <QTimer>

#include <optional>

class QLabel;
class QPushButton;

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class CaseActivityBar : public QFrame {
    Q_OBJECT

public:
    explicit CaseActivityBar(client::Workspace *workspace, QWidget *parent = nullptr);

    void setCase(qint64 caseId);
    // The entry on show (open ones first: a refusal, then the newest queued; else one that
    // finished in the last seconds).
    std::optional<client::OutboxEntry> shownEntry() const { return m_shown; }
    // A refused act on the case waits for the person: nothing more is queued behind it.
    bool hasRefusal() const;
    QString text() const;
    // The person's own label for an outbox entry this console queued ("Warning").
    void setLabel(qint64 outboxId, const QString &label) { m_labels.insert(outboxId, label); }
    // "Dismissed, unassigned, version 7" from a conflict's current case.
    static QString serverState(const QJsonValue &current);

public slots:
    void refresh();
    void undo();
    void discard();
    void retry();

signals:
    // Something about the case's outbox entries changed (the pane re-checks what it allows).
    void changed();
    // "See their decision": the person wants the case's history as the server has it now.
    void seeServerStateRequested();

private:
    QString labelFor(const client::OutboxEntry &entry) const;

    client::Workspace *m_workspace = nullptr;
    qint64 m_caseId = 0;
    std::optional<client::OutboxEntry> m_shown;
    QHash<qint64, QString> m_labels;
    QLabel *m_text = nullptr;
    QPushButton *m_undo = nullptr;
    QPushButton *m_see = nullptr;
    QPushButton *m_discard = nullptr;
    QPushButton *m_retry = nullptr;
    QTimer m_tick;
};

} // namespace skillex::views
