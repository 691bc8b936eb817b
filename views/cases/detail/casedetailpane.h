// CaseDetailPane: the right-hand pane of the Cases area — one case from the cache (reports,
// priority explained, evidence, subject context, history, notes, presence) and the acts on it.
// The queue (CasesPage) tells it which case to show and routes the keyboard's verbs to its
// slots; every act goes to the outbox, never straight to the server.
#pragma once

#include <QWidget>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class CaseDetailPane : public QWidget {
    Q_OBJECT

public:
    explicit CaseDetailPane(client::Workspace *workspace, QWidget *parent = nullptr);

    // 0 shows "no case selected". Opening a case fetches its detail into the cache when online.
    void showCase(qint64 caseId);
    qint64 currentCase() const { return m_caseId; }

public slots:
    // Each asks for what it needs (reason, canned text, days), previews what will happen, then
    // queues the action with an undo window. A verb the case's state does not allow says so.
    void claim();
    void release();
    void addNote();
    void dismiss();
    void warn();
    void removeContent();
    void suspend();
    void ban();
    void escalate();
    void decideAppeal();

signals:
    // An act was queued on the case (the queue shows it on the row).
    void actionQueued(qint64 caseId, const QString &kind);

private:
    client::Workspace *m_workspace = nullptr;
    qint64 m_caseId = 0;
};

} // namespace skillex::views
