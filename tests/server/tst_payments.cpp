// Payments against the real server: checkout, Stripe and Razorpay webhooks signed exactly as the
// providers sign them (server/sim), refunds. Every webhook test asserts the wallet, the ledger
// and the payment row: nothing may credit twice, or at all when it should not, and the ledger
// invariants hold after every test.
#include "protocol/problem.h"
#include "server/domain/audit/auditlog.h"
#include "server/domain/clock.h"
#include "server/domain/domainerror.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/accounts.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/marketplaceconfig.h"
#include "server/domain/payments/payments.h"
#include "server/sim/razorpaysimulator.h"
#include "server/sim/stripesimulator.h"
#include "tests/server/paymenttesthelpers.h"
#include "tests/testutils/testserver.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

using namespace skillex::testutils;
using skillex::server::Database;
using skillex::server::DatabaseUrl;
using skillex::server::DomainError;
using skillex::sim::RazorpaySimulator;
using skillex::sim::SignedWebhook;
using skillex::sim::StripeSimulator;
namespace pt = skillex::protocol::problemtype;

namespace {

const QString kStripePath = QStringLiteral("/api/v1/webhooks/stripe");
const QString kRazorpayPath = QStringLiteral("/api/v1/webhooks/razorpay");

struct Checkout {
    qint64 paymentId = 0;
    QString orderId;
    qint64 amount = 0;
    QString currency;
};

} // namespace

class TestPayments : public QObject {
    Q_OBJECT

    TestServer m_server;
    std::unique_ptr<Database> m_db;
    StripeSimulator m_stripe{"whsec_test_stripe"};
    RazorpaySimulator m_razorpay{"test_razorpay_webhook", "test_razorpay_key"};
    int m_members = 0;

    QString url() const { return m_server.databaseUrl(); }

    SignedInMember newMember()
    {
        return registerAndSignIn(m_server.baseUrl(),
                                 QStringLiteral("buyer%1@example.com").arg(++m_members));
    }

