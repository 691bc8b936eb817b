// The Taxonomy area against the real server with simulated data: a merge moves exactly what
// its preview said, a rename reaches the server once, a stale edit is resolved both ways,
// the keyboard reorders, and a non-admin only reads. Screenshots of each screen are saved.
#include "client/outbox/outbox.h"
#include "guitest.h"
#include "models/taxonomymodel.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testsql.h"
#include "tests/views/support/consoleharness.h"
#include "views/taxonomy/aliaschips.h"
#include "views/taxonomy/moveskilldialog.h"
#include "views/taxonomy/namesgrid.h"
#include "views/taxonomy/nodedetailpane.h"
#include "views/taxonomy/skillmergedialog.h"
#include "views/taxonomy/taxonomyconflictbar.h"
#include "views/taxonomy/taxonomyconflictdialog.h"
#include "views/taxonomy/taxonomypage.h"
#include "views/taxonomy/taxonomytree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace skillex;
using models::TaxonomyModel;

class TstTaxonomyPage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void mergeMovesWhatThePreviewSaid();
    void renameReachesTheServerOnce();
    void staleEditResolvedByChoosingMine();
    void staleEditResolvedByChoosingTheirs();
    void keyboardReorderReachesTheServer();
    void translateMarksMissingAndAddsAliases();
    void switchingNodesKeepsUnsavedEdits();
    void moveToAndDeprecate();
    void dropReordersCategories();
    void filterMatchesAnyLanguageAndAlias();
    void csvExportHoldsTheTree();
    void nonAdminReadsOnly();

private:
    qint64 scalar(const QString &sql, const QVariantMap &bindings = {});
    QString text(const QString &sql, const QVariantMap &bindings = {});
    std::unique_ptr<views::TaxonomyPage> openPage(tests::StaffConsole *console);
    // Another admin's rename, straight through the API, with the current version as If-Match.
    void renameElsewhere(qint64 skillId, const QString &name);
    // A live, active skill the console shows that no other test touched.
    qint64 freshSkill();
    void typeEnglishName(views::TaxonomyPage *page, const QString &name);

    tests::ConsoleHarness m_harness;
    std::unique_ptr<tests::StaffConsole> m_admin;
    testutils::Actor m_otherAdmin;
    QSet<qint64> m_used;
};

qint64 TstTaxonomyPage::scalar(const QString &sql, const QVariantMap &bindings)
{
    QString error;
    const QVariant v = testutils::sqlScalar(m_harness.databaseUrl(), sql, bindings, &error);
    if (!error.isEmpty())
        qWarning() << sql << error;
    return v.toLongLong();
}

QString TstTaxonomyPage::text(const QString &sql, const QVariantMap &bindings)
{
    return testutils::sqlScalar(m_harness.databaseUrl(), sql, bindings).toString();
}

void TstTaxonomyPage::initTestCase()
{
    tests::applyConsoleLook();
    QVERIFY2(m_harness.start(120, 6, 11), qPrintable(m_harness.error()));
    m_admin = m_harness.openConsole(QStringLiteral("admin"));
    QVERIFY2(m_admin, qPrintable(m_harness.error()));
    m_otherAdmin = testutils::signInStaff(m_harness.server(), QStringLiteral("admin"));
    QVERIFY(m_otherAdmin.isValid());
}

void TstTaxonomyPage::cleanupTestCase()
{
    m_admin.reset();
}

std::unique_ptr<views::TaxonomyPage> TstTaxonomyPage::openPage(tests::StaffConsole *console)
{
    auto page = std::make_unique<views::TaxonomyPage>(&console->workspace);
    page->resize(1280, 760);
    page->show();
    return page;
}

qint64 TstTaxonomyPage::freshSkill()
{
    const qint64 id = scalar(
        QStringLiteral(
            "SELECT id FROM skills WHERE merged_into IS NULL AND status = 'active' AND id NOT IN "
            "(SELECT merged_into FROM skills WHERE merged_into IS NOT NULL) ORDER BY id DESC "
            "LIMIT 1 OFFSET %1")
            .arg(m_used.size()));
    m_used.insert(id);
    return id;
}

