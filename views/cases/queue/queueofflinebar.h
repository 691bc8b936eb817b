// QueueOfflineBar: the yellow bar across the Cases workspace when the console is not live
// ("Offline since 12:03. Showing what was cached at 11:58. Actions are kept and sent when the
// connection returns. [Try now]"), per UI.md.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class QueueOfflineBar : public QWidget {
    Q_OBJECT

public:
    explicit QueueOfflineBar(client::Workspace *workspace, QWidget *parent = nullptr);
    QString text() const;

private:
    void update();
    void tryNow();

    client::Workspace *m_workspace = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_try = nullptr;
};

} // namespace skillex::views