    Checkout checkout(const SignedInMember &m, const QString &packageId, const QString &provider)
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const auto r = http.post(
            QStringLiteral("/api/v1/payments/checkout"),
            {{QStringLiteral("package_id"), packageId}, {QStringLiteral("provider"), provider}});
        if (r.status != 201)
            qWarning() << "checkout failed" << r.status << r.body;
        const QJsonObject o = r.json();
        return {o.value(QStringLiteral("payment_id")).toInteger(),
                o.value(QStringLiteral("provider_order_id")).toString(),
                o.value(QStringLiteral("amount")).toInteger(),
                o.value(QStringLiteral("currency")).toString()};
    }

    QString paymentStatus(qint64 paymentId)
    {
        return sqlScalar(url(), QStringLiteral("SELECT status FROM payments WHERE id = :id"),
                         {{QStringLiteral(":id"), paymentId}})
            .toString();
    }

    qint64 purchaseTransfers(qint64 paymentId)
    {
        return countOf(url(),
                       QStringLiteral("SELECT COUNT(*) FROM ledger_transfers WHERE code = "
                                      "'purchase' AND ref_type = 'payment' AND ref_id = :id"),
                       {{QStringLiteral(":id"), QString::number(paymentId)}});
    }

    qint64 eventsOf(const QString &type, qint64 paymentId)
    {
        return countOf(
            url(),
            QStringLiteral("SELECT COUNT(*) FROM events WHERE type = :t AND "
                           "subject_type = 'payment' AND subject_id = :id"),
            {{QStringLiteral(":t"), type}, {QStringLiteral(":id"), QString::number(paymentId)}});
    }

    qint64 webhookRows()
    {
        return countOf(url(), QStringLiteral("SELECT COUNT(*) FROM webhook_events"));
    }
    qint64 allTransfers()
    {
        return countOf(url(), QStringLiteral("SELECT COUNT(*) FROM ledger_transfers"));
    }

    TestResponse stripe(const SignedWebhook &w)
    {
        return deliver(m_server.baseUrl(), kStripePath, w);
    }
    TestResponse razorpay(const SignedWebhook &w)
    {
        return deliver(m_server.baseUrl(), kRazorpayPath, w);
    }

    static QString outcome(const TestResponse &r)
    {
        return r.json().value(QStringLiteral("outcome")).toString();
    }

    // A member who bought stripe-100 (100 credits on top of the 50 starter credits).
    std::pair<SignedInMember, Checkout> capturedStripePurchase()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        const auto r = stripe(m_stripe.paymentSucceeded(c.orderId, c.amount));
        if (outcome(r) != QStringLiteral("captured"))
            qWarning() << "capture failed" << r.status << r.body;
        return {m, c};
    }

    // Spends credits of the member outside any session (a staff debit adjustment), so that a
    // purchase lot can be partly used up.
    void spend(qint64 userId, qint64 credits)
    {
        skillex::server::SystemClock clock;
        skillex::server::Ledger ledger(m_db->dialect(), clock);
        m_db->write([&](QSqlDatabase &tx) {
            skillex::server::TransferSpec s;
            s.id = QStringLiteral("test-spend:%1:%2")
                       .arg(userId)
                       .arg(QDateTime::currentMSecsSinceEpoch());
            s.debit = skillex::server::accounts::user(userId);
            s.credit = skillex::server::accounts::kAdjustments;
            s.amount = credits;
            s.code = QStringLiteral("adjustment_debit");
            s.refType = QStringLiteral("test");
            s.refId = QString::number(userId);
            ledger.post(tx, s);
        });
    }

    qint64 staffId(const QString &role)
    {
        const StaffAccount staff = m_server.createStaff(role);
        return sqlScalar(url(), QStringLiteral("SELECT id FROM users WHERE email = :e"),
                         {{QStringLiteral(":e"), staff.email}})
            .toLongLong();
    }

    // The domain service over the server's own database, for what has no endpoint yet
    // (finance staff asking for a refund).
    skillex::server::RefundRequest requestRefund(qint64 paymentId, qint64 credits,
                                                 const QString &reason, qint64 staff)
    {
        skillex::server::SystemClock clock;
        skillex::server::MarketplaceConfig config;
        skillex::server::Ledger ledger(m_db->dialect(), clock);
        skillex::server::EventLog events(*m_db, clock);
        skillex::server::AuditLog audit(*m_db, clock);
        skillex::server::Payments payments(
            *m_db, clock, ledger, events, audit, config,
            {"whsec_test_stripe", "test_razorpay_webhook", "test_razorpay_key"});
        return payments.requestRefund(paymentId, credits, reason, staff);
    }

    // Sends every delivery at once and waits for all answers: races between deliveries.
    QList<int> deliverConcurrently(const QString &path, const QList<SignedWebhook> &webhooks)
    {
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        for (const SignedWebhook &w : webhooks) {
            QUrl u = m_server.baseUrl();
            u.setPath(path);
            QNetworkRequest request(u);
            for (auto it = w.headers.begin(); it != w.headers.end(); ++it)
                request.setRawHeader(it.key(), it.value());
            replies.push_back(nam.post(request, w.body));
        }
        QEventLoop loop;
        int pending = static_cast<int>(replies.size());
        for (QNetworkReply *reply : replies)
            connect(reply, &QNetworkReply::finished, &loop, [&] {
                if (--pending == 0)
                    loop.quit();
            });
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        QList<int> statuses;
        for (QNetworkReply *reply : replies) {
            statuses.push_back(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            reply->deleteLater();
        }
        return statuses;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_db = std::make_unique<Database>(DatabaseUrl::parse(m_server.databaseUrl()).value());
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

    void packagesAreListedWithoutSignIn()
    {
        TestHttp http(m_server.baseUrl());
        const auto all = http.get(QStringLiteral("/api/v1/payments/packages"));
        QCOMPARE(all.status, 200);
        const QJsonArray items = all.json().value(QStringLiteral("items")).toArray();
        const skillex::server::MarketplaceConfig config;
        QCOMPARE(items.size(), config.packages.size());
        for (int i = 0; i < items.size(); ++i) {
            const QJsonObject o = items.at(i).toObject();
            QCOMPARE(o.value(QStringLiteral("id")).toString(), config.packages.at(i).id);
            QCOMPARE(o.value(QStringLiteral("credits")).toInt(), config.packages.at(i).credits);
            QCOMPARE(o.value(QStringLiteral("amount_minor")).toInteger(),
                     config.packages.at(i).amountMinor);
            QCOMPARE(o.value(QStringLiteral("currency")).toString(),
                     config.packages.at(i).currency);
        }
        const auto razorpay =
            http.get(QStringLiteral("/api/v1/payments/packages?provider=razorpay"));
        const QJsonArray rz = razorpay.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(rz.size(), 3);
        for (const auto &p : rz)
            QCOMPARE(p.toObject().value(QStringLiteral("currency")).toString(),
                     QStringLiteral("INR"));
        // Paging through two at a time gives the same list.
        QJsonArray paged;
        QString next;
        int pages = 0;
        do {
            const auto page =
                http.get(QStringLiteral("/api/v1/payments/packages?limit=2") +
                         (next.isEmpty() ? QString() : QStringLiteral("&after=") + next));
            QCOMPARE(page.status, 200);
            for (const auto &p : page.json().value(QStringLiteral("items")).toArray())
                paged.push_back(p);
            next = page.json().value(QStringLiteral("next")).toString();
            QVERIFY(++pages < 10);
        } while (!next.isEmpty());
        QCOMPARE(paged, items);
    }

    void badPackageQueries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("unknown provider") << QStringLiteral("provider=paypal");
        QTest::newRow("unknown parameter") << QStringLiteral("currency=USD");
        QTest::newRow("limit zero") << QStringLiteral("limit=0");
        QTest::newRow("bad cursor") << QStringLiteral("after=%%%");
        QTest::newRow("forged cursor") << QStringLiteral("after=LTE"); // "-1"
    }

    void badPackageQueries()
    {
        QFETCH(QString, query);
        const auto r =
            TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/payments/packages?") + query);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), pt::kValidation);
    }

    void checkoutCreatesAPaymentAndMovesNothing()
    {
        const SignedInMember m = newMember();
        const qint64 transfers = allTransfers();
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const auto r = http.post(QStringLiteral("/api/v1/payments/checkout"),
                                 {{QStringLiteral("package_id"), QStringLiteral("stripe-500")},
                                  {QStringLiteral("provider"), QStringLiteral("stripe")}});
        QCOMPARE(r.status, 201);
        const QJsonObject o = r.json();
        QVERIFY(o.value(QStringLiteral("provider_order_id"))
                    .toString()
                    .startsWith(QStringLiteral("pi_")));
        QCOMPARE(o.value(QStringLiteral("amount")).toInteger(), 4500);
        QCOMPARE(o.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
        QCOMPARE(o.value(QStringLiteral("credits")).toInt(), 500);
        const qint64 id = o.value(QStringLiteral("payment_id")).toInteger();
        QCOMPARE(paymentStatus(id), QStringLiteral("created"));
        QCOMPARE(eventsOf(QStringLiteral("payment.created"), id), 1);
        QCOMPARE(allTransfers(), transfers);
        QCOMPARE(availableCredits(url(), m.id), 50);

        const auto rz = http.post(QStringLiteral("/api/v1/payments/checkout"),
                                  {{QStringLiteral("package_id"), QStringLiteral("razorpay-100")},
                                   {QStringLiteral("provider"), QStringLiteral("razorpay")}});
        QCOMPARE(rz.status, 201);
        QVERIFY(rz.json()
                    .value(QStringLiteral("provider_order_id"))
                    .toString()
                    .startsWith(QStringLiteral("order_")));
        QCOMPARE(rz.json().value(QStringLiteral("amount")).toInteger(), 80000);
        QCOMPARE(rz.json().value(QStringLiteral("currency")).toString(), QStringLiteral("INR"));
        QVERIFY(rz.json().value(QStringLiteral("provider_order_id")).toString() !=
                o.value(QStringLiteral("provider_order_id")).toString());
    }

    void badCheckouts_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("field");
        const QByteArray json = "application/json";
        QTest::newRow("empty") << QByteArray("{}") << json << 400 << pt::kValidation
                               << QStringLiteral("package_id");
        QTest::newRow("no provider") << QByteArray("{\"package_id\":\"stripe-100\"}") << json << 400
                                     << pt::kValidation << QStringLiteral("provider");
        QTest::newRow("unknown provider")
            << QByteArray("{\"package_id\":\"stripe-100\",\"provider\":\"paypal\"}") << json << 400
            << pt::kValidation << QStringLiteral("provider");
        QTest::newRow("package of the other provider")
            << QByteArray("{\"package_id\":\"stripe-100\",\"provider\":\"razorpay\"}") << json
            << 400 << pt::kValidation << QStringLiteral("package_id");
        QTest::newRow("unknown package")
            << QByteArray("{\"package_id\":\"stripe-99999\",\"provider\":\"stripe\"}") << json
            << 400 << pt::kValidation << QStringLiteral("package_id");
        QTest::newRow("number package")
            << QByteArray("{\"package_id\":100,\"provider\":\"stripe\"}") << json << 400
            << pt::kValidation << QStringLiteral("package_id");
        QTest::newRow("over-long package")
            << (QByteArray("{\"package_id\":\"") + QByteArray(100, 'x') +
                "\",\"provider\":\"stripe\"}")
            << json << 400 << pt::kValidation << QStringLiteral("package_id");
        QTest::newRow("unknown field")
            << QByteArray(
                   "{\"package_id\":\"stripe-100\",\"provider\":\"stripe\",\"credits\":100000}")
            << json << 400 << pt::kValidation << QStringLiteral("credits");
        QTest::newRow("not an object")
            << QByteArray("[\"stripe-100\"]") << json << 400 << pt::kMalformedJson << QString();
        QTest::newRow("malformed")
            << QByteArray("{\"package_id\":") << json << 400 << pt::kMalformedJson << QString();
        QTest::newRow("not json") << QByteArray("package_id=stripe-100")
                                  << QByteArray("application/x-www-form-urlencoded") << 415
                                  << pt::kUnsupportedMediaType << QString();
    }

    void badCheckouts()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, field);
        static const SignedInMember m = newMember();
        const qint64 before = countOf(url(), QStringLiteral("SELECT COUNT(*) FROM payments"));
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const auto r = http.send("POST", QStringLiteral("/api/v1/payments/checkout"), body,
                                 {{"Content-Type", contentType}});
        QCOMPARE(r.status, status);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), type);
        if (!field.isEmpty())
            QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                     r.body.constData());
        QCOMPARE(countOf(url(), QStringLiteral("SELECT COUNT(*) FROM payments")), before);
    }

    void checkoutNeedsAMember()
    {
        TestHttp http(m_server.baseUrl());
        const QJsonObject body{{QStringLiteral("package_id"), QStringLiteral("stripe-100")},
                               {QStringLiteral("provider"), QStringLiteral("stripe")}};
        const auto anonymous = http.post(QStringLiteral("/api/v1/payments/checkout"), body);
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.isProblem());
        const StaffAccount staff = m_server.createStaff(QStringLiteral("finance"));
        const auto login = http.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), staff.email}, {QStringLiteral("password"), staff.password}});
        http.setBearer(login.json().value(QStringLiteral("access_token")).toString());
        const auto asStaff = http.post(QStringLiteral("/api/v1/payments/checkout"), body);
        QCOMPARE(asStaff.status, 403);
        QCOMPARE(asStaff.problemType(), pt::kForbidden);
    }

    void checkoutsAreRateLimited()
    {
        const SignedInMember m = newMember();
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const QJsonObject body{{QStringLiteral("package_id"), QStringLiteral("stripe-100")},
                               {QStringLiteral("provider"), QStringLiteral("stripe")}};
        for (int i = 0; i < skillex::server::Payments::kMaxCheckoutsPerHour; ++i)
            QCOMPARE(http.post(QStringLiteral("/api/v1/payments/checkout"), body).status, 201);
        const auto refused = http.post(QStringLiteral("/api/v1/payments/checkout"), body);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.problemType(), pt::kRateLimited);
        QVERIFY(refused.header("retry-after").toInt() > 0);
        QCOMPARE(countOf(url(), QStringLiteral("SELECT COUNT(*) FROM payments WHERE user_id = :u"),
                         {{QStringLiteral(":u"), m.id}}),
                 skillex::server::Payments::kMaxCheckoutsPerHour);
    }

    void stripeCaptureCreditsExactlyOnce()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        const SignedWebhook succeeded = m_stripe.paymentSucceeded(c.orderId, c.amount);
        const auto first = stripe(succeeded);
        QCOMPARE(first.status, 200);
        QCOMPARE(outcome(first), QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 150);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("captured"));
        QCOMPARE(purchaseTransfers(c.paymentId), 1);
        QCOMPARE(sqlScalar(url(),
                           QStringLiteral("SELECT debit_account FROM ledger_transfers WHERE "
                                          "code = 'purchase' AND ref_id = :id"),
                           {{QStringLiteral(":id"), QString::number(c.paymentId)}})
                     .toString(),
                 QStringLiteral("clearing:stripe"));
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT remaining FROM credit_lots WHERE user_id = :u "
                                        "AND source = 'purchase'"),
                         {{QStringLiteral(":u"), m.id}}),
                 100);
        QCOMPARE(eventsOf(QStringLiteral("payment.captured"), c.paymentId), 1);

        // The same delivery again: acknowledged, nothing changes.
        const auto again = stripe(succeeded);
        QCOMPARE(again.status, 200);
        QCOMPARE(outcome(again), QStringLiteral("duplicate"));
        // Another event for the same payment intent (a new event id): still credited once.
        const auto other = stripe(m_stripe.paymentSucceeded(c.orderId, c.amount));
        QCOMPARE(other.status, 200);
        QCOMPARE(outcome(other), QStringLiteral("already_captured"));
        QCOMPARE(availableCredits(url(), m.id), 150);
        QCOMPARE(purchaseTransfers(c.paymentId), 1);
        QCOMPARE(eventsOf(QStringLiteral("payment.captured"), c.paymentId), 1);
    }

    void razorpayCaptureCreditsExactlyOnce()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("razorpay-500"), QStringLiteral("razorpay"));
        QCOMPARE(c.amount, 360000);
        const QString payId = m_razorpay.newId(QStringLiteral("pay"));

        // The checkout verification proves the widget's answer, and credits nothing.
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const auto verified =
            http.post(QStringLiteral("/api/v1/payments/%1/razorpay-verify").arg(c.paymentId),
                      {{QStringLiteral("razorpay_payment_id"), payId},
                       {QStringLiteral("razorpay_order_id"), c.orderId},
                       {QStringLiteral("razorpay_signature"),
                        QString::fromLatin1(m_razorpay.checkoutSignature(c.orderId, payId))}});
        QCOMPARE(verified.status, 200);
        QCOMPARE(verified.json().value(QStringLiteral("verified")).toBool(), true);
        QCOMPARE(verified.json().value(QStringLiteral("credited")).toBool(), false);
        QCOMPARE(availableCredits(url(), m.id), 50);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("created"));

        const SignedWebhook captured = m_razorpay.paymentCaptured(c.orderId, payId, c.amount);
        const auto first = razorpay(captured);
        QCOMPARE(first.status, 200);
        QCOMPARE(outcome(first), QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 550);
        QCOMPARE(
            sqlScalar(url(),
                      QStringLiteral("SELECT provider_payment_id FROM payments WHERE id = :id"),
                      {{QStringLiteral(":id"), c.paymentId}})
                .toString(),
            payId);
        QCOMPARE(outcome(razorpay(captured)), QStringLiteral("duplicate"));
        QCOMPARE(outcome(razorpay(m_razorpay.paymentCaptured(c.orderId, payId, c.amount))),
                 QStringLiteral("already_captured"));
        QCOMPARE(availableCredits(url(), m.id), 550);
        QCOMPARE(purchaseTransfers(c.paymentId), 1);
        QCOMPARE(sqlScalar(url(),
                           QStringLiteral("SELECT debit_account FROM ledger_transfers WHERE "
                                          "code = 'purchase' AND ref_id = :id"),
                           {{QStringLiteral(":id"), QString::number(c.paymentId)}})
                     .toString(),
                 QStringLiteral("clearing:razorpay"));
    }

    void concurrentDeliveriesCreditOnce()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("stripe-1000"), QStringLiteral("stripe"));
        const SignedWebhook one = m_stripe.paymentSucceeded(c.orderId, c.amount);
        QList<SignedWebhook> burst;
        for (int i = 0; i < 6; ++i)
            burst.push_back(one); // the same event, redelivered
        for (int i = 0; i < 6; ++i)
            burst.push_back(m_stripe.paymentSucceeded(c.orderId, c.amount)); // other event ids
        const QList<int> statuses = deliverConcurrently(kStripePath, burst);
        for (int s : statuses)
            QCOMPARE(s, 200);
        QCOMPARE(availableCredits(url(), m.id), 1050);
        QCOMPARE(purchaseTransfers(c.paymentId), 1);
        QCOMPARE(eventsOf(QStringLiteral("payment.captured"), c.paymentId), 1);
        QCOMPARE(
            countOf(url(),
                    QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE payment_id = :p"),
                    {{QStringLiteral(":p"), c.paymentId}}),
            7); // one row per distinct event id
    }

    void tamperedBodyIsRejected_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::newRow("stripe") << QStringLiteral("stripe");
        QTest::newRow("razorpay") << QStringLiteral("razorpay");
    }

    void tamperedBodyIsRejected()
    {
        QFETCH(QString, provider);
        const bool isStripe = provider == QStringLiteral("stripe");
        const QString package =
            isStripe ? QStringLiteral("stripe-100") : QStringLiteral("razorpay-100");
        // An attacker re-points a genuine capture of their own order at someone else's order.
        const SignedInMember attacker = newMember();
        const SignedInMember victim = newMember();
        const Checkout mine = checkout(attacker, package, provider);
        const Checkout theirs = checkout(victim, package, provider);
        QCOMPARE(mine.orderId.size(), theirs.orderId.size());
        SignedWebhook w =
            isStripe ? m_stripe.paymentSucceeded(mine.orderId, mine.amount)
                     : m_razorpay.paymentCaptured(
                           mine.orderId, m_razorpay.newId(QStringLiteral("pay")), mine.amount);
        w.body.replace(mine.orderId.toLatin1(), theirs.orderId.toLatin1());
        const qint64 rows = webhookRows();
        const auto r = deliver(m_server.baseUrl(), isStripe ? kStripePath : kRazorpayPath, w);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), pt::kInvalidSignature);
        QCOMPARE(webhookRows(), rows);
        QCOMPARE(paymentStatus(theirs.paymentId), QStringLiteral("created"));
        QCOMPARE(availableCredits(url(), victim.id), 50);
        QCOMPARE(availableCredits(url(), attacker.id), 50);
    }

    void wrongSecretIsRejected()
    {
        const SignedInMember m = newMember();
        const Checkout s = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        const Checkout r = checkout(m, QStringLiteral("razorpay-100"), QStringLiteral("razorpay"));
        StripeSimulator wrongStripe("whsec_not_the_secret");
        RazorpaySimulator wrongRazorpay("not_the_webhook_secret", "test_razorpay_key");
        const auto a = stripe(wrongStripe.paymentSucceeded(s.orderId, s.amount));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.problemType(), pt::kInvalidSignature);
        const auto b = razorpay(wrongRazorpay.paymentCaptured(
            r.orderId, m_razorpay.newId(QStringLiteral("pay")), r.amount));
        QCOMPARE(b.status, 400);
        QCOMPARE(b.problemType(), pt::kInvalidSignature);
        // The Razorpay webhook secret is not the key secret, and the other way round.
        RazorpaySimulator swapped("test_razorpay_key", "test_razorpay_webhook");
        QCOMPARE(razorpay(swapped.paymentCaptured(
                              r.orderId, m_razorpay.newId(QStringLiteral("pay")), r.amount))
                     .status,
                 400);
        QCOMPARE(availableCredits(url(), m.id), 50);
        QCOMPARE(paymentStatus(s.paymentId), QStringLiteral("created"));
        QCOMPARE(paymentStatus(r.paymentId), QStringLiteral("created"));
    }

    void stripeTimestampTolerance_data()
    {
        QTest::addColumn<qint64>("offsetSecs");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("just now") << qint64(0) << true;
        QTest::newRow("four minutes old") << qint64(-240) << true;
        QTest::newRow("301 s old") << qint64(-301) << false;
        QTest::newRow("an hour old") << qint64(-3600) << false;
        QTest::newRow("a day old") << qint64(-86400) << false;
        QTest::newRow("an hour ahead") << qint64(3600) << false;
        QTest::newRow("t=0") << qint64(-QDateTime::currentSecsSinceEpoch()) << false;
    }

    void stripeTimestampTolerance()
    {
        QFETCH(qint64, offsetSecs);
        QFETCH(bool, accepted);
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        const SignedWebhook fresh = m_stripe.paymentSucceeded(c.orderId, c.amount);
        const SignedWebhook w = m_stripe.deliver(fresh.body, fresh.eventId,
                                                 QDateTime::currentSecsSinceEpoch() + offsetSecs);
        const auto r = stripe(w);
        QCOMPARE(r.status, accepted ? 200 : 400);
        QCOMPARE(availableCredits(url(), m.id), accepted ? 150 : 50);
        if (!accepted) {
            QCOMPARE(r.problemType(), pt::kInvalidSignature);
            QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("created"));
            QCOMPARE(purchaseTransfers(c.paymentId), 0);
        }
    }

    void anyOfSeveralV1SignaturesMayMatch()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        SignedWebhook w = m_stripe.paymentSucceeded(c.orderId, c.amount);
        const qint64 t = QDateTime::currentSecsSinceEpoch();
        const QByteArray good = StripeSimulator::signature("whsec_test_stripe", t, w.body);
        const QByteArray rolled = StripeSimulator::signature("whsec_old_rolled_secret", t, w.body);
        // All wrong first: refused.
        w.headers["Stripe-Signature"] = "t=" + QByteArray::number(t) + ",v1=" + rolled +
                                        ",v1=" + QByteArray(64, '0') + ",v0=" + good;
        QCOMPARE(stripe(w).status, 400);
        QCOMPARE(availableCredits(url(), m.id), 50);
        // While a secret is rolled, Stripe signs with both: one valid v1 is enough.
        w.headers["Stripe-Signature"] =
            "t=" + QByteArray::number(t) + ",v1=" + rolled + ",v1=" + good + ",v0=" + rolled;
        const auto r = stripe(w);
        QCOMPARE(r.status, 200);
        QCOMPARE(outcome(r), QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 150);
    }

    void missingOrMalformedSignatureHeaders_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("header");   // {sig} is replaced by a valid signature
        QTest::addColumn<bool>("withEventId"); // Razorpay's event id header
        QTest::addColumn<QString>("type");
        const QString sig = pt::kInvalidSignature;
        QTest::newRow("stripe: none") << QStringLiteral("stripe") << QString() << true << sig;
        QTest::newRow("stripe: garbage")
            << QStringLiteral("stripe") << QStringLiteral("garbage") << true << sig;
        QTest::newRow("stripe: no t")
            << QStringLiteral("stripe") << QStringLiteral("v1={sig}") << true << sig;
        QTest::newRow("stripe: no v1")
            << QStringLiteral("stripe") << QStringLiteral("t={t}") << true << sig;
        QTest::newRow("stripe: only v0")
            << QStringLiteral("stripe") << QStringLiteral("t={t},v0={sig}") << true << sig;
        QTest::newRow("stripe: t not a number")
            << QStringLiteral("stripe") << QStringLiteral("t=soon,v1={sig}") << true << sig;
        QTest::newRow("stripe: two t")
            << QStringLiteral("stripe") << QStringLiteral("t={t},t={t},v1={sig}") << true << sig;
        QTest::newRow("stripe: negative t")
            << QStringLiteral("stripe") << QStringLiteral("t=-{t},v1={sig}") << true << sig;
        QTest::newRow("stripe: v1 not hex")
            << QStringLiteral("stripe")
            << QStringLiteral("t={t},v1=") + QString(64, QLatin1Char('z')) << true << sig;
        QTest::newRow("stripe: v1 truncated")
            << QStringLiteral("stripe") << QStringLiteral("t={t},v1={sig-short}") << true << sig;
        QTest::newRow("stripe: v1 with extra")
            << QStringLiteral("stripe") << QStringLiteral("t={t},v1={sig}00") << true << sig;
        QTest::newRow("stripe: empty item")
            << QStringLiteral("stripe") << QStringLiteral("t={t},,v1={sig}") << true << sig;
        QTest::newRow("stripe: huge")
            << QStringLiteral("stripe")
            << QStringLiteral("t={t},v1={sig},") + QString(5000, QLatin1Char('v')) << true << sig;
        QTest::newRow("razorpay: none") << QStringLiteral("razorpay") << QString() << true << sig;
        QTest::newRow("razorpay: not hex")
            << QStringLiteral("razorpay") << QString(64, QLatin1Char('g')) << true << sig;
        QTest::newRow("razorpay: truncated")
            << QStringLiteral("razorpay") << QStringLiteral("{sig-short}") << true << sig;
        QTest::newRow("razorpay: stripe style")
            << QStringLiteral("razorpay") << QStringLiteral("t={t},v1={sig}") << true << sig;
        QTest::newRow("razorpay: no event id")
            << QStringLiteral("razorpay") << QStringLiteral("{sig}") << false << pt::kBadRequest;
    }

    void missingOrMalformedSignatureHeaders()
    {
        QFETCH(QString, provider);
        QFETCH(QString, header);
        QFETCH(bool, withEventId);
        QFETCH(QString, type);
        const bool isStripe = provider == QStringLiteral("stripe");
        const SignedInMember m = newMember();
        const Checkout c = checkout(
            m, isStripe ? QStringLiteral("stripe-100") : QStringLiteral("razorpay-100"), provider);
        SignedWebhook w = isStripe
                              ? m_stripe.paymentSucceeded(c.orderId, c.amount)
                              : m_razorpay.paymentCaptured(
                                    c.orderId, m_razorpay.newId(QStringLiteral("pay")), c.amount);
        const qint64 t = QDateTime::currentSecsSinceEpoch();
        const QByteArray sig = isStripe ? StripeSimulator::signature("whsec_test_stripe", t, w.body)
                                        : m_razorpay.webhookSignature(w.body);
        QString value = header;
        value.replace(QStringLiteral("{sig-short}"), QString::fromLatin1(sig.left(40)));
        value.replace(QStringLiteral("{sig}"), QString::fromLatin1(sig));
        value.replace(QStringLiteral("{t}"), QString::number(t));
        const QByteArray name = isStripe ? "Stripe-Signature" : "X-Razorpay-Signature";
        w.headers.remove(name);
        if (!value.isEmpty())
            w.headers.insert(name, value.toLatin1());
        if (!withEventId)
            w.headers.remove("X-Razorpay-Event-Id");
        const qint64 rows = webhookRows();
        const auto r = deliver(m_server.baseUrl(), isStripe ? kStripePath : kRazorpayPath, w);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), type);
        QCOMPARE(webhookRows(), rows);
        QCOMPARE(availableCredits(url(), m.id), 50);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("created"));
    }

    void badPayloadsWithValidSignatures_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("type");
        const QString v = pt::kValidation;
        const QString mj = pt::kMalformedJson;
        auto s = [](const QByteArray &object) {
            return QByteArray("{\"id\":\"evt_bad1\",\"type\":\"payment_intent.succeeded\",\"data\":"
                              "{\"object\":") +
                   object + "}}";
        };
        QTest::newRow("stripe: not json")
            << QStringLiteral("stripe") << QByteArray("not json") << mj;
        QTest::newRow("stripe: array") << QStringLiteral("stripe") << QByteArray("[1,2]") << mj;
        QTest::newRow("stripe: empty body") << QStringLiteral("stripe") << QByteArray() << mj;
        QTest::newRow("stripe: no id")
            << QStringLiteral("stripe") << QByteArray("{\"type\":\"payment_intent.succeeded\"}")
            << v;
        QTest::newRow("stripe: id with spaces")
            << QStringLiteral("stripe") << QByteArray("{\"id\":\"evt 1\",\"type\":\"x\"}") << v;
        QTest::newRow("stripe: no type")
            << QStringLiteral("stripe") << QByteArray("{\"id\":\"evt_1\"}") << v;
        QTest::newRow("stripe: no data")
            << QStringLiteral("stripe")
            << QByteArray("{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}") << v;
        QTest::newRow("stripe: amount as string")
            << QStringLiteral("stripe")
            << s("{\"id\":\"pi_x\",\"amount\":\"1000\",\"currency\":\"usd\"}") << v;
        QTest::newRow("stripe: negative amount")
            << QStringLiteral("stripe")
            << s("{\"id\":\"pi_x\",\"amount\":-1000,\"currency\":\"usd\"}") << v;
        QTest::newRow("stripe: fractional amount")
            << QStringLiteral("stripe")
            << s("{\"id\":\"pi_x\",\"amount\":10.5,\"currency\":\"usd\"}") << v;
        QTest::newRow("stripe: huge amount")
            << QStringLiteral("stripe")
            << s("{\"id\":\"pi_x\",\"amount\":1e300,\"currency\":\"usd\"}") << v;
        QTest::newRow("stripe: bad currency")
            << QStringLiteral("stripe")
            << s("{\"id\":\"pi_x\",\"amount\":1000,\"currency\":\"dollars\"}") << v;
        QTest::newRow("stripe: object id a number")
            << QStringLiteral("stripe") << s("{\"id\":42,\"amount\":1000,\"currency\":\"usd\"}")
            << v;
        QTest::newRow("stripe: refund without total")
            << QStringLiteral("stripe")
            << QByteArray(
                   "{\"id\":\"evt_r\",\"type\":\"charge.refunded\",\"data\":{\"object\":{\"id\":"
                   "\"ch_1\",\"payment_intent\":\"pi_x\",\"amount\":1000,\"currency\":\"usd\"}}}")
            << v;
        QTest::newRow("stripe: too deep")
            << QStringLiteral("stripe") << (QByteArray(100, '[') + QByteArray(100, ']')) << mj;
        QTest::newRow("razorpay: not json") << QStringLiteral("razorpay") << QByteArray("{") << mj;
        QTest::newRow("razorpay: no event")
            << QStringLiteral("razorpay") << QByteArray("{\"payload\":{}}") << v;
        QTest::newRow("razorpay: no payload")
            << QStringLiteral("razorpay") << QByteArray("{\"event\":\"payment.captured\"}") << v;
        QTest::newRow("razorpay: entity not an object")
            << QStringLiteral("razorpay")
            << QByteArray("{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":"
                          "\"pay_1\"}}}")
            << v;
        QTest::newRow("razorpay: no amount")
            << QStringLiteral("razorpay")
            << QByteArray("{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{"
                          "\"id\":\"pay_1\",\"order_id\":\"order_x\",\"currency\":\"INR\"}}}}")
            << v;
        QTest::newRow("razorpay: order id an object")
            << QStringLiteral("razorpay")
            << QByteArray(
                   "{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{\"id\":"
                   "\"pay_1\",\"order_id\":{},\"amount\":100,\"currency\":\"INR\"}}}}")
            << v;
    }

    void badPayloadsWithValidSignatures()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, body);
        QFETCH(QString, type);
        const qint64 transfers = allTransfers();
        const qint64 rows = webhookRows();
        const SignedWebhook w =
            provider == QStringLiteral("stripe")
                ? m_stripe.deliver(body, QStringLiteral("evt_bad"))
                : m_razorpay.deliverBody(body, m_razorpay.newId(QStringLiteral("evt")));
        const auto r =
            deliver(m_server.baseUrl(),
                    provider == QStringLiteral("stripe") ? kStripePath : kRazorpayPath, w);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), type);
        QCOMPARE(allTransfers(), transfers);
        QCOMPARE(webhookRows(), rows);
    }

    void unknownEventTypesAreAcknowledged()
    {
        const QByteArray body =
            m_stripe.eventBody(QStringLiteral("customer.created"),
                               {{QStringLiteral("id"), QStringLiteral("cus_123")},
                                {QStringLiteral("object"), QStringLiteral("customer")}});
        const QString id =
            QJsonDocument::fromJson(body).object().value(QStringLiteral("id")).toString();
        const auto r = stripe(m_stripe.deliver(body, id));
        QCOMPARE(r.status, 200);
        QCOMPARE(outcome(r), QStringLiteral("ignored"));
        const auto rz = razorpay(m_razorpay.deliver(QStringLiteral("order.paid"), {}, {}));
        QCOMPARE(rz.status, 200);
        QCOMPARE(outcome(rz), QStringLiteral("ignored"));
    }

    void webhookForAnUnknownOrderCreditsNothing()
    {
        const SignedInMember m = newMember();
        const Checkout rz = checkout(m, QStringLiteral("razorpay-100"), QStringLiteral("razorpay"));
        const qint64 transfers = allTransfers();
        const auto s =
            stripe(m_stripe.paymentSucceeded(QStringLiteral("pi_NoSuchIntent000000000000"), 1000));
        QCOMPARE(s.status, 200);
        QCOMPARE(outcome(s), QStringLiteral("unknown_order"));
        const auto r =
            razorpay(m_razorpay.paymentCaptured(QStringLiteral("order_NoSuchOrder0000"),
                                                m_razorpay.newId(QStringLiteral("pay")), 80000));
        QCOMPARE(r.status, 200);
        QCOMPARE(outcome(r), QStringLiteral("unknown_order"));
        // A real order of the other provider is not an order of this one.
        const auto crossed =
            stripe(m_stripe.paymentSucceeded(rz.orderId, rz.amount, QStringLiteral("inr")));
        QCOMPARE(outcome(crossed), QStringLiteral("unknown_order"));
        QCOMPARE(allTransfers(), transfers);
        QCOMPARE(paymentStatus(rz.paymentId), QStringLiteral("created"));
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE outcome = "
                                        "'unknown_order' AND event_id = :e"),
                         {{QStringLiteral(":e"),
                           r.json().value(QStringLiteral("event_id")).toString()}}),
                 1);
    }

    void captureWithOtherAmountOrCurrencyIsRefused_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<qint64>("amountDelta");
        QTest::addColumn<QString>("currency");
        QTest::newRow("stripe: less")
            << QStringLiteral("stripe") << qint64(-1) << QStringLiteral("usd");
        QTest::newRow("stripe: more")
            << QStringLiteral("stripe") << qint64(100000) << QStringLiteral("usd");
        QTest::newRow("stripe: euro")
            << QStringLiteral("stripe") << qint64(0) << QStringLiteral("eur");
        QTest::newRow("razorpay: less")
            << QStringLiteral("razorpay") << qint64(-79999) << QStringLiteral("INR");
        QTest::newRow("razorpay: dollars")
            << QStringLiteral("razorpay") << qint64(0) << QStringLiteral("USD");
    }

    void captureWithOtherAmountOrCurrencyIsRefused()
    {
        QFETCH(QString, provider);
        QFETCH(qint64, amountDelta);
        QFETCH(QString, currency);
        const bool isStripe = provider == QStringLiteral("stripe");
        const SignedInMember m = newMember();
        const Checkout c = checkout(
            m, isStripe ? QStringLiteral("stripe-100") : QStringLiteral("razorpay-100"), provider);
        const QString payId = m_razorpay.newId(QStringLiteral("pay"));
        const auto r =
            isStripe
                ? stripe(m_stripe.paymentSucceeded(c.orderId, c.amount + amountDelta, currency))
                : razorpay(m_razorpay.paymentCaptured(c.orderId, payId, c.amount + amountDelta,
                                                      currency));
        QCOMPARE(r.status, 200); // verified, so acknowledged; but refused
        QCOMPARE(outcome(r), QStringLiteral("amount_mismatch"));
        QCOMPARE(availableCredits(url(), m.id), 50);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("created"));
        QCOMPARE(purchaseTransfers(c.paymentId), 0);
        QCOMPARE(eventsOf(QStringLiteral("payment.webhook_refused"), c.paymentId), 1);
        QCOMPARE(
            sqlScalar(url(),
                      QStringLiteral("SELECT outcome FROM webhook_events WHERE payment_id = :p"),
                      {{QStringLiteral(":p"), c.paymentId}})
                .toString(),
            QStringLiteral("amount_mismatch"));
        // The right amount still captures, once.
        const auto right = isStripe
                               ? stripe(m_stripe.paymentSucceeded(c.orderId, c.amount))
                               : razorpay(m_razorpay.paymentCaptured(c.orderId, payId, c.amount));
        QCOMPARE(outcome(right), QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 150);
    }

    void failedAfterCapturedChangesNothing()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("razorpay-100"), QStringLiteral("razorpay"));
        const QString payId = m_razorpay.newId(QStringLiteral("pay"));
        QCOMPARE(outcome(razorpay(m_razorpay.paymentCaptured(c.orderId, payId, c.amount))),
                 QStringLiteral("captured"));
        const auto late = razorpay(m_razorpay.paymentFailed(c.orderId, payId, c.amount));
        QCOMPARE(late.status, 200);
        QCOMPARE(outcome(late), QStringLiteral("ignored_after_capture"));
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 150);
        QCOMPARE(eventsOf(QStringLiteral("payment.failed"), c.paymentId), 0);

        const Checkout s = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        QCOMPARE(outcome(stripe(m_stripe.paymentSucceeded(s.orderId, s.amount))),
                 QStringLiteral("captured"));
        QCOMPARE(outcome(stripe(m_stripe.paymentFailed(s.orderId, s.amount))),
                 QStringLiteral("ignored_after_capture"));
        QCOMPARE(paymentStatus(s.paymentId), QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 250);
    }

    void failureMarksFailedAndARetriedCardStillCaptures()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        const auto failed = stripe(m_stripe.paymentFailed(c.orderId, c.amount));
        QCOMPARE(failed.status, 200);
        QCOMPARE(outcome(failed), QStringLiteral("failed"));
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("failed"));
        QCOMPARE(eventsOf(QStringLiteral("payment.failed"), c.paymentId), 1);
        QCOMPARE(outcome(stripe(m_stripe.paymentFailed(c.orderId, c.amount))),
                 QStringLiteral("already_failed"));
        QCOMPARE(eventsOf(QStringLiteral("payment.failed"), c.paymentId), 1);
        QCOMPARE(availableCredits(url(), m.id), 50);
        // Stripe lets the member retry the same payment intent with another card.
        QCOMPARE(outcome(stripe(m_stripe.paymentSucceeded(c.orderId, c.amount))),
                 QStringLiteral("captured"));
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 150);
    }

    void providerRefundTakesBackAtMostTheLotsRemainder()
    {
        auto [m, c] = capturedStripePurchase();
        QCOMPARE(availableCredits(url(), m.id), 150);
        // 120 spent: the 50 starter credits expire first, so they go first; 30 of the purchase
        // are left.
        spend(m.id, 120);
        QCOMPARE(availableCredits(url(), m.id), 30);
        const SignedWebhook refund = m_stripe.chargeRefunded(c.orderId, c.amount, c.amount);
        const auto r = stripe(refund);
        QCOMPARE(r.status, 200);
        QCOMPARE(outcome(r), QStringLiteral("refunded"));
        QCOMPARE(availableCredits(url(), m.id), 0);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("refunded"));
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT refunded_minor FROM payments WHERE id = :id"),
                         {{QStringLiteral(":id"), c.paymentId}}),
                 1000);
        QCOMPARE(countOf(url(),
                         QStringLiteral(
                             "SELECT SUM(amount) FROM ledger_transfers WHERE code = "
                             "'refund' AND ref_id = :id AND credit_account = 'clearing:stripe'"),
                         {{QStringLiteral(":id"), QString::number(c.paymentId)}}),
                 30);
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT credits FROM refunds WHERE payment_id = :id AND "
                                        "status = 'completed'"),
                         {{QStringLiteral(":id"), c.paymentId}}),
                 30);
        QCOMPARE(eventsOf(QStringLiteral("payment.refunded"), c.paymentId), 1);
        // Redelivered, or delivered again under another event id: nothing more.
        QCOMPARE(outcome(stripe(refund)), QStringLiteral("duplicate"));
        QCOMPARE(outcome(stripe(m_stripe.chargeRefunded(c.orderId, c.amount, c.amount))),
                 QStringLiteral("already_refunded"));
        QCOMPARE(availableCredits(url(), m.id), 0);
        QCOMPARE(
            countOf(url(),
                    QStringLiteral("SELECT COUNT(*) FROM ledger_transfers WHERE code = 'refund' "
                                   "AND ref_id = :id"),
                    {{QStringLiteral(":id"), QString::number(c.paymentId)}}),
            1);
        // A refund total beyond the payment is refused.
        const auto over = stripe(m_stripe.chargeRefunded(c.orderId, c.amount, c.amount + 1));
        QCOMPARE(over.status, 200);
        QCOMPARE(outcome(over), QStringLiteral("refund_exceeds_payment"));
        QCOMPARE(availableCredits(url(), m.id), 0);
    }

    void partialRazorpayRefundsAddUpAndLateOnesChangeNothing()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("razorpay-1000"), QStringLiteral("razorpay"));
        const QString payId = m_razorpay.newId(QStringLiteral("pay"));
        QCOMPARE(outcome(razorpay(m_razorpay.paymentCaptured(c.orderId, payId, c.amount))),
                 QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 1050);
        // Two refunds of a quarter each, delivered out of order: the second (total half) first.
        const SignedWebhook first =
            m_razorpay.refundProcessed(c.orderId, payId, c.amount, c.amount / 4, c.amount / 4);
        const SignedWebhook second =
            m_razorpay.refundProcessed(c.orderId, payId, c.amount, c.amount / 4, c.amount / 2);
        QCOMPARE(outcome(razorpay(second)), QStringLiteral("refunded"));
        QCOMPARE(availableCredits(url(), m.id), 1050 - 500);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("partially_refunded"));
        QCOMPARE(outcome(razorpay(first)), QStringLiteral("already_refunded"));
        QCOMPARE(availableCredits(url(), m.id), 1050 - 500);
        // The rest, in one go.
        QCOMPARE(outcome(razorpay(m_razorpay.refundProcessed(c.orderId, payId, c.amount,
                                                             c.amount / 2, c.amount))),
                 QStringLiteral("refunded"));
        QCOMPARE(availableCredits(url(), m.id), 50);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("refunded"));
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT SUM(credits) FROM refunds WHERE payment_id = :id"),
                         {{QStringLiteral(":id"), c.paymentId}}),
                 1000);
    }

    void refundBeforeCaptureIsRetriedLater()
    {
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        const SignedWebhook refund = m_stripe.chargeRefunded(c.orderId, c.amount, c.amount);
        const auto early = stripe(refund);
        QCOMPARE(early.status, 409); // not 2xx: the provider delivers it again later
        QVERIFY(early.isProblem());
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE event_id = :e"),
                         {{QStringLiteral(":e"), refund.eventId}}),
                 0);
        QCOMPARE(outcome(stripe(m_stripe.paymentSucceeded(c.orderId, c.amount))),
                 QStringLiteral("captured"));
        QCOMPARE(availableCredits(url(), m.id), 150);
        const auto retried = stripe(refund);
        QCOMPARE(retried.status, 200);
        QCOMPARE(outcome(retried), QStringLiteral("refunded"));
        QCOMPARE(availableCredits(url(), m.id), 50);
    }

    void staffRefundRequestIsCompletedByTheWebhook()
    {
        auto [m, c] = capturedStripePurchase();
        const qint64 finance = staffId(QStringLiteral("finance"));
        const auto request =
            requestRefund(c.paymentId, 40, QStringLiteral("bought twice by mistake"), finance);
        QCOMPARE(request.credits, 40);
        QCOMPARE(request.amountMinor, 400); // 40 of 100 credits of USD 10.00
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("refund_requested"));
        QCOMPARE(sqlScalar(url(), QStringLiteral("SELECT status FROM refunds WHERE id = :id"),
                           {{QStringLiteral(":id"), request.id}})
                     .toString(),
                 QStringLiteral("requested"));
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                        "'payment.refund_requested' AND target_id = :id"),
                         {{QStringLiteral(":id"), QString::number(c.paymentId)}}),
                 1);
        QCOMPARE(availableCredits(url(), m.id), 150); // nothing moves until the provider confirms
        // One request at a time.
        QVERIFY_THROWS_EXCEPTION(DomainError,
                                 requestRefund(c.paymentId, 10, QStringLiteral("again"), finance));

        const SignedWebhook done = m_stripe.chargeRefunded(c.orderId, c.amount, 400);
        QCOMPARE(outcome(stripe(done)), QStringLiteral("refunded"));
        QCOMPARE(availableCredits(url(), m.id), 110);
        QCOMPARE(sqlScalar(url(), QStringLiteral("SELECT status FROM refunds WHERE id = :id"),
                           {{QStringLiteral(":id"), request.id}})
                     .toString(),
                 QStringLiteral("completed"));
        QCOMPARE(sqlScalar(url(), QStringLiteral("SELECT transfer_id FROM refunds WHERE id = :id"),
                           {{QStringLiteral(":id"), request.id}})
                     .toString(),
                 QStringLiteral("refund:%1").arg(request.id));
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("partially_refunded"));
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT COUNT(*) FROM refunds WHERE payment_id = :id"),
                         {{QStringLiteral(":id"), c.paymentId}}),
                 1);
        QCOMPARE(outcome(stripe(done)), QStringLiteral("duplicate"));
        QCOMPARE(availableCredits(url(), m.id), 110);
    }

    void refundRequestsAreChecked()
    {
        auto [m, c] = capturedStripePurchase();
        const qint64 finance = staffId(QStringLiteral("finance"));
        auto refusedWith = [&](qint64 payment, qint64 credits, const QString &reason,
                               qint64 staff) {
            try {
                requestRefund(payment, credits, reason, staff);
            } catch (const DomainError &e) {
                return e.problem().status;
            }
            return 0;
        };
        QCOMPARE(refusedWith(c.paymentId, 0, QStringLiteral("r"), finance), 400);
        QCOMPARE(refusedWith(c.paymentId, -5, QStringLiteral("r"), finance), 400);
        QCOMPARE(refusedWith(c.paymentId, 10, QStringLiteral("   "), finance), 400);
        QCOMPARE(refusedWith(c.paymentId, 10, QString(501, QLatin1Char('x')), finance), 400);
        QCOMPARE(refusedWith(999999999, 10, QStringLiteral("r"), finance), 404);
        QCOMPARE(refusedWith(c.paymentId, 10, QStringLiteral("r"), m.id), 403); // a member
        QCOMPARE(refusedWith(c.paymentId, 101, QStringLiteral("r"), finance),
                 409);    // more than the lot
        spend(m.id, 120); // 30 left of the purchase
        QCOMPARE(refusedWith(c.paymentId, 31, QStringLiteral("r"), finance), 409);
        const Checkout open = checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"));
        QCOMPARE(refusedWith(open.paymentId, 10, QStringLiteral("r"), finance),
                 409); // not captured
        QCOMPARE(countOf(url(),
                         QStringLiteral("SELECT COUNT(*) FROM refunds WHERE payment_id = :id"),
                         {{QStringLiteral(":id"), c.paymentId}}),
                 0);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("captured"));
        QCOMPARE(refusedWith(c.paymentId, 30, QStringLiteral("r"), finance), 0);
    }

    void razorpayVerification_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("signature for another payment id")
            << QStringLiteral("other-pay") << 400 << pt::kInvalidSignature;
        QTest::newRow("signature with the wrong key")
            << QStringLiteral("wrong-key") << 400 << pt::kInvalidSignature;
        QTest::newRow("signature for another order")
            << QStringLiteral("other-order") << 400 << pt::kInvalidSignature;
        QTest::newRow("signature not hex")
            << QStringLiteral("not-hex") << 400 << pt::kInvalidSignature;
        QTest::newRow("order id of another order")
            << QStringLiteral("order-field") << 400 << pt::kValidation;
        QTest::newRow("no signature") << QStringLiteral("no-signature") << 400 << pt::kValidation;
        QTest::newRow("empty payment id") << QStringLiteral("empty-pay") << 400 << pt::kValidation;
        QTest::newRow("unknown field") << QStringLiteral("unknown-field") << 400 << pt::kValidation;
        QTest::newRow("over-long signature")
            << QStringLiteral("long-signature") << 400 << pt::kValidation;
        QTest::newRow("someone else's payment")
            << QStringLiteral("other-member") << 404 << pt::kNotFound;
        QTest::newRow("a stripe payment") << QStringLiteral("stripe") << 409 << pt::kConflict;
        QTest::newRow("not an id") << QStringLiteral("bad-id") << 404 << pt::kNotFound;
        QTest::newRow("no such payment") << QStringLiteral("no-such") << 404 << pt::kNotFound;
        QTest::newRow("not json") << QStringLiteral("not-json") << 400 << pt::kMalformedJson;
    }

    void razorpayVerification()
    {
        QFETCH(QString, what);
        QFETCH(int, status);
        QFETCH(QString, type);
        const SignedInMember m = newMember();
        const Checkout c = checkout(m, QStringLiteral("razorpay-100"), QStringLiteral("razorpay"));
        const Checkout other =
            checkout(m, QStringLiteral("razorpay-500"), QStringLiteral("razorpay"));
        const QString payId = m_razorpay.newId(QStringLiteral("pay"));
        QString path = QStringLiteral("/api/v1/payments/%1/razorpay-verify").arg(c.paymentId);
        QJsonObject body{{QStringLiteral("razorpay_payment_id"), payId},
                         {QStringLiteral("razorpay_signature"),
                          QString::fromLatin1(m_razorpay.checkoutSignature(c.orderId, payId))}};
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        if (what == QStringLiteral("other-pay"))
            body[QStringLiteral("razorpay_payment_id")] = m_razorpay.newId(QStringLiteral("pay"));
        else if (what == QStringLiteral("wrong-key"))
            body[QStringLiteral("razorpay_signature")] = QString::fromLatin1(
                RazorpaySimulator("test_razorpay_webhook", "test_razorpay_webhook")
                    .checkoutSignature(c.orderId, payId));
        else if (what == QStringLiteral("other-order"))
            body[QStringLiteral("razorpay_signature")] =
                QString::fromLatin1(m_razorpay.checkoutSignature(other.orderId, payId));
        else if (what == QStringLiteral("not-hex"))
            body[QStringLiteral("razorpay_signature")] = QString(64, QLatin1Char('q'));
        else if (what == QStringLiteral("order-field"))
            body[QStringLiteral("razorpay_order_id")] = other.orderId;
        else if (what == QStringLiteral("no-signature"))
            body.remove(QStringLiteral("razorpay_signature"));
        else if (what == QStringLiteral("empty-pay"))
            body[QStringLiteral("razorpay_payment_id")] = QString();
        else if (what == QStringLiteral("unknown-field"))
            body[QStringLiteral("credits")] = 100;
        else if (what == QStringLiteral("long-signature"))
            body[QStringLiteral("razorpay_signature")] = QString(1000, QLatin1Char('a'));
        else if (what == QStringLiteral("other-member"))
            http.setBearer(newMember().token);
        else if (what == QStringLiteral("stripe"))
            path = QStringLiteral("/api/v1/payments/%1/razorpay-verify")
                       .arg(checkout(m, QStringLiteral("stripe-100"), QStringLiteral("stripe"))
                                .paymentId);
        else if (what == QStringLiteral("bad-id"))
            path = QStringLiteral("/api/v1/payments/abc/razorpay-verify");
        else if (what == QStringLiteral("no-such"))
            path = QStringLiteral("/api/v1/payments/999999999/razorpay-verify");
        const auto r =
            what == QStringLiteral("not-json")
                ? http.send("POST", path, "{nope", {{"Content-Type", "application/json"}})
                : http.post(path, body);
        QCOMPARE(r.status, status);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), type);
        QCOMPARE(availableCredits(url(), m.id), 50);
        QCOMPARE(paymentStatus(c.paymentId), QStringLiteral("created"));
    }

    void membersSeeOnlyTheirOwnPayments()
    {
        const SignedInMember a = newMember();
        const SignedInMember b = newMember();
        QList<qint64> mine;
        for (const QString &p : {QStringLiteral("stripe-100"), QStringLiteral("stripe-500"),
                                 QStringLiteral("stripe-1000")})
            mine.prepend(checkout(a, p, QStringLiteral("stripe")).paymentId);
        const Checkout theirs =
            checkout(b, QStringLiteral("razorpay-100"), QStringLiteral("razorpay"));
        QCOMPARE(
            outcome(stripe(m_stripe.paymentSucceeded(
                sqlScalar(url(),
                          QStringLiteral("SELECT provider_order_id FROM payments WHERE id = :id"),
                          {{QStringLiteral(":id"), mine.first()}})
                    .toString(),
                8000))),
            QStringLiteral("captured"));
        TestHttp http(m_server.baseUrl());
        http.setBearer(a.token);
        QList<qint64> listed;
        QString next;
        do {
            const auto page =
                http.get(QStringLiteral("/api/v1/payments?limit=2") +
                         (next.isEmpty() ? QString() : QStringLiteral("&after=") + next));
            QCOMPARE(page.status, 200);
            for (const auto &item : page.json().value(QStringLiteral("items")).toArray())
                listed.push_back(item.toObject().value(QStringLiteral("id")).toInteger());
            next = page.json().value(QStringLiteral("next")).toString();
        } while (!next.isEmpty());
        QCOMPARE(listed, mine); // newest first, and none of b's
        const auto one = http.get(QStringLiteral("/api/v1/payments/%1").arg(mine.first()));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(QStringLiteral("status")).toString(), QStringLiteral("captured"));
        QCOMPARE(one.json().value(QStringLiteral("credits")).toInt(), 1000);
        const auto foreign = http.get(QStringLiteral("/api/v1/payments/%1").arg(theirs.paymentId));
        QCOMPARE(foreign.status, 404);
        QVERIFY(foreign.isProblem());
        QCOMPARE(TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/payments")).status, 401);
    }

    void badPaymentListQueries_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown parameter")
            << QStringLiteral("/api/v1/payments?status=captured") << 400;
        QTest::newRow("limit too big") << QStringLiteral("/api/v1/payments?limit=501") << 400;
        QTest::newRow("limit not a number") << QStringLiteral("/api/v1/payments?limit=ten") << 400;
        QTest::newRow("cursor not base64") << QStringLiteral("/api/v1/payments?after=***") << 400;
        QTest::newRow("cursor not an id") << QStringLiteral("/api/v1/payments?after=YWJj") << 400;
        QTest::newRow("payment id not a number") << QStringLiteral("/api/v1/payments/x1") << 404;
        QTest::newRow("payment id negative") << QStringLiteral("/api/v1/payments/-4") << 404;
        QTest::newRow("payment id overflow")
            << QStringLiteral("/api/v1/payments/99999999999999999999") << 404;
    }

    void badPaymentListQueries()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        static const SignedInMember m = newMember();
        TestHttp http(m_server.baseUrl());
        http.setBearer(m.token);
        const auto r = http.get(path);
        QCOMPARE(r.status, status);
        QVERIFY(r.isProblem());
    }
};

QTEST_GUILESS_MAIN(TestPayments)
#include "tst_payments.moc"
