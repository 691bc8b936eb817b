// Credits expire a year after their grant: the running server's maintenance job moves what is
// left of an expired lot to income:breakage, through the ledger, and leaves fresh lots alone.
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QTest>

using namespace skillex::testutils;

class TestExpiry : public QObject {
    Q_OBJECT
    TestServer m_server;

    qint64 registerMember(const QString &email)
    {
        return TestHttp(m_server.baseUrl())
            .post(QStringLiteral("/api/v1/auth/register"),
                  {{QStringLiteral("email"), email},
                   {QStringLiteral("password"), QStringLiteral("expiring-credits")},
                   {QStringLiteral("name"), QStringLiteral("Lot Holder")}})
            .json()
            .value(QStringLiteral("id"))
            .toInteger();
    }
    qint64 available(qint64 user)
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral("SELECT credits_posted - debits_posted - debits_pending "
                                        "FROM ledger_accounts WHERE id = :a"),
                         {{QStringLiteral(":a"), QStringLiteral("user:%1").arg(user)}})
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start({QStringLiteral("--maintenance-interval"), QStringLiteral("1")}),
                 qPrintable(m_server.error()));
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void expiredLotsGoToBreakageAndFreshOnesStay()
    {
        const qint64 old = registerMember(QStringLiteral("old@expiry.test"));
        const qint64 fresh = registerMember(QStringLiteral("fresh@expiry.test"));
        QCOMPARE(available(old), 50);
        // A year passes for one member's starter bonus.
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE credit_lots SET expires_at = :t WHERE user_id = :u"),
                        {{QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch() - 1000},
                         {QStringLiteral(":u"), old}}));
        QTRY_COMPARE_WITH_TIMEOUT(available(old), 0, 10000);
        QCOMPARE(available(fresh), 50);
        QCOMPARE(sqlScalar(m_server.databaseUrl(),
                           QStringLiteral("SELECT SUM(amount) FROM ledger_transfers WHERE code = "
                                          "'expiry' AND debit_account = :a"),
                           {{QStringLiteral(":a"), QStringLiteral("user:%1").arg(old)}})
                     .toLongLong(),
                 50);
        QCOMPARE(sqlScalar(
                     m_server.databaseUrl(),
                     QStringLiteral(
                         "SELECT credits_posted FROM ledger_accounts WHERE id = 'income:breakage'"))
                     .toLongLong(),
                 50);
        QCOMPARE(sqlScalar(m_server.databaseUrl(),
                           QStringLiteral("SELECT remaining FROM credit_lots WHERE user_id = :u"),
                           {{QStringLiteral(":u"), old}})
                     .toLongLong(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestExpiry)
#include "tst_expiry.moc"
