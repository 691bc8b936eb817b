// CaseDetailPane: the right-hand pane of the Cases area — one case from the cache (reports,
// priority explained, evidence, subject context, history, notes, presence) and the acts on it.
// The queue (CasesPage) tells it which case to show and routes the keyboard's verbs to its
// slots; every act goes to the outbox, never straight to the server.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QWidget>

class QLabel;
class QTabWidget;
class QTextBrowser;

namespace skillex::client {
class Workspace;
struct Action;
struct TableChange;
} // namespace skillex::client

namespace skillex::views {

class ActPanel;
class CannedReasonList;
class CaseActivityBar;
class EvidenceView;

class CaseDetailPane : public QWidget {
    Q_OBJECT

public:
    explicit CaseDetailPane(client::Workspace *workspace, QWidget *parent = nullptr);
    ~CaseDetailPane() override;

    // 0 shows "no case selected". Opening a case fetches its detail into the cache when online.
    void showCase(qint64 caseId);
    qint64 currentCase() const { return m_caseId; }

    // How long an act waits in the outbox for Undo before it is sent (default 5 s).
    void setUndoWindow(int milliseconds) { m_undoMs = milliseconds; }
    int undoWindow() const { return m_undoMs; }
    // "Also viewing: NAME" (empty when nobody else is); the notice of someone else's change.
    QString presenceText() const;
    QString noticeText() const;
    EvidenceView *evidenceView() const { return m_evidence; }
    ActPanel *actPanel() const { return m_act; }
    CaseActivityBar *activityBar() const { return m_activity; }

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
    // Undo the act still held on this case (the queue's Ctrl+Z).
    void undo();

signals:
    // An act was queued on the case (the queue shows it on the row).
    void actionQueued(qint64 caseId, const QString &kind);

private:
    void render();
    void onCacheChanged(const client::TableChange &change);
    void onEvent(const QJsonObject &event);
    void onPresence(qint64 staffId, const QString &name, qint64 caseId, const QString &state);
    void queue(client::Action action, const QString &label);
    int expectedVersion(int cachedVersion) const;
    // Why the ladder is closed for now (a refused act, or a decision already queued).
    QString blockReason() const;
    void fetchMemberFile(qint64 userId);
    QJsonObject memberFile(qint64 userId) const;
    void setBrowserHtml(QTextBrowser *browser, const QString &html);
    void updatePresence();
    // The notice of someone else's change, naming them from the cache or the case's history.
    void showNotice(const QJsonObject &detail);
    bool online() const;

    client::Workspace *m_workspace = nullptr;
    qint64 m_caseId = 0;
    int m_undoMs = 5000;
    qint64 m_subjectUserId = 0;
    int m_cachedVersion = 0;
    CannedReasonList *m_reasons = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_meta = nullptr;
    QLabel *m_presence = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_cacheNote = nullptr;
    CaseActivityBar *m_activity = nullptr;
    QTabWidget *m_tabs = nullptr;
    EvidenceView *m_evidence = nullptr;
    QTextBrowser *m_reports = nullptr;
    QTextBrowser *m_context = nullptr;
    QTextBrowser *m_history = nullptr;
    QTextBrowser *m_notes = nullptr;
    ActPanel *m_act = nullptr;
    // Who views which case, from the stream's presence messages (never stored).
    QHash<qint64, QMap<qint64, QString>> m_viewers;
    QHash<qint64, qint64> m_memberFetchedAt;
    qint64 m_noticeActor = 0;
    QString m_noticeVerb; // untranslated "%1 claimed this case at %2."
    QString m_noticeTime;
};

} // namespace skillex::views
