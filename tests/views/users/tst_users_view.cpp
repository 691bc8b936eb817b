// The Users area against the real server: search by name, email and id; a moderator's suspension
// from the member page reaching the server once; a senior moderator's reinstatement; an admin's
// staff invitation with its one-time password; no staff management for other roles.
#include "consoleharness.h"
#include "guitest.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testsql.h"

#include "client/outbox/outbox.h"
#include "models/usersmodel.h"
#include "views/users/memberbrowser.h"
#include "views/users/memberfileview.h"
#include "views/users/membersanctiondialog.h"
#include "views/users/staffinvitedialog.h"
#include "views/users/staffpanel.h"
#include "views/users/userspage.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace skillex;
using skillex::testutils::sqlScalar;

namespace {

QVariant sql(tests::ConsoleHarness &h, const QString &query, const QVariantMap &bind = {})
{
    return sqlScalar(h.databaseUrl(), query, bind);
}

bool listed(models::UsersModel *model, qint64 id)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->idAt(r) == id)
            return true;
    return false;
}

// Fills the open sanction dialog's reason and presses its confirm button.
bool confirmSanction(QWidget *page, const QString &reason, const QString &screenshot)
{
    views::MemberSanctionDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] {
            dialog = page->findChild<views::MemberSanctionDialog *>();
            return dialog && dialog->isVisible();
        }))
        return false;
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("sanctionReason"))->setPlainText(reason);
    tests::saveScreenshot(dialog, screenshot);
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("confirmSanction"));
    if (!ok || !ok->isEnabled())
        return false;
    ok->click();
    return true;
}

} // namespace

class TestUsersView : public QObject {
    Q_OBJECT

    tests::ConsoleHarness m_harness;
    qint64 m_member = 0; // suspended, then reinstated

private slots:
    void initTestCase()
    {
        tests::applyConsoleLook();
        QVERIFY2(m_harness.start(120, 5, 11), qPrintable(m_harness.error()));
        m_member = sql(m_harness, QStringLiteral("SELECT id FROM users WHERE kind = 'member' AND "
                                                 "status = 'active' ORDER BY id LIMIT 1 OFFSET 7"))
                       .toLongLong();
        QVERIFY(m_member > 0);
    }

