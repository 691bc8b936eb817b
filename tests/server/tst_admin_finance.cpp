// The admin finance API against the real server: role checks, the ledger browser (transfers,
// statements, the invariant check), payments and refunds, credit adjustments with a second
// approver, and settlement report reconciliation for both providers. After every test the
// ledger invariants hold.
#include "protocol/problem.h"
#include "server/sim/razorpaysimulator.h"
#include "server/sim/stripesimulator.h"
#include "tests/server/paymenttesthelpers.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace skillex::testutils;
using skillex::server::Database;
using skillex::server::DatabaseUrl;
using skillex::sim::RazorpaySimulator;
using skillex::sim::SettlementEntry;
using skillex::sim::StripeSimulator;
namespace pt = skillex::protocol::problemtype;

namespace {

const QString kAdmin = QStringLiteral("/api/v1/admin");

struct Purchase {
    qint64 paymentId = 0;
    QString orderId;
    QString providerPaymentId;
    qint64 amount = 0;
    QString currency;
};

QJsonArray items(const TestResponse &r)
{
    return r.json().value(QStringLiteral("items")).toArray();
}

QString nextCursor(const TestResponse &r)
{
    return r.json().value(QStringLiteral("next")).toString();
}

QString etagOf(const TestResponse &r)
{
    return QString::fromLatin1(r.header("etag"));
}

} // namespace

class TestAdminFinance : public QObject {
    Q_OBJECT

    TestServer m_server;
    std::unique_ptr<Database> m_db;
    StripeSimulator m_stripe{"whsec_test_stripe"};
    RazorpaySimulator m_razorpay{"test_razorpay_webhook", "test_razorpay_key"};
    Actor m_finance, m_finance2, m_admin, m_viewer, m_moderator;

    QString url() const { return m_server.databaseUrl(); }

