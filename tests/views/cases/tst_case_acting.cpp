// The acting side of a case against the real server: a warning with a canned reason through the
// pane (the server's case and its audit entry, exactly once), the undo window (nothing reaches
// the server), a conflict when someone else moves the case first (the pane shows why and what
// the server holds), and a ban proposed by a moderator and approved by a senior in
// BanApprovalsView (the proposer cannot approve; the member is banned on the server).
#include "casetestsupport.h"
#include "client/outbox/outbox.h"
#include "guitest.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "views/cases/acting/actpanel.h"
#include "views/cases/acting/banapprovalsview.h"
#include "views/cases/acting/caseactivitybar.h"
#include "views/cases/detail/casedetailpane.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QtTest>

using namespace skillex;
using namespace skillex::tests;

class TstCaseActing : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        applyConsoleLook();
        QVERIFY2(m_h.start(120, 8, 11), qPrintable(m_h.error()));
        m_mod = m_h.openConsole(QStringLiteral("moderator"));
        QVERIFY2(m_mod, qPrintable(m_h.error()));
        m_senior = m_h.openConsole(QStringLiteral("senior_moderator"));
        QVERIFY2(m_senior, qPrintable(m_h.error()));
    }

    void warnWithCannedReason()
    {
        const qint64 caseId = openCase(QStringLiteral("c.status = 'open' AND c.subject_user_id IS "
                                                      "NOT NULL AND EXISTS (SELECT 1 FROM users u "
                                                      "WHERE u.id = c.subject_user_id AND u.status "
                                                      "= 'active')"));
        QVERIFY(caseId > 0);
        views::CaseDetailPane pane(&m_mod->workspace);
        pane.setUndoWindow(800);
        pane.resize(1200, 760);
        pane.show();
        pane.showCase(caseId);
        QVERIFY(waitForDetail(*m_mod, caseId));
        auto *canned = pane.findChild<QComboBox *>(QStringLiteral("cannedReason"));
        QVERIFY(canned);
        // Claim, then warn at once: the warning carries the version the claim will leave.
        pane.claim();
        QTRY_VERIFY(pane.activityBar()->shownEntry().has_value());
        QCOMPARE(pane.activityBar()->shownEntry()->action.kind, QStringLiteral("case.claim"));
        pane.warn();
        QCOMPARE(pane.actPanel()->mode(), views::ActPanel::Mode::Warn);
        QTRY_VERIFY(indexOfText(canned, QStringLiteral("Harassment warning")) > 0);
        canned->setCurrentIndex(indexOfText(canned, QStringLiteral("Harassment warning")));
        const QString memberName = cached(*m_mod, caseId)
                                       ->object(QStringLiteral("subject_context"))
                                       .value(QStringLiteral("user"))
                                       .toObject()
                                       .value(QStringLiteral("name"))
                                       .toString();
        // The preview is the template with the member's name and the category put in.
        const QString preview = pane.actPanel()->previewText();
        QVERIFY2(preview.startsWith(memberName + QStringLiteral(", your messages were reported")),
                 qPrintable(preview));
        QVERIFY(!preview.contains(u'{'));
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_acting_warn_form")));

        // Apply from the keyboard, as a moderator would.
        canned->setFocus();
        QTest::keyClick(canned, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(pane.activityBar()->shownEntry().has_value());
        QVERIFY(pane.activityBar()->text().contains(QStringLiteral("queued")));

        const QVariantMap bind{{QStringLiteral(":id"), QString::number(caseId)}};
        QTRY_COMPARE_WITH_TIMEOUT(
            serverSql(m_h, QStringLiteral("SELECT status FROM cases WHERE id = :id"),
                      {{QStringLiteral(":id"), caseId}})
                .toString(),
            QStringLiteral("resolved"), 20'000);
        QCOMPARE(serverSql(m_h, QStringLiteral("SELECT resolution FROM cases WHERE id = :id"),
                           {{QStringLiteral(":id"), caseId}})
                     .toString(),
                 QStringLiteral("warn"));
        QCOMPARE(serverSql(m_h,
                           QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                          "'case.warn' AND target_id = :id"),
                           bind)
                     .toInt(),
                 1);
        QCOMPARE(serverSql(m_h,
                           QStringLiteral("SELECT actor_id FROM audit_log WHERE action = "
                                          "'case.warn' AND target_id = :id"),
                           bind)
                     .toLongLong(),
                 m_mod->workspace.me().id);
        QVERIFY(serverSql(m_h,
                          QStringLiteral("SELECT reason FROM audit_log WHERE action = "
                                         "'case.warn' AND target_id = :id"),
                          bind)
                    .toString()
                    .startsWith(preview));
        QCOMPARE(serverSql(m_h,
                           QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                          "'case.claim' AND target_id = :id"),
                           bind)
                     .toInt(),
                 1);
        // The pane follows the cache: resolved, the ladder closed, the act shown as applied.
        QTRY_COMPARE(cached(*m_mod, caseId)->status, QStringLiteral("resolved"));
        QTRY_VERIFY(pane.activityBar()->text().contains(QStringLiteral("applied")));
        QTRY_VERIFY(!pane.findChild<QPushButton *>(QStringLiteral("mode2Button"))->isEnabled());
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_acting_warn_applied")));
    }

    void undoWithinTheWindow()
    {
        const qint64 caseId = openCase(QStringLiteral("c.status = 'open'"));
        QVERIFY(caseId > 0);
        views::CaseDetailPane pane(&m_mod->workspace);
        pane.setUndoWindow(4000);
        pane.resize(1200, 760);
        pane.show();
        pane.showCase(caseId);
        QVERIFY(waitForDetail(*m_mod, caseId));
        pane.dismiss();
        QCOMPARE(pane.actPanel()->mode(), views::ActPanel::Mode::Dismiss);
        pane.findChild<QPlainTextEdit *>(QStringLiteral("reasonText"))
            ->setPlainText(QStringLiteral("Duplicate of an earlier report."));
        pane.findChild<QPushButton *>(QStringLiteral("applyButton"))->click();
        QTRY_VERIFY(pane.activityBar()->text().contains(QStringLiteral("unless you undo")));
        auto *undo = pane.findChild<QPushButton *>(QStringLiteral("undoButton"));
        QVERIFY(undo->isVisible());
        // While the decision is queued no second one can be queued behind it.
        auto *warnButton = pane.findChild<QPushButton *>(QStringLiteral("mode2Button"));
        QTRY_VERIFY(!warnButton->isEnabled());
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_acting_undo_offered")));
        const qint64 outboxId = pane.activityBar()->shownEntry()->id;
        undo->click();
        QTRY_COMPARE(m_mod->workspace.outbox()->entry(outboxId)->state,
                     client::OutboxState::Cancelled);
        QTRY_VERIFY(pane.activityBar()->text().contains(QStringLiteral("undone")));
        QTRY_VERIFY(warnButton->isEnabled());
        // Past the window: nothing was sent, the server's case and audit log are untouched.
        QTest::qWait(pane.undoWindow() + 1500);
        QCOMPARE(m_mod->workspace.outbox()->entry(outboxId)->attempts, 0);
        QCOMPARE(serverSql(m_h, QStringLiteral("SELECT status FROM cases WHERE id = :id"),
                           {{QStringLiteral(":id"), caseId}})
                     .toString(),
                 QStringLiteral("open"));
        QCOMPARE(serverSql(m_h,
                           QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE target_type "
                                          "= 'case' AND target_id = :id AND action LIKE "
                                          "'case.%'"),
                           {{QStringLiteral(":id"), QString::number(caseId)}})
                     .toInt(),
                 0);
    }

    void conflictWhenSomeoneElseMovesFirst()
    {
        const qint64 caseId = openCase(QStringLiteral("c.status = 'open'"));
        QVERIFY(caseId > 0);
        views::CaseDetailPane pane(&m_mod->workspace);
        pane.setUndoWindow(3000);
        pane.resize(1200, 760);
        pane.show();
        pane.showCase(caseId);
        QVERIFY(waitForDetail(*m_mod, caseId));
        pane.dismiss();
        pane.findChild<QPlainTextEdit *>(QStringLiteral("reasonText"))
            ->setPlainText(QStringLiteral("Nothing against the rules."));
        pane.findChild<QPushButton *>(QStringLiteral("applyButton"))->click();
        QTRY_VERIFY(pane.activityBar()->text().contains(QStringLiteral("queued")));

        // A second client dismisses the case first, straight through the API.
        const testutils::Actor other =
            testutils::signInStaff(m_h.server(), QStringLiteral("moderator"));
        QVERIFY(other.isValid());
        testutils::TestHttp http(m_h.server().baseUrl());
        http.setBearer(other.accessToken);
        const auto got = http.get(QStringLiteral("/api/v1/admin/cases/%1").arg(caseId));
        QCOMPARE(got.status, 200);
        const auto done =
            http.post(QStringLiteral("/api/v1/admin/cases/%1/actions").arg(caseId),
                      {{QStringLiteral("action"), QStringLiteral("dismiss")},
                       {QStringLiteral("reason"), QStringLiteral("Handled by phone.")}},
                      {{"If-Match", got.header("etag")}});
        QCOMPARE(done.status, 200);

        // The pane says someone else acted, then that mine was refused, with the server's state.
        QTRY_VERIFY_WITH_TIMEOUT(!pane.noticeText().isEmpty(), 15'000);
        QVERIFY(pane.noticeText().contains(QStringLiteral("dismissed this case")));
        QTRY_VERIFY_WITH_TIMEOUT(pane.activityBar()->hasRefusal(), 20'000);
        QVERIFY2(pane.activityBar()->text().contains(QStringLiteral("Not applied")),
                 qPrintable(pane.activityBar()->text()));
        QVERIFY2(pane.activityBar()->text().contains(QStringLiteral("Dismissed")),
                 qPrintable(pane.activityBar()->text()));
        QVERIFY(pane.findChild<QPushButton *>(QStringLiteral("discardButton"))->isVisible());
        QVERIFY(pane.findChild<QPushButton *>(QStringLiteral("retryButton"))->isVisible());
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_acting_conflict")));
        // Their decision is in the case's history, as the server holds it.
        pane.findChild<QPushButton *>(QStringLiteral("seeDecisionButton"))->click();
        auto *history = pane.findChild<QTextBrowser *>(QStringLiteral("caseHistory"));
        QVERIFY(history->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(
            history->toPlainText().contains(QStringLiteral("Handled by phone.")), 15'000);
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_acting_conflict_history")));
        // Only the other client's dismissal is on the server.
        QCOMPARE(serverSql(m_h,
                           QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                          "'case.dismiss' AND target_id = :id"),
                           {{QStringLiteral(":id"), QString::number(caseId)}})
                     .toInt(),
                 1);
        const qint64 outboxId = pane.activityBar()->shownEntry()->id;
        pane.findChild<QPushButton *>(QStringLiteral("discardButton"))->click();
        QTRY_COMPARE(m_mod->workspace.outbox()->entry(outboxId)->state,
                     client::OutboxState::Discarded);
        QTRY_VERIFY(!pane.activityBar()->hasRefusal());
    }

    void banProposedThenApprovedBySenior()
    {
        // A fresh member reported by another: an open case on an active member, no ban yet.
        const testutils::Actor subject =
            testutils::signUpMember(m_h.server(), QStringLiteral("Fergus Fraud"));
        const testutils::Actor reporter =
            testutils::signUpMember(m_h.server(), QStringLiteral("Rita Reporter"));
        QVERIFY(subject.isValid() && reporter.isValid());
        testutils::TestHttp asReporter(m_h.server().baseUrl());
        asReporter.setBearer(reporter.accessToken);
        const auto filed =
            asReporter.post(QStringLiteral("/api/v1/reports"),
                            {{QStringLiteral("subject"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                                          {QStringLiteral("id"), subject.id}}},
                             {QStringLiteral("category"), QStringLiteral("scam")},
                             {QStringLiteral("description"),
                              QStringLiteral("Took payment for three sessions and never came.")}});
        QCOMPARE(filed.status, 201);
        const qint64 caseId =
            serverSql(m_h,
                      QStringLiteral("SELECT id FROM cases WHERE subject_type = "
                                     "'user' AND subject_id = :u AND status = 'open'"),
                      {{QStringLiteral(":u"), subject.id}})
                .toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(cached(*m_mod, caseId).has_value(), 20'000);
        QVERIFY(caseId > 0);
        const qint64 memberId =
            serverSql(m_h, QStringLiteral("SELECT subject_user_id FROM cases WHERE id = :id"),
                      {{QStringLiteral(":id"), caseId}})
                .toLongLong();
        views::CaseDetailPane pane(&m_mod->workspace);
        pane.setUndoWindow(500);
        pane.resize(1200, 760);
        pane.show();
        pane.showCase(caseId);
        QVERIFY(waitForDetail(*m_mod, caseId));
        pane.ban();
        QCOMPARE(pane.actPanel()->mode(), views::ActPanel::Mode::Ban);
        pane.findChild<QPlainTextEdit *>(QStringLiteral("reasonText"))
            ->setPlainText(QStringLiteral("Defrauded three learners."));
        QVERIFY(pane.findChild<QLabel *>(QStringLiteral("sideEffects"))
                    ->text()
                    .contains(QStringLiteral("senior")));
        pane.findChild<QPushButton *>(QStringLiteral("applyButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            serverSql(m_h,
                      QStringLiteral("SELECT COUNT(*) FROM ban_approvals WHERE case_id = :id AND "
                                     "status = 'pending'"),
                      {{QStringLiteral(":id"), caseId}})
                .toInt(),
            1, 20'000);
        const qint64 approvalId =
            serverSql(m_h, QStringLiteral("SELECT id FROM ban_approvals WHERE case_id = :id"),
                      {{QStringLiteral(":id"), caseId}})
                .toLongLong();
        QCOMPARE(serverSql(m_h, QStringLiteral("SELECT status FROM users WHERE id = :u"),
                           {{QStringLiteral(":u"), memberId}})
                     .toString(),
                 QStringLiteral("active"));

        // The proposer sees the proposal, with Approve disabled and why.
        views::BanApprovalsView mine(&m_mod->workspace);
        mine.resize(1000, 500);
        mine.show();
        QTRY_VERIFY_WITH_TIMEOUT(mine.selectApproval(approvalId), 15'000);
        QVERIFY(mine.approveBlockedReason().contains(QStringLiteral("You proposed this ban")));
        QVERIFY(!mine.findChild<QPushButton *>(QStringLiteral("approveBanButton"))->isEnabled());
        QVERIFY(saveScreenshot(&mine, QStringLiteral("case_acting_ban_approvals_proposer")));

        // A senior moderator approves it.
        views::BanApprovalsView senior(&m_senior->workspace);
        senior.resize(1000, 500);
        senior.show();
        QTRY_VERIFY_WITH_TIMEOUT(senior.selectApproval(approvalId), 15'000);
        QVERIFY2(senior.approveBlockedReason().isEmpty(),
                 qPrintable(senior.approveBlockedReason()));
        auto *approve = senior.findChild<QPushButton *>(QStringLiteral("approveBanButton"));
        QVERIFY(approve->isEnabled());
        QVERIFY(saveScreenshot(&senior, QStringLiteral("case_acting_ban_approvals_senior")));
        approve->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            serverSql(m_h, QStringLiteral("SELECT status FROM users WHERE id = :u"),
                      {{QStringLiteral(":u"), memberId}})
                .toString(),
            QStringLiteral("banned"), 20'000);
        QCOMPARE(serverSql(m_h,
                           QStringLiteral("SELECT decided_by FROM ban_approvals WHERE id = :a"),
                           {{QStringLiteral(":a"), approvalId}})
                     .toLongLong(),
                 m_senior->workspace.me().id);
        QCOMPARE(serverSql(m_h, QStringLiteral("SELECT status FROM cases WHERE id = :id"),
                           {{QStringLiteral(":id"), caseId}})
                     .toString(),
                 QStringLiteral("resolved"));
        // The list empties of it once the event arrives.
        QTRY_VERIFY_WITH_TIMEOUT(!senior.selectApproval(approvalId), 15'000);
    }

    void appealDecidedByAnotherSenior()
    {
        // A fresh member warned by one senior (through the pane), who then appeals.
        const testutils::Actor member =
            testutils::signUpMember(m_h.server(), QStringLiteral("Amal Appeal"));
        const testutils::Actor reporter = testutils::signUpMember(m_h.server());
        QVERIFY(member.isValid() && reporter.isValid());
        testutils::TestHttp asReporter(m_h.server().baseUrl());
        asReporter.setBearer(reporter.accessToken);
        QCOMPARE(asReporter
                     .post(QStringLiteral("/api/v1/reports"),
                           {{QStringLiteral("subject"),
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                                         {QStringLiteral("id"), member.id}}},
                            {QStringLiteral("category"), QStringLiteral("spam")},
                            {QStringLiteral("description"),
                             QStringLiteral("Sends the same ad to everyone.")}})
                     .status,
                 201);
        const QVariantMap byMember{{QStringLiteral(":u"), member.id}};
        const qint64 caseId =
            serverSql(m_h,
                      QStringLiteral("SELECT id FROM cases WHERE subject_type = 'user' "
                                     "AND subject_id = :u"),
                      byMember)
                .toLongLong();
        QVERIFY(caseId > 0);
        QTRY_VERIFY_WITH_TIMEOUT(cached(*m_senior, caseId).has_value(), 20'000);
        const QVariantMap byCase{{QStringLiteral(":id"), caseId}};

        views::CaseDetailPane pane(&m_senior->workspace);
        pane.setUndoWindow(300);
        pane.resize(1200, 760);
        pane.show();
        pane.showCase(caseId);
        QVERIFY(waitForDetail(*m_senior, caseId));
        pane.warn();
        pane.findChild<QPlainTextEdit *>(QStringLiteral("reasonText"))
            ->setPlainText(QStringLiteral("Spam to other members."));
        pane.findChild<QPushButton *>(QStringLiteral("applyButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            serverSql(m_h, QStringLiteral("SELECT status FROM cases WHERE id = :id"), byCase)
                .toString(),
            QStringLiteral("resolved"), 20'000);
        testutils::TestHttp asMember(m_h.server().baseUrl());
        asMember.setBearer(member.accessToken);
        QCOMPARE(
            asMember
                .post(QStringLiteral("/api/v1/appeals"),
                      {{QStringLiteral("case_id"), caseId},
                       {QStringLiteral("body"), QStringLiteral("It was one message to a friend.")}})
                .status,
            201);
        QTRY_COMPARE_WITH_TIMEOUT(cached(*m_senior, caseId)->status, QStringLiteral("appealed"),
                                  20'000);

        // The senior who decided may not decide the appeal.
        pane.showCase(0);
        pane.showCase(caseId);
        auto *uphold = pane.findChild<QPushButton *>(QStringLiteral("mode8Button"));
        QTRY_VERIFY_WITH_TIMEOUT(uphold->isVisible(), 15'000);
        QTRY_VERIFY(uphold->toolTip().contains(QStringLiteral("You decided")));
        QVERIFY(!uphold->isEnabled());
        pane.decideAppeal();
        QCOMPARE(pane.actPanel()->mode(), views::ActPanel::Mode::None);
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_acting_appeal_own_decision")));

        // Another senior overturns it: the case and its sanction on the server.
        auto other = m_h.openConsole(QStringLiteral("senior_moderator"));
        QVERIFY2(other, qPrintable(m_h.error()));
        views::CaseDetailPane theirs(&other->workspace);
        theirs.setUndoWindow(300);
        theirs.resize(1200, 760);
        theirs.show();
        theirs.showCase(caseId);
        QVERIFY(waitForDetail(*other, caseId));
        QTRY_VERIFY(theirs.actPanel()->choose(views::ActPanel::Mode::AppealOverturn));
        theirs.findChild<QPlainTextEdit *>(QStringLiteral("reasonText"))
            ->setPlainText(QStringLiteral("One message is not spam."));
        QVERIFY(saveScreenshot(&theirs, QStringLiteral("case_acting_appeal_form")));
        theirs.findChild<QPushButton *>(QStringLiteral("applyButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            serverSql(m_h, QStringLiteral("SELECT status FROM cases WHERE id = :id"), byCase)
                .toString(),
            QStringLiteral("appeal_overturned"), 20'000);
        QCOMPARE(serverSql(m_h,
                           QStringLiteral("SELECT COUNT(*) FROM sanctions WHERE case_id = :id AND "
                                          "lifted_at IS NULL"),
                           byCase)
                     .toInt(),
                 0);
    }

private:
    // An open case from the simulated data matching `where`, or, when the simulation left none
    // (its days end now, so their number varies), a fresh one: a new member reported by another.
    qint64 openCase(const QString &where)
    {
        if (const qint64 id = pickCase(m_h, where, m_used))
            return id;
        const testutils::Actor subject = testutils::signUpMember(m_h.server());
        const testutils::Actor reporter = testutils::signUpMember(m_h.server());
        testutils::TestHttp http(m_h.server().baseUrl());
        http.setBearer(reporter.accessToken);
        http.post(
            QStringLiteral("/api/v1/reports"),
            {{QStringLiteral("subject"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                          {QStringLiteral("id"), subject.id}}},
             {QStringLiteral("category"), QStringLiteral("harassment")},
             {QStringLiteral("description"), QStringLiteral("Rude messages after a session.")}});
        const qint64 id = serverSql(m_h,
                                    QStringLiteral("SELECT id FROM cases WHERE subject_type = "
                                                   "'user' AND subject_id = :u"),
                                    {{QStringLiteral(":u"), subject.id}})
                              .toLongLong();
        if (!QTest::qWaitFor([&] { return cached(*m_mod, id).has_value(); }, 20'000))
            return 0; // the caller's QVERIFY(caseId > 0) fails
        m_used.insert(id);
        return id;
    }

    ConsoleHarness m_h;
    std::unique_ptr<StaffConsole> m_mod;
    std::unique_ptr<StaffConsole> m_senior;
    QSet<qint64> m_used;
};

QTEST_MAIN(TstCaseActing)
#include "tst_case_acting.moc"
