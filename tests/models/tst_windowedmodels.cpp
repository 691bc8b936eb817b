// The windowed models under QAbstractItemModelTester: every row in the order the equivalent SQL
// gives, through filters, sorts, text search, jumps from either end, live inserts, moves and
// deletes applied in batches (one beginInsertRows per run), whole reloads; the outbox overlay;
// the tab counts; users, transfers and audit entries; the taxonomy tree.
#include "client/cache/cachereader.h"
#include "client/cache/caserecords.h"
#include "client/cache/directoryrecords.h"
#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "models/auditmodel.h"
#include "models/casequeuemodel.h"
#include "models/casetabcounts.h"
#include "models/taxonomymodel.h"
#include "models/transfersmodel.h"
#include "models/usersmodel.h"
#include "tests/client/support/cachefixture.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace skillex;
using models::CaseFilter;
using models::CaseQueueModel;
using models::CaseSort;

namespace {

constexpr qint64 kMe = 7;

QList<qint64> modelIds(const models::WindowedSqlModel &model)
{
    QList<qint64> ids;
    ids.reserve(model.rowCount());
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.idAt(row);
    return ids;
}

QList<qint64> sqlIds(client::CacheReader &reader, const QString &sql,
                     const QVariantList &values = {})
{
    QList<qint64> ids;
    QSqlQuery q(reader.db());
    q.prepare(sql);
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec())
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

void fillCases(client::CacheDb &db, qint64 from, qint64 to)
{
    const auto r = db.writeAndWait([from, to](client::CacheWriteTx &tx) {
        for (qint64 id = from; id <= to; ++id)
            client::caserecords::upsertCase(tx, tests::makeCase(id), 1);
    });
    QVERIFY2(r.ok, qPrintable(r.error));
}

// The reference: the same rows by plain SQL, in the model's order.
QList<qint64> referenceCases(client::CacheReader &reader, const CaseFilter &filter, CaseSort sort,
                             Qt::SortOrder order, bool fts)
{
    const auto sql =
        CaseQueueModel::filterSql(filter, kMe, fts, QDateTime::currentMSecsSinceEpoch());
    const QString key = sort == CaseSort::Priority ? QStringLiteral("c.priority")
                        : sort == CaseSort::Age    ? QStringLiteral("c.opened_at")
                                                   : QStringLiteral("c.sla_due_at");
    const QString dir =
        order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return sqlIds(reader,
                  QStringLiteral("SELECT c.id FROM cases c WHERE %1 ORDER BY %2 %3, c.id %3")
                      .arg(sql.where.isEmpty() ? QStringLiteral("1") : sql.where, key, dir),
                  sql.values);
}

struct Cache {
    QTemporaryDir dir;
    client::CacheDb db;
    std::unique_ptr<client::CacheReader> reader;
    Cache()
    {
        db.open(dir.filePath(QStringLiteral("cache.sqlite")));
        reader = db.openReader();
    }
    ~Cache() { reader.reset(); }
};

} // namespace

class TestWindowedModels : public QObject {
    Q_OBJECT

private slots:
    void caseQueueMatchesSqlThroughFiltersAndSorts();
    void pagesFromEitherEndAndAnchors();
    void liveChangesInBatches();
    void arrivalsAtTheEndAreOneInsert();
    void bigChangeIsOneLayoutChange();
    void outboxOverlayShowsPendingActions();
    void tabCountsFollowChanges();
    void usersTransfersAndAudit();
    void taxonomyTree();
};

