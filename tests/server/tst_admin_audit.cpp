// The admin audit log against the real server: every staff role reads it, members do not;
// security events (failed and refused sign-ins, token reuse) are in it; filters and pages; and
// the hash chain verifies, then names the first row changed behind the server's back.
#include "protocol/problem.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace skillex::testutils;

class TestAdminAudit : public QObject {
    Q_OBJECT
    TestServer m_server;
    Actor m_admin;
    Actor m_viewer;

    TestResponse get(const Actor &a, const QString &path)
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(a.accessToken);
        return http.get(path);
    }
    QJsonArray items(const QString &query)
    {
        const auto r = get(m_viewer, QStringLiteral("/api/v1/admin/audit?limit=500&") + query);
        if (r.status != 200)
            qWarning() << r.body;
        return r.json().value(QStringLiteral("items")).toArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_admin = signInStaff(m_server, QStringLiteral("admin"));
        m_viewer = signInStaff(m_server, QStringLiteral("viewer"));
        QVERIFY(m_admin.isValid() && m_viewer.isValid());
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void everyStaffRoleReadsItMembersDoNot()
    {
        for (const QString &role : {QStringLiteral("moderator"), QStringLiteral("finance"),
                                    QStringLiteral("senior_moderator")}) {
            const Actor staff = signInStaff(m_server, role);
            QCOMPARE(get(staff, QStringLiteral("/api/v1/admin/audit")).status, 200);
            QCOMPARE(get(staff, QStringLiteral("/api/v1/admin/audit/verify")).status, 200);
        }
        const Actor member = signUpMember(m_server);
        QCOMPARE(get(member, QStringLiteral("/api/v1/admin/audit")).status, 403);
        QCOMPARE(get(member, QStringLiteral("/api/v1/admin/audit/verify")).status, 403);
        QCOMPARE(TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/admin/audit")).status,
                 401);
    }

    void securityEventsAreAudited()
    {
        const Actor member = signUpMember(m_server);
        TestHttp http(m_server.baseUrl());
        // A wrong password, an unknown email, and a rotated refresh token presented twice.
        http.post(QStringLiteral("/api/v1/auth/login"),
                  {{QStringLiteral("email"), member.email},
                   {QStringLiteral("password"), QStringLiteral("not the password")}});
        http.post(QStringLiteral("/api/v1/auth/login"),
                  {{QStringLiteral("email"), QStringLiteral("nobody@audit.test")},
                   {QStringLiteral("password"), QStringLiteral("whatever it is")}});
        QCOMPARE(http.post(QStringLiteral("/api/v1/auth/refresh"),
                           {{QStringLiteral("refresh_token"), member.refreshToken}})
                     .status,
                 200);
        QCOMPARE(http.post(QStringLiteral("/api/v1/auth/refresh"),
                           {{QStringLiteral("refresh_token"), member.refreshToken}})
                     .status,
                 401);

        const QJsonArray failed =
            items(QStringLiteral("action=auth.login_failed&target_id=%1").arg(member.id));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("wrong password"));
        QCOMPARE(
            items(QStringLiteral("action=auth.login_failed&target_id=nobody@audit.test")).size(),
            1);
        QCOMPARE(
            items(QStringLiteral("action=auth.refresh_reused&target_id=%1").arg(member.id)).size(),
            1);
        // A prefix takes every auth.* action, and only those.
        const QJsonArray auth =
            items(QStringLiteral("action=auth.&target_type=user&target_id=%1").arg(member.id));
        QVERIFY(auth.size() >= 3);
        for (const auto &e : auth)
            QVERIFY(e.toObject()
                        .value(QStringLiteral("action"))
                        .toString()
                        .startsWith(QStringLiteral("auth.")));
        // "_" in a prefix is literal, not a LIKE wildcard.
        QCOMPARE(items(QStringLiteral("action=auth_")).size(), 0);
    }

    void filtersAndPagesNewestFirst()
    {
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 1;
        // Staff changes by the admin give entries with before and after.
        TestHttp http(m_server.baseUrl());
        http.setBearer(m_admin.accessToken);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(http.post(QStringLiteral("/api/v1/admin/staff"),
                               {{QStringLiteral("email"),
                                 QStringLiteral("audit-%1-%2@skillex.test").arg(i).arg(start)},
                                {QStringLiteral("name"), QStringLiteral("Audited %1").arg(i)},
                                {QStringLiteral("roles"), QJsonArray{"viewer"}}})
                         .status,
                     201);
        const QJsonArray mine = items(
            QStringLiteral("actor=%1&action=staff.created&from=%2")
                .arg(m_admin.id)
                .arg(QDateTime::fromMSecsSinceEpoch(start, Qt::UTC).toString(Qt::ISODateWithMs)));
        QCOMPARE(mine.size(), 5);
        const QJsonObject newest = mine.at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("actor_id")).toInteger(), m_admin.id);
        QCOMPARE(newest.value(QStringLiteral("after"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("Audited 4"));
        QVERIFY(newest.value(QStringLiteral("before")).isNull());
        QVERIFY(mine.at(0).toObject().value(QStringLiteral("id")).toInteger() >
                mine.at(4).toObject().value(QStringLiteral("id")).toInteger());
        // to= before start: none of them.
        QCOMPARE(items(QStringLiteral("action=staff.created&actor=%1&to=%2")
                           .arg(m_admin.id)
                           .arg(QDateTime::fromMSecsSinceEpoch(start, Qt::UTC)
                                    .toString(Qt::ISODateWithMs)))
                     .size(),
                 0);

        // Pages of 3 over the whole log: no gap, no duplicate, newest first.
        const qint64 total =
            sqlScalar(m_server.databaseUrl(), QStringLiteral("SELECT COUNT(*) FROM audit_log"))
                .toLongLong();
        QList<qint64> ids;
        QString path = QStringLiteral("/api/v1/admin/audit?limit=3");
        while (true) {
            const auto r = get(m_viewer, path);
            QCOMPARE(r.status, 200);
            for (const auto &e : r.json().value(QStringLiteral("items")).toArray())
                ids.push_back(e.toObject().value(QStringLiteral("id")).toInteger());
            const QJsonValue next = r.json().value(QStringLiteral("next"));
            if (next.isNull())
                break;
            path = QStringLiteral("/api/v1/admin/audit?limit=3&after=") + next.toString();
        }
        QCOMPARE(qint64(ids.size()), total);
        for (int i = 1; i < ids.size(); ++i)
            QVERIFY(ids.at(i) < ids.at(i - 1));

        QCOMPARE(get(m_viewer, QStringLiteral("/api/v1/admin/audit?who=me")).status, 400);
        QCOMPARE(get(m_viewer, QStringLiteral("/api/v1/admin/audit?actor=x")).status, 400);
        QCOMPARE(get(m_viewer, QStringLiteral("/api/v1/admin/audit?from=yesterday")).status, 400);
        QCOMPARE(get(m_viewer, QStringLiteral("/api/v1/admin/audit?after=%%%")).status, 400);
    }

    // Last: it breaks the chain on purpose.
    void verifyNamesTheFirstChangedRow()
    {
        auto r = get(m_viewer, QStringLiteral("/api/v1/admin/audit/verify"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("ok")).toBool(), true);
        const qint64 total =
            sqlScalar(m_server.databaseUrl(), QStringLiteral("SELECT COUNT(*) FROM audit_log"))
                .toLongLong();
        QVERIFY(total > 10);
        QCOMPARE(r.json().value(QStringLiteral("checked")).toInteger(), total);
        QVERIFY(r.json().value(QStringLiteral("first_broken")).isNull());

        // Someone with database access rewrites a reason in the middle of the log.
        const qint64 victim =
            sqlScalar(m_server.databaseUrl(), QStringLiteral("SELECT id FROM audit_log ORDER BY id "
                                                             "LIMIT 1 OFFSET 5"))
                .toLongLong();
        const QString action =
            sqlScalar(m_server.databaseUrl(),
                      QStringLiteral("SELECT action FROM audit_log WHERE id = :id"),
                      {{QStringLiteral(":id"), victim}})
                .toString();
        QVERIFY(
            sqlExec(m_server.databaseUrl(),
                    QStringLiteral("UPDATE audit_log SET reason = 'nothing to see' WHERE id = :id"),
                    {{QStringLiteral(":id"), victim}}));
        r = get(m_viewer, QStringLiteral("/api/v1/admin/audit/verify"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("ok")).toBool(), false);
        const QJsonObject broken = r.json().value(QStringLiteral("first_broken")).toObject();
        QCOMPARE(broken.value(QStringLiteral("id")).toInteger(), victim);
        QCOMPARE(broken.value(QStringLiteral("action")).toString(), action);
        QVERIFY(
            broken.value(QStringLiteral("reason")).toString().contains(QStringLiteral("changed")));
        QVERIFY(!broken.value(QStringLiteral("at")).toString().isEmpty());
        QCOMPARE(r.json().value(QStringLiteral("checked")).toInteger(),
                 sqlScalar(m_server.databaseUrl(),
                           QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE id <= :id"),
                           {{QStringLiteral(":id"), victim}})
                     .toLongLong());
    }
};

QTEST_GUILESS_MAIN(TestAdminAudit)
#include "tst_admin_audit.moc"
