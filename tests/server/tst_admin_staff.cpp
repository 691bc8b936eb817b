// Admin staff endpoints against the real server: only admins may call them; the last active
// admin cannot be demoted or disabled; creating staff (with a one-time temporary password);
// role changes apply on the next request; If-Match (428/412); disabled staff cannot sign in.
#include "protocol/problem.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

class TestAdminStaff : public QObject {
    Q_OBJECT
    TestServer m_server;
    Actor m_admin;

    TestResponse as(const Actor &a, const QByteArray &method, const QString &path,
                    const QJsonObject &body = {}, QHash<QByteArray, QByteArray> headers = {})
    {
        TestHttp http(m_server.baseUrl());
        http.setBearer(a.accessToken);
        if (method == "GET")
            return http.get(path, headers);
        headers.insert("Content-Type", "application/json");
        return http.send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }
    QByteArray etagOf(qint64 id)
    {
        const auto r = as(m_admin, "GET", QStringLiteral("/api/v1/admin/staff/%1").arg(id));
        return r.header("etag");
    }
    QJsonObject createStaff(const QString &role, const QString &password)
    {
        QJsonObject body{{QStringLiteral("email"),
                          QStringLiteral("staff-%1@skillex.test")
                              .arg(QUuid::createUuid().toString(QUuid::Id128).left(12))},
                         {QStringLiteral("name"), QStringLiteral("New %1").arg(role)},
                         {QStringLiteral("roles"), QJsonArray{role}}};
        if (!password.isEmpty())
            body.insert(QStringLiteral("password"), password);
        const auto r = as(m_admin, "POST", QStringLiteral("/api/v1/admin/staff"), body);
        if (r.status != 201)
            qWarning() << r.body;
        return r.json();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_admin = signInStaff(m_server, QStringLiteral("admin"));
        QVERIFY(m_admin.isValid());
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void onlyAdminsManageStaff()
    {
        for (const QString &role :
             {QStringLiteral("viewer"), QStringLiteral("moderator"),
              QStringLiteral("senior_moderator"), QStringLiteral("finance")}) {
            const Actor staff = signInStaff(m_server, role);
            QVERIFY(staff.isValid());
            QCOMPARE(as(staff, "GET", QStringLiteral("/api/v1/admin/staff")).status, 403);
            QCOMPARE(as(staff, "POST", QStringLiteral("/api/v1/admin/staff"), {}).status, 403);
            QCOMPARE(as(staff, "PATCH", QStringLiteral("/api/v1/admin/staff/%1").arg(staff.id),
                        {{QStringLiteral("status"), QStringLiteral("disabled")}},
                        {{"If-Match", "*"}})
                         .status,
                     403);
        }
        const Actor member = signUpMember(m_server);
        QCOMPARE(as(member, "GET", QStringLiteral("/api/v1/admin/staff")).status, 403);
        QCOMPARE(TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/admin/staff")).status,
                 401);
    }

    void theLastAdminCannotBeDemotedOrDisabled()
    {
        // The only admin so far is m_admin.
        const QString path = QStringLiteral("/api/v1/admin/staff/%1").arg(m_admin.id);
        auto r = as(m_admin, "PATCH", path, {{QStringLiteral("roles"), QJsonArray{"viewer"}}},
                    {{"If-Match", etagOf(m_admin.id)}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), pt::kLastAdmin);
        r = as(m_admin, "PATCH", path, {{QStringLiteral("status"), QStringLiteral("disabled")}},
               {{"If-Match", etagOf(m_admin.id)}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), pt::kSelfLockout);
        // With a second admin, one may step down, and then the other is the last again.
        const QJsonObject second = createStaff(QStringLiteral("admin"), {});
        const qint64 secondId = second.value(QStringLiteral("id")).toInteger();
        r = as(m_admin, "PATCH", QStringLiteral("/api/v1/admin/staff/%1").arg(secondId),
               {{QStringLiteral("roles"), QJsonArray{"moderator"}}},
               {{"If-Match", etagOf(secondId)}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("roles")).toArray(), QJsonArray{"moderator"});
        r = as(m_admin, "PATCH", path, {{QStringLiteral("roles"), QJsonArray{"finance"}}},
               {{"If-Match", etagOf(m_admin.id)}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), pt::kLastAdmin);
    }

    void createWithTemporaryPasswordOrAGivenOne()
    {
        const QJsonObject created = createStaff(QStringLiteral("viewer"), {});
        const QString temporary = created.value(QStringLiteral("temporary_password")).toString();
        QVERIFY(temporary.size() >= 20);
        QCOMPARE(created.value(QStringLiteral("roles")).toArray(), QJsonArray{"viewer"});
        QCOMPARE(created.value(QStringLiteral("version")).toInteger(), 1);
        const Actor viewer =
            signIn(m_server, created.value(QStringLiteral("email")).toString(), temporary);
        QVERIFY(viewer.isValid());
        // Shown once: not in the list, not in the audit entry.
        const auto list = as(m_admin, "GET", QStringLiteral("/api/v1/admin/staff?limit=500"));
        QVERIFY(!list.body.contains(temporary.toUtf8()));
        const auto audit = as(
            m_admin, "GET",
            QStringLiteral("/api/v1/admin/audit?action=staff.created&target_id=%1").arg(viewer.id));
        QCOMPARE(audit.status, 200);
        QCOMPARE(audit.json().value(QStringLiteral("items")).toArray().size(), 1);
        QVERIFY(!audit.body.contains(temporary.toUtf8()));

        const QJsonObject given =
            createStaff(QStringLiteral("finance"), QStringLiteral("a long enough password"));
        QVERIFY(!given.contains(QStringLiteral("temporary_password")));
        QVERIFY(signIn(m_server, given.value(QStringLiteral("email")).toString(),
                       QStringLiteral("a long enough password"))
                    .isValid());

        // The same email again: 409; bad input: 400 naming the fields.
        auto r = as(m_admin, "POST", QStringLiteral("/api/v1/admin/staff"),
                    {{QStringLiteral("email"), given.value(QStringLiteral("email"))},
                     {QStringLiteral("name"), QStringLiteral("Again")},
                     {QStringLiteral("roles"), QJsonArray{"viewer"}}});
        QCOMPARE(r.status, 409);
        r = as(m_admin, "POST", QStringLiteral("/api/v1/admin/staff"),
               {{QStringLiteral("email"), QStringLiteral("not an email")},
                {QStringLiteral("name"), QStringLiteral("X")},
                {QStringLiteral("roles"), QJsonArray{"overlord"}},
                {QStringLiteral("extra"), 1}});
        QCOMPARE(r.status, 400);
        const QJsonObject errors = r.json().value(QStringLiteral("errors")).toObject();
        QVERIFY(errors.contains(QStringLiteral("roles")));
        QVERIFY(errors.contains(QStringLiteral("extra")));
    }

    void aRoleChangeAppliesOnTheNextRequest()
    {
        const QJsonObject created =
            createStaff(QStringLiteral("moderator"), QStringLiteral("moderate wisely"));
        const qint64 id = created.value(QStringLiteral("id")).toInteger();
        const Actor mod = signIn(m_server, created.value(QStringLiteral("email")).toString(),
                                 QStringLiteral("moderate wisely"));
        QVERIFY(mod.isValid());
        QCOMPARE(as(mod, "GET", QStringLiteral("/api/v1/admin/sessions")).status, 200);
        const auto r = as(m_admin, "PATCH", QStringLiteral("/api/v1/admin/staff/%1").arg(id),
                          {{QStringLiteral("roles"), QJsonArray{"viewer"}}},
                          {{"If-Match", created.value(QStringLiteral("version")).toInteger() == 1
                                            ? QByteArray("\"1\"")
                                            : QByteArray()}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("etag"), QByteArray("\"2\""));
        // The same access token, the next request: the new role.
        QCOMPARE(as(mod, "GET", QStringLiteral("/api/v1/admin/sessions")).status, 403);
        QCOMPARE(as(mod, "GET", QStringLiteral("/api/v1/admin/audit")).status, 200);
        const auto audit = as(
            m_admin, "GET",
            QStringLiteral("/api/v1/admin/audit?action=staff.roles_changed&target_id=%1").arg(id));
        const QJsonObject entry =
            audit.json().value(QStringLiteral("items")).toArray().at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("before"))
                     .toObject()
                     .value(QStringLiteral("roles"))
                     .toArray(),
                 QJsonArray{"moderator"});
        QCOMPARE(entry.value(QStringLiteral("after"))
                     .toObject()
                     .value(QStringLiteral("roles"))
                     .toArray(),
                 QJsonArray{"viewer"});
        QCOMPARE(
            sqlScalar(m_server.databaseUrl(),
                      QStringLiteral("SELECT COUNT(*) FROM events WHERE type = 'staff.updated' "
                                     "AND subject_id = :id"),
                      {{QStringLiteral(":id"), QString::number(id)}})
                .toInt(),
            1);
    }