void TestWindowedModels::caseQueueMatchesSqlThroughFiltersAndSorts()
{
    Cache cache;
    fillCases(cache.db, 1, 3000);
    CaseQueueModel model(&cache.db, kMe);
    model.setPageSize(64);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const bool fts = cache.db.hasFullTextSearch();
    QVERIFY(fts);

    struct Case {
        const char *name;
        CaseFilter filter;
        CaseSort sort;
        Qt::SortOrder order;
    };
    CaseFilter breached = CaseFilter::openQueue();
    breached.slaBreached = true;
    CaseFilter text = CaseFilter::openQueue();
    text.text = QStringLiteral("member 102");
    CaseFilter scam;
    scam.categories = {QStringLiteral("scam"), QStringLiteral("spam")};
    scam.severities = {QStringLiteral("low")};
    const QList<Case> cases{
        {"open queue by priority", CaseFilter::openQueue(), CaseSort::Priority,
         Qt::DescendingOrder},
        {"mine", CaseFilter::mine(), CaseSort::Priority, Qt::DescendingOrder},
        {"unassigned by age", CaseFilter::unassigned(), CaseSort::Age, Qt::AscendingOrder},
        {"high by sla", CaseFilter::highSeverity(), CaseSort::Sla, Qt::AscendingOrder},
        {"everything newest first", CaseFilter{}, CaseSort::Age, Qt::DescendingOrder},
        {"breached", breached, CaseSort::Sla, Qt::AscendingOrder},
        {"text", text, CaseSort::Priority, Qt::DescendingOrder},
        {"two categories, low", scam, CaseSort::Priority, Qt::AscendingOrder},
    };
    for (const Case &c : cases) {
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setFilter(c.filter);
        model.setCaseSort(c.sort, c.order);
        const QList<qint64> expected =
            referenceCases(*cache.reader, c.filter, c.sort, c.order, fts);
        QVERIFY2(!expected.isEmpty(), c.name);
        QCOMPARE(model.rowCount(), expected.size());
        QVERIFY2(modelIds(model) == expected, c.name);
    }
    // Display and roles of one row.
    model.setFilter(CaseFilter{});
    model.setCaseSort(CaseSort::Priority);
    const QModelIndex first = model.index(0, CaseQueueModel::Id);
    const qint64 id = model.data(first, CaseQueueModel::IdRole).toLongLong();
    QCOMPARE(model.data(first).toString(), QStringLiteral("#%1").arg(id));
    QCOMPARE(model.data(first.siblingAtColumn(CaseQueueModel::Severity)).toString(),
             tests::makeCase(id).value(QStringLiteral("severity")).toString());
    QCOMPARE(model.data(first, CaseQueueModel::VersionRole).toInt(), 1);
    QCOMPARE(model.headerData(CaseQueueModel::Sla, Qt::Horizontal).toString(),
             QStringLiteral("SLA"));
    // A header click sorts in SQL.
    model.sort(CaseQueueModel::Age, Qt::AscendingOrder);
    QCOMPARE(model.caseSort(), CaseSort::Age);
    QCOMPARE(modelIds(model),
             referenceCases(*cache.reader, CaseFilter{}, CaseSort::Age, Qt::AscendingOrder, fts));
    QCOMPARE(model.rowOfId(1234), int(modelIds(model).indexOf(1234)));
}

void TestWindowedModels::pagesFromEitherEndAndAnchors()
{
    Cache cache;
    fillCases(cache.db, 1, 60000);
    const QList<qint64> expected = referenceCases(*cache.reader, CaseFilter::openQueue(),
                                                  CaseSort::Priority, Qt::DescendingOrder, true);
    // Jumps without anchors: the end, the middle, then the start.
    CaseQueueModel model(&cache.db, kMe);
    QCOMPARE(model.rowCount(), expected.size());
    const int n = model.rowCount();
    for (int row : {n - 1, n - 200, n / 2, n / 2 + 1, 3, 0, n / 3}) {
        QCOMPARE(model.idAt(row), expected.at(row));
    }
    // With the idle walk done, anchors every 512 rows.
    model.buildAnchorsNow();
    QVERIFY2(model.anchorCount() >= n / 512, qPrintable(QString::number(model.anchorCount())));
    QRandomGenerator random(7);
    for (int i = 0; i < 200; ++i) {
        const int row = int(random.bounded(n));
        QCOMPARE(model.idAt(row), expected.at(row));
    }
    QCOMPARE(model.rowOfId(expected.at(n - 7)), n - 7);
}

