// The console's first minutes against the real server, offscreen: sign-in dialog to main window
// (person and role shown, rail by role), wrong password, refused connection, sign-out, and a
// kept session that opens without the dialog. Screenshots go to $SKILLEX_TEST_ARTIFACTS.
#include "app/compositionroot.h"
#include "app/mainwindow.h"
#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "client/auth/serverprofiles.h"
#include "client/connection/connectionstate.h"
#include "guitest.h"
#include "tests/testutils/testserver.h"
#include "views/common/connectionstatuswidget.h"
#include "views/common/navigationrail.h"
#include "views/common/workspaceheader.h"
#include "views/signin/signindialog.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace skillex;
using views::Area;

namespace {

struct Console {
    QTemporaryDir dir;
    std::unique_ptr<app::CompositionRoot> root;

    explicit Console(const QUrl &server, std::optional<Area> view = std::nullopt,
                     const QString &reuseDir = {})
    {
        app::ConsoleOptions options;
        options.server = server;
        options.view = view;
        const QString base = reuseDir.isEmpty() ? dir.path() : reuseDir;
        app::ConsolePaths paths{base + QStringLiteral("/data"), base + QStringLiteral("/cache"),
                                base + QStringLiteral("/settings.ini")};
        root = std::make_unique<app::CompositionRoot>(options, paths);
        root->start();
    }
};

void submit(views::SignInDialog *dialog, const QString &email, const QString &password,
            bool keep = false)
{
    auto *emailEdit = dialog->findChild<QLineEdit *>(QStringLiteral("emailEdit"));
    auto *passwordEdit = dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
    emailEdit->clear();
    QTest::keyClicks(emailEdit, email);
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
    dialog->findChild<QCheckBox *>(QStringLiteral("keepSignedInCheck"))->setChecked(keep);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
}

} // namespace

class TestConsoleSignIn : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void adminSignsInAndSeesEveryArea();
    void viewerSeesOnlyWhatTheRoleAllows();
    void financeSeesFinanceNotCases();
    void wrongPasswordIsShownInTheDialog();
    void refusedConnectionIsShownInTheDialog();
    void signOutReturnsToTheDialog();
    void keptSessionOpensWithoutTheDialog();
    void expiredSessionAsksToSignInAgain();
    void windowRemembersGeometryAndArea();
    void serverGoingAwayShowsUnavailable(); // last: it restarts the server on a new port

private:
    app::MainWindow *signInAs(Console &console, const testutils::StaffAccount &account,
                              bool keep = false);

    testutils::TestServer m_server;
};

void TestConsoleSignIn::initTestCase()
{
    qputenv("SKILLEX_TOKEN_STORE", "file");
    tests::applyConsoleLook();
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
}

app::MainWindow *TestConsoleSignIn::signInAs(Console &console,
                                             const testutils::StaffAccount &account, bool keep)
{
    auto *dialog = console.root->signInDialog();
    if (!dialog || !dialog->isVisible())
        return nullptr;
    submit(dialog, account.email, account.password, keep);
    if (!QTest::qWaitFor(
            [&] { return console.root->mainWindow() && console.root->mainWindow()->isVisible(); },
            20000))
        return nullptr;
    return console.root->mainWindow();
}

void TestConsoleSignIn::adminSignsInAndSeesEveryArea()
{
    const auto account = m_server.createStaff(QStringLiteral("admin"));
    QVERIFY2(!account.email.isEmpty(), qPrintable(m_server.error()));
    Console console(m_server.baseUrl());
    auto *dialog = console.root->signInDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!console.root->mainWindow());
    // --server made a profile for the address, and the dialog picked it.
    QCOMPARE(dialog->selectedProfile(),
             QStringLiteral("127.0.0.1:%1").arg(m_server.baseUrl().port()));
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("signin-dialog")));

    submit(dialog, account.email, account.password);
    // While connecting: busy, button disabled, progress shown — never a frozen window.
    auto *button = dialog->findChild<QPushButton *>(QStringLiteral("signInButton"));
    QVERIFY(dialog->isBusy());
    QVERIFY(!button->isEnabled());
    QVERIFY(dialog->findChild<QProgressBar *>(QStringLiteral("signInProgress"))->isVisible());
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("signin-dialog-connecting")));

    QTRY_VERIFY_WITH_TIMEOUT(console.root->mainWindow() && console.root->mainWindow()->isVisible(),
                             20000);
    auto *window = console.root->mainWindow();
    QVERIFY(!dialog->isVisible());
    // Signed in, the first sync runs, then the event stream makes it live.
    QTRY_VERIFY_WITH_TIMEOUT(
        window->statusWidget()->text().startsWith(QStringLiteral("Live \u00b7 ")), 30000);
    const QString status = window->statusWidget()->text();
    QVERIFY2(status.contains(account.email), qPrintable(status));
    QVERIFY2(status.endsWith(QStringLiteral("(admin)")), qPrintable(status));
    QVERIFY2(window->header()->personText().endsWith(QStringLiteral("(admin)")),
             qPrintable(window->header()->personText()));
    QCOMPARE(window->rail()->shownAreas(), views::allAreas());
    QCOMPARE(window->currentArea(), std::optional<Area>(Area::Dashboard));
    QVERIFY(window->showArea(Area::Cases));
    QCOMPARE(window->header()->title(), QStringLiteral("Cases"));
    QVERIFY(tests::saveScreenshot(window, QStringLiteral("main-window-admin-cases")));
    QVERIFY(window->showArea(Area::Dashboard));
    QVERIFY(tests::saveScreenshot(window, QStringLiteral("main-window-admin")));
}

