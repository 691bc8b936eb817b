// ConsoleHarness: simulate, start, then sign consoles in through the same classes the console
// uses (AuthSession, Workspace, SyncEngine).
#include "consoleharness.h"

#include "client/sync/syncengine.h"

#include <QSignalSpy>
#include <QTest>

namespace skillex::tests {

ConsoleHarness::ConsoleHarness() = default;

ConsoleHarness::~ConsoleHarness()
{
    m_server.stop();
}

bool ConsoleHarness::start(int members, int days, int seed)
{
    if (!m_server.prepareDatabase()) {
        m_error = m_server.error();
        return false;
    }
    QByteArray out;
    QByteArray err;
    const int code = m_server.runCommand(
        {QStringLiteral("simulate"), QStringLiteral("--db"), m_server.databaseUrl(),
         QStringLiteral("--members"), QString::number(members), QStringLiteral("--days"),
         QString::number(days), QStringLiteral("--seed"), QString::number(seed)},
        {}, &out, &err);
    if (code != 0) {
        m_error = QStringLiteral("simulate failed (%1): %2")
                      .arg(code)
                      .arg(QString::fromUtf8(err.right(2000)));
        return false;
    }
    if (!m_server.start()) {
        m_error = m_server.error();
        return false;
    }
    return true;
}

std::unique_ptr<StaffConsole> ConsoleHarness::openConsole(const QString &role, int timeoutMs)
{
    auto console = std::make_unique<StaffConsole>();
    console->account = m_server.createStaff(role);
    if (console->account.email.isEmpty()) {
        m_error = m_server.error();
        return nullptr;
    }
    console->connection.follow(&console->session, &console->api);
    QSignalSpy signedIn(&console->session, &client::AuthSession::signedIn);
    QSignalSpy failed(&console->session, &client::AuthSession::signInFailed);
    const QString profile = QStringLiteral("test-%1").arg(++m_consoles);
    console->session.signIn({m_server.baseUrl(), profile, console->account.email,
                             console->account.password, false});
    if (!QTest::qWaitFor([&] { return !signedIn.isEmpty() || !failed.isEmpty(); }, timeoutMs) ||
        signedIn.isEmpty()) {
        m_error = failed.isEmpty()
                      ? QStringLiteral("sign-in timed out")
                      : failed.first().first().value<client::ApiError>().message();
        return nullptr;
    }
    console->cacheDir = m_caches.filePath(profile);
    if (!console->workspace.open({console->cacheDir, false})) {
        m_error = console->workspace.errorString();
        return nullptr;
    }
    client::SyncEngine *sync = console->workspace.sync();
    if (!QTest::qWaitFor([&] { return sync->isLive(); }, timeoutMs)) {
        m_error = QStringLiteral("the console did not become live within %1 ms").arg(timeoutMs);
        return nullptr;
    }
    return console;
}

} // namespace skillex::tests
