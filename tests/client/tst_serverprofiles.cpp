// ServerProfiles: URL and name validation with clear reasons, and persistence across instances.
#include "client/api/serverurl.h"
#include "client/auth/serverprofiles.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace skillex;
using client::ServerProfile;
using client::ServerProfiles;
using client::ServerUrl;

class TestServerProfiles : public QObject {
    Q_OBJECT

private slots:
    void parseUrl_data();
    void parseUrl();
    void addValidatesNamesAndUrls();
    void persistsAcrossInstances();
    void updateAndRemove();
    void findByUrlIgnoresTrailingSlash();
    void ignoresBrokenEntriesInSettings();
};

void TestServerProfiles::parseUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::newRow("https") << "https://console.example.com" << QString();
    QTest::newRow("http with port") << " http://127.0.0.1:8080 " << QString();
    QTest::newRow("path prefix") << "https://example.com/skillex" << QString();
    QTest::newRow("empty") << ""
                           << "Enter the server address, for example https://console.example.com.";
    QTest::newRow("no scheme") << "localhost:8080"
                               << "The address must start with http:// or https://.";
    QTest::newRow("ftp") << "ftp://example.com"
                         << "The address must start with http:// or https://.";
    QTest::newRow("no host") << "http://"
                             << "The address has no host name, for example "
                                "https://console.example.com.";
    QTest::newRow("query") << "https://example.com/?a=1"
                           << "The address must not contain \u201c?\u201d or \u201c#\u201d parts.";
    QTest::newRow("user info") << "https://bob:secret@example.com"
                               << "The address must not contain a user name or password.";
}

void TestServerProfiles::parseUrl()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString actual;
    const QUrl url = ServerUrl::parse(text, &actual);
    QCOMPARE(actual, error);
    QCOMPARE(url.isValid(), error.isEmpty());
}

void TestServerProfiles::addValidatesNamesAndUrls()
{
    QTemporaryDir dir;
    ServerProfiles profiles(dir.filePath(QStringLiteral("settings.ini")));
    QSignalSpy added(&profiles, &ServerProfiles::profileAdded);
    QCOMPARE(profiles.add({QString(), QUrl(QStringLiteral("https://a.example")), {}, false}),
             QStringLiteral("Give the server profile a name."));
    QCOMPARE(profiles.add({QStringLiteral("Prod"), QUrl(QStringLiteral("mailto:x@y")), {}, false}),
             QStringLiteral("The address must start with http:// or https://."));
    QVERIFY(
        profiles.add({QStringLiteral("Prod"), QUrl(QStringLiteral("https://a.example")), {}, false})
            .isEmpty());
    QCOMPARE(profiles.add(
                 {QStringLiteral("prod"), QUrl(QStringLiteral("https://b.example")), {}, false}),
             QStringLiteral("A server profile named \u201cprod\u201d exists already."));
    QCOMPARE(profiles.count(), 1);
    QCOMPARE(added.count(), 1);
}

void TestServerProfiles::persistsAcrossInstances()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    {
        ServerProfiles profiles(file);
        QVERIFY(profiles
                    .add({QStringLiteral("Production"),
                          QUrl(QStringLiteral("https://prod.example")),
                          {},
                          false})
                    .isEmpty());
        QVERIFY(profiles
                    .add({QStringLiteral("Staging"),
                          QUrl(QStringLiteral("http://10.0.0.5:8080")),
                          {},
                          false})
                    .isEmpty());
        profiles.rememberSignIn(QStringLiteral("Staging"), QStringLiteral(" ada@example.com "),
                                true);
    }
    ServerProfiles reloaded(file);
    QCOMPARE(reloaded.count(), 2);
    QCOMPARE(reloaded.profiles().at(0).name, QStringLiteral("Production"));
    QCOMPARE(reloaded.profiles().at(1).url, QUrl(QStringLiteral("http://10.0.0.5:8080")));
    QCOMPARE(reloaded.profiles().at(1).lastEmail, QStringLiteral("ada@example.com"));
    QVERIFY(reloaded.profiles().at(1).keepSignedIn);
    QVERIFY(!reloaded.profiles().at(0).keepSignedIn);
    QCOMPARE(reloaded.lastUsed(), QStringLiteral("Staging"));
}

void TestServerProfiles::updateAndRemove()
{
    QTemporaryDir dir;
    ServerProfiles profiles(dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(
        profiles.add({QStringLiteral("A"), QUrl(QStringLiteral("https://a.example")), {}, false})
            .isEmpty());
    QVERIFY(
        profiles.add({QStringLiteral("B"), QUrl(QStringLiteral("https://b.example")), {}, false})
            .isEmpty());
    QSignalSpy changed(&profiles, &ServerProfiles::profileChanged);
    QSignalSpy removed(&profiles, &ServerProfiles::profileRemoved);
    // Renaming to the profile's own name (other case) is fine; to another's is not.
    QVERIFY(
        profiles
            .update(0, {QStringLiteral("a"), QUrl(QStringLiteral("https://a2.example")), {}, false})
            .isEmpty());
    QVERIFY(
        !profiles
             .update(0, {QStringLiteral("B"), QUrl(QStringLiteral("https://a.example")), {}, false})
             .isEmpty());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(profiles.find(QStringLiteral("A"))->url, QUrl(QStringLiteral("https://a2.example")));
    QVERIFY(!profiles.remove(5));
    QVERIFY(profiles.remove(0));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().first().toInt(), 0);
    QCOMPARE(profiles.count(), 1);
    QCOMPARE(profiles.profiles().first().name, QStringLiteral("B"));
}

void TestServerProfiles::findByUrlIgnoresTrailingSlash()
{
    QTemporaryDir dir;
    ServerProfiles profiles(dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(profiles
                .add({QStringLiteral("Local"),
                      QUrl(QStringLiteral("http://127.0.0.1:8080/")),
                      {},
                      false})
                .isEmpty());
    QVERIFY(profiles.findByUrl(QUrl(QStringLiteral("http://127.0.0.1:8080"))).has_value());
    QVERIFY(profiles.findByUrl(QUrl(QStringLiteral("HTTP://127.0.0.1:8080//"))).has_value());
    QVERIFY(!profiles.findByUrl(QUrl(QStringLiteral("http://127.0.0.1:8081"))).has_value());
    QVERIFY(!profiles.findByUrl(QUrl(QStringLiteral("https://127.0.0.1:8080"))).has_value());
}

void TestServerProfiles::ignoresBrokenEntriesInSettings()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    {
        QSettings settings(file, QSettings::IniFormat);
        settings.beginWriteArray(QStringLiteral("serverProfiles"), 2);
        settings.setArrayIndex(0);
        settings.setValue(QStringLiteral("name"), QStringLiteral("Good"));
        settings.setValue(QStringLiteral("url"), QStringLiteral("https://good.example"));
        settings.setArrayIndex(1);
        settings.setValue(QStringLiteral("name"), QStringLiteral("Bad"));
        settings.setValue(QStringLiteral("url"), QStringLiteral("javascript:alert(1)"));
        settings.endArray();
    }
    ServerProfiles profiles(file);
    QCOMPARE(profiles.count(), 1);
    QCOMPARE(profiles.profiles().first().name, QStringLiteral("Good"));
}

QTEST_GUILESS_MAIN(TestServerProfiles)
#include "tst_serverprofiles.moc"
