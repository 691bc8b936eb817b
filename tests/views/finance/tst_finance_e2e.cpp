// The Finance area against the real server with a simulated marketplace, offscreen: four-eyes
// adjustments through the form and the approvals view (the maker cannot approve), a refund
// through the payments view completed by the provider's webhook, a statement whose running
// balance ends at the wallet's, reconciliation of a simulator settlement CSV, and the ledger
// browser's read-through and links. Each change is checked on the server (database and API)
// with the ledger check clean; each screen is saved as a screenshot.
#include "consoleharness.h"
#include "guitest.h"
#include "models/transfersmodel.h"
#include "server/sim/stripesimulator.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testsql.h"
#include "views/finance/adjustmentform.h"
#include "views/finance/approvalsview.h"
#include "views/finance/financepage.h"
#include "views/finance/jsondetaildialog.h"
#include "views/finance/jsonrowsmodel.h"
#include "views/finance/ledgercheckview.h"
#include "views/finance/ledgerview.h"
#include "views/finance/linkopener.h"
#include "views/finance/paymentdetail.h"
#include "views/finance/paymentdetaildialog.h"
#include "views/finance/paymentsview.h"
#include "views/finance/reconciliationview.h"
#include "views/finance/refunddialog.h"
#include "views/finance/statementview.h"

#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace skillex;
using testutils::sqlScalar;

namespace {

constexpr int kWait = 60'000;

// A finance page as the console shows it, at the smallest size the console supports.
std::unique_ptr<views::FinancePage> openPage(tests::StaffConsole &console)
{
    auto page = std::make_unique<views::FinancePage>(&console.workspace);
    page->resize(1280, 800);
    page->show();
    return page;
}

} // namespace

class TestFinanceE2E : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void adjustmentAboveThresholdNeedsASecondPerson();
    void approvalsUpdateLiveAndRejectMovesNothing();
    void refundThroughThePaymentsView();
    void statementRunningBalanceEndsAtTheWallet();
    void reconciliationMatchesTheServer();
    void ledgerBrowserReadsThroughAndOpensLinks();

private:
    QJsonObject get(tests::StaffConsole &console, const QString &path);
    // GET /admin/ledger/check is clean.
    void verifyLedgerClean();
    qint64 available(qint64 userId);

    tests::ConsoleHarness m_harness;
    std::unique_ptr<tests::StaffConsole> m_maker;
    std::unique_ptr<tests::StaffConsole> m_checker;
    qint64 m_refundedPayment = 0;
    qint64 m_adjustment = 0; // posted, linked to m_case
    qint64 m_case = 0;
};

void TestFinanceE2E::initTestCase()
{
    tests::applyConsoleLook();
    QVERIFY2(m_harness.start(120, 10, 11), qPrintable(m_harness.error()));
    m_maker = m_harness.openConsole(QStringLiteral("finance"));
    QVERIFY2(m_maker, qPrintable(m_harness.error()));
    m_checker = m_harness.openConsole(QStringLiteral("finance"));
    QVERIFY2(m_checker, qPrintable(m_harness.error()));
    QVERIFY(m_maker->workspace.me().id != m_checker->workspace.me().id);
}

void TestFinanceE2E::cleanupTestCase()
{
    m_maker.reset();
    m_checker.reset();
}

QJsonObject TestFinanceE2E::get(tests::StaffConsole &console, const QString &path)
{
    testutils::TestHttp http(m_harness.server().baseUrl());
    http.setBearer(console.api.accessToken());
    const auto response = http.get(path);
    if (response.status != 200)
        qWarning() << path << response.status << response.body.left(400);
    return response.json();
}

void TestFinanceE2E::verifyLedgerClean()
{
    const QJsonObject check = get(*m_checker, QStringLiteral("/api/v1/admin/ledger/check"));
    QVERIFY2(check.value(QStringLiteral("ok")).toBool(),
             QJsonDocument(check).toJson(QJsonDocument::Compact).constData());
}

qint64 TestFinanceE2E::available(qint64 userId)
{
    // available = balance + pending (docs/api.md, Account), from the stored totals.
    return sqlScalar(m_harness.databaseUrl(),
                     QStringLiteral("SELECT credits_posted - debits_posted + credits_pending - "
                                    "debits_pending FROM ledger_accounts WHERE id = :a"),
                     {{QStringLiteral(":a"), QStringLiteral("user:%1").arg(userId)}})
        .toLongLong();
}

