// Migrations: an empty database is brought to the latest level, an up-to-date one is left
// alone across restarts, and a database from a newer server is refused with a clear message.
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QTest>
#include <QUrl>

using namespace skillex::testutils;

class TestMigrations : public QObject {
    Q_OBJECT

    static bool execOn(const QString &url, const QString &sql, QVariant *result = nullptr)
    {
        QString error;
        if (result) {
            *result = sqlScalar(url, sql, {}, &error);
            return error.isEmpty();
        }
        return sqlExec(url, sql, {}, &error);
    }

private Q_SLOTS:
    void emptyDatabaseIsMigratedThenLeftAloneOnRestart()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        const auto health = TestHttp(server.baseUrl()).get(QStringLiteral("/health")).json();
        const int expected = health.value(QStringLiteral("migrations"))
                                 .toObject()
                                 .value(QStringLiteral("expected"))
                                 .toInt();
        QVERIFY(expected >= 1);
        // Levels are applied as a set (numbers may have gaps): the highest is the binary's latest.
        QVariant highest;
        QVERIFY(execOn(server.databaseUrl(),
                       QStringLiteral("SELECT MAX(version) FROM schema_migrations"), &highest));
        QCOMPARE(highest.toInt(), expected);
        QVariant applied;
        QVERIFY(execOn(server.databaseUrl(),
                       QStringLiteral("SELECT COUNT(*) FROM schema_migrations"), &applied));
        QVERIFY(applied.toInt() >= 2);
        QVariant firstAppliedAt;
        QVERIFY(execOn(server.databaseUrl(),
                       QStringLiteral("SELECT applied_at FROM schema_migrations WHERE version = 1"),
                       &firstAppliedAt));

        // Data written before a restart is still there after it, and nothing is re-applied.
        const auto staff = server.createStaff(QStringLiteral("admin"));
        QVERIFY2(!staff.email.isEmpty(), qPrintable(server.error()));
        QVERIFY2(server.stop(), qPrintable(server.error()));
        QVERIFY2(server.start(), qPrintable(server.error()));
        QVariant after;
        QVERIFY(execOn(server.databaseUrl(),
                       QStringLiteral("SELECT COUNT(*) FROM schema_migrations"), &after));
        QCOMPARE(after.toInt(), applied.toInt());
        QVariant appliedAtAfter;
        QVERIFY(execOn(server.databaseUrl(),
                       QStringLiteral("SELECT applied_at FROM schema_migrations WHERE version = 1"),
                       &appliedAtAfter));
        QCOMPARE(appliedAtAfter, firstAppliedAt);
        TestHttp http(server.baseUrl());
        const auto login = http.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), staff.email}, {QStringLiteral("password"), staff.password}});
        QCOMPARE(login.status, 200);
    }

    void databaseFromANewerServerIsRefused()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        QVERIFY2(server.stop(), qPrintable(server.error()));
        QVERIFY(execOn(server.databaseUrl(),
                       QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) "
                                      "VALUES (9999, 'from_the_future', 0)")));
        QVERIFY(!server.start());
        QVERIFY2(server.error().contains(QStringLiteral("newer than this skillex-server")),
                 qPrintable(server.error()));
        QVERIFY2(server.error().contains(QStringLiteral("9999")), qPrintable(server.error()));
        // Refused without touching it: the row is still the highest level.
        QVariant level;
        QVERIFY(execOn(server.databaseUrl(),
                       QStringLiteral("SELECT MAX(version) FROM schema_migrations"), &level));
        QCOMPARE(level.toInt(), 9999);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
