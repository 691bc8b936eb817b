// CompositionRoot: the only place that knows how the console's pieces fit together.
#include "app/compositionroot.h"

#include "app/mainwindow.h"
#include "app/prepareofflinerun.h"
#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "client/auth/serverprofiles.h"
#include "client/auth/tokenstore.h"
#include "client/connection/connectionstate.h"
#include "client/local/demoserver.h"
#include "client/sync/syncengine.h"
#include "client/workspace/workspace.h"
#include "common/logging.h"
#include "views/signin/signindialog.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QProgressDialog>

#include <cstdio>

namespace skillex::app {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("app");
    return logger;
}

// Long enough for a first demo start that seeds a month of activity on a slow machine.
constexpr int kScreenshotDeadlineMs = 180'000;

} // namespace

CompositionRoot::CompositionRoot(ConsoleOptions options, ConsolePaths paths, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_paths(std::move(paths))
    , m_profiles(new client::ServerProfiles(m_paths.settingsFile, this))
    , m_tokens(
          new client::TokenStore(m_paths.dataDir, client::TokenStore::Backend::Automatic, this))
    , m_api(new client::ApiClient(this))
    , m_session(new client::AuthSession(m_api, m_tokens, this))
    , m_connection(new client::ConnectionState(this))
    , m_workspace(new client::Workspace(m_session, m_api, m_connection, this))
{
    m_connection->follow(m_session, m_api);
    connect(m_session, &client::AuthSession::signedIn, this, &CompositionRoot::openMainWindow);
    connect(m_session, &client::AuthSession::signInFailed, this, &CompositionRoot::onSignInFailed);
    connect(m_session, &client::AuthSession::sessionExpired, this,
            &CompositionRoot::onSessionExpired);

    m_screenshotDeadline.setSingleShot(true);
    m_screenshotDeadline.setInterval(kScreenshotDeadlineMs);
    connect(&m_screenshotDeadline, &QTimer::timeout, this, [this] {
        fail(tr("The console did not finish loading within %1 seconds, so no screenshot was "
                "taken.")
                 .arg(kScreenshotDeadlineMs / 1000));
    });
}

CompositionRoot::~CompositionRoot()
{
    // Windows first: they hold pointers into the session and the connection state.
    m_dialog.reset();
    m_window.reset();
    m_workspace->close();
    if (m_demo)
        m_demo->stop();
}

void CompositionRoot::start()
{
    if (!m_options.screenshot.isEmpty())
        m_screenshotDeadline.start();
    if (m_options.demo)
        startDemo();
    else
        startWithProfile();
}

void CompositionRoot::startDemo()
{
    const QString base = m_paths.cacheDir.isEmpty() ? m_paths.dataDir : m_paths.cacheDir;
    const QString dataDir = QDir(base).filePath(QStringLiteral("demo-server"));
    m_demo = new client::DemoServer(this);
    m_demo->setDataDir(dataDir);
    connect(m_demo, &client::DemoServer::failed, this, &CompositionRoot::fail);
    connect(m_demo, &client::DemoServer::exitedUnexpectedly, this, [this](const QString &message) {
        m_connection->moveTo(client::ConnectionState::State::ServerUnavailable,
                             client::ApiError::network(
                                 m_demo->url(), QNetworkReply::ConnectionRefusedError, message));
    });
    connect(m_demo, &client::DemoServer::progress, this,
            [this](int done, int total, const QString &text) {
                if (!m_demoProgress)
                    return;
                m_demoProgress->setRange(0, total);
                m_demoProgress->setValue(done);
                // The server's own words (it knows what it is doing), shown as they come.
                m_demoProgress->setLabelText(text);
            });
    connect(m_demo, &client::DemoServer::ready, this, [this](const QUrl &url) {
        const auto admin = m_demo->credentials().accountFor(QStringLiteral("admin"));
        if (!admin) {
            fail(tr("The demo server has no admin account in its credentials file."));
            return;
        }
        if (m_demoProgress) {
            m_demoProgress->setRange(0, 0);
            m_demoProgress->setLabelText(tr("Signing in as the demo admin\u2026"));
        }
        m_session->signIn({url, tr("Demo"), admin->email, admin->password, false});
    });

    if (m_options.screenshot.isEmpty()) {
        m_demoProgress = std::make_unique<QProgressDialog>();
        m_demoProgress->setWindowTitle(tr("Skillex Console"));
        m_demoProgress->setLabelText(tr("Starting the local demo server\u2026"));
        m_demoProgress->setRange(0, 0);
        m_demoProgress->setMinimumDuration(0);
        m_demoProgress->setMinimumWidth(380);
        connect(m_demoProgress.get(), &QProgressDialog::canceled, this, [this] {
            m_demo->stop();
            emit finished(0);
        });
        m_demoProgress->show();
    }
    m_demo->start();
}

QString CompositionRoot::profileForServer(const QUrl &server)
{
    if (const auto existing = m_profiles->findByUrl(server))
        return existing->name;
    QString name =
        m_options.profile.isEmpty()
            ? (server.port() > 0 ? QStringLiteral("%1:%2").arg(server.host()).arg(server.port())
                                 : server.host())
            : m_options.profile;
    const QString base = name;
    for (int n = 2; m_profiles->indexOf(name) >= 0; ++n)
        name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    const QString error = m_profiles->add({name, server, {}, false});
    if (!error.isEmpty()) {
        fail(error);
        return {};
    }
    return name;
}

void CompositionRoot::startWithProfile()
{
    QString profileName;
    if (!m_options.server.isEmpty()) {
        profileName = profileForServer(m_options.server);
        if (profileName.isEmpty())
            return;
    } else if (!m_options.profile.isEmpty()) {
        if (!m_profiles->find(m_options.profile)) {
            QStringList known;
            for (const auto &profile : m_profiles->profiles())
                known << profile.name;
            fail(known.isEmpty()
                     ? tr("There is no server profile named \u201c%1\u201d, and none is saved yet.")
                           .arg(m_options.profile)
                     : tr("There is no server profile named \u201c%1\u201d. Saved profiles: %2.")
                           .arg(m_options.profile, known.join(QStringLiteral(", "))));
            return;
        }
        profileName = m_profiles->find(m_options.profile)->name;
    } else {
        profileName = m_profiles->lastUsed();
    }
    if (!profileName.isEmpty())
        m_profiles->setLastUsed(profileName);
    if (m_options.offline) {
        startOffline(profileName);
        return;
    }
    if (m_options.prepareOffline) {
        startPrepareOffline(profileName);
        return;
    }
    tryResume(profileName);
}

void CompositionRoot::tryResume(const QString &profileName)
{
    const auto profile = m_profiles->find(profileName);
    if (!profile || !profile->keepSignedIn || profile->lastEmail.isEmpty()) {
        showSignIn();
        return;
    }
    m_tokens->load(profile->name, profile->lastEmail, this,
                   [this, profile](std::optional<QString> token, const QString &) {
                       if (!token) {
                           showSignIn();
                           return;
                       }
                       m_resuming = true;
                       m_session->resume(profile->url, profile->name, profile->lastEmail, *token);
                   });
}

void CompositionRoot::startOffline(const QString &profileName)
{
    const auto profile = m_profiles->find(profileName);
    if (!profile) {
        fail(tr("--offline needs a server profile that has been used online before."));
        return;
    }
    if (!m_workspace->openOffline(cacheBase(), profile->name, profile->url,
                                  profile->lastEmail)) {
        fail(m_workspace->errorString());
        return;
    }
    log()->info("offline from the cache {}", logging::str(m_workspace->cachePath()));
    openMainWindow();
}

QString CompositionRoot::cacheBase() const
{
    // --cache-dir, else what the caller chose (tests: a temporary folder), else the user's.
    return m_options.cacheDir.isEmpty() ? m_paths.cacheDir : m_options.cacheDir;
}

void CompositionRoot::startPrepareOffline(const QString &profileName)
{
    const auto profile = m_profiles->find(profileName);
    if (!profile) {
        fail(tr("--prepare-offline needs --server or --profile (or a profile used before)."));
        return;
    }
    const QString email = qEnvironmentVariable("SKILLEX_EMAIL");
    const QString password = qEnvironmentVariable("SKILLEX_PASSWORD");
    if (!email.isEmpty() && !password.isEmpty()) {
        m_session->signIn({profile->url, profile->name, email, password, false});
        return;
    }
    if (!profile->keepSignedIn || profile->lastEmail.isEmpty()) {
        fail(tr("No kept session for the profile \u201c%1\u201d: sign in once with \u201cKeep me "
                "signed in\u201d, or set SKILLEX_EMAIL and SKILLEX_PASSWORD.")
                 .arg(profile->name));
        return;
    }
    tryResume(profile->name);
}

bool CompositionRoot::openWorkspace()
{
    if (m_workspace->isOpen()) {
        if (m_workspace->isOffline())
            m_workspace->goOnline();
        return true;
    }
    if (!m_workspace->open({cacheBase(), false})) {
        fail(tr("Could not open the local cache: %1").arg(m_workspace->errorString()));
        return false;
    }
    log()->info("cache {}", logging::str(m_workspace->cachePath()));
    return true;
}

void CompositionRoot::showSignIn(const QString &message)
{
    if (m_options.prepareOffline) {
        fail(message.isEmpty() ? tr("--prepare-offline could not sign in.") : message);
        return;
    }
    if (!m_dialog) {
        m_dialog = std::make_unique<views::SignInDialog>(m_profiles, m_session);
        connect(m_dialog.get(), &QDialog::rejected, this, [this] {
            // Nothing to go back to without a signed-in window: closing the dialog quits.
            if (!m_session->isSignedIn())
                emit finished(0);
        });
    }
    if (!m_profiles->lastUsed().isEmpty())
        m_dialog->selectProfile(m_profiles->lastUsed());
    m_dialog->showError(message);
    if (m_window && m_window->isVisible())
        m_dialog->setWindowModality(Qt::ApplicationModal);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    if (!m_options.screenshot.isEmpty() && !m_screenshotScheduled) {
        m_screenshotScheduled = true;
        QTimer::singleShot(300, this, &CompositionRoot::takeScreenshot);
    }
}

void CompositionRoot::openMainWindow()
{
    m_resuming = false;
    m_demoProgress.reset();
    if (m_dialog && m_dialog->isVisible())
        m_dialog->hide();
    if (m_session->isSignedIn() && !openWorkspace())
        return;
    if (m_options.prepareOffline) {
        if (m_prepareRun)
            return;
        m_prepareRun = new PrepareOfflineRun(m_workspace, m_options.offlineLimit, this);
        connect(m_prepareRun, &PrepareOfflineRun::finished, this, [this](int code) {
            m_done = true;
            emit finished(code);
        });
        m_prepareRun->start();
        return;
    }
    if (!m_window) {
        m_window = std::make_unique<MainWindow>(m_workspace, m_paths.settingsFile);
        connect(m_window.get(), &MainWindow::signOutRequested, this, &CompositionRoot::signOut);
        connect(m_window.get(), &MainWindow::closed, this, [this] {
            if (!m_signingOut)
                emit finished(0);
        });
    }
    m_window->refreshIdentity();
    if (m_options.view && !m_window->showArea(*m_options.view))
        log()->warn(
            "--view {}: this role cannot use that area; showing {} instead",
            logging::str(views::areaKey(*m_options.view)),
            logging::str(views::areaKey(m_window->currentArea().value_or(views::Area::Dashboard))));
    if (!m_options.screenshot.isEmpty()) {
        // A fixed size, so screenshots are comparable from run to run.
        m_window->resize(1280, 800);
        m_window->show();
        if (!m_screenshotScheduled) {
            m_screenshotScheduled = true;
            scheduleWindowScreenshot();
        }
        return;
    }
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void CompositionRoot::onSignInFailed(const client::ApiError &error)
{
    if (m_demo) {
        fail(tr("Could not sign in to the demo server: %1").arg(error.message()));
        return;
    }
    if (m_options.prepareOffline) {
        fail(tr("Could not sign in: %1").arg(error.message()));
        return;
    }
    if (m_resuming) {
        // The kept session did not hold: ask for the password, saying why.
        m_resuming = false;
        showSignIn(error.isSessionProblem() ? tr("Your session has ended. Sign in again.")
                                            : error.message());
    }
    // Otherwise the sign-in dialog started this attempt and shows the message itself.
}

void CompositionRoot::onSessionExpired(const client::ApiError &error)
{
    log()->warn("session expired: {}", logging::str(error.logText()));
    if (m_demo) {
        // The demo signs in by itself; no person needs to type a password.
        const auto admin = m_demo->credentials().accountFor(QStringLiteral("admin"));
        if (admin)
            m_session->signIn({m_demo->url(), tr("Demo"), admin->email, admin->password, false});
        return;
    }
    showSignIn(error.message());
}

void CompositionRoot::signOut()
{
    m_session->signOut();
    if (m_window) {
        m_signingOut = true;
        m_window->close(); // saves geometry; closed() is not a quit here
        m_window.reset();
        m_signingOut = false;
    }
    m_workspace->close();
    if (m_demo) {
        emit finished(0);
        return;
    }
    showSignIn();
}

void CompositionRoot::scheduleWindowScreenshot()
{
    // The screen worth looking at is the synced one: wait for the cache to be live (offline it
    // already shows what it has), then give the page a moment for what it fetches itself.
    constexpr int kSettleMs = 1500;
    client::SyncEngine *sync = m_workspace->isOpen() && !m_workspace->isOffline()
                                   ? m_workspace->sync()
                                   : nullptr;
    if (!sync || sync->isLive()) {
        QTimer::singleShot(sync ? kSettleMs : 500, this, &CompositionRoot::takeScreenshot);
        return;
    }
    connect(sync, &client::SyncEngine::live, this,
            [this] { QTimer::singleShot(kSettleMs, this, &CompositionRoot::takeScreenshot); },
            Qt::SingleShotConnection);
}

void CompositionRoot::takeScreenshot()
{
    if (m_done)
        return;
    QWidget *target = m_window && m_window->isVisible() ? static_cast<QWidget *>(m_window.get())
                                                        : static_cast<QWidget *>(m_dialog.get());
    if (!target) {
        fail(tr("There was no window to take a screenshot of."));
        return;
    }
    QApplication::processEvents();
    const QPixmap pixmap = target->grab();
    if (pixmap.isNull() || !pixmap.save(m_options.screenshot, "PNG")) {
        fail(tr("Could not save the screenshot to %1.").arg(m_options.screenshot));
        return;
    }
    log()->info("screenshot of {} saved to {} ({}x{})", logging::str(target->objectName()),
                logging::str(m_options.screenshot), pixmap.width(), pixmap.height());
    m_done = true;
    m_screenshotDeadline.stop();
    emit finished(0);
}

void CompositionRoot::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_screenshotDeadline.stop();
    m_demoProgress.reset();
    log()->error("{}", logging::str(message));
    std::fprintf(stderr, "skillex-console: %s\n", qPrintable(message));
    if (!m_options.screenshot.isEmpty() || m_options.prepareOffline) {
        emit finished(1);
        return;
    }
    // Not exec(): a nested event loop here would freeze everything else until dismissed.
    m_errorBox = std::make_unique<QMessageBox>(QMessageBox::Critical, tr("Skillex Console"),
                                               message, QMessageBox::Close);
    m_errorBox->setObjectName(QStringLiteral("fatalErrorBox"));
    connect(m_errorBox.get(), &QMessageBox::finished, this, [this] { emit finished(1); });
    m_errorBox->open();
}

} // namespace skillex::app