void TestFinanceE2E::adjustmentAboveThresholdNeedsASecondPerson()
{
    const QString db = m_harness.databaseUrl();
    const qint64 member =
        sqlScalar(db, QStringLiteral("SELECT MIN(user_id) FROM ledger_accounts WHERE kind = "
                                     "'user' AND user_id IS NOT NULL"))
            .toLongLong();
    QVERIFY(member > 0);
    const qint64 before = available(member);
    const qint64 amount = views::finance::AdjustmentForm::kApprovalThreshold + 250;

    // The maker asks through the form.
    auto makerPage = openPage(*m_maker);
    makerPage->showTab(views::FinancePage::Adjustments);
    auto *form = makerPage->adjustmentForm();
    form->setMember(member);
    form->setAmount(amount);
    form->setReason(QStringLiteral("Goodwill after a no-show, e2e"));
    m_case = sqlScalar(db, QStringLiteral("SELECT MIN(id) FROM cases")).toLongLong();
    QVERIFY2(m_case > 0, "the simulation made no case");
    form->setCaseId(m_case);
    QVERIFY(form->submit());
    QTRY_VERIFY_WITH_TIMEOUT(!form->lastCreated().isEmpty(), kWait);
    const qint64 id = form->lastCreated().value(QStringLiteral("id")).toInteger();
    QCOMPARE(form->lastCreated().value(QStringLiteral("status")).toString(),
             QStringLiteral("pending_approval"));
    QCOMPARE(sqlScalar(db, QStringLiteral("SELECT status FROM credit_adjustments WHERE id = :i"),
                       {{QStringLiteral(":i"), id}})
                 .toString(),
             QStringLiteral("pending_approval"));
    QCOMPARE(available(member), before); // nothing moved yet
    QCOMPARE(sqlScalar(db, QStringLiteral("SELECT case_id FROM credit_adjustments WHERE id = :i"),
                       {{QStringLiteral(":i"), id}})
                 .toLongLong(),
             m_case);
    m_adjustment = id;

    // The maker sees it waiting and cannot approve it: disabled, with the reason as tooltip.
    auto *makerApprovals = makerPage->approvals();
    QTRY_VERIFY_WITH_TIMEOUT(!makerApprovals->isLoading() && makerApprovals->selectAdjustment(id),
                             kWait);
    QVERIFY(!makerApprovals->approveButton()->isEnabled());
    QVERIFY(makerApprovals->approveButton()->toolTip().contains(QStringLiteral("You asked")));
    makerApprovals->approve();
    QVERIFY(makerApprovals->messageText().contains(QStringLiteral("You asked")));
    QVERIFY(tests::saveScreenshot(makerPage.get(), QStringLiteral("finance-adjustments-maker")));

    // The server refuses the maker's approval on its own too (four-eyes).
    {
        testutils::TestHttp http(m_harness.server().baseUrl());
        http.setBearer(m_maker->api.accessToken());
        const auto refused =
            http.post(QStringLiteral("/api/v1/admin/adjustments/%1/approve").arg(id), {},
                      {{"If-Match", "\"1\""}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.problemType(), QStringLiteral("urn:skillex:problem:four-eyes"));
    }
    QCOMPARE(sqlScalar(db, QStringLiteral("SELECT status FROM credit_adjustments WHERE id = :i"),
                       {{QStringLiteral(":i"), id}})
                 .toString(),
             QStringLiteral("pending_approval"));

    // A second finance person sees who asked and why, and approves.
    auto checkerPage = openPage(*m_checker);
    checkerPage->showTab(views::FinancePage::Adjustments);
    auto *approvals = checkerPage->approvals();
    QTRY_VERIFY_WITH_TIMEOUT(!approvals->isLoading() && approvals->selectAdjustment(id), kWait);
    QVERIFY(approvals->approveButton()->isEnabled());
    auto *detail = checkerPage->findChild<QLabel *>(QStringLiteral("approvalDetail"));
    QVERIFY(detail->text().contains(QStringLiteral("Goodwill after a no-show")));
    QVERIFY(detail->text().contains(QStringLiteral("#%1").arg(m_maker->workspace.me().id)));
    QVERIFY(tests::saveScreenshot(checkerPage.get(), QStringLiteral("finance-approvals-checker")));
    QSignalSpy decided(approvals, &views::finance::ApprovalsView::decided);
    QTest::mouseClick(approvals->approveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!decided.isEmpty(), kWait);
    QCOMPARE(decided.first().first().toJsonObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("posted"));

    // On the server: posted, approved by the checker, the wallet up by exactly the amount.
    QCOMPARE(sqlScalar(db, QStringLiteral("SELECT status FROM credit_adjustments WHERE id = :i"),
                       {{QStringLiteral(":i"), id}})
                 .toString(),
             QStringLiteral("posted"));
    QCOMPARE(sqlScalar(db,
                       QStringLiteral("SELECT checker_id FROM credit_adjustments WHERE id = :i"),
                       {{QStringLiteral(":i"), id}})
                 .toLongLong(),
             m_checker->workspace.me().id);
    QCOMPARE(available(member), before + amount);
    verifyLedgerClean();

    // The check screen says so too.
    checkerPage->showTab(views::FinancePage::Check);
    auto *check = checkerPage->check();
    QTRY_VERIFY_WITH_TIMEOUT(!check->result().isEmpty() && !check->isRunning(), kWait);
    QVERIFY(check->result().value(QStringLiteral("ok")).toBool());
    QCOMPARE(check->tree()->topLevelItemCount(), 5);
    QVERIFY(tests::saveScreenshot(checkerPage.get(), QStringLiteral("finance-ledger-check")));
}

void TestFinanceE2E::approvalsUpdateLiveAndRejectMovesNothing()
{
    const QString db = m_harness.databaseUrl();
    const qint64 member =
        sqlScalar(db, QStringLiteral("SELECT user_id FROM ledger_accounts WHERE kind = 'user' "
                                     "ORDER BY credits_posted - debits_posted + credits_pending - "
                                     "debits_pending DESC, user_id LIMIT 1"))
            .toLongLong();
    const qint64 before = available(member);
    QVERIFY(before > views::finance::AdjustmentForm::kApprovalThreshold); // a debit it can bear

    // The checker's approvals are open before the request exists.
    auto checkerPage = openPage(*m_checker);
    checkerPage->showTab(views::FinancePage::Adjustments);
    auto *approvals = checkerPage->approvals();
    QTRY_VERIFY_WITH_TIMEOUT(!approvals->isLoading(), kWait);
    const int rowsBefore = approvals->model()->rowCount();

    auto makerPage = openPage(*m_maker);
    auto *form = makerPage->adjustmentForm();
    form->setMember(member);
    form->setAmount(-(views::finance::AdjustmentForm::kApprovalThreshold + 1));
    form->setReason(QStringLiteral("Chargeback, e2e"));
    QVERIFY(form->submit());
    QTRY_VERIFY2_WITH_TIMEOUT(!form->lastCreated().isEmpty(), qPrintable(form->messageText()),
                              kWait);
    const qint64 id = form->lastCreated().value(QStringLiteral("id")).toInteger();

    // It arrives in the checker's list from the event stream, without Refresh.
    QTRY_VERIFY_WITH_TIMEOUT(approvals->model()->rowCount() == rowsBefore + 1, kWait);
    QVERIFY(approvals->selectAdjustment(id));

    // Reject needs a reason; with one, nothing moves.
    approvals->reject();
    QVERIFY(approvals->messageText().contains(QStringLiteral("reason")));
    checkerPage->findChild<QLineEdit *>(QStringLiteral("approvalReason"))
        ->setText(QStringLiteral("No chargeback on file"));
    QSignalSpy decided(approvals, &views::finance::ApprovalsView::decided);
    QTest::mouseClick(approvals->rejectButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!decided.isEmpty(), kWait);
    QCOMPARE(sqlScalar(db, QStringLiteral("SELECT status FROM credit_adjustments WHERE id = :i"),
                       {{QStringLiteral(":i"), id}})
                 .toString(),
             QStringLiteral("rejected"));
    QCOMPARE(sqlScalar(db,
                       QStringLiteral("SELECT decision_reason FROM credit_adjustments WHERE "
                                      "id = :i"),
                       {{QStringLiteral(":i"), id}})
                 .toString(),
             QStringLiteral("No chargeback on file"));
    QCOMPARE(available(member), before);
    verifyLedgerClean();
}

void TestFinanceE2E::refundThroughThePaymentsView()
{
    const QString db = m_harness.databaseUrl();
    // A captured Stripe payment whose purchase lot still holds credits (spent ones stay spent).
    const qint64 paymentId =
        sqlScalar(db, QStringLiteral(
                          "SELECT p.id FROM payments p JOIN credit_lots l ON l.ref_type = "
                          "'payment' AND l.ref_id = CAST(p.id AS TEXT) AND l.source = 'purchase' "
                          "WHERE p.provider = 'stripe' AND p.status = 'captured' AND "
                          "l.remaining >= 10 ORDER BY p.id DESC LIMIT 1"))
            .toLongLong();
    QVERIFY2(paymentId > 0, "the simulation has no refundable Stripe payment");
    const qint64 userId =
        sqlScalar(db, QStringLiteral("SELECT user_id FROM payments WHERE id = :i"),
                  {{QStringLiteral(":i"), paymentId}})
            .toLongLong();
    const qint64 before = available(userId);

    auto page = openPage(*m_checker);
    page->showTab(views::FinancePage::Payments);
    auto *payments = page->payments();
    QTRY_VERIFY_WITH_TIMEOUT(!payments->isLoading() && payments->model()->rowCount() > 0, kWait);
    payments->showPayment(paymentId);
    auto *detail = payments->detail();
    QTRY_VERIFY_WITH_TIMEOUT(detail->isLoaded() && detail->paymentId() == paymentId, kWait);
    // The webhook history: the capture that credited the purchase.
    QVERIFY(detail->webhooks()->rowCount() >= 1);
    bool captured = false;
    for (const QJsonValue &hook : detail->webhooks()->items())
        captured |= hook.toObject().value(QStringLiteral("outcome")).toString() ==
                    QLatin1String("captured");
    QVERIFY(captured);

    views::finance::RefundDialog *dialog = detail->startRefund();
    QVERIFY(dialog);
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("refundOk"));
    dialog->setCredits(10);
    QVERIFY(!ok->isEnabled()); // no reason, not confirmed
    dialog->setReason(QStringLiteral("Bought twice by mistake, e2e"));
    QVERIFY(!ok->isEnabled()); // not confirmed
    dialog->setConfirmed(true);
    QVERIFY(ok->isEnabled());
    const qint64 moneyMinor = dialog->moneyMinor();
    QVERIFY(moneyMinor > 0);
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("finance-refund-dialog")));
    QSignalSpy refunded(detail, &views::finance::PaymentDetail::refunded);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!refunded.isEmpty(), kWait);

    // The server recorded the request; nothing moved until the provider confirms.
    QCOMPARE(sqlScalar(db, QStringLiteral("SELECT status FROM payments WHERE id = :i"),
                       {{QStringLiteral(":i"), paymentId}})
                 .toString(),
             QStringLiteral("refund_requested"));
    QCOMPARE(sqlScalar(db,
                       QStringLiteral("SELECT COUNT(*) FROM refunds WHERE payment_id = :i AND "
                                      "status = 'requested' AND credits = 10 AND reason = :r"),
                       {{QStringLiteral(":i"), paymentId},
                        {QStringLiteral(":r"), QStringLiteral("Bought twice by mistake, e2e")}})
                 .toInt(),
             1);
    QTRY_VERIFY_WITH_TIMEOUT(detail->payment().value(QStringLiteral("status")).toString() ==
                                 QLatin1String("refund_requested"),
                             kWait);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("finance-payments")));

    // Stripe's charge.refunded completes it: credits leave the wallet, the payment is refunded.
    const QString order =
        sqlScalar(db, QStringLiteral("SELECT provider_order_id FROM payments WHERE id = :i"),
                  {{QStringLiteral(":i"), paymentId}})
            .toString();
    const qint64 amountMinor =
        sqlScalar(db, QStringLiteral("SELECT amount_minor FROM payments WHERE id = :i"),
                  {{QStringLiteral(":i"), paymentId}})
            .toLongLong();
    sim::StripeSimulator stripe(QByteArrayLiteral("whsec_test_stripe"));
    const sim::SignedWebhook hook = stripe.chargeRefunded(order, amountMinor, moneyMinor);
    testutils::TestHttp http(m_harness.server().baseUrl());
    const auto delivered =
        http.send("POST", QStringLiteral("/api/v1/webhooks/stripe"), hook.body, hook.headers);
    QVERIFY2(delivered.status == 200, delivered.body.constData());
    QCOMPARE(delivered.json().value(QStringLiteral("outcome")).toString(),
             QStringLiteral("refunded"));
    QCOMPARE(sqlScalar(db, QStringLiteral("SELECT status FROM payments WHERE id = :i"),
                       {{QStringLiteral(":i"), paymentId}})
                 .toString(),
             QStringLiteral("partially_refunded"));
    QCOMPARE(available(userId), before - 10);
    verifyLedgerClean();

    // The detail shows the completed refund and the webhook that completed it.
    detail->reload();
    QTRY_VERIFY_WITH_TIMEOUT(detail->payment().value(QStringLiteral("status")).toString() ==
                                 QLatin1String("partially_refunded"),
                             kWait);
    bool refundHook = false;
    for (const QJsonValue &h : detail->webhooks()->items())
        refundHook |=
            h.toObject().value(QStringLiteral("outcome")).toString() == QLatin1String("refunded");
    QVERIFY(refundHook);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("finance-payment-refunded")));
    m_refundedPayment = paymentId;
}