    TestResponse get(const Actor &a, const QString &path)
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(a.accessToken);
        return http.get(path);
    }
    TestResponse post(const Actor &a, const QString &path, const QJsonObject &body,
                      const QHash<QByteArray, QByteArray> &headers = {})
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(a.accessToken);
        return http.post(path, body, headers);
    }
    TestResponse upload(const Actor &a, const QString &provider, const QByteArray &csv)
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(a.accessToken);
        return http.send("POST", kAdmin + QStringLiteral("/reconciliation?provider=") + provider,
                         csv, {{"Content-Type", "text/csv"}});
    }

    Actor member() { return signUpMember(m_server); }

    Purchase buy(const Actor &m, const QString &packageId)
    {
        const bool stripe = packageId.startsWith(QStringLiteral("stripe"));
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.accessToken);
        const auto r =
            http.post(QStringLiteral("/api/v1/payments/checkout"),
                      {{QStringLiteral("package_id"), packageId},
                       {QStringLiteral("provider"),
                        stripe ? QStringLiteral("stripe") : QStringLiteral("razorpay")}});
        if (r.status != 201)
            qWarning() << "checkout" << r.status << r.body;
        Purchase p;
        p.paymentId = r.json().value(QStringLiteral("payment_id")).toInteger();
        p.orderId = r.json().value(QStringLiteral("provider_order_id")).toString();
        p.amount = r.json().value(QStringLiteral("amount_minor")).toInteger();
        p.currency = r.json().value(QStringLiteral("currency")).toString();
        TestResponse hook;
        if (stripe) {
            hook = deliver(m_server.baseUrl(), QStringLiteral("/api/v1/webhooks/stripe"),
                           m_stripe.paymentSucceeded(p.orderId, p.amount));
        } else {
            p.providerPaymentId = m_razorpay.newId(QStringLiteral("pay_"));
            hook = deliver(m_server.baseUrl(), QStringLiteral("/api/v1/webhooks/razorpay"),
                           m_razorpay.paymentCaptured(p.orderId, p.providerPaymentId, p.amount));
        }
        if (hook.json().value(QStringLiteral("outcome")).toString() != QStringLiteral("captured"))
            qWarning() << "capture" << hook.status << hook.body;
        return p;
    }

    qint64 available(qint64 userId) { return availableCredits(url(), userId); }

    qint64 auditCount(const QString &action, const QString &targetId)
    {
        return countOf(url(),
                       QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = :a AND "
                                      "target_id = :t"),
                       {{QStringLiteral(":a"), action}, {QStringLiteral(":t"), targetId}});
    }
    qint64 eventCount(const QString &type, const QString &subjectId)
    {
        return countOf(url(),
                       QStringLiteral("SELECT COUNT(*) FROM events WHERE type = :t AND "
                                      "subject_id = :s"),
                       {{QStringLiteral(":t"), type}, {QStringLiteral(":s"), subjectId}});
    }

    TestResponse adjust(const Actor &who, qint64 userId, qint64 amount,
                        const QString &reason = QStringLiteral("goodwill after a failed session"))
    {
        return post(who, kAdmin + QStringLiteral("/adjustments"),
                    {{QStringLiteral("user_id"), userId},
                     {QStringLiteral("amount"), amount},
                     {QStringLiteral("reason"), reason}});
    }

    QList<QJsonObject> runRows(qint64 runId, const QString &outcome)
    {
        const auto r = get(
            m_finance,
            kAdmin +
                QStringLiteral("/reconciliation/%1?limit=500&outcome=%2").arg(runId).arg(outcome));
        if (r.status != 200)
            qWarning() << "rows" << r.status << r.body;
        QList<QJsonObject> out;
        for (const auto &v : items(r))
            out.push_back(v.toObject());
        return out;
    }

    static qint64 now() { return QDateTime::currentSecsSinceEpoch(); }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_db = std::make_unique<Database>(DatabaseUrl::parse(m_server.databaseUrl()).value());
        m_finance = signInStaff(m_server, QStringLiteral("finance"));
        m_finance2 = signInStaff(m_server, QStringLiteral("finance"));
        m_admin = signInStaff(m_server, QStringLiteral("admin"));
        m_viewer = signInStaff(m_server, QStringLiteral("viewer"));
        m_moderator = signInStaff(m_server, QStringLiteral("moderator"));
        QVERIFY(m_finance.isValid() && m_finance2.isValid() && m_admin.isValid() &&
                m_viewer.isValid() && m_moderator.isValid());
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

    void rolesAreChecked()
    {
        const Actor m = member();
        const QStringList reads{QStringLiteral("/ledger/transfers"),
                                QStringLiteral("/ledger/accounts"),
                                QStringLiteral("/ledger/accounts/escrow/statement"),
                                QStringLiteral("/ledger/check"),
                                QStringLiteral("/payments"),
                                QStringLiteral("/adjustments"),
                                QStringLiteral("/reconciliation")};
        for (const QString &path : reads) {
            QCOMPARE(get(m_viewer, kAdmin + path).status, 403);
            QCOMPARE(get(m_moderator, kAdmin + path).status, 403);
            QCOMPARE(get(m, kAdmin + path).status, 403);
            const auto f = get(m_finance, kAdmin + path);
            QVERIFY2(f.status == 200 ||
                         (path.contains(QStringLiteral("escrow")) && f.status == 404),
                     qPrintable(path + QStringLiteral(" ") + QString::fromUtf8(f.body)));
            QCOMPARE(get(m_admin, kAdmin + path).status, f.status);
        }
        for (const Actor &who : {m_viewer, m_moderator}) {
            const auto a = adjust(who, m.id, 5);
            QCOMPARE(a.status, 403);
            QCOMPARE(a.problemType(), pt::kForbidden);
            QCOMPARE(post(who, kAdmin + QStringLiteral("/payments/1/refund"),
                          {{QStringLiteral("credits"), 1},
                           {QStringLiteral("reason"), QStringLiteral("x")}})
                         .status,
                     403);
            QCOMPARE(upload(who, QStringLiteral("stripe"), "id\n").status, 403);
        }
        QCOMPARE(adjust(m_admin, m.id, 5).status, 201);
    }

    void transfersFilterAndPaginate()
    {
        const Actor m = member();
        const Purchase p = buy(m, QStringLiteral("stripe-100"));
        const QString mine = kAdmin + QStringLiteral("/ledger/transfers?user=%1").arg(m.id);
        const auto all = get(m_finance, mine);
        QCOMPARE(all.status, 200);
        QCOMPARE(items(all).size(), 2); // starter bonus, purchase
        const QJsonObject purchase = items(all).at(0).toObject();
        QCOMPARE(purchase.value(QStringLiteral("code")).toString(), QStringLiteral("purchase"));
        QCOMPARE(purchase.value(QStringLiteral("debit_account")).toString(),
                 QStringLiteral("clearing:stripe"));
        QCOMPARE(purchase.value(QStringLiteral("credit_account")).toString(),
                 QStringLiteral("user:%1").arg(m.id));
        QCOMPARE(purchase.value(QStringLiteral("status")).toString(), QStringLiteral("posted"));
        const QJsonObject ref = purchase.value(QStringLiteral("ref")).toObject();
        QCOMPARE(ref.value(QStringLiteral("type")).toString(), QStringLiteral("payment"));
        QCOMPARE(ref.value(QStringLiteral("href")).toString(),
                 QStringLiteral("/api/v1/admin/payments/%1").arg(p.paymentId));

        QCOMPARE(items(get(m_finance, mine + QStringLiteral("&code=purchase"))).size(), 1);
        QCOMPARE(items(get(m_finance, mine + QStringLiteral("&min_amount=60"))).size(), 1);
        QCOMPARE(items(get(m_finance, mine + QStringLiteral("&max_amount=60"))).size(), 1);
        QCOMPARE(items(get(m_finance, mine + QStringLiteral("&status=pending"))).size(), 0);
        QCOMPARE(
            items(get(m_finance,
                      kAdmin + QStringLiteral("/ledger/transfers?ref=payment:%1").arg(p.paymentId)))
                .size(),
            1);
        QCOMPARE(items(get(m_finance,
                           kAdmin + QStringLiteral("/ledger/transfers?account=user:%1").arg(m.id)))
                     .size(),
                 2);
        const QString future = QStringLiteral("2100-01-01T00:00:00.000Z");
        QCOMPARE(items(get(m_finance, mine + QStringLiteral("&from=") + future)).size(), 0);
        QCOMPARE(items(get(m_finance, mine + QStringLiteral("&to=") + future)).size(), 2);

        for (const QString &bad :
             {QStringLiteral("?colour=red"), QStringLiteral("?status=lost"),
              QStringLiteral("?from=yesterday"), QStringLiteral("?account=DROP%20TABLE"),
              QStringLiteral("?limit=501"), QStringLiteral("?after=***")}) {
            const auto r = get(m_finance, kAdmin + QStringLiteral("/ledger/transfers") + bad);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.problemType(), pt::kValidation);
        }

        // Pages of 3 over the whole ledger: the same transfers as one page, no gap, no repeat.
        const auto whole = get(m_finance, kAdmin + QStringLiteral("/ledger/transfers?limit=500"));
        QList<qint64> expected;
        for (const auto &v : items(whole))
            expected.push_back(v.toObject().value(QStringLiteral("seq")).toInteger());
        QVERIFY(expected.size() >= 4);
        QList<qint64> paged;
        QString after;
        for (int guard = 0; guard < 500; ++guard) {
            const auto page = get(
                m_finance, kAdmin + QStringLiteral("/ledger/transfers?limit=3") +
                               (after.isEmpty() ? QString() : QStringLiteral("&after=") + after));
            QCOMPARE(page.status, 200);
            for (const auto &v : items(page))
                paged.push_back(v.toObject().value(QStringLiteral("seq")).toInteger());
            after = nextCursor(page);
            if (after.isEmpty())
                break;
        }
        QCOMPARE(paged, expected);
        for (qsizetype i = 1; i < paged.size(); ++i)
            QVERIFY(paged.at(i) < paged.at(i - 1));
    }

    void statementRunningBalanceMatchesWallet()
    {
        const Actor m = member();
        buy(m, QStringLiteral("stripe-100"));
        QCOMPARE(adjust(m_finance, m.id, 30).status, 201);
        QCOMPARE(adjust(m_finance, m.id, -20).status, 201);
        QCOMPARE(adjust(m_finance, m.id, 7).status, 201);
        const QString path =
            kAdmin + QStringLiteral("/ledger/accounts/user:%1/statement").arg(m.id);
        QList<QJsonObject> entries;
        QString after;
        QJsonObject first;
        for (int guard = 0; guard < 50; ++guard) {
            const auto page = get(
                m_finance, path + QStringLiteral("?limit=2") +
                               (after.isEmpty() ? QString() : QStringLiteral("&after=") + after));
            QCOMPARE(page.status, 200);
            if (first.isEmpty())
                first = page.json();
            for (const auto &v : items(page))
                entries.push_back(v.toObject());
            after = nextCursor(page);
            if (after.isEmpty())
                break;
        }
        QCOMPARE(entries.size(), 5);
        QCOMPARE(entries.first().value(QStringLiteral("available")).toInteger(), available(m.id));
        QCOMPARE(available(m.id), 50 + 100 + 30 - 20 + 7);
        for (qsizetype i = 0; i + 1 < entries.size(); ++i) {
            const QJsonObject &e = entries.at(i);
            QCOMPARE(e.value(QStringLiteral("balance")).toInteger() -
                         e.value(QStringLiteral("change")).toInteger(),
                     entries.at(i + 1).value(QStringLiteral("balance")).toInteger());
        }
        const QJsonObject oldest = entries.last();
        QCOMPARE(oldest.value(QStringLiteral("balance")).toInteger() -
                     oldest.value(QStringLiteral("change")).toInteger(),
                 0);
        QCOMPARE(first.value(QStringLiteral("account"))
                     .toObject()
                     .value(QStringLiteral("available"))
                     .toInteger(),
                 available(m.id));
        // Lots: the starter bonus was drawn first (it expires first), the adjustment made a lot.
        const QJsonArray lots = first.value(QStringLiteral("lots")).toArray();
        QCOMPARE(lots.size(), 4);
        QCOMPARE(lots.at(0).toObject().value(QStringLiteral("source")).toString(),
                 QStringLiteral("bonus_starter"));
        QCOMPARE(lots.at(0).toObject().value(QStringLiteral("remaining")).toInteger(), 30);
        qint64 remaining = 0;
        for (const auto &l : lots)
            remaining += l.toObject().value(QStringLiteral("remaining")).toInteger();
        QCOMPARE(remaining, available(m.id));

        const auto accounts =
            get(m_finance, kAdmin + QStringLiteral("/ledger/accounts?kind=user&limit=500"));
        QCOMPARE(accounts.status, 200);
        bool found = false;
        for (const auto &v : items(accounts))
            if (v.toObject().value(QStringLiteral("id")).toString() ==
                QStringLiteral("user:%1").arg(m.id)) {
                found = true;
                QCOMPARE(v.toObject().value(QStringLiteral("available")).toInteger(),
                         available(m.id));
            }
        QVERIFY(found);
        QCOMPARE(get(m_finance, kAdmin + QStringLiteral("/ledger/accounts/user:999999/statement"))
                     .status,
                 404);
        QCOMPARE(get(m_finance, path + QStringLiteral("?after=bm9wZQ")).status, 400);
    }

    void ledgerCheckNamesTheBrokenAccount()
    {
        const Actor m = member();
        auto check = get(m_finance, kAdmin + QStringLiteral("/ledger/check"));
        QCOMPARE(check.status, 200);
        QVERIFY2(check.json().value(QStringLiteral("ok")).toBool(), check.body.constData());
        QCOMPARE(check.json().value(QStringLiteral("invariants")).toArray().size(), 5);

        const QString account = QStringLiteral("user:%1").arg(m.id);
        QVERIFY(sqlExec(url(),
                        QStringLiteral("UPDATE ledger_accounts SET credits_posted = "
                                       "credits_posted + 7 WHERE id = :a"),
                        {{QStringLiteral(":a"), account}}));
        check = get(m_finance, kAdmin + QStringLiteral("/ledger/check"));
        QVERIFY(sqlExec(url(),
                        QStringLiteral("UPDATE ledger_accounts SET credits_posted = "
                                       "credits_posted - 7 WHERE id = :a"),
                        {{QStringLiteral(":a"), account}}));
        QCOMPARE(check.status, 200);
        QVERIFY(!check.json().value(QStringLiteral("ok")).toBool());
        const QJsonArray inv = check.json().value(QStringLiteral("invariants")).toArray();
        QVERIFY(!inv.at(0).toObject().value(QStringLiteral("ok")).toBool()); // debits != credits
        const QJsonObject totals = inv.at(3).toObject();
        QCOMPARE(totals.value(QStringLiteral("number")).toInt(), 4);
        QVERIFY(!totals.value(QStringLiteral("ok")).toBool());
        QVERIFY(totals.value(QStringLiteral("accounts")).toArray().contains(account));
        QVERIFY(get(m_finance, kAdmin + QStringLiteral("/ledger/check"))
                    .json()
                    .value(QStringLiteral("ok"))
                    .toBool());
    }

    void refundOfAPurchaseEndToEnd()
    {
        const Actor m = member();
        const Purchase p = buy(m, QStringLiteral("stripe-100"));
        const QString refund = kAdmin + QStringLiteral("/payments/%1/refund").arg(p.paymentId);
        auto r = post(m_finance, refund,
                      {{QStringLiteral("credits"), 101},
                       {QStringLiteral("reason"), QStringLiteral("too many")}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), pt::kInsufficientCredits);
        QCOMPARE(post(m_finance, refund, {{QStringLiteral("credits"), 10}}).status, 400);
        QCOMPARE(
            post(m_finance, kAdmin + QStringLiteral("/payments/99999999/refund"),
                 {{QStringLiteral("credits"), 10}, {QStringLiteral("reason"), QStringLiteral("x")}})
                .status,
            404);

        r = post(m_finance, refund,
                 {{QStringLiteral("credits"), 40},
                  {QStringLiteral("reason"), QStringLiteral("member asked")}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json()
                     .value(QStringLiteral("refund"))
                     .toObject()
                     .value(QStringLiteral("amount_minor"))
                     .toInteger(),
                 400);
        QCOMPARE(r.json()
                     .value(QStringLiteral("payment"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("refund_requested"));
        QCOMPARE(
            auditCount(QStringLiteral("payment.refund_requested"), QString::number(p.paymentId)),
            1);
        QCOMPARE(
            eventCount(QStringLiteral("payment.refund_requested"), QString::number(p.paymentId)),
            1);
        QCOMPARE(available(m.id), 150); // nothing moves until the provider confirms

        const auto hook = deliver(m_server.baseUrl(), QStringLiteral("/api/v1/webhooks/stripe"),
                                  m_stripe.chargeRefunded(p.orderId, p.amount, 400));
        QCOMPARE(hook.json().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("refunded"));
        QCOMPARE(available(m.id), 110);

        const auto detail =
            get(m_finance, kAdmin + QStringLiteral("/payments/%1").arg(p.paymentId));
        QCOMPARE(detail.status, 200);
        const QJsonObject d = detail.json();
        QCOMPARE(d.value(QStringLiteral("user_id")).toInteger(), m.id);
        QCOMPARE(d.value(QStringLiteral("status")).toString(),
                 QStringLiteral("partially_refunded"));
        QCOMPARE(d.value(QStringLiteral("webhooks")).toArray().size(), 2);
        const QJsonArray refunds = d.value(QStringLiteral("refunds")).toArray();
        QCOMPARE(refunds.size(), 1);
        QCOMPARE(refunds.at(0).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("completed"));
        QCOMPARE(refunds.at(0).toObject().value(QStringLiteral("credits")).toInteger(), 40);
        QCOMPARE(d.value(QStringLiteral("transfers")).toArray().size(), 2); // purchase, refund

        const auto list =
            get(m_finance, kAdmin + QStringLiteral("/payments?user=%1&provider=stripe").arg(m.id));
        QCOMPARE(items(list).size(), 1);
        QCOMPARE(items(get(m_finance,
                           kAdmin + QStringLiteral("/payments?user=%1&status=captured").arg(m.id)))
                     .size(),
                 0);
        QCOMPARE(get(m_finance, kAdmin + QStringLiteral("/payments?provider=paypal")).status, 400);
    }

    void adjustmentAtThresholdPostsAtOnce()
    {
        const Actor m = member();
        const auto r = adjust(m_finance, m.id, 500);
        QCOMPARE(r.status, 201);
        const QJsonObject a = r.json();
        const QString id = QString::number(a.value(QStringLiteral("id")).toInteger());
        QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("posted"));
        QCOMPARE(a.value(QStringLiteral("transfer_id")).toString(),
                 QStringLiteral("adjustment:") + id);
        QCOMPARE(etagOf(r), QStringLiteral("\"1\""));
        QCOMPARE(available(m.id), 550);
        QCOMPARE(
            countOf(url(),
                    QStringLiteral("SELECT COUNT(*) FROM credit_lots WHERE transfer_id = :t AND "
                                   "source = 'adjustment_credit' AND remaining = 500"),
                    {{QStringLiteral(":t"), QStringLiteral("adjustment:") + id}}),
            1);
        QCOMPARE(auditCount(QStringLiteral("adjustment.posted"), id), 1);
        QCOMPARE(eventCount(QStringLiteral("adjustment.requested"), id), 1);
        QCOMPARE(eventCount(QStringLiteral("adjustment.posted"), id), 1);

        for (const QJsonObject &bad :
             {QJsonObject{{QStringLiteral("user_id"), m.id},
                          {QStringLiteral("amount"), 0},
                          {QStringLiteral("reason"), QStringLiteral("x")}},
              QJsonObject{{QStringLiteral("user_id"), m.id}, {QStringLiteral("amount"), 5}},
              QJsonObject{{QStringLiteral("user_id"), m.id},
                          {QStringLiteral("amount"), 5},
                          {QStringLiteral("reason"), QStringLiteral("   ")}},
              QJsonObject{{QStringLiteral("user_id"), m.id},
                          {QStringLiteral("amount"), 10000000},
                          {QStringLiteral("reason"), QStringLiteral("x")}},
              QJsonObject{{QStringLiteral("user_id"), m.id},
                          {QStringLiteral("amount"), 5},
                          {QStringLiteral("reason"), QStringLiteral("x")},
                          {QStringLiteral("colour"), QStringLiteral("red")}}}) {
            const auto rr = post(m_finance, kAdmin + QStringLiteral("/adjustments"), bad);
            QCOMPARE(rr.status, 400);
            QCOMPARE(rr.problemType(), pt::kValidation);
        }
        QCOMPARE(adjust(m_finance, 99999999, 5).status, 404);
        QCOMPARE(adjust(m_finance, m_viewer.id, 5).status, 404); // staff have no wallet
    }

    void adjustmentAboveThresholdNeedsASecondPerson()
    {
        const Actor m = member();
        auto r = adjust(m_finance, m.id, 501);
        QCOMPARE(r.status, 201);
        const qint64 id = r.json().value(QStringLiteral("id")).toInteger();
        const QString sid = QString::number(id);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("pending_approval"));
        QCOMPARE(available(m.id), 50);
        QCOMPARE(auditCount(QStringLiteral("adjustment.requested"), sid), 1);
        QCOMPARE(eventCount(QStringLiteral("adjustment.requested"), sid), 1);
        const QString path = kAdmin + QStringLiteral("/adjustments/%1").arg(id);
        const QByteArray etag = get(m_finance, path).header("etag");
        QCOMPARE(etag, QByteArray("\"1\""));

        auto pending = get(
            m_finance2,
            kAdmin +
                QStringLiteral("/adjustments?status=pending_approval&maker=%1").arg(m_finance.id));
        QVERIFY(items(pending).contains(get(m_finance, path).json()));

        r = post(m_finance, path + QStringLiteral("/approve"), {}, {{"If-Match", etag}});
        QCOMPARE(r.status, 403);
        QCOMPARE(r.problemType(), pt::kFourEyes);
        r = post(m_finance2, path + QStringLiteral("/approve"), {});
        QCOMPARE(r.status, 428);
        QCOMPARE(r.problemType(), pt::kPreconditionRequired);
        r = post(m_finance2, path + QStringLiteral("/approve"), {}, {{"If-Match", "\"7\""}});
        QCOMPARE(r.status, 412);
        QCOMPARE(r.json()
                     .value(QStringLiteral("current"))
                     .toObject()
                     .value(QStringLiteral("version"))
                     .toInteger(),
                 1);
        QCOMPARE(available(m.id), 50);

        r = post(m_finance2, path + QStringLiteral("/approve"),
                 {{QStringLiteral("reason"), QStringLiteral("checked the case")}},
                 {{"If-Match", etag}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("posted"));
        QCOMPARE(r.json().value(QStringLiteral("checker_id")).toInteger(), m_finance2.id);
        QCOMPARE(r.json().value(QStringLiteral("version")).toInteger(), 2);
        QCOMPARE(etagOf(r), QStringLiteral("\"2\""));
        QCOMPARE(available(m.id), 551);
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT COUNT(*) FROM credit_lots WHERE transfer_id = :t"),
                         {{QStringLiteral(":t"), QStringLiteral("adjustment:") + sid}}),
                 1);
        QCOMPARE(auditCount(QStringLiteral("adjustment.approved"), sid), 1);
        QCOMPARE(eventCount(QStringLiteral("adjustment.approved"), sid), 1);
        QCOMPARE(eventCount(QStringLiteral("adjustment.posted"), sid), 1);
        QVERIFY(get(m_admin, kAdmin + QStringLiteral("/ledger/check"))
                    .json()
                    .value(QStringLiteral("ok"))
                    .toBool());

        r = post(m_admin, path + QStringLiteral("/approve"), {}, {{"If-Match", "\"2\""}});
        QCOMPARE(r.status, 409);
        QCOMPARE(eventCount(QStringLiteral("adjustment.posted"), sid), 1);

        // Rejected: nothing moves.
        r = adjust(m_finance, m.id, 900);
        const QString rejectPath =
            kAdmin + QStringLiteral("/adjustments/%1/reject")
                         .arg(r.json().value(QStringLiteral("id")).toInteger());
        r = post(m_admin, rejectPath, {{QStringLiteral("reason"), QStringLiteral("no case")}},
                 {{"If-Match", "*"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QVERIFY(r.json().value(QStringLiteral("transfer_id")).isNull());
        QCOMPARE(available(m.id), 551);
        QCOMPARE(eventCount(QStringLiteral("adjustment.rejected"),
                            QString::number(r.json().value(QStringLiteral("id")).toInteger())),
                 1);
    }

    void debitAdjustmentsNeverOverdraw()
    {
        const Actor m = member(); // 50 starter credits
        auto r = adjust(m_finance, m.id, -51);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), pt::kInsufficientCredits);
        QCOMPARE(available(m.id), 50);

        buy(m, QStringLiteral("stripe-1000"));
        r = adjust(m_finance, m.id, -700); // waits for approval
        QCOMPARE(r.status, 201);
        const QString path = kAdmin + QStringLiteral("/adjustments/%1/approve")
                                          .arg(r.json().value(QStringLiteral("id")).toInteger());
        QCOMPARE(adjust(m_finance, m.id, -400).status, 201); // spent meanwhile: 650 left
        QCOMPARE(available(m.id), 650);
        r = post(m_finance2, path, {}, {{"If-Match", "\"1\""}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), pt::kInsufficientCredits);
        QCOMPARE(available(m.id), 650);
        QCOMPARE(
            countOf(url(),
                    QStringLiteral("SELECT COUNT(*) FROM credit_adjustments WHERE user_id = :u "
                                   "AND status = 'pending_approval'"),
                    {{QStringLiteral(":u"), m.id}}),
            1);
    }

    void stripeReconciliation()
    {
        QList<Purchase> bought;
        for (const QString &pkg : {QStringLiteral("stripe-100"), QStringLiteral("stripe-500"),
                                   QStringLiteral("stripe-1000"), QStringLiteral("stripe-100")})
            bought.push_back(buy(member(), pkg));
        QList<SettlementEntry> entries;
        for (const Purchase &p : bought)
            entries.push_back({p.orderId, {}, p.amount, p.currency, now(), false});
        entries.removeLast();          // missing in the report
        entries[1].amountMinor += 100; // differing amount
        entries.push_back({QStringLiteral("pi_unknown000000000000000"),
                           {},
                           999,
                           QStringLiteral("USD"),
                           now(),
                           false}); // missing in our records
        QByteArray csv = m_stripe.settlementReport(entries);
        // Two bad rows (lines 6 and 7) and a payout, which is not matched.
        csv += "txn_bad,2026-01-01 00:00:00,2026-01-01 00:00:00,2026-01-03 00:00:00,usd,ten,0,0,"
               "charge,ch_x,x,0,usd,ch_x,pi_x\r\n";
        csv += "txn_short,2026-01-01\r\n";
        csv += "txn_payout,2026-01-01 00:00:00,2026-01-01 00:00:00,2026-01-03 00:00:00,usd,-5.00,"
               "0,-5.00,payout,po_1,\"payout, weekly\",0,usd,,\r\n";

        const auto r = upload(m_finance, QStringLiteral("stripe"), csv);
        QCOMPARE(r.status, 201);
        const QJsonObject run = r.json();
        const qint64 runId = run.value(QStringLiteral("id")).toInteger();
        QCOMPARE(run.value(QStringLiteral("layout")).toString(), QStringLiteral("stripe_itemized"));
        const QJsonObject s = run.value(QStringLiteral("summary")).toObject();
        QCOMPARE(s.value(QStringLiteral("report_rows")).toInteger(), 7);
        QCOMPARE(s.value(QStringLiteral("matched")).toInteger(), 2);
        QCOMPARE(s.value(QStringLiteral("differing")).toInteger(), 1);
        QCOMPARE(s.value(QStringLiteral("missing_internal")).toInteger(), 1);
        QCOMPARE(s.value(QStringLiteral("bad_rows")).toInteger(), 2);
        QCOMPARE(s.value(QStringLiteral("ignored")).toInteger(), 1);
        QVERIFY(s.value(QStringLiteral("missing_in_report")).toInteger() >= 1);

        const auto differing = runRows(runId, QStringLiteral("differing"));
        QCOMPARE(differing.size(), 1);
        QCOMPARE(differing.at(0).value(QStringLiteral("payment_id")).toInteger(),
                 bought.at(1).paymentId);
        QCOMPARE(differing.at(0).value(QStringLiteral("differences")).toArray(),
                 QJsonArray{QStringLiteral("amount")});
        QSet<qint64> missing;
        for (const auto &row : runRows(runId, QStringLiteral("missing_in_report")))
            missing.insert(row.value(QStringLiteral("payment_id")).toInteger());
        QVERIFY(missing.contains(bought.at(3).paymentId));
        QVERIFY(!missing.contains(bought.at(0).paymentId));
        QCOMPARE(runRows(runId, QStringLiteral("missing_internal"))
                     .at(0)
                     .value(QStringLiteral("order_id"))
                     .toString(),
                 QStringLiteral("pi_unknown000000000000000"));
        const auto bad = runRows(runId, QStringLiteral("bad_row"));
        QCOMPARE(bad.size(), 2);
        QCOMPARE(bad.at(0).value(QStringLiteral("line")).toInt(), 6);
        QCOMPARE(bad.at(1).value(QStringLiteral("line")).toInt(), 7);
        QCOMPARE(runRows(runId, QStringLiteral("matched")).size(), 2);

        // Paged rows: no gap, no repeat.
        QSet<qint64> seen;
        QString after;
        for (int guard = 0; guard < 50; ++guard) {
            const auto page = get(
                m_finance, kAdmin + QStringLiteral("/reconciliation/%1?limit=2").arg(runId) +
                               (after.isEmpty() ? QString() : QStringLiteral("&after=") + after));
            QCOMPARE(page.status, 200);
            for (const auto &v : items(page)) {
                const qint64 id = v.toObject().value(QStringLiteral("id")).toInteger();
                QVERIFY(!seen.contains(id));
                seen.insert(id);
            }
            after = nextCursor(page);
            if (after.isEmpty())
                break;
        }
        QCOMPARE(seen.size(), 7 + s.value(QStringLiteral("missing_in_report")).toInteger());

        QCOMPARE(auditCount(QStringLiteral("reconciliation.run"), QString::number(runId)), 1);
        QCOMPARE(eventCount(QStringLiteral("reconciliation.completed"), QString::number(runId)), 1);
        const auto runs =
            get(m_finance, kAdmin + QStringLiteral("/reconciliation?provider=stripe"));
        QCOMPARE(items(runs).at(0).toObject().value(QStringLiteral("id")).toInteger(), runId);

        // Not a Stripe report at all, or no provider.
        auto wrong = upload(m_finance, QStringLiteral("stripe"), "name,age\r\nAda,36\r\n");
        QCOMPARE(wrong.status, 400);
        QCOMPARE(wrong.problemType(), pt::kSettlementLayout);
        wrong = upload(m_finance, QStringLiteral("stripe"), m_razorpay.settlementReport({}));
        QCOMPARE(wrong.problemType(), pt::kSettlementLayout);
        QCOMPARE(upload(m_finance, QStringLiteral("paypal"), csv).status, 400);
        QCOMPARE(upload(m_finance, QStringLiteral("stripe"), QByteArray()).status, 400);
    }

    void razorpayReconciliation()
    {
        QList<Purchase> bought;
        for (int i = 0; i < 3; ++i)
            bought.push_back(buy(member(), QStringLiteral("razorpay-100")));
        QList<SettlementEntry> entries;
        for (const Purchase &p : bought)
            entries.push_back({p.orderId, p.providerPaymentId, p.amount, p.currency, now(), false});
        entries[2].currency = QStringLiteral("USD"); // differing currency
        // A refund of the first payment that we never asked for: differing status.
        entries.push_back({bought.at(0).orderId, bought.at(0).providerPaymentId, 8000,
                           QStringLiteral("INR"), now(), true});
        QByteArray csv = m_razorpay.settlementReport(entries);
        csv.replace("\n", "\r\n");
        csv.prepend("\xEF\xBB\xBF");
        csv += "pay_broken,payment,0,0,lots,INR,0,0,false,true,1700000000,1700000000,setl_1,,"
               "default,x,\"multi\r\nline\",,utr,order_zzz,,card,Visa,HDFC,credit,\r\n";

        const auto r = upload(m_admin, QStringLiteral("razorpay"), csv);
        QCOMPARE(r.status, 201);
        const QJsonObject run = r.json();
        const qint64 runId = run.value(QStringLiteral("id")).toInteger();
        QCOMPARE(run.value(QStringLiteral("layout")).toString(), QStringLiteral("razorpay_recon"));
        const QJsonObject s = run.value(QStringLiteral("summary")).toObject();
        QCOMPARE(s.value(QStringLiteral("matched")).toInteger(), 2);
        QCOMPARE(s.value(QStringLiteral("differing")).toInteger(), 2);
        QCOMPARE(s.value(QStringLiteral("bad_rows")).toInteger(), 1);
        QCOMPARE(s.value(QStringLiteral("missing_internal")).toInteger(), 0);
        const auto differing = runRows(runId, QStringLiteral("differing"));
        QCOMPARE(differing.size(), 2);
        QCOMPARE(differing.at(0).value(QStringLiteral("payment_id")).toInteger(),
                 bought.at(2).paymentId);
        QCOMPARE(differing.at(0).value(QStringLiteral("differences")).toArray(),
                 QJsonArray{QStringLiteral("currency")});
        QCOMPARE(differing.at(1).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("refund"));
        QCOMPARE(differing.at(1).value(QStringLiteral("differences")).toArray(),
                 QJsonArray{QStringLiteral("status")});
        const auto bad = runRows(runId, QStringLiteral("bad_row"));
        QCOMPARE(bad.size(), 1);
        QCOMPARE(bad.at(0).value(QStringLiteral("line")).toInt(), 6);
        QSet<qint64> matched;
        for (const auto &row : runRows(runId, QStringLiteral("matched")))
            matched.insert(row.value(QStringLiteral("payment_id")).toInteger());
        QCOMPARE(matched, (QSet<qint64>{bought.at(0).paymentId, bought.at(1).paymentId}));
        QCOMPARE(upload(m_finance, QStringLiteral("razorpay"), m_stripe.settlementReport({}))
                     .problemType(),
                 pt::kSettlementLayout);
        QCOMPARE(get(m_finance, kAdmin + QStringLiteral("/reconciliation/99999999")).status, 404);
        QCOMPARE(
            get(m_finance, kAdmin + QStringLiteral("/reconciliation/%1?outcome=odd").arg(runId))
                .status,
            400);
    }
};

QTEST_GUILESS_MAIN(TestAdminFinance)
#include "tst_admin_finance.moc"
