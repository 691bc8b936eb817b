// MainWindow: the console's frame — navigation rail, the areas' pages, and the status bar.
#pragma once

#include "views/common/area.h"

#include <QHash>
#include <QMainWindow>

class QStackedWidget;

namespace skillex::client {
class AuthSession;
class Workspace;
} // namespace skillex::client

namespace skillex::views {
class ConnectionStatusWidget;
class NavigationRail;
class WorkspaceHeader;
} // namespace skillex::views

namespace skillex::app {

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // settingsFile: where geometry and the last area are kept; empty means the app's QSettings.
    // The areas' pages are made the first time they are shown, over the workspace's cache.
    explicit MainWindow(client::Workspace *workspace, const QString &settingsFile = {},
                        QWidget *parent = nullptr);

    // Takes the signed-in person from the session: identity, and which areas the rail shows.
    void refreshIdentity();

    // Returns false when the role cannot use area (it stays hidden).
    bool showArea(views::Area area);
    std::optional<views::Area> currentArea() const;
    // The area's page, made if it was not yet (null for an area the role cannot use).
    QWidget *page(views::Area area);

    views::NavigationRail *rail() const { return m_rail; }
    views::ConnectionStatusWidget *statusWidget() const { return m_status; }
    views::WorkspaceHeader *header() const { return m_header; }

signals:
    void signOutRequested();
    // The window was closed (by the person, or by Ctrl+Q): the console should quit.
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onAreaChosen(views::Area area);
    void saveState() const;

    client::Workspace *m_workspace;
    client::AuthSession *m_session;
    QString m_settingsFile;
    views::NavigationRail *m_rail = nullptr;
    views::WorkspaceHeader *m_header = nullptr;
    QStackedWidget *m_pages = nullptr;
    views::ConnectionStatusWidget *m_status = nullptr;
    QHash<int, QWidget *> m_pageFor; // Area -> page, once made
};

} // namespace skillex::app