void TestFinanceE2E::statementRunningBalanceEndsAtTheWallet()
{
    const QString db = m_harness.databaseUrl();
    // The member with the most transfers, so the statement has pages of history.
    const qint64 member =
        sqlScalar(db, QStringLiteral("SELECT a.user_id FROM ledger_accounts a JOIN "
                                     "ledger_transfers t ON t.debit_account = a.id OR "
                                     "t.credit_account = a.id WHERE a.kind = 'user' GROUP BY "
                                     "a.user_id ORDER BY COUNT(*) DESC LIMIT 1"))
            .toLongLong();
    QVERIFY(member > 0);

    auto page = openPage(*m_maker);
    page->showTab(views::FinancePage::Statement);
    auto *statement = page->statement();
    statement->showAccount(QString::number(member)); // a bare id is the member's wallet
    QTRY_VERIFY_WITH_TIMEOUT(!statement->isLoading() && statement->lines()->rowCount() > 0, kWait);
    while (statement->hasMore()) {
        statement->loadMore();
        QTRY_VERIFY_WITH_TIMEOUT(!statement->isLoading(), kWait);
    }
    const auto *lines = statement->lines();
    // Newest first: the first line's running balance is the wallet's, as the server keeps it.
    const QJsonObject newest = lines->item(0);
    QCOMPARE(newest.value(QStringLiteral("available")).toInteger(), available(member));
    QCOMPARE(statement->account().value(QStringLiteral("available")).toInteger(),
             available(member));
    // And every line's balance follows from the one after it.
    for (int row = 0; row + 1 < lines->rowCount(); ++row) {
        const QJsonObject newer = lines->item(row);
        const QJsonObject older = lines->item(row + 1);
        QCOMPARE(older.value(QStringLiteral("balance")).toInteger(),
                 newer.value(QStringLiteral("balance")).toInteger() -
                     newer.value(QStringLiteral("change")).toInteger());
    }
    // Lots with expiry: what the server holds for the member.
    QCOMPARE(statement->lots()->rowCount(),
             sqlScalar(db,
                       QStringLiteral("SELECT COUNT(*) FROM credit_lots WHERE user_id = :u "
                                      "AND remaining > 0"),
                       {{QStringLiteral(":u"), member}})
                 .toInt());
    // CSV export: a header and a line per entry, the newest balance in it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("statement.csv"));
    QString error;
    QVERIFY2(statement->exportTo(path, &error), qPrintable(error));
    QFile csv(path);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> csvLines = csv.readAll().trimmed().split('\n');
    QCOMPARE(csvLines.size(), lines->rowCount() + 1);
    QVERIFY(csvLines.first().startsWith("Date,Code,Counterparty"));
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("finance-statement")));
}

