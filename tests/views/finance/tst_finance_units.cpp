// The Finance area's pure parts, without a server: CSV quoting, server transfer items as cache
// rows, the ledger filter as the server's query, money and status words.
#include "models/financetransferstore.h"
#include "views/finance/financecsv.h"
#include "views/finance/financeformat.h"
#include "views/finance/jsonrowsmodel.h"
#include "views/finance/ledgerfilterpanel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace skillex;
using namespace skillex::views::finance;

class TestFinanceUnits : public QObject {
    Q_OBJECT

private slots:
    void csvQuotesWhatNeedsIt();
    void transferItemBecomesACacheRow();
    void transferWithoutKeyIsSkipped();
    void ledgerFilterAsServerQuery();
    void wordsForStatuses();
};

void TestFinanceUnits::csvQuotesWhatNeedsIt()
{
    JsonRowsModel model(
        {{QStringLiteral("Reason"),
          [](const QJsonObject &o) { return o.value(QStringLiteral("r")).toString(); }},
         {QStringLiteral("Amount, cr"),
          [](const QJsonObject &o) { return o.value(QStringLiteral("a")).toString(); }}});
    model.setItems(
        QJsonArray{QJsonObject{{QStringLiteral("r"), QStringLiteral("plain")},
                               {QStringLiteral("a"), QStringLiteral("1,250 cr")}},
                   QJsonObject{{QStringLiteral("r"), QStringLiteral("said \"no\"\nthen left")},
                               {QStringLiteral("a"), QStringLiteral("5 cr")}}});
    QCOMPARE(modelToCsv(&model), QStringLiteral("Reason,\"Amount, cr\"\r\nplain,\"1,250 cr\"\r\n"
                                                "\"said \"\"no\"\"\nthen left\",5 cr\r\n"));
}

void TestFinanceUnits::transferItemBecomesACacheRow()
{
    const QJsonObject item = QJsonDocument::fromJson(R"({"seq": 812, "id": "purchase:payment:31",
        "debit_account": "clearing:stripe", "credit_account": "user:42", "amount": 100,
        "code": "purchase", "kind": "posted", "status": "posted", "pending_id": null,
        "ref": {"type": "payment", "id": "31", "href": "/api/v1/admin/payments/31"},
        "created_at": "2026-01-31T10:00:00.000Z"})")
                                 .object();
    const QVariantList row = models::financetransfers::rowValues(item, 7);
    QCOMPARE(row.size(), 13);
    QCOMPARE(row.at(0).toLongLong(), 812);
    QCOMPARE(row.at(1).toString(), QStringLiteral("purchase:payment:31"));
    QCOMPARE(row.at(2).toLongLong(),
             QDateTime::fromString(QStringLiteral("2026-01-31T10:00:00.000Z"), Qt::ISODateWithMs)
                 .toMSecsSinceEpoch());
    QCOMPARE(row.at(3).toString(), QStringLiteral("clearing:stripe"));
    QCOMPARE(row.at(4).toString(), QStringLiteral("user:42"));
    QCOMPARE(row.at(5).toLongLong(), 100);
    QCOMPARE(row.at(6).toString(), QStringLiteral("purchase"));
    QCOMPARE(row.at(7).toString(), QStringLiteral("posted"));
    QVERIFY(row.at(8).isNull());
    QCOMPARE(row.at(9).toString(), QStringLiteral("payment"));
    QCOMPARE(row.at(10).toString(), QStringLiteral("31"));
    QCOMPARE(QJsonDocument::fromJson(row.at(11).toString().toUtf8()).object(), item);
    QCOMPARE(row.at(12).toLongLong(), 7);
}

void TestFinanceUnits::transferWithoutKeyIsSkipped()
{
    QVERIFY(models::financetransfers::rowValues({{QStringLiteral("id"), QStringLiteral("x")}}, 1)
                .isEmpty());
    QVERIFY(models::financetransfers::rowValues({{QStringLiteral("seq"), 3}}, 1).isEmpty());
}

void TestFinanceUnits::ledgerFilterAsServerQuery()
{
    LedgerFilter f;
    f.account = QStringLiteral("user:42");
    f.code = QStringLiteral("refund");
    f.ref = QStringLiteral("payment:7");
    f.from = QDate(2026, 1, 1);
    f.to = QDate(2026, 1, 31); // inclusive in the panel, exclusive on the server
    f.minAmount = 10;
    const QUrlQuery q = f.serverQuery();
    QCOMPARE(q.queryItemValue(QStringLiteral("account")), QStringLiteral("user:42"));
    QCOMPARE(q.queryItemValue(QStringLiteral("code")), QStringLiteral("refund"));
    QCOMPARE(q.queryItemValue(QStringLiteral("ref")), QStringLiteral("payment:7"));
    QCOMPARE(q.queryItemValue(QStringLiteral("from")), QStringLiteral("2026-01-01T00:00:00.000Z"));
    QCOMPARE(q.queryItemValue(QStringLiteral("to")), QStringLiteral("2026-02-01T00:00:00.000Z"));
    QCOMPARE(q.queryItemValue(QStringLiteral("min_amount")), QStringLiteral("10"));
    QVERIFY(!q.hasQueryItem(QStringLiteral("max_amount")));
    QVERIFY(LedgerFilter{}.serverQuery().isEmpty());
}

void TestFinanceUnits::wordsForStatuses()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(credits(1250), QStringLiteral("1,250 cr"));
    QCOMPARE(money(4500, QStringLiteral("usd")), QStringLiteral("USD 45.00"));
    QCOMPARE(statusText(QStringLiteral("pending_approval")),
             QStringLiteral("waiting for approval"));
    QCOMPARE(statusText(QStringLiteral("partially_refunded")),
             QStringLiteral("partially refunded"));
}

QTEST_MAIN(TestFinanceUnits)
#include "tst_finance_units.moc"
