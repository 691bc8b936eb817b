// TokenStore's file fallback: 0600 file in an owner-only folder, round trips, keys per profile.
#include "client/auth/tokenstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace skillex;
using client::TokenStore;

namespace {

struct Loaded {
    bool done = false;
    std::optional<QString> token;
    QString error;
};

Loaded load(TokenStore &store, const QString &profile, const QString &email)
{
    Loaded loaded;
    store.load(profile, email, nullptr, [&](std::optional<QString> token, const QString &error) {
        loaded.done = true;
        loaded.token = std::move(token);
        loaded.error = error;
    });
    (void)QTest::qWaitFor([&] { return loaded.done; }, 5000);
    return loaded;
}

bool save(TokenStore &store, const QString &profile, const QString &email, const QString &token)
{
    std::optional<bool> ok;
    store.save(profile, email, token, nullptr, [&](bool result, const QString &) { ok = result; });
    (void)QTest::qWaitFor([&] { return ok.has_value(); }, 5000);
    return ok.value_or(false);
}

mode_t modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 0777;
}

} // namespace

class TestTokenStore : public QObject {
    Q_OBJECT

private slots:
    void fileStoreWrites0600AndRoundTrips();
    void keysSeparateProfilesAndEmails();
    void removeForgets();
    void environmentForcesFileStore();
    void looseFilePermissionsAreTightened();
    void failingKeychainFallsBackToFile();
    void keychainRoundTrip();
};

void TestTokenStore::fileStoreWrites0600AndRoundTrips()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("app-data"));
    TokenStore store(folder, TokenStore::Backend::File);
    QCOMPARE(store.activeBackend(), TokenStore::Backend::File);
    QVERIFY(!QFileInfo::exists(store.filePath()));

    QVERIFY(save(store, QStringLiteral("Production"), QStringLiteral("Ada@Example.com"),
                 QStringLiteral("refresh-123")));
    QVERIFY(QFileInfo::exists(store.filePath()));
    QCOMPARE(modeOf(store.filePath()), mode_t(0600));
    QCOMPARE(modeOf(folder), mode_t(0700));

    // Email case does not matter; a fresh instance reads what the first wrote.
    TokenStore again(folder, TokenStore::Backend::File);
    const auto loaded =
        load(again, QStringLiteral("Production"), QStringLiteral("ada@example.com"));
    QVERIFY(loaded.done);
    QVERIFY(loaded.error.isEmpty());
    QCOMPARE(loaded.token, std::optional<QString>(QStringLiteral("refresh-123")));

    // Overwriting keeps the permissions.
    QVERIFY(save(again, QStringLiteral("Production"), QStringLiteral("ada@example.com"),
                 QStringLiteral("refresh-456")));
    QCOMPARE(modeOf(store.filePath()), mode_t(0600));
    QCOMPARE(load(store, QStringLiteral("Production"), QStringLiteral("ada@example.com")).token,
             std::optional<QString>(QStringLiteral("refresh-456")));
}

void TestTokenStore::keysSeparateProfilesAndEmails()
{
    QTemporaryDir dir;
    TokenStore store(dir.path(), TokenStore::Backend::File);
    QVERIFY(
        save(store, QStringLiteral("Production"), QStringLiteral("a@x.io"), QStringLiteral("p-a")));
    QVERIFY(
        save(store, QStringLiteral("Staging"), QStringLiteral("a@x.io"), QStringLiteral("s-a")));
    QVERIFY(
        save(store, QStringLiteral("Production"), QStringLiteral("b@x.io"), QStringLiteral("p-b")));
    QCOMPARE(load(store, QStringLiteral("Production"), QStringLiteral("a@x.io")).token,
             std::optional<QString>(QStringLiteral("p-a")));
    QCOMPARE(load(store, QStringLiteral("Staging"), QStringLiteral("a@x.io")).token,
             std::optional<QString>(QStringLiteral("s-a")));
    QCOMPARE(load(store, QStringLiteral("Production"), QStringLiteral("b@x.io")).token,
             std::optional<QString>(QStringLiteral("p-b")));
    const auto missing = load(store, QStringLiteral("Staging"), QStringLiteral("b@x.io"));
    QVERIFY(missing.done);
    QVERIFY(!missing.token);
    QVERIFY(missing.error.isEmpty());
}