void TestWindowedModels::liveChangesInBatches()
{
    Cache cache;
    fillCases(cache.db, 1, 2500);
    CaseQueueModel model(&cache.db, kMe);
    model.setPageSize(32);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.buildAnchorsNow();
    // A selection on a row the changes will not touch follows it.
    const QPersistentModelIndex kept = model.index(100, 0);
    const qint64 keptId = model.idAt(100);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QRandomGenerator random(42);
    qint64 nextId = 2501;
    for (int round = 0; round < 20; ++round) {
        const auto r = cache.db.writeAndWait([&](client::CacheWriteTx &tx) {
            const int changes = 1 + int(random.bounded(40));
            for (int i = 0; i < changes; ++i) {
                const int what = int(random.bounded(4));
                if (what == 0) {
                    client::caserecords::upsertCase(tx, tests::makeCase(nextId++), 2);
                    continue;
                }
                qint64 id = 1 + qint64(random.bounded(int(nextId - 1)));
                if (id == keptId)
                    continue;
                if (what == 3) {
                    tx.run(QStringLiteral("DELETE FROM cases WHERE id = ?"), {id});
                    continue;
                }
                QJsonObject c = tests::makeCase(id);
                c.insert(QStringLiteral("version"), 2 + round);
                if (what == 1)
                    c.insert(QStringLiteral("priority"), random.bounded(100.0));
                else
                    c.insert(QStringLiteral("status"),
                             tests::kCaseStatuses.at(int(random.bounded(5))));
                client::caserecords::upsertCase(tx, c, 2);
            }
        });
        QVERIFY2(r.ok, qPrintable(r.error));
        model.flushPendingChanges();
        const QList<qint64> expected = referenceCases(
            *cache.reader, CaseFilter::openQueue(), CaseSort::Priority, Qt::DescendingOrder, true);
        QCOMPARE(model.rowCount(), expected.size());
        QVERIFY2(modelIds(model) == expected, qPrintable(QStringLiteral("round %1").arg(round)));
        QVERIFY(kept.isValid());
        QCOMPARE(model.idAt(kept.row()), keptId);
    }
    QVERIFY(inserted.count() > 0);
    QVERIFY(removed.count() > 0);
    QCOMPARE(layout.count(), 0); // every batch was applied row by row
    QCOMPARE(model.stats().incrementalFlushes, 20);
}

void TestWindowedModels::arrivalsAtTheEndAreOneInsert()
{
    Cache cache;
    fillCases(cache.db, 1, 2000);
    CaseQueueModel model(&cache.db, kMe);
    model.setFilter(CaseFilter{});
    model.setCaseSort(CaseSort::Age, Qt::AscendingOrder); // oldest first: new cases at the end
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy arrived(&model, &models::WindowedSqlModel::rowsArrived);
    const int before = model.rowCount();
    const auto r = cache.db.writeAndWait([](client::CacheWriteTx &tx) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (qint64 id = 2001; id <= 2050; ++id) {
            QJsonObject c = tests::makeCase(id);
            c.insert(QStringLiteral("opened_at"), now + id);
            client::caserecords::upsertCase(tx, c, now);
        }
    });
    QVERIFY(r.ok);
    // Through the change notice and the zero-delay timer, as in the console.
    QTRY_COMPARE(model.rowCount(), before + 50);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), before);
    QCOMPARE(inserted.first().at(2).toInt(), before + 49);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(arrived.first().first().toInt(), 50);
    QCOMPARE(model.idAt(before + 49), 2050);
}

