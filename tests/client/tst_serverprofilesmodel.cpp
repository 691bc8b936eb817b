// ServerProfilesModel under QAbstractItemModelTester while profiles are added, edited and removed.
#include "client/auth/serverprofiles.h"
#include "models/serverprofilesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace skillex;
using client::ServerProfile;
using client::ServerProfiles;
using models::ServerProfilesModel;

class TestServerProfilesModel : public QObject {
    Q_OBJECT

private slots:
    void followsProfilesUnderTheTester();
    void startsWithExistingProfiles();
};

void TestServerProfilesModel::followsProfilesUnderTheTester()
{
    QTemporaryDir dir;
    ServerProfiles profiles(dir.filePath(QStringLiteral("settings.ini")));
    ServerProfilesModel model(&profiles);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QCOMPARE(model.rowCount(), 0);
    for (const char *name : {"Production", "Staging", "Local"}) {
        QVERIFY(profiles
                    .add({QString::fromLatin1(name),
                          QUrl(QStringLiteral("https://%1.example").arg(QLatin1String(name))),
                          {},
                          false})
                    .isEmpty());
    }
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(model.data(model.index(1)).toString(), QStringLiteral("Staging"));
    QCOMPARE(model.data(model.index(1), ServerProfilesModel::UrlRole).toUrl(),
             QUrl(QStringLiteral("https://Staging.example")));
    QCOMPARE(model.data(model.index(1), Qt::ToolTipRole).toString(),
             QStringLiteral("https://staging.example"));
    QCOMPARE(model.rowOf(QStringLiteral("local")), 2);

    profiles.rememberSignIn(QStringLiteral("Local"), QStringLiteral("ada@example.com"), true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.data(model.index(2), ServerProfilesModel::LastEmailRole).toString(),
             QStringLiteral("ada@example.com"));
    QVERIFY(model.data(model.index(2), ServerProfilesModel::KeepSignedInRole).toBool());

    // Removing from the middle shifts the later rows up, consistently for the tester.
    QVERIFY(profiles.remove(1));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1)).toString(), QStringLiteral("Local"));
    QCOMPARE(model.rowOf(QStringLiteral("Staging")), -1);
    QVERIFY(!model.data(model.index(5)).isValid());
}

void TestServerProfilesModel::startsWithExistingProfiles()
{
    QTemporaryDir dir;
    ServerProfiles profiles(dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(
        profiles.add({QStringLiteral("One"), QUrl(QStringLiteral("http://127.0.0.1:1")), {}, false})
            .isEmpty());
    ServerProfilesModel model(&profiles);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.roleNames().value(ServerProfilesModel::UrlRole), QByteArray("url"));
}

QTEST_GUILESS_MAIN(TestServerProfilesModel)
#include "tst_serverprofilesmodel.moc"
