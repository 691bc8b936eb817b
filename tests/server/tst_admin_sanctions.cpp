// Sanctions through the admin API against the real server: suspension and ban side effects
// (sessions cancelled, bookings refunded, ledger invariants, sign-ins revoked, sign-in and
// booking refused), the two-person ban approval, appeal decisions (not by the decider;
// overturning lifts the sanction), member-level suspend/ban/reinstate, and the suspension end
// job putting the member's file back in the queue; the appeal token of a suspended or banned
// member (the refused sign-in's one way in: filing an appeal and reading their own sanctions).
#include "protocol/problem.h"
#include "tests/server/admincasetestbase.h"

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

class TestAdminSanctions : public QObject {
    Q_OBJECT
    AdminCaseFixture f;

    int refreshStatus(const Actor &a)
    {
        TestHttp http(f.server.baseUrl());
        return http
            .post(QStringLiteral("/api/v1/auth/refresh"),
                  {{QStringLiteral("refresh_token"), a.refreshToken}})
            .status;
    }
    int loginStatus(const Actor &a, QString *type = nullptr)
    {
        TestHttp http(f.server.baseUrl());
        const auto r = http.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), a.email}, {QStringLiteral("password"), a.password}});
        if (type)
            *type = r.problemType();
        return r.status;
    }
    TestResponse login(const Actor &a)
    {
        TestHttp http(f.server.baseUrl());
        return http.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), a.email}, {QStringLiteral("password"), a.password}});
    }
    // A request carrying token (an appeal token) as its bearer.
    TestResponse withToken(const QString &token, const QString &method, const QString &path,
                           const QJsonObject &body = {})
    {
        TestHttp http(f.server.baseUrl());
        http.setBearer(token);
        if (method == QStringLiteral("GET"))
            return http.get(path);
        return http.post(path, body);
    }
    TestResponse appealWith(const QString &token, qint64 caseId)
    {
        return withToken(token, QStringLiteral("POST"), QStringLiteral("/api/v1/appeals"),
                         {{QStringLiteral("case_id"), caseId},
                          {QStringLiteral("body"), QStringLiteral("Please look again.")}});
    }
    QList<qint64> caseIds(const QJsonArray &appealable)
    {
        QList<qint64> ids;
        for (const QJsonValue &v : appealable)
            ids.push_back(v.toObject().value(QStringLiteral("case_id")).toInteger());
        return ids;
    }
    // A member suspended for 30 days on a case of their own.
    qint64 suspendedMember(Actor *m)
    {
        const qint64 id = f.newCase(m);
        const auto r = f.act(f.senior1, id, QStringLiteral("suspend"),
                             {{QStringLiteral("duration_days"), 30}});
        if (r.status != 200)
            qWarning("suspend answered %d %s", r.status, r.body.constData());
        return id;
    }

    QString sessionStatus(qint64 id)
    {
        return f
            .sql(QStringLiteral("SELECT status FROM sessions WHERE id = :s"),
                 {{QStringLiteral(":s"), id}})
            .toString();
    }
    QString bookingStatus(qint64 id)
    {
        return f
            .sql(QStringLiteral("SELECT status FROM bookings WHERE id = :b"),
                 {{QStringLiteral(":b"), id}})
            .toString();
    }

    // A member who teaches a booked session and has booked someone else's.
    struct Busy {
        Actor member, learner, otherTeacher;
        qint64 taught = 0, taughtBooking = 0, attended = 0, attendedBooking = 0;
    };
    Busy busyMember()
    {
        Busy b;
        b.member = f.member();
        b.learner = f.member();
        b.otherTeacher = f.member();
        b.taught = f.offer(b.member);
        b.taughtBooking = f.book(b.learner, b.taught);
        b.attended = f.offer(b.otherTeacher, 96);
        b.attendedBooking = f.book(b.member, b.attended);
        return b;
    }

