// EventApplier: events applied with the cursor in one transaction; a replayed overlap skipped, a
// gap refused with nothing of its batch applied; unknown types advance the cursor; an older
// event never overwrites a newer row; a whole-case event supersedes earlier ones in its batch.
#include "client/cache/cachereader.h"
#include "client/sync/eventapplier.h"
#include "support/cachefixture.h"

#include <QJsonArray>
#include <QTest>

using namespace skillex;
namespace applier = client::eventapplier;

namespace {

QJsonObject caseEvent(qint64 seq, qint64 caseId, int version, const QString &status,
                      const QString &type = QStringLiteral("case.report_added"))
{
    QJsonObject data = tests::makeCase(caseId);
    data.remove(QStringLiteral("id"));
    data.insert(QStringLiteral("version"), version);
    data.insert(QStringLiteral("status"), status);
    return {
        {QStringLiteral("seq"), seq},
        {QStringLiteral("type"), type},
        {QStringLiteral("at"),
         QStringLiteral("2026-11-21T14:15:00.%1Z").arg(seq % 1000, 3, 10, QLatin1Char('0'))},
        {QStringLiteral("actor"), QJsonValue()},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), QStringLiteral("case")},
                                                {QStringLiteral("id"), caseId}}},
        {QStringLiteral("data"), data}};
}

QJsonObject otherEvent(qint64 seq)
{
    return {
        {QStringLiteral("seq"), seq},
        {QStringLiteral("type"), QStringLiteral("booking.created")},
        {QStringLiteral("at"), QStringLiteral("2026-11-21T14:15:01.000Z")},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), QStringLiteral("booking")},
                                                {QStringLiteral("id"), 5}}},
        {QStringLiteral("data"), QJsonObject{}}};
}

} // namespace

class TestEventApplier : public QObject {
    Q_OBJECT

private slots:
    void appliesInOrderWithTheCursor();
};

void TestEventApplier::appliesInOrderWithTheCursor()
{
    QTemporaryDir dir;
    client::CacheDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    auto reader = db.openReader();
    const auto run = [&](const QJsonArray &events) {
        applier::Outcome outcome;
        const auto r = db.writeAndWait(
            [&](client::CacheWriteTx &tx) { outcome = applier::apply(tx, events, 1); });
        return std::make_pair(r, outcome);
    };
    const auto cursor = [&] {
        return reader->scalar(QStringLiteral("SELECT last_seq FROM event_cursor")).toLongLong();
    };
    const auto status = [&](qint64 id) {
        return reader->scalar(QStringLiteral("SELECT status FROM cases WHERE id = ?"), {id})
            .toString();
    };

    QJsonArray first;
    for (qint64 seq = 1; seq <= 10; ++seq)
        first.append(seq % 3 ? caseEvent(seq, 100 + seq, 1, QStringLiteral("open"),
                                         QStringLiteral("case.opened"))
                             : otherEvent(seq));
    auto [r1, o1] = run(first);
    QVERIFY2(r1.ok, qPrintable(r1.error));
    QCOMPARE(o1.applied, 7);
    QCOMPARE(o1.ignored, 3);
    QCOMPARE(cursor(), 10);
    QCOMPARE(status(101), QStringLiteral("open"));
    QCOMPARE(reader->scalar(QStringLiteral("SELECT last_event_at FROM event_cursor")).toLongLong(),
             QDateTime(QDate(2026, 11, 21), QTime(14, 15, 0, 10), Qt::UTC).toMSecsSinceEpoch());

    // A resumed stream overlaps what is held: 6..10 again, then 11..12.
    QJsonArray overlap;
    for (qint64 seq = 6; seq <= 12; ++seq)
        overlap.append(caseEvent(seq, 200 + seq, 1, QStringLiteral("open")));
    auto [r2, o2] = run(overlap);
    QVERIFY(r2.ok);
    QCOMPARE(o2.skipped, 5);
    QCOMPARE(o2.applied, 2);
    QCOMPARE(cursor(), 12);
    QCOMPARE(status(206), QString()); // skipped: never applied twice

    // A gap: 13 then 15. Nothing of the batch stays, the cursor stays.
    auto [r3, o3] = run(QJsonArray{caseEvent(13, 300, 1, QStringLiteral("open")),
                                   caseEvent(15, 301, 1, QStringLiteral("open"))});
    QVERIFY(!r3.ok);
    QVERIFY2(r3.error.contains(QStringLiteral("missing")), qPrintable(r3.error));
    QCOMPARE(cursor(), 12);
    QCOMPARE(status(300), QString());

    // An older version does not overwrite a newer row; later whole events win within a batch.
    auto [r4, o4] = run(QJsonArray{caseEvent(13, 101, 5, QStringLiteral("assigned")),
                                   caseEvent(14, 101, 3, QStringLiteral("open")),
                                   caseEvent(15, 102, 2, QStringLiteral("assigned")),
                                   caseEvent(16, 102, 3, QStringLiteral("dismissed"))});
    QVERIFY(r4.ok);
    QCOMPARE(o4.applied, 4);
    QCOMPARE(cursor(), 16);
    QCOMPARE(status(101), QStringLiteral("assigned"));
    QCOMPARE(status(102), QStringLiteral("dismissed"));
    QCOMPARE(reader->scalar(QStringLiteral("SELECT version FROM cases WHERE id = 102")).toInt(), 3);

    // A partial event changes only what it carries.
    QJsonObject claim{
        {QStringLiteral("seq"), 17},
        {QStringLiteral("type"), QStringLiteral("case.claimed")},
        {QStringLiteral("at"), QStringLiteral("2026-11-21T14:16:00.000Z")},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), QStringLiteral("case")},
                                                {QStringLiteral("id"), 103}}},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("status"), QStringLiteral("assigned")},
                                             {QStringLiteral("assignee_id"), 9},
                                             {QStringLiteral("version"), 2}}}};
    const double priority =
        reader->scalar(QStringLiteral("SELECT priority FROM cases WHERE id = 103")).toDouble();
    auto [r5, o5] = run(QJsonArray{claim});
    QVERIFY(r5.ok);
    QCOMPARE(status(103), QStringLiteral("assigned"));
    QCOMPARE(reader->scalar(QStringLiteral("SELECT assignee_id FROM cases WHERE id = 103")).toInt(),
             9);
    QCOMPARE(reader->scalar(QStringLiteral("SELECT priority FROM cases WHERE id = 103")).toDouble(),
             priority);
}

QTEST_GUILESS_MAIN(TestEventApplier)
#include "tst_eventapplier.moc"
