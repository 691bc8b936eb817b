// AuditPage: the Audit area of the console.
#pragma once

#include <QWidget>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class AuditPage : public QWidget {
    Q_OBJECT

public:
    explicit AuditPage(client::Workspace *workspace, QWidget *parent = nullptr);

private:
    client::Workspace *m_workspace = nullptr;
};

} // namespace skillex::views