void TestFinanceE2E::reconciliationMatchesTheServer()
{
    const QString db = m_harness.databaseUrl();
    // The simulator's settlement report for the captured Stripe payments of one day, leaving
    // one out (missing in the report) and adding one we never saw (missing here).
    QList<sim::SettlementEntry> entries;
    {
        testutils::TestHttp http(m_harness.server().baseUrl());
        http.setBearer(m_checker->api.accessToken());
        const auto response = http.get(
            QStringLiteral("/api/v1/admin/payments?provider=stripe&status=captured&limit=500"));
        QCOMPARE(response.status, 200);
        const QJsonArray items = response.json().value(QStringLiteral("items")).toArray();
        QVERIFY(items.size() >= 3);
        for (const QJsonValue &v : items) {
            const QJsonObject p = v.toObject();
            sim::SettlementEntry e;
            e.orderId = p.value(QStringLiteral("provider_order_id")).toString();
            e.paymentId = p.value(QStringLiteral("provider_payment_id")).toString();
            e.amountMinor = p.value(QStringLiteral("amount_minor")).toInteger();
            e.currency = p.value(QStringLiteral("currency")).toString();
            e.createdAt = QDateTime::fromString(p.value(QStringLiteral("created_at")).toString(),
                                                Qt::ISODateWithMs)
                              .toSecsSinceEpoch();
            entries << e;
        }
        // Leave out one payment of a day the report still covers (another payment that day).
        QHash<qint64, int> perDay;
        for (const sim::SettlementEntry &e : entries)
            ++perDay[e.createdAt / 86400];
        qsizetype left = -1;
        for (qsizetype i = 0; i < entries.size() && left < 0; ++i)
            if (perDay.value(entries.at(i).createdAt / 86400) >= 2)
                left = i;
        QVERIFY2(left >= 0, "no day with two captured Stripe payments");
        entries.removeAt(left);
        sim::SettlementEntry stranger = entries.first();
        stranger.orderId = QStringLiteral("pi_unknown0000000000000000");
        stranger.paymentId.clear();
        entries << stranger;
    }
    sim::StripeSimulator stripe(QByteArrayLiteral("whsec_test_stripe"), 5);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("stripe-settlement.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(stripe.settlementReport(entries));
    }

    auto page = openPage(*m_checker);
    page->showTab(views::FinancePage::Reconciliation);
    auto *recon = page->reconciliation();
    recon->setProvider(QStringLiteral("stripe"));
    QSignalSpy shown(recon, &views::finance::ReconciliationView::runShown);
    QVERIFY(recon->loadFile(path));
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kWait);
    QVERIFY2(!recon->isBusy(), qPrintable(recon->messageText()));
    const qint64 runId = recon->run().value(QStringLiteral("id")).toInteger();
    QVERIFY(runId > 0);

    // The server's own account of the run.
    const QJsonObject server =
        get(*m_checker, QStringLiteral("/api/v1/admin/reconciliation/%1?limit=1").arg(runId))
            .value(QStringLiteral("run"))
            .toObject()
            .value(QStringLiteral("summary"))
            .toObject();
    QHash<QString, int> shownCounts;
    for (const QJsonValue &row : recon->rows()->items())
        ++shownCounts[row.toObject().value(QStringLiteral("outcome")).toString()];
    QCOMPARE(shownCounts.value(QStringLiteral("matched")),
             server.value(QStringLiteral("matched")).toInt());
    QCOMPARE(shownCounts.value(QStringLiteral("missing_internal")),
             server.value(QStringLiteral("missing_internal")).toInt());
    QCOMPARE(shownCounts.value(QStringLiteral("missing_in_report")),
             server.value(QStringLiteral("missing_in_report")).toInt());
    QCOMPARE(shownCounts.value(QStringLiteral("differing")),
             server.value(QStringLiteral("differing")).toInt());
    QVERIFY(server.value(QStringLiteral("matched")).toInt() >= 1);
    QCOMPARE(server.value(QStringLiteral("missing_internal")).toInt(), 1);
    QVERIFY(server.value(QStringLiteral("missing_in_report")).toInt() >= 1);
    // The summary line shows the server's numbers.
    auto *summary = recon->findChild<QLabel *>(QStringLiteral("reconSummary"));
    QVERIFY(summary->text().contains(
        QStringLiteral("<b>%1</b> matched").arg(server.value(QStringLiteral("matched")).toInt())));

    // Export the missing rows.
    auto *outcome = recon->findChild<QComboBox *>(QStringLiteral("reconOutcome"));
    outcome->setCurrentIndex(outcome->findData(QStringLiteral("missing_internal")));
    const QString exportPath = dir.filePath(QStringLiteral("missing.csv"));
    QString error;
    QVERIFY2(recon->exportTo(exportPath, &error), qPrintable(error));
    QFile exported(exportPath);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QByteArray text = exported.readAll();
    QCOMPARE(text.trimmed().split('\n').size(), 2);
    QVERIFY(text.contains("pi_unknown0000000000000000"));
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("finance-reconciliation")));
    outcome->setCurrentIndex(0);
}

