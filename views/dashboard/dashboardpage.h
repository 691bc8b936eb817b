// DashboardPage: the Dashboard area of the console.
#pragma once

#include <QWidget>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class DashboardPage : public QWidget {
    Q_OBJECT

public:
    explicit DashboardPage(client::Workspace *workspace, QWidget *parent = nullptr);

private:
    client::Workspace *m_workspace = nullptr;
};

} // namespace skillex::views
