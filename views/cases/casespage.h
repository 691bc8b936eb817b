// CasesPage: the Cases area — the queue on the left (40%), the case with its acts on the right
// (CaseDetailPane), the offline bar across both, and the keyboard over all of it.
#pragma once

#include <QWidget>

class QSplitter;

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class BanApprovalsView;
class CaseDetailPane;
class CaseKeyboard;
class CaseQueueView;
class QueueOfflineBar;

class CasesPage : public QWidget {
    Q_OBJECT

public:
    explicit CasesPage(client::Workspace *workspace, QWidget *parent = nullptr);
    ~CasesPage() override;

    CaseQueueView *queue() const { return m_queue; }
    CaseDetailPane *detail() const { return m_detail; }
    BanApprovalsView *banApprovals() const { return m_banApprovals; }
    CaseKeyboard *keyboard() const { return m_keyboard; }
    QueueOfflineBar *offlineBar() const { return m_offline; }

private:
    client::Workspace *m_workspace = nullptr;
    QSplitter *m_splitter = nullptr;
    CaseQueueView *m_queue = nullptr;
    CaseDetailPane *m_detail = nullptr;
    BanApprovalsView *m_banApprovals = nullptr;
    CaseKeyboard *m_keyboard = nullptr;
    QueueOfflineBar *m_offline = nullptr;
};

} // namespace skillex::views
