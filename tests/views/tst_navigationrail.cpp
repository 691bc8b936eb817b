// NavigationRail: which areas each role sees, move by move through the permission table.
#include "guitest.h"
#include "views/common/navigationrail.h"

#include <QSignalSpy>
#include <QTest>

using namespace skillex;
using protocol::Role;
using views::Area;

Q_DECLARE_METATYPE(QList<Role>)
Q_DECLARE_METATYPE(QList<Area>)

class TestNavigationRail : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { tests::applyConsoleLook(); }
    void areasByRole_data();
    void areasByRole();
    void nothingBeforeSignIn();
    void keepsTheCurrentAreaWhenItStaysVisible();
    void areaKeysRoundTrip();
};

void TestNavigationRail::areasByRole_data()
{
    QTest::addColumn<QList<Role>>("roles");
    QTest::addColumn<QList<Area>>("shown");
    const QList<Area> everyone{Area::Dashboard, Area::Users, Area::Audit};
    QTest::newRow("viewer") << QList<Role>{Role::Viewer} << everyone;
    QTest::newRow("moderator") << QList<Role>{Role::Moderator}
                               << QList<Area>{Area::Dashboard, Area::Cases, Area::Users,
                                              Area::Audit};
    QTest::newRow("senior moderator")
        << QList<Role>{Role::SeniorModerator}
        << QList<Area>{Area::Dashboard, Area::Cases, Area::Users, Area::Audit};
    QTest::newRow("finance") << QList<Role>{Role::Finance}
                             << QList<Area>{Area::Dashboard, Area::Users, Area::Finance,
                                            Area::Audit};
    QTest::newRow("admin") << QList<Role>{Role::Admin} << views::allAreas();
    QTest::newRow("moderator + finance")
        << QList<Role>{Role::Moderator, Role::Finance}
        << QList<Area>{Area::Dashboard, Area::Cases, Area::Users, Area::Finance, Area::Audit};
}

void TestNavigationRail::areasByRole()
{
    QFETCH(QList<Role>, roles);
    QFETCH(QList<Area>, shown);
    views::NavigationRail rail;
    rail.setRoles(roles);
    QCOMPARE(rail.shownAreas(), shown);
    for (Area area : views::allAreas())
        QCOMPARE(rail.isAreaShown(area), shown.contains(area));
    QCOMPARE(rail.currentArea(), std::optional<Area>(shown.first()));
    QVERIFY(tests::saveScreenshot(&rail, QStringLiteral("rail-") +
                                             QString::fromLatin1(QTest::currentDataTag())
                                                 .replace(QLatin1Char(' '), QLatin1Char('-'))));
}

void TestNavigationRail::nothingBeforeSignIn()
{
    views::NavigationRail rail;
    QVERIFY(rail.shownAreas().isEmpty());
    QVERIFY(!rail.currentArea());
    QVERIFY(!rail.setCurrentArea(Area::Dashboard));
}

void TestNavigationRail::keepsTheCurrentAreaWhenItStaysVisible()
{
    views::NavigationRail rail;
    rail.setRoles({Role::Admin});
    QSignalSpy chosen(&rail, &views::NavigationRail::areaChosen);
    QVERIFY(rail.setCurrentArea(Area::Finance));
    QCOMPARE(chosen.count(), 1);
    rail.setRoles({Role::Finance});
    QCOMPARE(rail.currentArea(), std::optional<Area>(Area::Finance));
    // Losing the area moves to the first one still shown.
    rail.setRoles({Role::Viewer});
    QCOMPARE(rail.currentArea(), std::optional<Area>(Area::Dashboard));
}

void TestNavigationRail::areaKeysRoundTrip()
{
    for (Area area : views::allAreas())
        QCOMPARE(views::areaFromKey(views::areaKey(area)), std::optional<Area>(area));
    QCOMPARE(views::areaFromKey(QStringLiteral(" CASES ")), std::optional<Area>(Area::Cases));
    QVERIFY(!views::areaFromKey(QStringLiteral("reports")));
}

QTEST_MAIN(TestNavigationRail)
#include "tst_navigationrail.moc"