private slots:
    void initTestCase() { QVERIFY(f.start()); }

    void suspensionSideEffects()
    {
        Busy b = busyMember();
        QVERIFY(b.taughtBooking > 0 && b.attendedBooking > 0);
        const qint64 learnerBefore = f.available(b.learner.id) + 10;
        const qint64 memberBefore = f.available(b.member.id) + 10;
        const qint64 id = f.reportCase(b.member.id, QStringLiteral("user"),
                                       QStringLiteral("off_platform_payment"));
        QCOMPARE(f.act(f.mod1, id, QStringLiteral("suspend")).status, 400); // duration required
        QCOMPARE(
            f.act(f.mod1, id, QStringLiteral("suspend"), {{QStringLiteral("duration_days"), 5}})
                .status,
            400);
        const auto r =
            f.act(f.mod1, id, QStringLiteral("suspend"), {{QStringLiteral("duration_days"), 7}});
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonObject effect = r.json().value(QStringLiteral("effect")).toObject();
        QCOMPARE(effect.value(QStringLiteral("cancelled_sessions")).toArray(),
                 QJsonArray{b.taught});
        QCOMPARE(effect.value(QStringLiteral("cancelled_bookings")).toArray(),
                 QJsonArray{b.attendedBooking});
        QVERIFY(effect.value(QStringLiteral("revoked_sign_ins")).toInt() >= 1);
        QCOMPARE(r.json()
                     .value(QStringLiteral("case"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("resolved"));
        QCOMPARE(f.userStatus(b.member.id), QStringLiteral("suspended"));
        QCOMPARE(sessionStatus(b.taught), QStringLiteral("cancelled"));
        QCOMPARE(bookingStatus(b.taughtBooking), QStringLiteral("cancelled"));
        QCOMPARE(bookingStatus(b.attendedBooking), QStringLiteral("cancelled"));
        QCOMPARE(sessionStatus(b.attended), QStringLiteral("scheduled")); // seats free again
        // Full refunds on both sides, and the ledger still balances.
        QCOMPARE(f.available(b.learner.id), learnerBefore);
        QCOMPARE(f.available(b.member.id), memberBefore);
        QVERIFY(f.ledgerHolds());
        const qint64 endsIn =
            f.sql(QStringLiteral(
                      "SELECT ends_at FROM sanctions WHERE case_id = :c AND kind = 'suspension'"),
                  {{QStringLiteral(":c"), id}})
                .toLongLong() -
            QDateTime::currentMSecsSinceEpoch();
        QVERIFY(endsIn > 6 * 86400000LL && endsIn <= 7 * 86400000LL);
        // Signed out everywhere, and cannot sign in or book.
        QCOMPARE(f.as(b.member).get(QStringLiteral("/api/v1/me")).status, 401);
        QVERIFY(refreshStatus(b.member) == 401 || refreshStatus(b.member) == 403);
        QString type;
        QCOMPARE(loginStatus(b.member, &type), 403);
        QCOMPARE(type, pt::kAccountDisabled);
        const qint64 other = f.offer(b.otherTeacher, 120);
        QVERIFY(
            f.as(b.member).post(QStringLiteral("/api/v1/sessions/%1/book").arg(other), {}).status ==
            401);
        // Their sessions cannot be booked either (the teacher is not active).
        QVERIFY(f.exec(
            QStringLiteral("INSERT INTO sessions (teacher_id, skill_id, title, starts_at, "
                           "duration_minutes, price, capacity, status, created_at, updated_at) "
                           "VALUES (:t, :k, 'x', :s, 60, 10, 1, 'scheduled', 0, 0)"),
            {{QStringLiteral(":t"), b.member.id},
             {QStringLiteral(":k"), f.skill},
             {QStringLiteral(":s"), QDateTime::currentMSecsSinceEpoch() + 86400000LL * 5}}));
        const qint64 theirs =
            f.sql(QStringLiteral("SELECT MAX(id) FROM sessions WHERE teacher_id = :t"),
                  {{QStringLiteral(":t"), b.member.id}})
                .toLongLong();
        const auto refused =
            f.as(b.learner).post(QStringLiteral("/api/v1/sessions/%1/book").arg(theirs), {});
        QVERIFY2(refused.status == 403 || refused.status == 409, refused.body.constData());
        // Audited, evented with the case summary and the user.
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                        "'case.suspend' AND target_id = :c"),
                         {{QStringLiteral(":c"), QString::number(id)}}),
                 1);
        QCOMPARE(f.lastEvent(QStringLiteral("case.resolved"), QString::number(id))
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("resolved"));
        QCOMPARE(f.lastEvent(QStringLiteral("user.suspended"), QString::number(b.member.id))
                     .value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("suspended"));
        // The next rung for this member is a suspension now (one live strike).
        const qint64 next = f.reportCase(b.member.id);
        QVERIFY(next > 0);
    }

    void warnAndRemoveContent()
    {
        Actor teacher = f.member();
        const qint64 listing = f.offer(teacher);
        const qint64 id = f.reportCase(listing, QStringLiteral("listing"),
                                       QStringLiteral("inappropriate_content"));
        QVERIFY(id > 0);
        QCOMPARE(f.as(f.mod1)
                     .get(QStringLiteral("/api/v1/admin/cases/%1").arg(id))
                     .json()
                     .value(QStringLiteral("suggested_action"))
                     .toObject()
                     .value(QStringLiteral("action"))
                     .toString(),
                 QStringLiteral("remove_content"));
        QCOMPARE(f.act(f.mod1, id, QStringLiteral("remove_content")).status, 200);
        QVERIFY(!f.sql(QStringLiteral("SELECT hidden_at FROM sessions WHERE id = :s"),
                       {{QStringLiteral(":s"), listing}})
                     .isNull());
        // Hidden listings are not offered to members any more: not found, not bookable, not
        // in the search.
        Actor member = f.member();
        QCOMPARE(f.as(member).get(QStringLiteral("/api/v1/sessions/%1").arg(listing)).status, 404);
        QCOMPARE(
            f.as(member).post(QStringLiteral("/api/v1/sessions/%1/book").arg(listing), {}).status,
            404);
        const auto list =
            f.as(member).get(QStringLiteral("/api/v1/sessions?teacher=%1").arg(teacher.id));
        QVERIFY2(list.status == 200, list.body.constData());
        for (const QJsonValue &v : list.json().value(QStringLiteral("items")).toArray())
            QVERIFY(v.toObject().value(QStringLiteral("id")).toInteger() != listing);
        // A user case cannot remove content; a warning is a strike.
        Actor subject;
        const qint64 userCase = f.newCase(&subject);
        QCOMPARE(f.act(f.mod1, userCase, QStringLiteral("remove_content")).problemType(),
                 pt::kActionNotApplicable);
        QCOMPARE(f.act(f.mod1, userCase, QStringLiteral("warn")).status, 200);
        const qint64 again = f.reportCase(subject.id);
        const QJsonObject suggested = f.as(f.mod1)
                                          .get(QStringLiteral("/api/v1/admin/cases/%1").arg(again))
                                          .json()
                                          .value(QStringLiteral("suggested_action"))
                                          .toObject();
        QCOMPARE(suggested.value(QStringLiteral("action")).toString(), QStringLiteral("suspend"));
        QCOMPARE(suggested.value(QStringLiteral("live_strikes")).toInt(), 1);
        QCOMPARE(suggested.value(QStringLiteral("duration_days")).toInt(), 1);
    }

    void banNeedsASecondApprover()
    {
        Busy b = busyMember();
        const qint64 listing = f.offer(b.member, 200);
        const qint64 learnerBefore = f.available(b.learner.id) + 10;
        const qint64 id = f.reportCase(b.member.id, QStringLiteral("user"), QStringLiteral("scam"));
        const auto proposed = f.act(f.mod1, id, QStringLiteral("ban"));
        QVERIFY2(proposed.status == 200, proposed.body.constData());
        const qint64 approval = proposed.json()
                                    .value(QStringLiteral("ban_approval"))
                                    .toObject()
                                    .value(QStringLiteral("id"))
                                    .toInteger();
        QVERIFY(approval > 0);
        QCOMPARE(f.caseStatus(id), QStringLiteral("open"));
        QVERIFY(proposed.json()
                    .value(QStringLiteral("case"))
                    .toObject()
                    .value(QStringLiteral("ban_pending"))
                    .toBool());
        QCOMPARE(f.userStatus(b.member.id), QStringLiteral("active"));
        // One proposal at a time; the case waits for it.
        QCOMPARE(f.act(f.mod2, id, QStringLiteral("ban")).problemType(), pt::kBanPending);
        QCOMPARE(f.act(f.mod1, id, QStringLiteral("dismiss")).problemType(), pt::kBanPending);
        const auto pending = f.as(f.mod2).get(
            QStringLiteral("/api/v1/admin/ban-approvals?user=%1").arg(b.member.id));
        QCOMPARE(pending.json().value(QStringLiteral("items")).toArray().size(), 1);
        QVERIFY(f.as(f.mod1)
                    .get(QStringLiteral("/api/v1/admin/cases/counts"))
                    .json()
                    .value(QStringLiteral("ban_approvals_pending"))
                    .toInt() >= 1);
        const QString approve =
            QStringLiteral("/api/v1/admin/ban-approvals/%1/approve").arg(approval);
        QCOMPARE(f.as(f.mod1).post(approve, {}).status, 403); // the proposer, a moderator
        QCOMPARE(f.as(f.mod2).post(approve, {}).status, 403); // a moderator
        QCOMPARE(f.userStatus(b.member.id), QStringLiteral("active"));
        const auto approved = f.as(f.senior1).post(
            approve, {{QStringLiteral("reason"), QStringLiteral("Confirmed fraud.")}});
        QVERIFY2(approved.status == 200, approved.body.constData());
        QCOMPARE(f.userStatus(b.member.id), QStringLiteral("banned"));
        QCOMPARE(f.caseStatus(id), QStringLiteral("resolved"));
        QCOMPARE(sessionStatus(b.taught), QStringLiteral("cancelled"));
        QCOMPARE(sessionStatus(listing), QStringLiteral("cancelled"));
        QCOMPARE(bookingStatus(b.attendedBooking), QStringLiteral("cancelled"));
        QVERIFY(!f.sql(QStringLiteral("SELECT hidden_at FROM sessions WHERE id = :s"),
                       {{QStringLiteral(":s"), listing}})
                     .isNull());
        QCOMPARE(f.available(b.learner.id), learnerBefore);
        QVERIFY(f.ledgerHolds());
        QCOMPARE(f.as(b.member).get(QStringLiteral("/api/v1/me")).status, 401);
        QVERIFY(refreshStatus(b.member) >= 401);
        QCOMPARE(loginStatus(b.member), 403);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM token_families WHERE user_id = :u "
                                        "AND revoked_at IS NULL"),
                         {{QStringLiteral(":u"), b.member.id}}),
                 0);
        QCOMPARE(f.as(f.senior2).post(approve, {}).problemType(), pt::kBanApprovalState);
        QCOMPARE(f.lastEvent(QStringLiteral("case.ban_approved"), QString::number(id))
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("resolved"));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                        "'ban.approve' AND target_id = :i"),
                         {{QStringLiteral(":i"), QString::number(approval)}}),
                 1);

        // From the member's file: a senior may propose, but not approve their own proposal.
        Actor c = f.member();
        const auto own =
            f.as(f.senior1).post(QStringLiteral("/api/v1/admin/users/%1/ban").arg(c.id),
                                 {{QStringLiteral("reason"), QStringLiteral("Ban evasion.")}});
        QCOMPARE(own.status, 202);
        const qint64 ownId = own.json()
                                 .value(QStringLiteral("ban_approval"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toInteger();
        const auto self = f.as(f.senior1).post(
            QStringLiteral("/api/v1/admin/ban-approvals/%1/approve").arg(ownId), {});
        QCOMPARE(self.status, 403);
        QCOMPARE(self.problemType(), pt::kSecondApproverRequired);
        const auto rejected = f.as(f.senior2).post(
            QStringLiteral("/api/v1/admin/ban-approvals/%1/reject").arg(ownId),
            {{QStringLiteral("reason"), QStringLiteral("Not enough evidence.")}});
        QCOMPARE(rejected.status, 200);
        QCOMPARE(rejected.json()
                     .value(QStringLiteral("ban_approval"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("rejected"));
        QCOMPARE(f.userStatus(c.id), QStringLiteral("active"));
    }

    void appealDecisions()
    {
        // A warning decided by senior1, appealed by the member.
        Actor w;
        const qint64 id = f.newCase(&w);
        QCOMPARE(f.act(f.senior1, id, QStringLiteral("warn")).status, 200);
        const auto appeal = f.as(w).post(QStringLiteral("/api/v1/appeals"),
                                         {{QStringLiteral("case_id"), id},
                                          {QStringLiteral("body"), QStringLiteral("I did not.")}});
        QVERIFY2(appeal.status == 201, appeal.body.constData());
        const QJsonObject decision{{QStringLiteral("decision"), QStringLiteral("overturned")},
                                   {QStringLiteral("reason"), QStringLiteral("Misread the chat.")}};
        QCOMPARE(f.caseCall(f.mod1, id, QStringLiteral("appeal-decisions"), decision).status,
                 403); // not senior
        const auto same = f.caseCall(f.senior1, id, QStringLiteral("appeal-decisions"), decision);
        QCOMPARE(same.status, 403);
        QCOMPARE(same.problemType(), pt::kSameDecider);
        const auto overturned =
            f.caseCall(f.senior2, id, QStringLiteral("appeal-decisions"), decision);
        QVERIFY2(overturned.status == 200, overturned.body.constData());
        QCOMPARE(f.caseStatus(id), QStringLiteral("appeal_overturned"));
        QCOMPARE(
            f.count(QStringLiteral(
                        "SELECT COUNT(*) FROM sanctions WHERE case_id = :c AND lifted_at IS NULL"),
                    {{QStringLiteral(":c"), id}}),
            0);
        QCOMPARE(f.sql(QStringLiteral("SELECT status FROM appeals WHERE case_id = :c"),
                       {{QStringLiteral(":c"), id}})
                     .toString(),
                 QStringLiteral("overturned"));
        QStringList actions;
        for (const QJsonValue &h : f.as(f.mod1)
                                       .get(QStringLiteral("/api/v1/admin/cases/%1").arg(id))
                                       .json()
                                       .value(QStringLiteral("history"))
                                       .toArray())
            actions.push_back(h.toObject().value(QStringLiteral("action")).toString());
        QCOMPARE(actions, (QStringList{"opened", "action", "appealed", "appeal_decided"}));

        // A suspension overturned on appeal gives the account back.
        Actor s;
        const qint64 sid = f.newCase(&s);
        QCOMPARE(f.act(f.senior1, sid, QStringLiteral("suspend"),
                       {{QStringLiteral("duration_days"), 30}})
                     .status,
                 200);
        QCOMPARE(f.userStatus(s.id), QStringLiteral("suspended"));
        // The suspended member cannot sign in, but the refusal carries an appeal token.
        const auto refused = login(s);
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.problemType(), pt::kAccountDisabled);
        const QJsonObject body = refused.json();
        QCOMPARE(body.value(QStringLiteral("account_status")).toString(),
                 QStringLiteral("suspended"));
        QVERIFY(!body.value(QStringLiteral("ends_at")).toString().isEmpty());
        QVERIFY(!body.contains(QStringLiteral("access_token")));
        QVERIFY(!body.contains(QStringLiteral("refresh_token")));
        QCOMPARE(caseIds(body.value(QStringLiteral("appealable_cases")).toArray()),
                 QList<qint64>{sid});
        QCOMPARE(body.value(QStringLiteral("appealable_cases"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("sanction"))
                     .toString(),
                 QStringLiteral("suspension"));
        const QString token = body.value(QStringLiteral("appeal_token")).toString();
        QVERIFY(!token.isEmpty());
        QCOMPARE(body.value(QStringLiteral("appeal_token_expires_in")).toInt(), 15 * 60);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                        "'auth.appeal_token_issued' AND target_id = :u"),
                         {{QStringLiteral(":u"), QString::number(s.id)}}),
                 1);
        // Their own sanctions, readable with the appeal token.
        const auto mine =
            withToken(token, QStringLiteral("GET"), QStringLiteral("/api/v1/me/sanctions"));
        QVERIFY2(mine.status == 200, mine.body.constData());
        QCOMPARE(mine.json().value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(caseIds(mine.json().value(QStringLiteral("appealable_cases")).toArray()),
                 QList<qint64>{sid});
        const auto filed = appealWith(token, sid);
        QVERIFY2(filed.status == 201, filed.body.constData());
        QCOMPARE(f.caseStatus(sid), QStringLiteral("appealed"));
        QCOMPARE(appealWith(token, sid).status, 409); // once per case
        // Nothing left to appeal: the next refusal has no token.
        const auto again = login(s);
        QCOMPARE(again.status, 403);
        QVERIFY(again.json().value(QStringLiteral("appealable_cases")).toArray().isEmpty());
        QVERIFY(!again.json().contains(QStringLiteral("appeal_token")));
        const auto lifted =
            f.caseCall(f.senior2, sid, QStringLiteral("appeal-decisions"), decision);
        QVERIFY2(lifted.status == 200, lifted.body.constData());
        QCOMPARE(f.userStatus(s.id), QStringLiteral("active"));
        QCOMPARE(loginStatus(s), 200);
        // The appeal token ends with the sanction.
        QCOMPARE(
            withToken(token, QStringLiteral("GET"), QStringLiteral("/api/v1/me/sanctions")).status,
            401);
        // Upheld keeps the sanction.
        Actor u;
        const qint64 uid = f.newCase(&u);
        QCOMPARE(f.act(f.mod1, uid, QStringLiteral("warn")).status, 200);
        QCOMPARE(f.as(u)
                     .post(QStringLiteral("/api/v1/appeals"),
                           {{QStringLiteral("case_id"), uid},
                            {QStringLiteral("body"), QStringLiteral("No.")}})
                     .status,
                 201);
        QCOMPARE(f.caseCall(f.senior1, uid, QStringLiteral("appeal-decisions"),
                            {{QStringLiteral("decision"), QStringLiteral("upheld")},
                             {QStringLiteral("reason"), QStringLiteral("Clear.")}})
                     .status,
                 200);
        QCOMPARE(
            f.count(QStringLiteral(
                        "SELECT COUNT(*) FROM sanctions WHERE case_id = :c AND lifted_at IS NULL"),
                    {{QStringLiteral(":c"), uid}}),
            1);
    }

    void appealTokenOpensOnlyTheAppeal()
    {
        Actor s;
        const qint64 sid = suspendedMember(&s);
        const QString token = login(s).json().value(QStringLiteral("appeal_token")).toString();
        QVERIFY(!token.isEmpty());
        // Everywhere else it is no token at all.
        Actor teacher = f.member();
        const qint64 session = f.offer(teacher);
        const QList<QPair<QString, QString>> refused{
            {QStringLiteral("GET"), QStringLiteral("/api/v1/me")},
            {QStringLiteral("GET"), QStringLiteral("/api/v1/me/bookings")},
            {QStringLiteral("GET"), QStringLiteral("/api/v1/me/profile")},
            {QStringLiteral("POST"), QStringLiteral("/api/v1/sessions/%1/book").arg(session)},
            {QStringLiteral("POST"), QStringLiteral("/api/v1/reports")},
            {QStringLiteral("POST"), QStringLiteral("/api/v1/auth/logout")},
            {QStringLiteral("GET"), QStringLiteral("/api/v1/admin/cases")},
            {QStringLiteral("GET"), QStringLiteral("/api/v1/admin/users/%1").arg(s.id)},
            {QStringLiteral("POST"), QStringLiteral("/api/v1/admin/cases/%1/claim").arg(sid)}};
        for (const auto &[method, path] : refused) {
            const auto r = withToken(token, method, path);
            QVERIFY2(r.status == 401, qPrintable(method + QLatin1Char(' ') + path +
                                                 QLatin1Char(' ') + QString::fromUtf8(r.body)));
            QCOMPARE(r.problemType(), pt::kUnauthenticated);
        }
        // It cannot refresh into a sign-in either.
        TestHttp http(f.server.baseUrl());
        QCOMPARE(http.post(QStringLiteral("/api/v1/auth/refresh"),
                           {{QStringLiteral("refresh_token"), token}})
                     .status,
                 401);
        // Another member's case is not theirs to appeal (the same 404 as no case).
        Actor o;
        const qint64 other = suspendedMember(&o);
        QCOMPARE(appealWith(token, other).status, 404);
        QCOMPARE(f.caseStatus(other), QStringLiteral("resolved"));
        // An active member's sign-in has no appeal token, and their access token works as
        // before on the appeal route (and nowhere gains anything).
        Actor active = f.member();
        const auto ok = login(active);
        QCOMPARE(ok.status, 200);
        QVERIFY(!ok.json().contains(QStringLiteral("appeal_token")));
        QVERIFY(!ok.json().contains(QStringLiteral("appealable_cases")));
        const auto none = f.as(active).get(QStringLiteral("/api/v1/me/sanctions"));
        QCOMPARE(none.status, 200);
        QVERIFY(none.json().value(QStringLiteral("items")).toArray().isEmpty());
        // A staff access token is refused on the appeal route as before.
        QCOMPARE(appealWith(f.mod1.accessToken, sid).status, 403);
        // Only the appeal routes accept it, as the route table says.
        QByteArray out, err;
        QCOMPARE(f.server.runCommand({QStringLiteral("admin"), QStringLiteral("routes")}, {}, &out,
                                     &err),
                 0);
        QStringList appealRoutes;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject r = QJsonDocument::fromJson(line).object();
            if (r.value(QStringLiteral("appeal_token")).toBool())
                appealRoutes.push_back(r.value(QStringLiteral("method")).toString() +
                                       QLatin1Char(' ') +
                                       r.value(QStringLiteral("path")).toString());
        }
        QCOMPARE(appealRoutes, (QStringList{QStringLiteral("POST /api/v1/appeals"),
                                            QStringLiteral("GET /api/v1/me/sanctions")}));
        // And it still files the appeal.
        QCOMPARE(appealWith(token, sid).status, 201);
    }

    void bannedMemberCanAppeal()
    {
        Actor b;
        const qint64 id = f.newCase(&b, QStringLiteral("scam"));
        const auto proposed = f.act(f.mod1, id, QStringLiteral("ban"));
        QVERIFY2(proposed.status == 200, proposed.body.constData());
        const qint64 approval = proposed.json()
                                    .value(QStringLiteral("ban_approval"))
                                    .toObject()
                                    .value(QStringLiteral("id"))
                                    .toInteger();
        QCOMPARE(f.as(f.senior1)
                     .post(QStringLiteral("/api/v1/admin/ban-approvals/%1/approve").arg(approval),
                           {{QStringLiteral("reason"), QStringLiteral("Confirmed.")}})
                     .status,
                 200);
        QCOMPARE(f.userStatus(b.id), QStringLiteral("banned"));
        const auto refused = login(b);
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json().value(QStringLiteral("account_status")).toString(),
                 QStringLiteral("banned"));
        QVERIFY(!refused.json().contains(QStringLiteral("ends_at")));
        QCOMPARE(caseIds(refused.json().value(QStringLiteral("appealable_cases")).toArray()),
                 QList<qint64>{id});
        const QString token = refused.json().value(QStringLiteral("appeal_token")).toString();
        QVERIFY(!token.isEmpty());
        QCOMPARE(withToken(token, QStringLiteral("GET"), QStringLiteral("/api/v1/me")).status, 401);
        const auto filed = appealWith(token, id);
        QVERIFY2(filed.status == 201, filed.body.constData());
        QCOMPARE(f.caseStatus(id), QStringLiteral("appealed"));
        QCOMPARE(f.lastEvent(QStringLiteral("case.appealed"), QString::number(id))
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("appealed"));
        // Still banned until staff decide; still no sign-in.
        QCOMPARE(f.userStatus(b.id), QStringLiteral("banned"));
        QCOMPARE(loginStatus(b), 403);
    }

    void appealWindowStillApplies()
    {
        // A warning long ago and a suspension now: only the suspension is appealable.
        Actor m = f.member();
        const qint64 old = f.reportCase(m.id);
        QCOMPARE(f.act(f.mod1, old, QStringLiteral("warn")).status, 200);
        const qint64 recent = f.reportCase(m.id);
        QVERIFY(recent > 0 && recent != old);
        QCOMPARE(f.act(f.senior1, recent, QStringLiteral("suspend"),
                       {{QStringLiteral("duration_days"), 7}})
                     .status,
                 200);
        QVERIFY(
            f.exec(QStringLiteral("UPDATE cases SET closed_at = :t WHERE id = :c"),
                   {{QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch() - 21 * 86400000LL},
                    {QStringLiteral(":c"), old}}));
        const auto refused = login(m);
        QCOMPARE(refused.status, 403);
        QCOMPARE(caseIds(refused.json().value(QStringLiteral("appealable_cases")).toArray()),
                 QList<qint64>{recent});
        const QString token = refused.json().value(QStringLiteral("appeal_token")).toString();
        QVERIFY(!token.isEmpty());
        const auto late = appealWith(token, old);
        QCOMPARE(late.status, 409);
        QCOMPARE(f.caseStatus(old), QStringLiteral("resolved"));
        // Once the suspension's case is out of the window too, there is no token at all.
        QVERIFY(
            f.exec(QStringLiteral("UPDATE cases SET closed_at = :t WHERE id = :c"),
                   {{QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch() - 21 * 86400000LL},
                    {QStringLiteral(":c"), recent}}));
        const auto closed = login(m);
        QCOMPARE(closed.status, 403);
        QVERIFY(closed.json().value(QStringLiteral("appealable_cases")).toArray().isEmpty());
        QVERIFY(!closed.json().contains(QStringLiteral("appeal_token")));
        QCOMPARE(appealWith(token, recent).status, 409);
    }

    void memberLevelSanctions()
    {
        Busy b = busyMember();
        const QString base = QStringLiteral("/api/v1/admin/users/%1/").arg(b.member.id);
        QCOMPARE(f.as(f.mod1)
                     .post(base + QStringLiteral("suspend"),
                           {{QStringLiteral("duration_days"), 2},
                            {QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 400);
        QCOMPARE(f.as(f.mod1)
                     .post(base + QStringLiteral("suspend"), {{QStringLiteral("duration_days"), 3}})
                     .status,
                 400);
        QCOMPARE(f.as(f.viewer)
                     .post(base + QStringLiteral("suspend"),
                           {{QStringLiteral("duration_days"), 3},
                            {QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 403);
        const auto s =
            f.as(f.mod1).post(base + QStringLiteral("suspend"),
                              {{QStringLiteral("duration_days"), 3},
                               {QStringLiteral("reason"), QStringLiteral("Cooling off.")}});
        QVERIFY2(s.status == 200, s.body.constData());
        QCOMPARE(f.userStatus(b.member.id), QStringLiteral("suspended"));
        QCOMPARE(bookingStatus(b.taughtBooking), QStringLiteral("cancelled"));
        QVERIFY(f.ledgerHolds());
        QCOMPARE(f.as(f.mod1)
                     .post(base + QStringLiteral("suspend"),
                           {{QStringLiteral("duration_days"), 3},
                            {QStringLiteral("reason"), QStringLiteral("Again.")}})
                     .problemType(),
                 pt::kActionNotApplicable);
        QCOMPARE(f.as(f.mod1)
                     .post(base + QStringLiteral("reinstate"),
                           {{QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 403);
        const auto r = f.as(f.senior1).post(
            base + QStringLiteral("reinstate"),
            {{QStringLiteral("reason"), QStringLiteral("Talked it through.")}});
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(f.userStatus(b.member.id), QStringLiteral("active"));
        QCOMPARE(loginStatus(b.member), 200);
        QCOMPARE(f.as(f.senior1)
                     .post(base + QStringLiteral("reinstate"),
                           {{QStringLiteral("reason"), QStringLiteral("x")}})
                     .problemType(),
                 pt::kNotSanctioned);
        for (const char *action : {"user.suspend", "user.reinstate"})
            QCOMPARE(
                f.count(QStringLiteral(
                            "SELECT COUNT(*) FROM audit_log WHERE action = :a AND target_id = :u"),
                        {{QStringLiteral(":a"), QString::fromLatin1(action)},
                         {QStringLiteral(":u"), QString::number(b.member.id)}}),
                1);
        QCOMPARE(f.as(f.mod1)
                     .post(QStringLiteral("/api/v1/admin/users/%1/suspend").arg(f.mod2.id),
                           {{QStringLiteral("duration_days"), 3},
                            {QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 404);
    }

    void suspensionEndRequeues()
    {
        AdminCaseFixture quick;
        QVERIFY(quick.start({QStringLiteral("--maintenance-interval"), QStringLiteral("1")}));
        Actor m = quick.member();
        const qint64 id =
            quick.reportCase(m.id, QStringLiteral("user"), QStringLiteral("harassment"));
        QCOMPARE(quick
                     .act(quick.mod1, id, QStringLiteral("suspend"),
                          {{QStringLiteral("duration_days"), 1}})
                     .status,
                 200);
        QCOMPARE(quick.userStatus(m.id), QStringLiteral("suspended"));
        QVERIFY(quick.exec(QStringLiteral("UPDATE sanctions SET ends_at = :t WHERE case_id = :c"),
                           {{QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch() - 1000},
                            {QStringLiteral(":c"), id}}));
        QTRY_COMPARE_WITH_TIMEOUT(quick.userStatus(m.id), QStringLiteral("active"), 15000);
        const qint64 requeued =
            quick
                .sql(QStringLiteral("SELECT id FROM cases WHERE subject_type = 'user' AND "
                                    "subject_id = :u AND status = 'open'"),
                     {{QStringLiteral(":u"), m.id}})
                .toLongLong();
        QVERIFY(requeued > 0);
        QCOMPARE(quick
                     .sql(QStringLiteral("SELECT previous_case_id FROM cases WHERE id = :c"),
                          {{QStringLiteral(":c"), requeued}})
                     .toLongLong(),
                 id);
        QCOMPARE(quick
                     .sql(QStringLiteral("SELECT category FROM cases WHERE id = :c"),
                          {{QStringLiteral(":c"), requeued}})
                     .toString(),
                 QStringLiteral("harassment"));
        QCOMPARE(quick.lastEvent(QStringLiteral("case.opened"), QString::number(requeued))
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("open"));
        // The strike stays live: ended, not lifted.
        QCOMPARE(quick.count(QStringLiteral("SELECT COUNT(*) FROM sanctions WHERE case_id = :c AND "
                                            "lifted_at IS NULL AND ended_at IS NOT NULL"),
                             {{QStringLiteral(":c"), id}}),
                 1);
        TestHttp http(quick.server.baseUrl());
        QCOMPARE(http.post(QStringLiteral("/api/v1/auth/login"),
                           {{QStringLiteral("email"), m.email},
                            {QStringLiteral("password"), m.password}})
                     .status,
                 200);
        QVERIFY(quick.server.stop());
    }

    void cleanupTestCase() { QVERIFY(f.server.stop()); }
};

QTEST_GUILESS_MAIN(TestAdminSanctions)
#include "tst_admin_sanctions.moc"
