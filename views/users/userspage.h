// UsersPage: the Users area — member search and files for everyone who may read them, and staff
// management as a second tab for admins only.
#pragma once

#include <QWidget>

class QTabWidget;

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class MemberBrowser;
class StaffPanel;

class UsersPage : public QWidget {
    Q_OBJECT

public:
    explicit UsersPage(client::Workspace *workspace, QWidget *parent = nullptr);

    MemberBrowser *members() const { return m_members; }
    // Null unless the person may manage staff (admins).
    StaffPanel *staff() const { return m_staff; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    client::Workspace *m_workspace = nullptr;
    QTabWidget *m_tabs = nullptr;
    MemberBrowser *m_members = nullptr;
    StaffPanel *m_staff = nullptr;
};

} // namespace skillex::views
