// The member's wallet against the real server: balance, lots and a statement whose running
// balance follows every kind of transfer (posted, held, posted from a hold, voided) and ends at
// the wallet's balance; paging; privacy; bad queries.
#include "protocol/problem.h"
#include "protocol/timestamps.h"
#include "server/domain/clock.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/ledger/ledger.h"
#include "server/sim/stripesimulator.h"
#include "tests/server/paymenttesthelpers.h"
#include "tests/testutils/testserver.h"

#include <QJsonArray>
#include <QTest>

using namespace skillex::testutils;
using skillex::server::Database;
using skillex::server::DatabaseUrl;
namespace accounts = skillex::server::accounts;
namespace pt = skillex::protocol::problemtype;

class TestWallet : public QObject {
    Q_OBJECT

    TestServer m_server;
    std::unique_ptr<Database> m_db;
    skillex::server::SystemClock m_clock;
    std::unique_ptr<skillex::server::Ledger> m_ledger;
    skillex::sim::StripeSimulator m_stripe{"whsec_test_stripe"};
    int m_members = 0;
    int m_transfers = 0;

    SignedInMember newMember()
    {
        return registerAndSignIn(m_server.baseUrl(),
                                 QStringLiteral("wallet%1@example.com").arg(++m_members));
    }

    void buy(const SignedInMember &m, const QString &package)
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const auto c = http.post(QStringLiteral("/api/v1/payments/checkout"),
                                 {{QStringLiteral("package_id"), package},
                                  {QStringLiteral("provider"), QStringLiteral("stripe")}});
        QCOMPARE(c.status, 201);
        const auto r = deliver(m_server.baseUrl(), QStringLiteral("/api/v1/webhooks/stripe"),
                               m_stripe.paymentSucceeded(
                                   c.json().value(QStringLiteral("provider_order_id")).toString(),
                                   c.json().value(QStringLiteral("amount")).toInteger()));
        QCOMPARE(r.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("captured"));
    }

    skillex::server::TransferSpec spec(const QString &debit, const QString &credit, qint64 amount,
                                       const QString &code)
    {
        skillex::server::TransferSpec s;
        s.id = QStringLiteral("wallet-test:%1").arg(++m_transfers);
        s.debit = debit;
        s.credit = credit;
        s.amount = amount;
        s.code = code;
        s.refType = QStringLiteral("test");
        return s;
    }

    QJsonArray statement(const QString &token, int limit = 0)
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(token);
        QJsonArray all;
        QString next;
        int pages = 0;
        do {
            QString path = QStringLiteral("/api/v1/wallet/statement");
            QStringList query;
            if (limit > 0)
                query << QStringLiteral("limit=%1").arg(limit);
            if (!next.isEmpty())
                query << QStringLiteral("after=") + next;
            if (!query.isEmpty())
                path += QLatin1Char('?') + query.join(QLatin1Char('&'));
            const auto page = http.get(path);
            if (page.status != 200)
                return {};
            const QJsonArray items = page.json().value(QStringLiteral("items")).toArray();
            if (limit > 0 && items.size() > limit)
                return {};
            for (const auto &item : items)
                all.push_back(item);
            next = page.json().value(QStringLiteral("next")).toString();
        } while (!next.isEmpty() && ++pages < 100);
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_db = std::make_unique<Database>(DatabaseUrl::parse(m_server.databaseUrl()).value());
        m_ledger = std::make_unique<skillex::server::Ledger>(m_db->dialect(), m_clock);
    }

    void cleanup()
    {
        const QString problems = ledgerProblems(*m_db);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void cleanupTestCase()
    {
        m_db.reset();
        QVERIFY2(m_server.stop(), qPrintable(m_server.error()));
    }

    void newMemberHoldsTheStarterLot()
    {
        const SignedInMember m = newMember();
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const auto r = http.get(QStringLiteral("/api/v1/wallet"));
        QCOMPARE(r.status, 200);
        const QJsonObject w = r.json();
        QCOMPARE(w.value(QStringLiteral("available")).toInteger(),
                 availableCredits(m_server.databaseUrl(), m.id));
        QCOMPARE(w.value(QStringLiteral("available")).toInteger(), 50);
        QCOMPARE(w.value(QStringLiteral("in_escrow")).toInteger(), 0);
        const QJsonArray lots = w.value(QStringLiteral("lots")).toArray();
        QCOMPARE(lots.size(), 1);
        const QJsonObject lot = lots.at(0).toObject();
        QCOMPARE(lot.value(QStringLiteral("source")).toString(), QStringLiteral("bonus_starter"));
        QCOMPARE(lot.value(QStringLiteral("amount")).toInteger(), 50);
        QCOMPARE(lot.value(QStringLiteral("remaining")).toInteger(), 50);
        const auto granted =
            skillex::protocol::fromWireTime(lot.value(QStringLiteral("granted_at")).toString());
        const auto expires =
            skillex::protocol::fromWireTime(lot.value(QStringLiteral("expires_at")).toString());
        QVERIFY(granted && expires);
        QVERIFY(lot.value(QStringLiteral("granted_at")).toString().endsWith(QLatin1Char('Z')));
        QVERIFY(qAbs(granted->msecsTo(QDateTime::currentDateTimeUtc())) < 120000);
        QCOMPARE(granted->daysTo(*expires), 365);
    }

    void walletFollowsPurchasesAndHolds()
    {
        const SignedInMember m = newMember();
        buy(m, QStringLiteral("stripe-100"));
        const auto held = m_db->write([&](QSqlDatabase &tx) {
            return m_ledger->hold(tx, spec(accounts::user(m.id), accounts::kEscrow, 70,
                                           QStringLiteral("booking_hold")));
        });
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const QJsonObject w = http.get(QStringLiteral("/api/v1/wallet")).json();
        QCOMPARE(w.value(QStringLiteral("available")).toInteger(), 80);
        QCOMPARE(w.value(QStringLiteral("in_escrow")).toInteger(), 70);
        // Lots: soonest expiry first; the hold drew the starter lot (older) dry first.
        const QJsonArray lots = w.value(QStringLiteral("lots")).toArray();
        QCOMPARE(lots.size(), 1);
        QCOMPARE(lots.at(0).toObject().value(QStringLiteral("source")).toString(),
                 QStringLiteral("purchase"));
        QCOMPARE(lots.at(0).toObject().value(QStringLiteral("remaining")).toInteger(), 80);
        m_db->write([&](QSqlDatabase &tx) {
            m_ledger->voidPending(tx, QStringLiteral("wallet-test:void:%1").arg(m.id), held.id);
        });
        const QJsonObject after = http.get(QStringLiteral("/api/v1/wallet")).json();
        QCOMPARE(after.value(QStringLiteral("available")).toInteger(), 150);
        QCOMPARE(after.value(QStringLiteral("in_escrow")).toInteger(), 0);
        QCOMPARE(after.value(QStringLiteral("lots")).toArray().size(), 2);
    }

    void statementRunsTheBalanceThroughEveryKindOfTransfer()
    {
        const SignedInMember m = newMember();
        const SignedInMember teacher = newMember();
        buy(m, QStringLiteral("stripe-100")); // 150
        const QString user = accounts::user(m.id);
        m_db->write([&](QSqlDatabase &tx) {
            const auto hold1 = m_ledger->hold(
                tx, spec(user, accounts::kEscrow, 30, QStringLiteral("booking_hold")));
            m_ledger->voidPending(tx, QStringLiteral("wallet-test:void1:%1").arg(m.id), hold1.id);
            const auto hold2 = m_ledger->hold(
                tx, spec(user, accounts::kEscrow, 20, QStringLiteral("booking_hold")));
            // A late cancellation: 15 of the 20 held are posted, 5 come back.
            m_ledger->postPending(tx, QStringLiteral("wallet-test:post2:%1").arg(m.id), hold2.id,
                                  15);
            m_ledger->post(tx, spec(accounts::kEscrow, accounts::user(teacher.id), 15,
                                    QStringLiteral("teacher_payout")));
            m_ledger->post(
                tx, spec(user, accounts::kAdjustments, 10, QStringLiteral("adjustment_debit")));
            m_ledger->post(
                tx, spec(accounts::kAdjustments, user, 4, QStringLiteral("adjustment_credit")));
        });
        // Oldest first: starter +50, purchase +100, hold -30, void +30, hold -20, post +5,
        // adjustment -10, adjustment +4.
        const QList<qint64> changes{50, 100, -30, 30, -20, 5, -10, 4};
        const QList<QString> codes{
            QStringLiteral("bonus_starter"),    QStringLiteral("purchase"),
            QStringLiteral("booking_hold"),     QStringLiteral("booking_hold_voided"),
            QStringLiteral("booking_hold"),     QStringLiteral("booking_hold_posted"),
            QStringLiteral("adjustment_debit"), QStringLiteral("adjustment_credit")};
        const QJsonArray lines = statement(m.token);
        QCOMPARE(lines.size(), changes.size());
        qint64 balance = 0;
        qint64 previousSeq = std::numeric_limits<qint64>::max();
        for (int i = 0; i < changes.size(); ++i) {
            // The statement is newest first.
            const QJsonObject line = lines.at(changes.size() - 1 - i).toObject();
            balance += changes.at(i);
            QCOMPARE(line.value(QStringLiteral("code")).toString(), codes.at(i));
            QCOMPARE(line.value(QStringLiteral("change")).toInteger(), changes.at(i));
            QCOMPARE(line.value(QStringLiteral("balance")).toInteger(), balance);
            QVERIFY(skillex::protocol::fromWireTime(line.value(QStringLiteral("at")).toString()));
        }
        for (const auto &l : lines) {
            const qint64 seq = l.toObject().value(QStringLiteral("seq")).toInteger();
            QVERIFY(seq < previousSeq);
            previousSeq = seq;
        }
        QCOMPARE(lines.at(0).toObject().value(QStringLiteral("balance")).toInteger(),
                 availableCredits(m_server.databaseUrl(), m.id));
        QCOMPARE(
            lines.at(lines.size() - 2).toObject().value(QStringLiteral("counterparty")).toString(),
            QStringLiteral("clearing:stripe"));
        // Paged one, two or three at a time: the same lines.
        QCOMPARE(statement(m.token, 1), lines);
        QCOMPARE(statement(m.token, 3), lines);
        // The teacher's statement has the payout and none of the learner's lines.
        const QJsonArray theirs = statement(teacher.token);
        QCOMPARE(theirs.size(), 2);
        QCOMPARE(theirs.at(0).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("teacher_payout"));
        QCOMPARE(theirs.at(0).toObject().value(QStringLiteral("balance")).toInteger(), 65);
    }

    void walletNeedsSignIn()
    {
        TestHttp http(m_server.baseUrl());
        for (const QString &path :
             {QStringLiteral("/api/v1/wallet"), QStringLiteral("/api/v1/wallet/statement")}) {
            const auto r = http.get(path);
            QCOMPARE(r.status, 401);
            QVERIFY(r.isProblem());
        }
        http.setBearer(QStringLiteral("not.a.token"));
        QCOMPARE(http.get(QStringLiteral("/api/v1/wallet")).status, 401);
    }

    void badWalletQueries_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("wallet with a parameter") << QStringLiteral("/api/v1/wallet?user=1");
        QTest::newRow("statement: unknown parameter")
            << QStringLiteral("/api/v1/wallet/statement?user=1");
        QTest::newRow("statement: limit 0") << QStringLiteral("/api/v1/wallet/statement?limit=0");
        QTest::newRow("statement: limit 501")
            << QStringLiteral("/api/v1/wallet/statement?limit=501");
        QTest::newRow("statement: limit text")
            << QStringLiteral("/api/v1/wallet/statement?limit=all");
        QTest::newRow("statement: cursor garbage")
            << QStringLiteral("/api/v1/wallet/statement?after=%25%25");
        QTest::newRow("statement: cursor not a seq")
            << QStringLiteral("/api/v1/wallet/statement?after=eHl6");
        QTest::newRow("statement: cursor zero")
            << QStringLiteral("/api/v1/wallet/statement?after=MA");
        QTest::newRow("statement: huge value")
            << QStringLiteral("/api/v1/wallet/statement?after=") + QString(2000, QLatin1Char('A'));
    }

    void badWalletQueries()
    {
        QFETCH(QString, path);
        static const SignedInMember m = newMember();
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const auto r = http.get(path);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), pt::kValidation);
    }
};

QTEST_GUILESS_MAIN(TestWallet)
#include "tst_wallet.moc"