void TstTaxonomyPage::renameElsewhere(qint64 skillId, const QString &name)
{
    testutils::TestHttp http(m_harness.server().baseUrl());
    http.setBearer(m_otherAdmin.accessToken);
    const QString path = QStringLiteral("/api/v1/admin/taxonomy/skills/%1").arg(skillId);
    const testutils::TestResponse current = http.get(path);
    QCOMPARE(current.status, 200);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("names"),
                                                       QJsonObject{{QStringLiteral("en"), name}}}})
                                .toJson(QJsonDocument::Compact);
    const testutils::TestResponse r =
        http.send("PATCH", path, body,
                  {{"Content-Type", "application/json"},
                   {"If-Match", current.header("etag")},
                   {"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}});
    QVERIFY2(r.status == 200, r.body.constData());
}

void TstTaxonomyPage::typeEnglishName(views::TaxonomyPage *page, const QString &name)
{
    QLineEdit *en = page->detail()->names()->editor(QStringLiteral("en"));
    QVERIFY(en);
    en->setFocus();
    en->selectAll();
    QTest::keyClick(en, Qt::Key_Backspace);
    QTest::keyClicks(en, name);
    QVERIFY(page->detail()->isEdited());
}

void TstTaxonomyPage::mergeMovesWhatThePreviewSaid()
{
    // A skill with sessions and member skills, merged into another live, active skill.
    const qint64 from = scalar(QStringLiteral(
        "SELECT s.id FROM skills s WHERE s.merged_into IS NULL AND s.status = 'active' AND "
        "EXISTS (SELECT 1 FROM member_skills m WHERE m.skill_id = s.id) ORDER BY (SELECT "
        "count(*) FROM sessions x WHERE x.skill_id = s.id) DESC, s.id LIMIT 1"));
    const qint64 into = scalar(
        QStringLiteral(
            "SELECT s.id FROM skills s WHERE s.merged_into IS NULL AND s.status = 'active' AND "
            "s.id <> :from AND EXISTS (SELECT 1 FROM member_skills m WHERE m.skill_id = s.id) "
            "ORDER BY s.id LIMIT 1"),
        {{QStringLiteral(":from"), from}});
    QVERIFY(from > 0 && into > 0);
    m_used << from << into;
    const QVariantMap ids{{QStringLiteral(":a"), from}, {QStringLiteral(":b"), into}};
    const qint64 sessionsA =
        scalar(QStringLiteral("SELECT count(*) FROM sessions WHERE skill_id = :a"), ids);
    const qint64 sessionsB =
        scalar(QStringLiteral("SELECT count(*) FROM sessions WHERE skill_id = :b"), ids);
    const qint64 memberSkillsA =
        scalar(QStringLiteral("SELECT count(*) FROM member_skills WHERE skill_id = :a"), ids);
    const qint64 memberSkillsB =
        scalar(QStringLiteral("SELECT count(*) FROM member_skills WHERE skill_id = :b"), ids);
    QVERIFY(memberSkillsA > 0);

    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->model()->skillIndex(from).isValid());
    QVERIFY(page->select(QStringLiteral("skill"), from));
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-admin")));
    views::SkillMergeDialog *dialog = page->openMerge(from);
    QVERIFY(dialog);
    dialog->setTarget(into);
    QCOMPARE(dialog->target(), into);
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("mergeConfirm"));
    QVERIFY(!confirm->isEnabled()); // nothing is confirmed before its preview
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("mergePreview")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->preview().isEmpty(), 20'000);
    QVERIFY(confirm->isEnabled());
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("taxonomy-merge-preview")));
    const QJsonObject plan = dialog->preview();
    const QJsonObject ms = plan.value(QStringLiteral("member_skills")).toObject();
    const qint64 previewSessions = qint64(plan.value(QStringLiteral("sessions")).toDouble());
    const qint64 previewTotal = qint64(ms.value(QStringLiteral("total")).toDouble());
    const qint64 previewRepointed = qint64(ms.value(QStringLiteral("repointed")).toDouble());
    // The dry run changed nothing on the server.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM sessions WHERE skill_id = :a"), ids),
             sessionsA);
    QCOMPARE(previewSessions, sessionsA);
    QCOMPARE(previewTotal, memberSkillsA);

    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT merged_into FROM skills WHERE id = :a"), ids), into, 20'000);
    // The counts moved on the server equal the preview's.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM sessions WHERE skill_id = :b"), ids),
             sessionsB + previewSessions);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM sessions WHERE skill_id = :a"), ids), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM member_skills WHERE skill_id = :a"), ids),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM member_skills WHERE skill_id = :b"), ids),
             memberSkillsB + previewRepointed);
    // And the console's tree follows: the merged skill is gone from it.
    QTRY_VERIFY_WITH_TIMEOUT(!page->model()->skillIndex(from).isValid(), 20'000);
}

