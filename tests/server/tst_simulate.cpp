// The marketplace simulator, run as the real `skillex-server simulate` command: it builds a
// history through the domain rules (the ledger check passes afterwards), with purchases through
// signed webhooks, bookings, completions, reviews, chat and reports; and `admin check-ledger`
// notices a tampered ledger.
#include "tests/testutils/testdatabase.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QProcess>
#include <QTest>

using namespace skillex::testutils;

class TestSimulate : public QObject {
    Q_OBJECT
    TestDatabase m_db;
    QString m_url;

    int run(const QStringList &args, QByteArray *output)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(TestServer::serverBinary(), args);
        if (!p.waitForFinished(300000))
            return -1;
        *output = p.readAll();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
    int count(const QString &sql) { return sqlScalar(m_url, sql).toInt(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_url = m_db.url();
        QVERIFY2(!m_url.isEmpty(), qPrintable(m_db.error()));
    }

    void simulationBuildsAConsistentHistory()
    {
        QByteArray output;
        const int code =
            run({QStringLiteral("simulate"), QStringLiteral("--db"), m_url,
                 QStringLiteral("--members"), QStringLiteral("150"), QStringLiteral("--days"),
                 QStringLiteral("6"), QStringLiteral("--seed"), QStringLiteral("11")},
                &output);
        QVERIFY2(code == 0, output.constData());
        QVERIFY2(output.contains("simulate: day 6/6"),
                 output.constData()); // progress for long runs
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE kind = 'member'")), 150);
        QVERIFY(count(QStringLiteral(
                    "SELECT COUNT(*) FROM member_profiles WHERE referred_by IS NOT NULL")) > 0);
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM member_skills")) > 150);
        // Purchases came in through verified webhooks and were credited by the ledger.
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")) > 0);
        QVERIFY(count(QStringLiteral(
                    "SELECT COUNT(*) FROM ledger_transfers WHERE code = 'purchase'")) > 0);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM ledger_transfers WHERE code = 'purchase'")),
            count(QStringLiteral(
                "SELECT COUNT(*) FROM payments WHERE status <> 'created' AND status <> 'failed'")));
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM bookings")) > 0);
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE status = 'completed'")) >
                0);
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM messages")) > 0);
        // Every registration and booking left its event (the transactional outbox).
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = 'member.registered'")),
            150);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = 'booking.created'")),
            count(QStringLiteral("SELECT COUNT(*) FROM bookings")));
        // And the ledger holds together.
        QVERIFY2(run({QStringLiteral("admin"), QStringLiteral("check-ledger"),
                      QStringLiteral("--db"), m_url},
                     &output) == 0,
                 output.constData());
        QVERIFY(output.contains("ok     5."));
    }

    void checkLedgerNoticesTampering()
    {
        QVERIFY(sqlExec(m_url, QStringLiteral("UPDATE ledger_accounts SET debits_posted = "
                                              "debits_posted + 3 WHERE id = 'escrow'")));
        QByteArray output;
        QCOMPARE(run({QStringLiteral("admin"), QStringLiteral("check-ledger"),
                      QStringLiteral("--db"), m_url},
                     &output),
                 1);
        QVERIFY2(output.contains("BROKEN 1."), output.constData());
        QVERIFY2(output.contains("escrow"), output.constData());
    }

    void badArgumentsAreRefusedClearly()
    {
        QByteArray output;
        QCOMPARE(run({QStringLiteral("simulate"), QStringLiteral("--db"), m_url,
                      QStringLiteral("--members"), QStringLiteral("-3")},
                     &output),
                 2);
        QVERIFY(output.contains("--members"));
        QCOMPARE(run({QStringLiteral("simulate")}, &output), 2);
        QVERIFY(output.contains("usage"));
    }
};

QTEST_GUILESS_MAIN(TestSimulate)
#include "tst_simulate.moc"