void TestTokenStore::removeForgets()
{
    QTemporaryDir dir;
    TokenStore store(dir.path(), TokenStore::Backend::File);
    QVERIFY(save(store, QStringLiteral("P"), QStringLiteral("a@x.io"), QStringLiteral("t")));
    std::optional<bool> removed;
    store.remove(QStringLiteral("P"), QStringLiteral("a@x.io"), nullptr,
                 [&](bool ok, const QString &) { removed = ok; });
    QTRY_VERIFY(removed.has_value());
    QVERIFY(*removed);
    QVERIFY(!load(store, QStringLiteral("P"), QStringLiteral("a@x.io")).token);
    QFile file(store.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("\"t\""));
}

void TestTokenStore::environmentForcesFileStore()
{
    QTemporaryDir dir;
    qputenv("SKILLEX_TOKEN_STORE", "file");
    TokenStore store(dir.path());
    qunsetenv("SKILLEX_TOKEN_STORE");
    QCOMPARE(store.activeBackend(), TokenStore::Backend::File);
    QVERIFY(save(store, QStringLiteral("P"), QStringLiteral("a@x.io"), QStringLiteral("t")));
    QCOMPARE(modeOf(store.filePath()), mode_t(0600));
}

void TestTokenStore::looseFilePermissionsAreTightened()
{
    QTemporaryDir dir;
    TokenStore store(dir.path(), TokenStore::Backend::File);
    QVERIFY(save(store, QStringLiteral("P"), QStringLiteral("a@x.io"), QStringLiteral("t")));
    QVERIFY(QFile::setPermissions(store.filePath(), QFileDevice::ReadOwner |
                                                        QFileDevice::WriteOwner |
                                                        QFileDevice::ReadOther));
    QCOMPARE(modeOf(store.filePath()), mode_t(0604));
    QCOMPARE(load(store, QStringLiteral("P"), QStringLiteral("a@x.io")).token,
             std::optional<QString>(QStringLiteral("t")));
    QCOMPARE(modeOf(store.filePath()), mode_t(0600));
}

void TestTokenStore::failingKeychainFallsBackToFile()
{
    // A session bus address that leads nowhere: QtKeychain is asked and fails, as on a desktop
    // without a secret service. The token must still be kept, in the file.
    QTemporaryDir dir;
    const QByteArray previous = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/skillex-test-bus");
    TokenStore store(dir.path());
    QCOMPARE(store.activeBackend(), TokenStore::Backend::Keychain);
    QElapsedTimer clock;
    clock.start();
    const bool saved =
        save(store, QStringLiteral("P"), QStringLiteral("a@x.io"), QStringLiteral("kept-in-file"));
    if (previous.isEmpty())
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    else
        qputenv("DBUS_SESSION_BUS_ADDRESS", previous);
    QVERIFY(saved);
    QVERIFY2(clock.elapsed() < 4000, "the fallback must not wait for a D-Bus time-out");
    QCOMPARE(store.activeBackend(), TokenStore::Backend::File);
    QCOMPARE(modeOf(store.filePath()), mode_t(0600));
    QCOMPARE(load(store, QStringLiteral("P"), QStringLiteral("a@x.io")).token,
             std::optional<QString>(QStringLiteral("kept-in-file")));
}

void TestTokenStore::keychainRoundTrip()
{
    // Needs an unlocked secret service, e.g.
    //   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets
    //                              && SKILLEX_TEST_KEYCHAIN=1 tst_tokenstore'
    if (qEnvironmentVariableIsEmpty("SKILLEX_TEST_KEYCHAIN"))
        QSKIP("set SKILLEX_TEST_KEYCHAIN=1 inside a session with an unlocked keychain");
    QTemporaryDir dir;
    TokenStore store(dir.path(), TokenStore::Backend::Keychain);
    const QString profile = QStringLiteral("tst-%1").arg(QCoreApplication::applicationPid());
    QVERIFY(save(store, profile, QStringLiteral("a@x.io"), QStringLiteral("in-the-keychain")));
    QCOMPARE(store.activeBackend(), TokenStore::Backend::Keychain);
    QVERIFY(!QFileInfo::exists(store.filePath())); // nothing fell back to the file
    QCOMPARE(load(store, profile, QStringLiteral("a@x.io")).token,
             std::optional<QString>(QStringLiteral("in-the-keychain")));
    std::optional<bool> removed;
    store.remove(profile, QStringLiteral("a@x.io"), nullptr,
                 [&](bool ok, const QString &) { removed = ok; });
    QTRY_VERIFY(removed.has_value());
    QVERIFY(*removed);
    QVERIFY(!load(store, profile, QStringLiteral("a@x.io")).token);
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