void TstTaxonomyPage::renameReachesTheServerOnce()
{
    const qint64 id = freshSkill();
    QVERIFY(id > 0);
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->select(QStringLiteral("skill"), id));
    const QString name = QStringLiteral("Renamed skill %1").arg(id);
    typeEnglishName(page.get(), name);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-rename-editing")));
    QTest::mouseClick(page->detail()->findChild<QPushButton *>(QStringLiteral("nodeSave")),
                      Qt::LeftButton);
    const QVariantMap b{{QStringLiteral(":id"), id}};
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT name_en FROM skills WHERE id = :id"), b),
                              name, 20'000);
    // The outbox has finished with it (nothing left to resend) ...
    QTRY_VERIFY_WITH_TIMEOUT(m_admin->workspace.outbox()->counts().open() == 0, 20'000);
    // ... and the server applied it exactly once.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                   "'taxonomy.skill_updated' AND target_id = :tid"),
                    {{QStringLiteral(":tid"), QString::number(id)}}),
             1);
    QTRY_COMPARE(page->model()->skillIndex(id).data().toString(), name);
}

void TstTaxonomyPage::staleEditResolvedByChoosingMine()
{
    const qint64 id = freshSkill();
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->select(QStringLiteral("skill"), id));
    const int seen = page->detail()->baseVersion();
    const QString mine = QStringLiteral("Mine %1").arg(id);
    typeEnglishName(page.get(), mine);
    renameElsewhere(id, QStringLiteral("Theirs %1").arg(id));
    // The other admin's change reaches this console while it is editing.
    QTRY_VERIFY_WITH_TIMEOUT(
        page->model()->skillIndex(id).data(TaxonomyModel::VersionRole).toInt() > seen, 20'000);
    QCOMPARE(page->detail()->baseVersion(), seen);
    QVERIFY(page->detail()->save());
    QTRY_VERIFY_WITH_TIMEOUT(page->conflictBar()->isVisible(), 20'000);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-conflict-bar")));
    views::TaxonomyConflictDialog *dialog = page->conflictBar()->compare();
    QVERIFY(dialog);
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("taxonomy-conflict-compare")));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("applyMine")),
                      Qt::LeftButton);
    const QVariantMap b{{QStringLiteral(":id"), id}};
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT name_en FROM skills WHERE id = :id"), b),
                              mine, 20'000);
    QTRY_VERIFY_WITH_TIMEOUT(!page->conflictBar()->isVisible(), 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->skillIndex(id).data().toString(), mine, 20'000);
}

void TstTaxonomyPage::staleEditResolvedByChoosingTheirs()
{
    const qint64 id = freshSkill();
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->select(QStringLiteral("skill"), id));
    const int seen = page->detail()->baseVersion();
    const QString theirs = QStringLiteral("Theirs %1").arg(id);
    typeEnglishName(page.get(), QStringLiteral("Mine %1").arg(id));
    renameElsewhere(id, theirs);
    QTRY_VERIFY_WITH_TIMEOUT(
        page->model()->skillIndex(id).data(TaxonomyModel::VersionRole).toInt() > seen, 20'000);
    QVERIFY(page->detail()->save());
    QTRY_VERIFY_WITH_TIMEOUT(page->conflictBar()->isVisible(), 20'000);
    const qint64 entryId = page->conflictBar()->shown()->id;
    views::TaxonomyConflictDialog *dialog = page->conflictBar()->compare();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("keepTheirs")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_admin->workspace.outbox()->entry(entryId)->state ==
                                 client::OutboxState::Discarded,
                             20'000);
    QTRY_VERIFY(!page->conflictBar()->isVisible());
    const QVariantMap b{{QStringLiteral(":id"), id}};
    QCOMPARE(text(QStringLiteral("SELECT name_en FROM skills WHERE id = :id"), b), theirs);
    // Mine was never applied: one update (theirs) in the audit log.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                   "'taxonomy.skill_updated' AND target_id = :tid"),
                    {{QStringLiteral(":tid"), QString::number(id)}}),
             1);
    QTRY_COMPARE(page->model()->skillIndex(id).data().toString(), theirs);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-conflict-kept-theirs")));
}