    void ifMatchIsRequiredAndChecked()
    {
        const QJsonObject created = createStaff(QStringLiteral("viewer"), {});
        const QString path = QStringLiteral("/api/v1/admin/staff/%1")
                                 .arg(created.value(QStringLiteral("id")).toInteger());
        const QJsonObject change{{QStringLiteral("roles"), QJsonArray{"finance"}}};
        auto r = as(m_admin, "PATCH", path, change);
        QCOMPARE(r.status, 428);
        QCOMPARE(r.problemType(), pt::kPreconditionRequired);
        QCOMPARE(as(m_admin, "PATCH", path, change, {{"If-Match", "\"1\""}}).status, 200);
        r = as(m_admin, "PATCH", path, {{QStringLiteral("roles"), QJsonArray{"viewer"}}},
               {{"If-Match", "\"1\""}});
        QCOMPARE(r.status, 412);
        QCOMPARE(r.problemType(), pt::kPreconditionFailed);
        QCOMPARE(r.json()
                     .value(QStringLiteral("current"))
                     .toObject()
                     .value(QStringLiteral("version"))
                     .toInteger(),
                 2);
        QCOMPARE(as(m_admin, "PATCH", QStringLiteral("/api/v1/admin/staff/999999999"), change,
                    {{"If-Match", "*"}})
                     .status,
                 404);
        QCOMPARE(as(m_admin, "PATCH", path, {{QStringLiteral("status"), QStringLiteral("gone")}},
                    {{"If-Match", "*"}})
                     .status,
                 400);
    }