    void searchFindsByNameEmailAndId()
    {
        auto console = m_harness.openConsole(QStringLiteral("moderator"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        views::UsersPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        views::MemberBrowser *browser = page.members();
        QVERIFY(browser);
        models::UsersModel *model = browser->model();

        const QVariantMap bind{{QStringLiteral(":id"), m_member}};
        const QString name =
            sql(m_harness, QStringLiteral("SELECT name FROM users WHERE id = :id"), bind)
                .toString();
        const QString email =
            sql(m_harness, QStringLiteral("SELECT email FROM users WHERE id = :id"), bind)
                .toString();

        browser->setSearch(name.toUpper()); // case does not matter
        QTRY_VERIFY(listed(model, m_member));
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(model->index(r, models::UsersModel::Name)
                        .data()
                        .toString()
                        .contains(name, Qt::CaseInsensitive) ||
                    model->index(r, models::UsersModel::Email)
                        .data()
                        .toString()
                        .contains(name, Qt::CaseInsensitive));

        browser->setSearch(email);
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->idAt(0), m_member);

        browser->setSearch(QString::number(m_member));
        QTRY_VERIFY(listed(model, m_member));

        browser->setSearch(QStringLiteral("no-such-person-xyz"));
        QTRY_COMPARE(model->rowCount(), 0);
        tests::saveScreenshot(&page, QStringLiteral("users-search-empty"));

        // Opening the file stores it in the cache and shows it.
        browser->setSearch(email);
        QTRY_COMPARE(model->rowCount(), 1);
        browser->table()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(qint64(browser->file()->detail().value(QStringLiteral("id")).toInteger()),
                     m_member);
        QCOMPARE(browser->file()->detail().value(QStringLiteral("email")).toString(), email);
        tests::saveScreenshot(&page, QStringLiteral("users-member-file"));
    }

    void moderatorSuspendsOnce()
    {
        auto console = m_harness.openConsole(QStringLiteral("moderator"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        views::UsersPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        views::MemberFileView *file = page.members()->file();
        page.members()->openUser(m_member);
        QTRY_VERIFY(!file->detail().isEmpty());
        auto *suspend = file->findChild<QPushButton *>(QStringLiteral("suspendButton"));
        QVERIFY(suspend->isVisible() && suspend->isEnabled());
        // A moderator may not reinstate (senior moderators and admins only).
        QVERIFY(!file->findChild<QPushButton *>(QStringLiteral("reinstateButton"))->isVisible());

        const QVariantMap bind{{QStringLiteral(":id"), QString::number(m_member)}};
        const QString auditCount = QStringLiteral(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.suspend' AND target_id = :id");
        QCOMPARE(sql(m_harness, auditCount, bind).toInt(), 0);

        QSignalSpy queued(file, &views::MemberFileView::sanctionQueued);
        suspend->click();
        QVERIFY(confirmSanction(&page, QStringLiteral("Repeated harassment in chat"),
                                QStringLiteral("users-suspend-confirm")));
        QTRY_COMPARE(queued.count(), 1);
        const qint64 outboxId = queued.first().first().toLongLong();

        QTRY_COMPARE_WITH_TIMEOUT(sql(m_harness,
                                      QStringLiteral("SELECT status FROM users WHERE id = :id"),
                                      {{QStringLiteral(":id"), m_member}})
                                      .toString(),
                                  QStringLiteral("suspended"), 20000);
        auto state = [&] {
            const auto entry = console->workspace.outbox()->entry(outboxId);
            return entry ? entry->state : client::OutboxState::Discarded;
        };
        QTRY_VERIFY_WITH_TIMEOUT(state() == client::OutboxState::Done, 20000);
        // The page follows: the cached file says suspended, and reinstating is not offered to
        // a moderator while suspending again is disabled.
        QTRY_COMPARE_WITH_TIMEOUT(file->detail().value(QStringLiteral("status")).toString(),
                                  QStringLiteral("suspended"), 20000);
        QTRY_VERIFY(!suspend->isEnabled());
        QCOMPARE(sql(m_harness, auditCount, bind).toInt(), 1);
        QCOMPARE(sql(m_harness,
                     QStringLiteral("SELECT reason FROM audit_log WHERE action = 'user.suspend' "
                                    "AND target_id = :id"),
                     bind)
                     .toString(),
                 QStringLiteral("Repeated harassment in chat"));
        tests::saveScreenshot(&page, QStringLiteral("users-suspended"));
        // Every tab of the file, for people to look at; the sanction is on the Sanctions tab.
        auto *tabs = file->findChild<QTabWidget *>(QStringLiteral("memberTabs"));
        QVERIFY(tabs && tabs->count() == 7);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            tests::saveScreenshot(&page, QStringLiteral("users-file-tab-%1").arg(i));
        }
        auto *sanctions = tabs->widget(4)->findChild<QTableWidget *>();
        QVERIFY(sanctions);
        QTRY_COMPARE(sanctions->rowCount(), 1);
        QCOMPARE(sanctions->item(0, 0)->text(), QStringLiteral("suspension"));
    }

    void moderatorProposesBan()
    {
        // Another member: a ban waits for a second person; the member stays active meanwhile.
        const qint64 member =
            sql(m_harness, QStringLiteral("SELECT id FROM users WHERE kind = 'member' AND status "
                                          "= 'active' ORDER BY id LIMIT 1 OFFSET 11"))
                .toLongLong();
        QVERIFY(member > 0 && member != m_member);
        auto console = m_harness.openConsole(QStringLiteral("moderator"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        views::UsersPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        views::MemberFileView *file = page.members()->file();
        page.members()->openUser(member);
        QTRY_VERIFY(!file->detail().isEmpty());
        auto *ban = file->findChild<QPushButton *>(QStringLiteral("banButton"));
        QVERIFY(ban->isVisible() && ban->isEnabled());
        ban->click();
        auto *dialog = page.findChild<views::MemberSanctionDialog *>();
        QTRY_VERIFY(dialog && dialog->isVisible());
        QVERIFY(dialog->sideEffects().contains(QStringLiteral("second person")));
        QVERIFY(confirmSanction(&page, QStringLiteral("Fraud ring, see case notes"),
                                QStringLiteral("users-ban-confirm")));
        const QVariantMap bind{{QStringLiteral(":id"), member}};
        QTRY_COMPARE_WITH_TIMEOUT(
            sql(m_harness,
                QStringLiteral("SELECT COUNT(*) FROM ban_approvals WHERE user_id = :id AND "
                               "status = 'pending'"),
                bind)
                .toInt(),
            1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(file->findChild<QLabel *>(QStringLiteral("memberNotice"))
                                     ->text()
                                     .contains(QStringLiteral("approval")),
                                 20000);
        QCOMPARE(sql(m_harness, QStringLiteral("SELECT status FROM users WHERE id = :id"), bind)
                     .toString(),
                 QStringLiteral("active"));
        QVERIFY(!ban->isEnabled()); // no second proposal while this one waits
        tests::saveScreenshot(&page, QStringLiteral("users-ban-proposed"));
    }

    void seniorReinstates()
    {
        QCOMPARE(sql(m_harness, QStringLiteral("SELECT status FROM users WHERE id = :id"),
                     {{QStringLiteral(":id"), m_member}})
                     .toString(),
                 QStringLiteral("suspended"));
        auto console = m_harness.openConsole(QStringLiteral("senior_moderator"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        views::UsersPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        views::MemberFileView *file = page.members()->file();
        page.members()->openUser(m_member);
        QTRY_COMPARE(file->detail().value(QStringLiteral("status")).toString(),
                     QStringLiteral("suspended"));
        auto *reinstate = file->findChild<QPushButton *>(QStringLiteral("reinstateButton"));
        QVERIFY(reinstate->isVisible());
        QTRY_VERIFY(reinstate->isEnabled());
        reinstate->click();
        QVERIFY(confirmSanction(&page, QStringLiteral("Appeal accepted by phone"),
                                QStringLiteral("users-reinstate-confirm")));
        QTRY_COMPARE_WITH_TIMEOUT(sql(m_harness,
                                      QStringLiteral("SELECT status FROM users WHERE id = :id"),
                                      {{QStringLiteral(":id"), m_member}})
                                      .toString(),
                                  QStringLiteral("active"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(file->detail().value(QStringLiteral("status")).toString(),
                                  QStringLiteral("active"), 20000);
        QCOMPARE(sql(m_harness,
                     QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                    "'user.reinstate' AND target_id = :id"),
                     {{QStringLiteral(":id"), QString::number(m_member)}})
                     .toInt(),
                 1);
        tests::saveScreenshot(&page, QStringLiteral("users-reinstated"));
    }

    void adminInvitesStaff()
    {
        auto console = m_harness.openConsole(QStringLiteral("admin"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        views::UsersPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        views::StaffPanel *staff = page.staff();
        QVERIFY(staff);
        QCOMPARE(page.tabs()->count(), 2);
        page.tabs()->setCurrentWidget(staff);
        tests::saveScreenshot(&page, QStringLiteral("users-staff"));

        const QString email = QStringLiteral("new.moderator@staff.test");
        views::StaffInviteDialog *dialog = staff->invite();
        dialog->setEmail(email);
        dialog->setName(QStringLiteral("Nia Newcomer"));
        dialog->setRoles({QStringLiteral("moderator")});
        dialog->submit();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->temporaryPassword().isEmpty(), 20000);
        const QString password = dialog->temporaryPassword();
        QVERIFY(password.size() >= 16);
        QVERIFY(dialog->findChild<QWidget *>(QStringLiteral("temporaryPassword"))->isVisible());
        tests::saveScreenshot(dialog, QStringLiteral("users-staff-invited"));

        const QVariantMap bind{{QStringLiteral(":e"), email}};
        QCOMPARE(sql(m_harness,
                     QStringLiteral("SELECT COUNT(*) FROM users WHERE email = :e AND kind = "
                                    "'staff' AND status = 'active'"),
                     bind)
                     .toInt(),
                 1);
        QCOMPARE(sql(m_harness,
                     QStringLiteral("SELECT r.role FROM user_roles r JOIN users u ON u.id = "
                                    "r.user_id WHERE u.email = :e"),
                     bind)
                     .toString(),
                 QStringLiteral("moderator"));
        // The password shown is the one that works.
        testutils::TestHttp http(m_harness.server().baseUrl());
        const auto login =
            http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
        QCOMPARE(login.status, 200);

        // The new account reaches the staff list through the event stream.
        const qint64 newId =
            sql(m_harness, QStringLiteral("SELECT id FROM users WHERE email = :e"), bind)
                .toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(staff->select(newId), 20000);
        dialog->close();
        tests::saveScreenshot(&page, QStringLiteral("users-staff-after-invite"));

        // Roles replaced, then the account disabled, each through the outbox with its version.
        QSignalSpy queued(staff, &views::StaffPanel::queued);
        staff->changeRoles({QStringLiteral("senior_moderator"), QStringLiteral("finance")});
        QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 1, 20000);
        const QString rolesOf = QStringLiteral(
            "SELECT group_concat(role) FROM (SELECT r.role FROM user_roles r JOIN users u ON "
            "u.id = r.user_id WHERE u.email = :e ORDER BY r.role)");
        QTRY_COMPARE_WITH_TIMEOUT(sql(m_harness, rolesOf, bind).toString(),
                                  QStringLiteral("finance,senior_moderator"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(staff->select(newId), 20000);
        staff->setStatus(QStringLiteral("disabled"));
        QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            sql(m_harness, QStringLiteral("SELECT status FROM users WHERE email = :e"), bind)
                .toString(),
            QStringLiteral("disabled"), 20000);
        const auto refused =
            http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
        QCOMPARE(refused.status, 403);
        tests::saveScreenshot(&page, QStringLiteral("users-staff-disabled"));
    }

    void otherRolesSeeNoStaffManagement()
    {
        for (const QString &role : {QStringLiteral("moderator"), QStringLiteral("finance")}) {
            auto console = m_harness.openConsole(role);
            QVERIFY2(console, qPrintable(m_harness.error()));
            views::UsersPage page(&console->workspace);
            page.resize(1280, 800);
            page.show();
            QVERIFY(!page.staff());
            QVERIFY(!page.findChild<views::StaffPanel *>());
            QCOMPARE(page.tabs()->count(), 1);
            QVERIFY(page.members());
            if (role == QLatin1String("finance")) {
                // Finance reads files but does not sanction.
                page.members()->openUser(m_member);
                QTRY_VERIFY(!page.members()->file()->detail().isEmpty());
                QVERIFY(!page.members()
                             ->file()
                             ->findChild<QPushButton *>(QStringLiteral("suspendButton"))
                             ->isVisible());
                tests::saveScreenshot(&page, QStringLiteral("users-finance"));
            }
        }
    }

    // Last: it stops the server. A file opened once opens again from the cache.
    void fileOpensFromTheCacheWithoutTheServer()
    {
        auto console = m_harness.openConsole(QStringLiteral("moderator"));
        QVERIFY2(console, qPrintable(m_harness.error()));
        {
            views::UsersPage page(&console->workspace);
            page.members()->openUser(m_member);
            QTRY_VERIFY(!page.members()->file()->detail().isEmpty());
        }
        QVERIFY(m_harness.server().stop());
        views::UsersPage page(&console->workspace);
        page.resize(1280, 800);
        page.show();
        views::MemberFileView *file = page.members()->file();
        page.members()->openUser(m_member);
        QCOMPARE(qint64(file->detail().value(QStringLiteral("id")).toInteger()), m_member);
        QVERIFY(file->detail().contains(QStringLiteral("sanctions")));
        QTRY_VERIFY_WITH_TIMEOUT(file->findChild<QLabel *>(QStringLiteral("memberFileAge"))
                                     ->text()
                                     .contains(QStringLiteral("could not refresh")),
                                 30000);
        tests::saveScreenshot(&page, QStringLiteral("users-member-file-offline"));
    }
};

QTEST_MAIN(TestUsersView)
#include "tst_users_view.moc"