void TstTaxonomyPage::keyboardReorderReachesTheServer()
{
    // A category with at least three live skills; its second skill goes up one place.
    const qint64 category = scalar(QStringLiteral(
        "SELECT category_id FROM skills WHERE merged_into IS NULL GROUP BY category_id HAVING "
        "count(*) >= 3 ORDER BY category_id LIMIT 1"));
    QVERIFY(category > 0);
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->model()->categoryIndex(category).isValid());
    const QModelIndex parent = page->model()->categoryIndex(category);
    const qint64 first =
        page->model()->index(0, 0, parent).data(TaxonomyModel::IdRole).toLongLong();
    const qint64 second =
        page->model()->index(1, 0, parent).data(TaxonomyModel::IdRole).toLongLong();
    QVERIFY(page->select(QStringLiteral("skill"), second));
    page->tree()->setFocus();
    QTest::keyClick(page->tree(), Qt::Key_Up, Qt::AltModifier);
    const QVariantMap b{{QStringLiteral(":a"), first}, {QStringLiteral(":b"), second}};
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT position FROM skills WHERE id = :b"), b), 1, 20'000);
    QCOMPARE(scalar(QStringLiteral("SELECT position FROM skills WHERE id = :a"), b), 2);
    // The tree follows, and the moved skill stays selected.
    QTRY_COMPARE_WITH_TIMEOUT(page->model()
                                  ->index(0, 0, page->model()->categoryIndex(category))
                                  .data(TaxonomyModel::IdRole)
                                  .toLongLong(),
                              second, 20'000);
    QCOMPARE(page->detail()->nodeId(), second);
    // Down again, back where it was.
    QTest::keyClick(page->tree(), Qt::Key_Down, Qt::AltModifier);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT position FROM skills WHERE id = :b"), b), 2, 20'000);
    QCOMPARE(scalar(QStringLiteral("SELECT position FROM skills WHERE id = :a"), b), 1);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-reordered")));
}

void TstTaxonomyPage::translateMarksMissingAndAddsAliases()
{
    const qint64 id = freshSkill();
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->select(QStringLiteral("skill"), id));
    views::NamesGrid *names = page->detail()->names();
    // Clear the German name (a missing translation), change the Italian one, add an alias.
    QLineEdit *de = names->editor(QStringLiteral("de"));
    de->setFocus();
    de->selectAll();
    QTest::keyClick(de, Qt::Key_Backspace);
    while (!de->text().isEmpty())
        QTest::keyClick(de, Qt::Key_Backspace);
    QLineEdit *it = names->editor(QStringLiteral("it"));
    it->selectAll();
    QTest::keyClicks(it, QStringLiteral("Nome %1").arg(id));
    const QString alias = QStringLiteral("alias-%1").arg(id);
    QTest::keyClicks(page->detail()->aliases()->input(), alias);
    QTest::keyClick(page->detail()->aliases()->input(), Qt::Key_Return);
    QVERIFY(page->detail()->aliases()->aliases().contains(alias));
    QVERIFY(page->detail()->save());
    const QVariantMap b{{QStringLiteral(":id"), id}, {QStringLiteral(":alias"), alias}};
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT name_it FROM skills WHERE id = :id"), b),
                              QStringLiteral("Nome %1").arg(id), 20'000);
    QCOMPARE(text(QStringLiteral("SELECT name_de FROM skills WHERE id = :id"), b), QString());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM skill_aliases WHERE skill_id = :id AND "
                                   "alias = :alias"),
                    b),
             1);
    // Once the server's version is back in the cache, German is marked missing.
    QTRY_VERIFY_WITH_TIMEOUT(page->detail()
                                 ->findChild<QLabel *>(QStringLiteral("state_de"))
                                 ->text()
                                 .contains(QStringLiteral("Missing")),
                             20'000);
    QTRY_VERIFY(!page->detail()->isEdited());
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-translations")));
}

void TstTaxonomyPage::switchingNodesKeepsUnsavedEdits()
{
    const qint64 a = freshSkill();
    const qint64 b = freshSkill();
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->select(QStringLiteral("skill"), a));
    typeEnglishName(page.get(), QStringLiteral("Draft %1").arg(a));
    QVERIFY(page->select(QStringLiteral("skill"), b));
    QVERIFY(!page->detail()->isEdited());
    QVERIFY(page->select(QStringLiteral("skill"), a));
    QVERIFY(page->detail()->isEdited());
    QCOMPARE(page->detail()->names()->editor(QStringLiteral("en"))->text(),
             QStringLiteral("Draft %1").arg(a));
    // Nothing was sent meanwhile.
    QCOMPARE(text(QStringLiteral("SELECT name_en FROM skills WHERE id = :id"),
                  {{QStringLiteral(":id"), a}}) == QStringLiteral("Draft %1").arg(a),
             false);
    QTest::mouseClick(page->detail()->findChild<QPushButton *>(QStringLiteral("nodeRevert")),
                      Qt::LeftButton);
    QVERIFY(!page->detail()->isEdited());
}