    void disabledStaffCannotSignIn()
    {
        const QString password = QStringLiteral("soon to be disabled");
        const QJsonObject created = createStaff(QStringLiteral("finance"), password);
        const qint64 id = created.value(QStringLiteral("id")).toInteger();
        const QString email = created.value(QStringLiteral("email")).toString();
        const Actor staff = signIn(m_server, email, password);
        QVERIFY(staff.isValid());
        auto r =
            as(m_admin, "PATCH", QStringLiteral("/api/v1/admin/staff/%1").arg(id),
               {{QStringLiteral("status"), QStringLiteral("disabled")}}, {{"If-Match", "\"1\""}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("disabled"));
        // Their token stops working at once, their refresh token too, and they cannot sign in.
        QCOMPARE(as(staff, "GET", QStringLiteral("/api/v1/admin/audit")).status, 401);
        TestHttp http(m_server.baseUrl());
        r = http.post(QStringLiteral("/api/v1/auth/refresh"),
                      {{QStringLiteral("refresh_token"), staff.refreshToken}});
        QVERIFY(r.status == 401 || r.status == 403);
        r = http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
        QCOMPARE(r.status, 403);
        QCOMPARE(r.problemType(), pt::kAccountDisabled);
        // Enabled again, they sign in.
        r = as(m_admin, "PATCH", QStringLiteral("/api/v1/admin/staff/%1").arg(id),
               {{QStringLiteral("status"), QStringLiteral("active")}}, {{"If-Match", "\"2\""}});
        QCOMPARE(r.status, 200);
        QVERIFY(signIn(m_server, email, password).isValid());
    }

    void listFiltersAndPages()
    {
        auto r = as(m_admin, "GET", QStringLiteral("/api/v1/admin/staff?role=finance&limit=500"));
        QCOMPARE(r.status, 200);
        const QJsonArray finance = r.json().value(QStringLiteral("items")).toArray();
        QVERIFY(finance.size() >= 2);
        for (const auto &item : finance)
            QVERIFY(item.toObject()
                        .value(QStringLiteral("roles"))
                        .toArray()
                        .contains(QStringLiteral("finance")));
        r = as(m_admin, "GET", QStringLiteral("/api/v1/admin/staff?status=active&limit=2"));
        QSet<qint64> seen;
        int pages = 0;
        while (true) {
            QCOMPARE(r.status, 200);
            for (const auto &item : r.json().value(QStringLiteral("items")).toArray()) {
                QCOMPARE(item.toObject().value(QStringLiteral("status")).toString(),
                         QStringLiteral("active"));
                const qint64 id = item.toObject().value(QStringLiteral("id")).toInteger();
                QVERIFY(!seen.contains(id));
                seen.insert(id);
            }
            ++pages;
            const QJsonValue next = r.json().value(QStringLiteral("next"));
            if (next.isNull())
                break;
            r = as(m_admin, "GET",
                   QStringLiteral("/api/v1/admin/staff?status=active&limit=2&after=") +
                       next.toString());
        }
        const qint64 active = sqlScalar(m_server.databaseUrl(),
                                        QStringLiteral("SELECT COUNT(*) FROM users WHERE kind = "
                                                       "'staff' AND status = 'active'"))
                                  .toLongLong();
        QCOMPARE(qint64(seen.size()), active);
        QVERIFY(pages >= 2);
        QCOMPARE(as(m_admin, "GET", QStringLiteral("/api/v1/admin/staff?colour=red")).status, 400);
        QCOMPARE(as(m_admin, "GET", QStringLiteral("/api/v1/admin/staff?role=overlord")).status,
                 400);
    }
};

QTEST_GUILESS_MAIN(TestAdminStaff)
#include "tst_admin_staff.moc"
