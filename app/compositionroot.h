// CompositionRoot: builds the console's objects once and wires them — demo, sign-in, main window.
#pragma once

#include "app/consoleoptions.h"
#include "client/api/apierror.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QMessageBox;
class QProgressDialog;

namespace skillex::client {
class ApiClient;
class AuthSession;
class ConnectionState;
class DemoServer;
class ServerProfiles;
class TokenStore;
class Workspace;
} // namespace skillex::client

namespace skillex::views {
class SignInDialog;
}

namespace skillex::app {

class MainWindow;
class PrepareOfflineRun;

// Where the console keeps its files; main() fills it from QStandardPaths, tests from a temp dir.
struct ConsolePaths {
    QString dataDir;      // tokens file fallback, logs
    QString cacheDir;     // cached data; the demo server's database lives under it
    QString settingsFile; // empty: the application's QSettings
};

class CompositionRoot : public QObject {
    Q_OBJECT

public:
    CompositionRoot(ConsoleOptions options, ConsolePaths paths, QObject *parent = nullptr);
    ~CompositionRoot() override;

    // Starts the flow; it ends in finished() (quit with that code) or runs until the person quits.
    void start();

    MainWindow *mainWindow() const { return m_window.get(); }
    views::SignInDialog *signInDialog() const { return m_dialog.get(); }
    QMessageBox *errorBox() const { return m_errorBox.get(); }
    client::AuthSession *session() const { return m_session; }
    client::ServerProfiles *profiles() const { return m_profiles; }
    client::ConnectionState *connection() const { return m_connection; }
    client::Workspace *workspace() const { return m_workspace; }

signals:
    void finished(int exitCode);

private:
    void startDemo();
    void startWithProfile();
    void startOffline(const QString &profileName);
    void startPrepareOffline(const QString &profileName);
    bool openWorkspace();
    QString cacheBase() const;
    QString profileForServer(const QUrl &server);
    void tryResume(const QString &profileName);
    void showSignIn(const QString &message = {});
    void openMainWindow();
    void onSignInFailed(const client::ApiError &error);
    void onSessionExpired(const client::ApiError &error);
    void signOut();
    void scheduleWindowScreenshot();
    void takeScreenshot();
    void fail(const QString &message);

    ConsoleOptions m_options;
    ConsolePaths m_paths;
    client::ServerProfiles *m_profiles = nullptr;
    client::TokenStore *m_tokens = nullptr;
    client::ApiClient *m_api = nullptr;
    client::AuthSession *m_session = nullptr;
    client::ConnectionState *m_connection = nullptr;
    client::DemoServer *m_demo = nullptr;
    client::Workspace *m_workspace = nullptr;
    PrepareOfflineRun *m_prepareRun = nullptr;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<views::SignInDialog> m_dialog;
    std::unique_ptr<QProgressDialog> m_demoProgress;
    std::unique_ptr<QMessageBox> m_errorBox;
    QTimer m_screenshotDeadline;
    bool m_resuming = false;
    bool m_signingOut = false;
    bool m_screenshotScheduled = false;
    bool m_done = false;
};

} // namespace skillex::app
