// UsersPage: the Users area of the console.
#pragma once

#include <QWidget>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class UsersPage : public QWidget {
    Q_OBJECT

public:
    explicit UsersPage(client::Workspace *workspace, QWidget *parent = nullptr);

private:
    client::Workspace *m_workspace = nullptr;
};

} // namespace skillex::views