void TestConsoleSignIn::viewerSeesOnlyWhatTheRoleAllows()
{
    const auto account = m_server.createStaff(QStringLiteral("viewer"));
    QVERIFY2(!account.email.isEmpty(), qPrintable(m_server.error()));
    // Asking for Cases on the command line does not reveal it to a viewer.
    Console console(m_server.baseUrl(), Area::Cases);
    auto *window = signInAs(console, account);
    QVERIFY(window);
    QCOMPARE(window->rail()->shownAreas(),
             (QList<Area>{Area::Dashboard, Area::Users, Area::Audit}));
    for (Area hidden : {Area::Cases, Area::Finance, Area::Taxonomy}) {
        QVERIFY(!window->rail()->isAreaShown(hidden));
        QVERIFY(!window->showArea(hidden));
    }
    QCOMPARE(window->currentArea(), std::optional<Area>(Area::Dashboard));
    QVERIFY2(window->statusWidget()->text().endsWith(QStringLiteral("(viewer)")),
             qPrintable(window->statusWidget()->text()));
    QVERIFY(tests::saveScreenshot(window, QStringLiteral("main-window-viewer")));
}

void TestConsoleSignIn::financeSeesFinanceNotCases()
{
    const auto account = m_server.createStaff(QStringLiteral("finance"));
    Console console(m_server.baseUrl(), Area::Finance);
    auto *window = signInAs(console, account);
    QVERIFY(window);
    QCOMPARE(window->rail()->shownAreas(),
             (QList<Area>{Area::Dashboard, Area::Users, Area::Finance, Area::Audit}));
    QCOMPARE(window->currentArea(), std::optional<Area>(Area::Finance));
    QVERIFY(tests::saveScreenshot(window, QStringLiteral("main-window-finance")));
}

void TestConsoleSignIn::wrongPasswordIsShownInTheDialog()
{
    const auto account = m_server.createStaff(QStringLiteral("moderator"));
    Console console(m_server.baseUrl());
    auto *dialog = console.root->signInDialog();
    QVERIFY(dialog);
    submit(dialog, account.email, QStringLiteral("certainly-not-it"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
    QCOMPARE(dialog->errorText(), QStringLiteral("Email or password is wrong."));
    QVERIFY(dialog->isVisible());
    QVERIFY(!console.root->mainWindow());
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("signInButton"))->isEnabled());
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("signin-wrong-password")));

    // Correcting the password from the same dialog works.
    QVERIFY(signInAs(console, account));
}

void TestConsoleSignIn::refusedConnectionIsShownInTheDialog()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    Console console(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    auto *dialog = console.root->signInDialog();
    QVERIFY(dialog);
    submit(dialog, QStringLiteral("someone@example.com"), QStringLiteral("some password"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
    QCOMPARE(dialog->errorText(),
             QStringLiteral("Could not connect to http://127.0.0.1:%1: connection refused. Is the "
                            "server running?")
                 .arg(port));
    QVERIFY(dialog->isVisible());
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("signin-connection-refused")));
}

void TestConsoleSignIn::signOutReturnsToTheDialog()
{
    const auto account = m_server.createStaff(QStringLiteral("moderator"));
    Console console(m_server.baseUrl());
    auto *window = signInAs(console, account);
    QVERIFY(window);
    QSignalSpy finished(console.root.get(), &app::CompositionRoot::finished);
    emit window->header()->signOutRequested();
    QVERIFY(!console.root->mainWindow());
    QVERIFY(console.root->signInDialog()->isVisible());
    QVERIFY(!console.root->session()->isSignedIn());
    QCOMPARE(finished.count(), 0); // signing out is not quitting
}