void TestFinanceE2E::ledgerBrowserReadsThroughAndOpensLinks()
{
    QVERIFY2(m_refundedPayment > 0, "needs the refund test first");
    auto page = openPage(*m_maker);
    page->showTab(views::FinancePage::Ledger);
    auto *ledger = page->ledger();
    // The whole ledger's first page comes into the cache and the table.
    QTRY_VERIFY_WITH_TIMEOUT(!ledger->isFetching() && ledger->model()->rowCount() > 0, kWait);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("finance-ledger")));

    // The refunded payment's transfers: the purchase and the refund, the same as the server's.
    views::finance::LedgerFilter filter;
    filter.ref = QStringLiteral("payment:%1").arg(m_refundedPayment);
    ledger->applyFilter(filter);
    QTRY_VERIFY_WITH_TIMEOUT(!ledger->isFetching() && ledger->atServerEnd(), kWait);
    ledger->model()->flushPendingChanges();
    const int serverCount = int(
        get(*m_maker,
            QStringLiteral("/api/v1/admin/ledger/transfers?ref=payment:%1").arg(m_refundedPayment))
            .value(QStringLiteral("items"))
            .toArray()
            .size());
    QVERIFY(serverCount >= 2);
    QTRY_COMPARE_WITH_TIMEOUT(ledger->model()->rowCount(), serverCount, kWait);

    // Opening a transfer opens its payment, with the webhook history.
    ledger->openRow(0);
    auto *dialog = qobject_cast<views::finance::PaymentDetailDialog *>(page->links()->lastDialog());
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->detail()->isLoaded(), kWait);
    QCOMPARE(dialog->detail()->paymentId(), m_refundedPayment);
    QVERIFY(dialog->detail()->webhooks()->rowCount() >= 2);
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("finance-ledger-linked-payment")));
    dialog->close();

    // The adjustment's transfer opens the adjustment: who asked, why, the linked case.
    views::finance::LedgerFilter adjustment;
    adjustment.ref = QStringLiteral("adjustment:%1").arg(m_adjustment);
    ledger->applyFilter(adjustment);
    QTRY_VERIFY_WITH_TIMEOUT(!ledger->isFetching() && ledger->atServerEnd(), kWait);
    ledger->model()->flushPendingChanges();
    QTRY_COMPARE_WITH_TIMEOUT(ledger->model()->rowCount(), 1, kWait);
    ledger->table()->setFocus();
    ledger->table()->setCurrentIndex(ledger->table()->model()->index(0, 0));
    QTest::keyClick(ledger->table(), Qt::Key_Return); // Enter opens the linked object
    auto *adjustmentDialog =
        qobject_cast<views::finance::JsonDetailDialog *>(page->links()->lastDialog());
    QVERIFY(adjustmentDialog);
    QTRY_VERIFY_WITH_TIMEOUT(adjustmentDialog->isLoaded(), kWait);
    QCOMPARE(adjustmentDialog->object().value(QStringLiteral("id")).toInteger(), m_adjustment);
    QCOMPARE(adjustmentDialog->object().value(QStringLiteral("case_id")).toInteger(), m_case);
    QVERIFY(tests::saveScreenshot(adjustmentDialog,
                                  QStringLiteral("finance-ledger-linked-adjustment")));
    adjustmentDialog->close();

    // Pending transfers (held bookings) are drawn in italics.
    views::finance::LedgerFilter bookings;
    bookings.account = QStringLiteral("escrow");
    ledger->applyFilter(bookings);
    QTRY_VERIFY_WITH_TIMEOUT(!ledger->isFetching(), kWait);
    ledger->model()->flushPendingChanges();
    auto *table = ledger->table();
    int pendingRows = 0;
    for (int row = 0; row < std::min(ledger->model()->rowCount(), 200); ++row) {
        const QModelIndex index = table->model()->index(row, models::TransfersModel::Amount);
        const bool pending = index.data(models::TransfersModel::PendingRole).toBool();
        QCOMPARE(index.data(Qt::FontRole).value<QFont>().italic(), pending);
        pendingRows += pending ? 1 : 0;
    }
    qInfo() << "pending escrow transfers shown:" << pendingRows;
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("finance-ledger-escrow")));
}

QTEST_MAIN(TestFinanceE2E)
#include "tst_finance_e2e.moc"