void TestWindowedModels::bigChangeIsOneLayoutChange()
{
    Cache cache;
    fillCases(cache.db, 1, 3000);
    CaseQueueModel model(&cache.db, kMe);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QPersistentModelIndex selected = model.index(5, 0);
    const qint64 selectedId = model.idAt(5);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // A resync-sized change: every priority moves.
    QVERIFY(cache.db
                .writeAndWait([](client::CacheWriteTx &tx) {
                    tx.run(QStringLiteral("UPDATE cases SET priority = 100 - priority"));
                })
                .ok);
    model.flushPendingChanges();
    QCOMPARE(layout.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(modelIds(model), referenceCases(*cache.reader, CaseFilter::openQueue(),
                                             CaseSort::Priority, Qt::DescendingOrder, true));
    // The selection followed its case to its new row.
    QVERIFY(selected.isValid());
    QCOMPARE(model.idAt(selected.row()), selectedId);
}

void TestWindowedModels::outboxOverlayShowsPendingActions()
{
    Cache cache;
    fillCases(cache.db, 1, 500);
    CaseQueueModel model(&cache.db, kMe);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    client::Outbox outbox(&cache.db);
    const qint64 caseId = model.idAt(3);
    const QModelIndex status = model.index(3, CaseQueueModel::Status);
    const QString before = model.data(status).toString();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    auto queued =
        outbox.enqueue(client::actions::dismissCase(caseId, 1, QStringLiteral("spam")), 5000);
    queued.waitForFinished();
    QTRY_COMPARE(model.data(status).toString(), QStringLiteral("dismissing, queued"));
    QCOMPARE(model.data(status, CaseQueueModel::OverlayStateRole).toString(),
             QStringLiteral("queued"));
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.data(model.index(4, CaseQueueModel::Status), CaseQueueModel::OverlayStateRole),
             QVariant());
    // Undone: the row shows the case's own status again.
    auto cancelled = outbox.cancel(queued.result().value.toLongLong());
    cancelled.waitForFinished();
    QTRY_COMPARE(model.data(status).toString(), before);
}

void TestWindowedModels::tabCountsFollowChanges()
{
    Cache cache;
    fillCases(cache.db, 1, 4000);
    models::CaseTabCounts tabs(&cache.db, kMe);
    const auto reference = [&](const CaseFilter &f) {
        const auto sql = CaseQueueModel::filterSql(f, kMe, true, 0);
        return cache.reader
            ->scalar(QStringLiteral("SELECT COUNT(*) FROM cases c WHERE %1").arg(sql.where),
                     sql.values)
            .toLongLong();
    };
    const auto check = [&] {
        QCOMPARE(tabs.counts().mine, reference(CaseFilter::mine()));
        QCOMPARE(tabs.counts().unassigned, reference(CaseFilter::unassigned()));
        QCOMPARE(tabs.counts().high, reference(CaseFilter::highSeverity()));
        QCOMPARE(tabs.counts().open, reference(CaseFilter::openQueue()));
    };
    check();
    QVERIFY(tabs.counts().mine > 0);
    QSignalSpy changed(&tabs, &models::CaseTabCounts::changed);
    QVERIFY(cache.db
                .writeAndWait([](client::CacheWriteTx &tx) {
                    for (qint64 id = 1; id <= 4000; id += 13) {
                        QJsonObject c = tests::makeCase(id);
                        c.insert(QStringLiteral("version"), 2);
                        c.insert(QStringLiteral("status"), QStringLiteral("assigned"));
                        c.insert(QStringLiteral("assignee_id"), kMe);
                        client::caserecords::upsertCase(tx, c, 2);
                    }
                    tx.run(QStringLiteral("DELETE FROM cases WHERE id % 17 = 0"));
                })
                .ok);
    QTRY_COMPARE(changed.count(), 1);
    check();
    // The queue model's row count comes from the same table and agrees with COUNT(*).
    CaseQueueModel model(&cache.db, kMe);
    model.setFilter(CaseFilter::mine());
    QCOMPARE(model.rowCount(), int(reference(CaseFilter::mine())));
}

