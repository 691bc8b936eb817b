// FinancePage: the Finance area of the console.
#pragma once

#include <QWidget>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class FinancePage : public QWidget {
    Q_OBJECT

public:
    explicit FinancePage(client::Workspace *workspace, QWidget *parent = nullptr);

private:
    client::Workspace *m_workspace = nullptr;
};

} // namespace skillex::views