void TestConsoleSignIn::keptSessionOpensWithoutTheDialog()
{
    const auto account = m_server.createStaff(QStringLiteral("senior_moderator"));
    QTemporaryDir shared;
    {
        Console first(m_server.baseUrl(), std::nullopt, shared.path());
        QVERIFY(signInAs(first, account, true));
        QTest::qWait(200); // let the token store write
    }
    Console second(m_server.baseUrl(), std::nullopt, shared.path());
    QTRY_VERIFY_WITH_TIMEOUT(second.root->mainWindow() && second.root->mainWindow()->isVisible(),
                             20000);
    QVERIFY(!second.root->signInDialog());
    QVERIFY2(second.root->mainWindow()->statusWidget()->text().endsWith(
                 QStringLiteral("(senior moderator)")),
             qPrintable(second.root->mainWindow()->statusWidget()->text()));
}

void TestConsoleSignIn::expiredSessionAsksToSignInAgain()
{
    const auto account = m_server.createStaff(QStringLiteral("moderator"));
    Console console(m_server.baseUrl());
    auto *window = signInAs(console, account);
    QVERIFY(window);
    // Both tokens refused, as after a long weekend: the next call cannot be saved by a refresh.
    auto *api = console.root->session()->api();
    api->setAccessToken(QStringLiteral("not-a-token"));
    api->setRefreshToken(QStringLiteral("not-a-refresh-token"));
    api->get(QStringLiteral("/api/v1/me"), nullptr, [](const client::ApiResult &) {});

    QTRY_VERIFY_WITH_TIMEOUT(console.root->signInDialog()->isVisible(), 20000);
    auto *dialog = console.root->signInDialog();
    QCOMPARE(dialog->errorText(), QStringLiteral("Your session has expired. Sign in again."));
    QCOMPARE(console.root->connection()->state(), client::ConnectionState::State::SessionExpired);
    QVERIFY(window->isVisible()); // the work stays on screen behind the dialog
    QVERIFY2(window->statusWidget()->text().startsWith(QStringLiteral("Session expired")),
             qPrintable(window->statusWidget()->text()));
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("signin-session-expired")));

    submit(dialog, account.email, account.password);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), 20000);
    QCOMPARE(console.root->mainWindow(), window);
    QTRY_COMPARE_WITH_TIMEOUT(console.root->connection()->state(),
                              client::ConnectionState::State::Live, 30000);
}

void TestConsoleSignIn::windowRemembersGeometryAndArea()
{
    const auto account = m_server.createStaff(QStringLiteral("admin"));
    QTemporaryDir shared;
    {
        Console first(m_server.baseUrl(), std::nullopt, shared.path());
        auto *window = signInAs(first, account);
        QVERIFY(window);
        QVERIFY(window->showArea(Area::Taxonomy));
        window->resize(1111, 733);
        QSignalSpy finished(first.root.get(), &app::CompositionRoot::finished);
        window->close();
        QCOMPARE(finished.count(), 1); // closing the main window quits the console
        QCOMPARE(finished.first().first().toInt(), 0);
    }
    Console second(m_server.baseUrl(), std::nullopt, shared.path());
    auto *window = signInAs(second, account);
    QVERIFY(window);
    QCOMPARE(window->size(), QSize(1111, 733));
    QCOMPARE(window->currentArea(), std::optional<Area>(Area::Taxonomy));
}

void TestConsoleSignIn::serverGoingAwayShowsUnavailable()
{
    const auto account = m_server.createStaff(QStringLiteral("viewer"));
    Console console(m_server.baseUrl());
    auto *window = signInAs(console, account);
    QVERIFY(window);
    QVERIFY(m_server.stop());
    bool answered = false;
    client::ApiError error;
    console.root->session()->api()->get(QStringLiteral("/api/v1/me"), nullptr,
                                        [&](const client::ApiResult &r) {
                                            answered = true;
                                            error = r.error;
                                        });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
    QCOMPARE(error.networkError(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(console.root->connection()->state(),
             client::ConnectionState::State::ServerUnavailable);
    const QString status = window->statusWidget()->text();
    QVERIFY2(status.startsWith(QStringLiteral("Server unavailable since ")), qPrintable(status));
    QVERIFY(tests::saveScreenshot(window, QStringLiteral("main-window-server-unavailable")));
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
}

QTEST_MAIN(TestConsoleSignIn)
#include "tst_console_signin.moc"