void TestWindowedModels::usersTransfersAndAudit()
{
    Cache cache;
    QVERIFY(
        cache.db
            .writeAndWait([](client::CacheWriteTx &tx) {
                for (int i = 1; i <= 1500; ++i) {
                    client::directoryrecords::upsertUser(
                        tx,
                        {{QStringLiteral("id"), i},
                         {QStringLiteral("name"),
                          QStringLiteral("%1 Member %2").arg(QChar(u'A' + i % 26)).arg(i)},
                         {QStringLiteral("email"), QStringLiteral("m%1@example.com").arg(i)},
                         {QStringLiteral("kind"),
                          i % 50 == 0 ? QStringLiteral("staff") : QStringLiteral("member")},
                         {QStringLiteral("status"), QStringLiteral("active")},
                         {QStringLiteral("created_at"), 1'700'000'000'000LL + i * 1000LL},
                         {QStringLiteral("roles"), QJsonArray{}}},
                        1);
                    tx.run(QStringLiteral(
                               "INSERT INTO transfers (seq, id, created_at, debit, credit, amount, "
                               "code, "
                               "kind, json, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', 0)"),
                           {i, QStringLiteral("t%1").arg(i),
                            1'700'000'000'000LL + (i * 7919) % 100000,
                            QStringLiteral("user:%1").arg(i % 20), QStringLiteral("escrow"), i,
                            i % 3 ? QStringLiteral("booking") : QStringLiteral("purchase"),
                            i % 4 ? QStringLiteral("posted") : QStringLiteral("pending")});
                    tx.run(
                        QStringLiteral("INSERT INTO audit_entries (id, at, actor_id, actor_label, "
                                       "action, json, seen_at) VALUES (?, ?, ?, ?, ?, '{}', 0)"),
                        {i, 1'700'000'000'000LL + (i * 104729) % 1000000, i % 5,
                         QStringLiteral("staff %1").arg(i % 5),
                         i % 2 ? QStringLiteral("case.dismiss") : QStringLiteral("user.suspend")});
                }
            })
            .ok);
    models::UsersModel users(&cache.db);
    QAbstractItemModelTester t1(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(modelIds(users),
             sqlIds(*cache.reader, QStringLiteral("SELECT id FROM users ORDER BY sort_name, id")));
    users.setSearch(QStringLiteral("MEMBER 14"));
    QCOMPARE(modelIds(users),
             sqlIds(*cache.reader, QStringLiteral("SELECT id FROM users WHERE sort_name "
                                                  "LIKE '%member 14%' ORDER BY sort_name, id")));
    users.setSearch({});
    users.setKind(QStringLiteral("staff"));
    users.sort(models::UsersModel::Since, Qt::DescendingOrder);
    QCOMPARE(modelIds(users),
             sqlIds(*cache.reader, QStringLiteral("SELECT id FROM users WHERE kind = 'staff' "
                                                  "ORDER BY created_at DESC, id DESC")));

    models::TransfersModel transfers(&cache.db);
    QAbstractItemModelTester t2(&transfers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(modelIds(transfers),
             sqlIds(*cache.reader, QStringLiteral("SELECT seq FROM transfers ORDER BY "
                                                  "created_at DESC, seq DESC")));
    transfers.setAccount(QStringLiteral("user:3"));
    transfers.setCode(QStringLiteral("booking"));
    QCOMPARE(
        modelIds(transfers),
        sqlIds(*cache.reader, QStringLiteral("SELECT seq FROM transfers WHERE "
                                             "(debit = 'user:3' OR credit = 'user:3') AND code = "
                                             "'booking' ORDER BY created_at DESC, seq DESC")));
    QVERIFY(transfers.rowCount() > 0);
    const QModelIndex amount = transfers.index(0, models::TransfersModel::Amount);
    QVERIFY(transfers.data(amount).toString().endsWith(QStringLiteral(" cr")));
    QCOMPARE(transfers.data(amount, Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);

    models::AuditModel audit(&cache.db);
    QAbstractItemModelTester t3(&audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
    audit.setAction(QStringLiteral("case."));
    audit.setActor(3);
    QCOMPARE(modelIds(audit),
             sqlIds(*cache.reader, QStringLiteral("SELECT id FROM audit_entries WHERE actor_id "
                                                  "= 3 AND action LIKE 'case.%' ORDER BY at DESC, "
                                                  "id DESC")));
    // Live: a new audit entry at the top of the newest-first list.
    QSignalSpy inserted(&audit, &QAbstractItemModel::rowsInserted);
    QVERIFY(cache.db
                .writeAndWait([](client::CacheWriteTx &tx) {
                    tx.run(QStringLiteral(
                        "INSERT INTO audit_entries (id, at, actor_id, actor_label, action, "
                        "json, seen_at) VALUES (9999, 1800000000000, 3, 'x', 'case.warn', "
                        "'{}', 0)"));
                })
                .ok);
    audit.flushPendingChanges();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(audit.idAt(0), 9999);
}

void TestWindowedModels::taxonomyTree()
{
    Cache cache;
    const auto category = [](int id, int position) {
        return QJsonObject{
            {QStringLiteral("id"), id},
            {QStringLiteral("slug"), QStringLiteral("cat-%1").arg(id)},
            {QStringLiteral("names"),
             QJsonObject{{QStringLiteral("en"), QStringLiteral("Category %1").arg(id)}}},
            {QStringLiteral("position"), position},
            {QStringLiteral("version"), 1}};
    };
    const auto skill = [](int id, int categoryId, int version, const QString &name) {
        return QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("category_id"), categoryId},
                           {QStringLiteral("slug"), QStringLiteral("skill-%1").arg(id)},
                           {QStringLiteral("names"),
                            QJsonObject{{QStringLiteral("en"), name},
                                        {QStringLiteral("de"), name + QStringLiteral(" (de)")}}},
                           {QStringLiteral("status"), QStringLiteral("active")},
                           {QStringLiteral("aliases"), QJsonArray{}},
                           {QStringLiteral("position"), id},
                           {QStringLiteral("version"), version}};
    };
    QVERIFY(cache.db
                .writeAndWait([&](client::CacheWriteTx &tx) {
                    for (int c = 1; c <= 12; ++c)
                        client::directoryrecords::upsertCategory(tx, category(c, 13 - c), 1);
                    for (int s = 1; s <= 132; ++s)
                        client::directoryrecords::upsertSkill(
                            tx, skill(s, 1 + s % 12, 1, QStringLiteral("Skill %1").arg(s)), 1);
                })
                .ok);
    models::TaxonomyModel model(&cache.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 12);
    QCOMPARE(model.data(model.index(0, 0)).toString(),
             QStringLiteral("Category 12")); // by position
    int skills = 0;
    for (int c = 0; c < 12; ++c)
        skills += model.rowCount(model.index(c, 0));
    QCOMPARE(skills, 132);
    const QPersistentModelIndex skill7 = model.skillIndex(7);
    QVERIFY(skill7.isValid());
    QCOMPARE(model.data(skill7, models::TaxonomyModel::NamesRole)
                 .toMap()
                 .value(QStringLiteral("de"))
                 .toString(),
             QStringLiteral("Skill 7 (de)"));
    // A rename and a new skill arrive; a stale version of skill 7 is ignored.
    QVERIFY(cache.db
                .writeAndWait([&](client::CacheWriteTx &tx) {
                    client::directoryrecords::upsertSkill(
                        tx, skill(7, 8, 3, QStringLiteral("Ölmalerei")), 2);
                    client::directoryrecords::upsertSkill(
                        tx, skill(7, 8, 2, QStringLiteral("stale")), 2);
                    client::directoryrecords::upsertSkill(
                        tx, skill(200, 8, 1, QStringLiteral("New skill")), 2);
                })
                .ok);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QTRY_COMPARE(layout.count(), 1);
    QVERIFY(skill7.isValid());
    QCOMPARE(model.data(skill7).toString(), QStringLiteral("Ölmalerei"));
    QCOMPARE(model.data(skill7, models::TaxonomyModel::VersionRole).toInt(), 3);
    QVERIFY(model.skillIndex(200).isValid());
    QCOMPARE(model.skillIndex(200).parent(), model.categoryIndex(8));
}

QTEST_GUILESS_MAIN(TestWindowedModels)
#include "tst_windowedmodels.moc"
