// LedgerCheckView: GET /admin/ledger/check — the five invariants, each with a tick or a cross
// and a word, its detail, and the accounts (or transfers) that break it.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class LedgerCheckView : public QWidget {
    Q_OBJECT

public:
    explicit LedgerCheckView(client::Workspace *workspace, QWidget *parent = nullptr);

    void runCheck();
    bool isRunning() const { return m_running; }
    QJsonObject result() const { return m_result; }
    QTreeWidget *tree() const { return m_tree; }

signals:
    void checked(bool ok);

private:
    void display(const QJsonObject &result);

    client::Workspace *m_workspace = nullptr;
    QLabel *m_banner = nullptr;
    QPushButton *m_run = nullptr;
    QTreeWidget *m_tree = nullptr;
    QJsonObject m_result;
    bool m_running = false;
};

} // namespace skillex::views::finance
