// CasesPage: the Cases area of the console.
#pragma once

#include <QWidget>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class CasesPage : public QWidget {
    Q_OBJECT

public:
    explicit CasesPage(client::Workspace *workspace, QWidget *parent = nullptr);

private:
    client::Workspace *m_workspace = nullptr;
};

} // namespace skillex::views