void TstTaxonomyPage::moveToAndDeprecate()
{
    const qint64 id = freshSkill();
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->select(QStringLiteral("skill"), id));
    const qint64 from =
        page->model()->skillIndex(id).data(TaxonomyModel::CategoryIdRole).toLongLong();
    const qint64 to = page->model()->index(0, 0).data(TaxonomyModel::IdRole).toLongLong() == from
                          ? page->model()->index(1, 0).data(TaxonomyModel::IdRole).toLongLong()
                          : page->model()->index(0, 0).data(TaxonomyModel::IdRole).toLongLong();
    views::MoveSkillDialog *dialog = page->openMoveTo(id);
    QVERIFY(dialog);
    dialog->choose(to);
    QVERIFY(tests::saveScreenshot(dialog, QStringLiteral("taxonomy-move-to")));
    QTest::keyClick(dialog->findChild<QListWidget *>(QStringLiteral("moveToList")), Qt::Key_Return);
    const QVariantMap b{{QStringLiteral(":id"), id}};
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT category_id FROM skills WHERE id = :id"), b), to, 20'000);
    // It went last in its new category, in the console too.
    QCOMPARE(scalar(QStringLiteral("SELECT position FROM skills WHERE id = :id"), b),
             scalar(QStringLiteral("SELECT max(position) FROM skills WHERE category_id = :c AND "
                                   "merged_into IS NULL"),
                    {{QStringLiteral(":c"), to}}));
    QTRY_COMPARE_WITH_TIMEOUT(
        page->model()->skillIndex(id).data(TaxonomyModel::CategoryIdRole).toLongLong(), to, 20'000);

    QTRY_VERIFY(page->select(QStringLiteral("skill"), id));
    QTRY_COMPARE_WITH_TIMEOUT(
        page->detail()->baseVersion(),
        int(scalar(QStringLiteral("SELECT version FROM skills WHERE id = :id"), b)), 20'000);
    QTest::mouseClick(page->detail()->findChild<QPushButton *>(QStringLiteral("nodeDeprecate")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM skills WHERE id = :id"), b),
                              QStringLiteral("deprecated"), 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(
        page->model()->skillIndex(id).siblingAtColumn(TaxonomyModel::Status).data().toString(),
        QStringLiteral("deprecated"), 20'000);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-deprecated")));
}

void TstTaxonomyPage::dropReordersCategories()
{
    // A drag of the second category above the first, as the tree's drop hands it to the model.
    auto page = openPage(m_admin.get());
    TaxonomyModel *model = page->model();
    QTRY_VERIFY(model->rowCount() >= 2);
    const qint64 first = model->index(0, 0).data(TaxonomyModel::IdRole).toLongLong();
    const qint64 second = model->index(1, 0).data(TaxonomyModel::IdRole).toLongLong();
    std::unique_ptr<QMimeData> mime(model->mimeData({model->index(1, 0)}));
    QVERIFY(mime);
    QVERIFY(model->canDropMimeData(mime.get(), Qt::MoveAction, 0, 0, {}));
    // A category cannot be dropped into another one.
    QVERIFY(!model->canDropMimeData(mime.get(), Qt::MoveAction, 0, 0, model->index(0, 0)));
    model->dropMimeData(mime.get(), Qt::MoveAction, 0, 0, {});
    const QVariantMap b{{QStringLiteral(":a"), first}, {QStringLiteral(":b"), second}};
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT position FROM skill_categories WHERE id = :b"), b), 1,
        20'000);
    QCOMPARE(scalar(QStringLiteral("SELECT position FROM skill_categories WHERE id = :a"), b), 2);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(0, 0).data(TaxonomyModel::IdRole).toLongLong(), second,
                              20'000);
}

void TstTaxonomyPage::filterMatchesAnyLanguageAndAlias()
{
    // A skill with a German name and an alias, found by either in the filter box.
    const qint64 id = scalar(QStringLiteral(
        "SELECT s.id FROM skills s WHERE s.merged_into IS NULL AND s.name_de <> '' AND "
        "s.name_de <> s.name_en AND EXISTS (SELECT 1 FROM skill_aliases a WHERE a.skill_id = "
        "s.id) ORDER BY s.id LIMIT 1"));
    QVERIFY(id > 0);
    const QVariantMap b{{QStringLiteral(":id"), id}};
    const QString german = text(QStringLiteral("SELECT name_de FROM skills WHERE id = :id"), b);
    const QString alias =
        text(QStringLiteral("SELECT min(alias) FROM skill_aliases WHERE skill_id = :id"), b);
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->model()->skillIndex(id).isValid());
    auto *filter = page->findChild<QLineEdit *>(QStringLiteral("taxonomyFilter"));
    QAbstractItemModel *shown = page->tree()->model();
    const auto visible = [&] {
        for (int c = 0; c < shown->rowCount(); ++c) {
            const QModelIndex category = shown->index(c, 0);
            for (int r = 0; r < shown->rowCount(category); ++r)
                if (shown->index(r, 0, category).data(TaxonomyModel::IdRole).toLongLong() == id)
                    return true;
        }
        return false;
    };
    int all = 0;
    for (int c = 0; c < shown->rowCount(); ++c)
        all += shown->rowCount(shown->index(c, 0));
    for (const QString &needle : {german.toUpper(), alias}) {
        filter->clear();
        QTest::keyClicks(filter, needle);
        QVERIFY2(visible(), qPrintable(needle));
        int left = 0;
        for (int c = 0; c < shown->rowCount(); ++c)
            left += shown->rowCount(shown->index(c, 0));
        QVERIFY(left < all);
    }
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-filtered")));
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("zzzz-no-such-skill"));
    QCOMPARE(shown->rowCount(), 0);
    QVERIFY(page->findChild<QWidget *>(QStringLiteral("taxonomyEmpty"))->isVisible());
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-filter-empty")));
}

void TstTaxonomyPage::csvExportHoldsTheTree()
{
    auto page = openPage(m_admin.get());
    QTRY_VERIFY(page->model()->rowCount() > 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("taxonomy.csv"));
    QString error;
    QVERIFY2(page->exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    // A header, then every category and every live skill on the server.
    const qint64 nodes =
        scalar(QStringLiteral("SELECT count(*) FROM skill_categories")) +
        scalar(QStringLiteral("SELECT count(*) FROM skills WHERE merged_into IS NULL"));
    QCOMPARE(lines.size() - 1, int(nodes));
    QVERIFY(lines.first().startsWith(QStringLiteral("kind,id,category_id,slug")));
}

void TstTaxonomyPage::nonAdminReadsOnly()
{
    auto moderator = m_harness.openConsole(QStringLiteral("moderator"));
    QVERIFY2(moderator, qPrintable(m_harness.error()));
    auto page = openPage(moderator.get());
    QVERIFY(!page->isEditable());
    QTRY_VERIFY(page->model()->rowCount() > 0);
    const QModelIndex category = page->model()->index(0, 0);
    const qint64 skill =
        page->model()->index(1, 0, category).data(TaxonomyModel::IdRole).toLongLong();
    QVERIFY(page->select(QStringLiteral("skill"), skill));
    QCOMPARE(page->tree()->dragDropMode(), QAbstractItemView::NoDragDrop);
    QVERIFY(!(page->model()->flags(page->model()->skillIndex(skill)) & Qt::ItemIsDragEnabled));
    QVERIFY(page->findChild<QWidget *>(QStringLiteral("taxonomyReadOnly"))->isVisible());
    QVERIFY(page->detail()->names()->editor(QStringLiteral("en"))->isReadOnly());
    QVERIFY(!page->detail()->findChild<QPushButton *>(QStringLiteral("nodeSave"))->isVisible());
    QVERIFY(!page->detail()->findChild<QPushButton *>(QStringLiteral("nodeMerge"))->isVisible());
    QVERIFY(!page->openMerge(skill));
    QVERIFY(!page->detail()->save());
    page->tree()->setFocus();
    QTest::keyClick(page->tree(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(moderator->workspace.outbox()->entries(600'000).size(), 0);
    QVERIFY(tests::saveScreenshot(page.get(), QStringLiteral("taxonomy-read-only")));
}

QTEST_MAIN(TstTaxonomyPage)
#include "tst_taxonomy_page.moc"
