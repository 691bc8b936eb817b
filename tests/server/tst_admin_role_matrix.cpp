// Every admin endpoint x every staff role (plus a member and no one): allowed, or 403, exactly
// as DOMAIN.md's permission table says. The expectations are written here from DOMAIN.md, not
// read from the server, and the server's own route table (`skillex-server admin routes`) must
// match them route for route, so a new endpoint cannot slip in without a line here.
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace skillex::testutils;

namespace {

const QStringList kRoles = {QStringLiteral("viewer"), QStringLiteral("moderator"),
                            QStringLiteral("senior_moderator"), QStringLiteral("finance"),
                            QStringLiteral("admin")};

// DOMAIN.md "Staff roles and permissions": which roles may use each group of endpoints.
const QHash<QString, QStringList> &rolesByGroup()
{
    static const QHash<QString, QStringList> groups = {
        {QStringLiteral("dashboards"), kRoles},
        {QStringLiteral("moderation"),
         {QStringLiteral("moderator"), QStringLiteral("senior_moderator"),
          QStringLiteral("admin")}},
        {QStringLiteral("senior"), {QStringLiteral("senior_moderator"), QStringLiteral("admin")}},
        // A member's file is read by moderators (sanctions) and by finance (adjustments).
        {QStringLiteral("people"),
         {QStringLiteral("moderator"), QStringLiteral("senior_moderator"),
          QStringLiteral("finance"), QStringLiteral("admin")}},
        {QStringLiteral("finance"), {QStringLiteral("finance"), QStringLiteral("admin")}},
        {QStringLiteral("money"), {QStringLiteral("finance"), QStringLiteral("admin")}},
        {QStringLiteral("admin"), {QStringLiteral("admin")}},
    };
    return groups;
}

// "METHOD /path" -> group. Every staff route the server serves must be listed.
const QHash<QString, QString> &expectedGroups()
{
    static const QHash<QString, QString> routes = {
        {QStringLiteral("GET /api/v1/admin/staff"), QStringLiteral("admin")},
        {QStringLiteral("GET /api/v1/admin/staff/{id}"), QStringLiteral("admin")},
        {QStringLiteral("POST /api/v1/admin/staff"), QStringLiteral("admin")},
        {QStringLiteral("PATCH /api/v1/admin/staff/{id}"), QStringLiteral("admin")},
        {QStringLiteral("GET /api/v1/admin/cases"), QStringLiteral("moderation")},
        {QStringLiteral("GET /api/v1/admin/cases/counts"), QStringLiteral("moderation")},
        {QStringLiteral("GET /api/v1/admin/cases/{id}"), QStringLiteral("moderation")},
        {QStringLiteral("GET /api/v1/admin/attachments/{sha256}"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/cases/{id}/claim"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/cases/{id}/release"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/cases/{id}/escalate"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/cases/{id}/notes"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/cases/{id}/actions"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/cases/{id}/appeal-decisions"),
         QStringLiteral("senior")},
        {QStringLiteral("POST /api/v1/admin/cases/bulk-actions"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/users/{id}/suspend"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/users/{id}/ban"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/users/{id}/reinstate"), QStringLiteral("senior")},
        {QStringLiteral("GET /api/v1/admin/ban-approvals"), QStringLiteral("moderation")},
        {QStringLiteral("GET /api/v1/admin/ban-approvals/{id}"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/ban-approvals/{id}/approve"), QStringLiteral("senior")},
        {QStringLiteral("POST /api/v1/admin/ban-approvals/{id}/reject"), QStringLiteral("senior")},
        {QStringLiteral("GET /api/v1/admin/canned-reasons"), QStringLiteral("moderation")},
        {QStringLiteral("GET /api/v1/admin/canned-reasons/{id}"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/canned-reasons"), QStringLiteral("admin")},
        {QStringLiteral("PATCH /api/v1/admin/canned-reasons/{id}"), QStringLiteral("admin")},
        {QStringLiteral("DELETE /api/v1/admin/canned-reasons/{id}"), QStringLiteral("admin")},
        {QStringLiteral("GET /api/v1/admin/users"), QStringLiteral("people")},
        {QStringLiteral("GET /api/v1/admin/users/{id}"), QStringLiteral("people")},
        {QStringLiteral("GET /api/v1/admin/sessions"), QStringLiteral("moderation")},
        {QStringLiteral("GET /api/v1/admin/sessions/{id}"), QStringLiteral("moderation")},
        {QStringLiteral("POST /api/v1/admin/sessions/{id}/cancel"), QStringLiteral("moderation")},
        {QStringLiteral("GET /api/v1/admin/ledger/transfers"), QStringLiteral("finance")},
        {QStringLiteral("GET /api/v1/admin/ledger/accounts"), QStringLiteral("finance")},
        {QStringLiteral("GET /api/v1/admin/ledger/accounts/{id}/statement"),
         QStringLiteral("finance")},
        {QStringLiteral("GET /api/v1/admin/ledger/check"), QStringLiteral("finance")},
        {QStringLiteral("GET /api/v1/admin/payments"), QStringLiteral("finance")},
        {QStringLiteral("GET /api/v1/admin/payments/{id}"), QStringLiteral("finance")},
        {QStringLiteral("POST /api/v1/admin/payments/{id}/refund"), QStringLiteral("money")},
        {QStringLiteral("POST /api/v1/admin/adjustments"), QStringLiteral("money")},
        {QStringLiteral("GET /api/v1/admin/adjustments"), QStringLiteral("finance")},
        {QStringLiteral("GET /api/v1/admin/adjustments/{id}"), QStringLiteral("finance")},
        {QStringLiteral("POST /api/v1/admin/adjustments/{id}/approve"), QStringLiteral("money")},
        {QStringLiteral("POST /api/v1/admin/adjustments/{id}/reject"), QStringLiteral("money")},
        {QStringLiteral("POST /api/v1/admin/reconciliation"), QStringLiteral("money")},
        {QStringLiteral("GET /api/v1/admin/reconciliation"), QStringLiteral("finance")},
        {QStringLiteral("GET /api/v1/admin/reconciliation/{id}"), QStringLiteral("finance")},
        {QStringLiteral("GET /api/v1/admin/taxonomy/categories"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/taxonomy/categories/{id}"),
         QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/taxonomy/skills"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/taxonomy/skills/{id}"), QStringLiteral("dashboards")},
        {QStringLiteral("POST /api/v1/admin/taxonomy/categories"), QStringLiteral("admin")},
        {QStringLiteral("PATCH /api/v1/admin/taxonomy/categories/{id}"), QStringLiteral("admin")},
        {QStringLiteral("POST /api/v1/admin/taxonomy/skills"), QStringLiteral("admin")},
        {QStringLiteral("PATCH /api/v1/admin/taxonomy/skills/{id}"), QStringLiteral("admin")},
        {QStringLiteral("POST /api/v1/admin/taxonomy/reorder"), QStringLiteral("admin")},
        {QStringLiteral("POST /api/v1/admin/taxonomy/skills/{id}/merge"), QStringLiteral("admin")},
        {QStringLiteral("GET /api/v1/admin/audit"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/audit/verify"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/metrics/overview"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/metrics/active"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/metrics/sessions"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/metrics/revenue"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/metrics/credits"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/metrics/moderation"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/system"), QStringLiteral("dashboards")},
        {QStringLiteral("GET /api/v1/admin/sync/snapshot"), QStringLiteral("dashboards")},
    };
    return routes;
}

struct ServedRoute {
    QString method;
    QString path;
    QString key() const { return method + QLatin1Char(' ') + path; }
};

QString concretePath(QString pattern)
{
    // Ids that exist nowhere: an allowed caller gets 404 or 400, never a change.
    pattern.replace(QStringLiteral("{sha256}"), QString(64, QLatin1Char('0')));
    pattern.replace(QRegularExpression(QStringLiteral("\\{[a-z_]+\\}")),
                    QStringLiteral("999999999"));
    return pattern;
}

} // namespace

class TestAdminRoleMatrix : public QObject {
    Q_OBJECT
    TestServer m_server;
    QList<ServedRoute> m_routes;
    QHash<QString, Actor> m_staff; // role -> signed-in account
    Actor m_member;

private Q_SLOTS:
    void initTestCase()
    {
        QByteArray out, err;
        QCOMPARE(m_server.runCommand({QStringLiteral("admin"), QStringLiteral("routes")}, {}, &out,
                                     &err),
                 0);
        for (const QByteArray &line : out.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QJsonObject r = QJsonDocument::fromJson(line).object();
            if (r.value(QStringLiteral("access")).toString() != QStringLiteral("staff") ||
                r.value(QStringLiteral("websocket")).toBool())
                continue; // the event stream's socket has its own tests (close codes 4401/4403)
            m_routes.push_back({r.value(QStringLiteral("method")).toString(),
                                r.value(QStringLiteral("path")).toString()});
        }
        QVERIFY2(!m_routes.isEmpty(), "the server listed no staff routes");
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        for (const QString &role : kRoles) {
            m_staff.insert(role, signInStaff(m_server, role));
            QVERIFY2(m_staff.value(role).isValid(), qPrintable(role));
        }
        m_member = signUpMember(m_server);
        QVERIFY(m_member.isValid());
    }

    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void everyServedRouteHasAnExpectation()
    {
        QStringList unlisted;
        QSet<QString> served;
        for (const ServedRoute &r : m_routes) {
            served.insert(r.key());
            if (!expectedGroups().contains(r.key()))
                unlisted.push_back(r.key());
        }
        QVERIFY2(unlisted.isEmpty(),
                 qPrintable(QStringLiteral("routes without a line in the matrix: ") +
                            unlisted.join(QStringLiteral(", "))));
        QStringList stale;
        for (auto it = expectedGroups().begin(); it != expectedGroups().end(); ++it) {
            if (!served.contains(it.key()))
                stale.push_back(it.key());
        }
        QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("matrix lines the server does not "
                                                            "serve: ") +
                                             stale.join(QStringLiteral(", "))));
    }

    void everyRouteForEveryRole()
    {
        QStringList wrong;
        int requests = 0;
        TestHttp http(m_server.baseUrl());
        for (const ServedRoute &route : m_routes) {
            const QStringList allowed = rolesByGroup().value(expectedGroups().value(route.key()));
            const QString path = concretePath(route.path);
            const QByteArray body =
                route.method == QStringLiteral("GET") ? QByteArray() : QByteArray("{}");
            const QHash<QByteArray, QByteArray> headers{{"Content-Type", "application/json"},
                                                        {"If-Match", "\"1\""}};
            auto call = [&](const QString &token) {
                http.setBearer(token);
                ++requests;
                return http.send(route.method.toLatin1(), path, body, headers);
            };
            for (const QString &role : kRoles) {
                const TestResponse r = call(m_staff.value(role).accessToken);
                const bool refused =
                    r.status == 403 &&
                    r.problemType() == QStringLiteral("urn:skillex:problem:forbidden");
                if (allowed.contains(role) && (refused || r.status == 401 || r.status == 0))
                    wrong.push_back(QStringLiteral("%1 as %2: %3, expected it allowed")
                                        .arg(route.key(), role)
                                        .arg(r.status));
                if (!allowed.contains(role) && !refused)
                    wrong.push_back(QStringLiteral("%1 as %2: %3 %4, expected 403 forbidden")
                                        .arg(route.key(), role)
                                        .arg(r.status)
                                        .arg(r.problemType()));
            }
            const TestResponse asMember = call(m_member.accessToken);
            if (asMember.status != 403)
                wrong.push_back(QStringLiteral("%1 as a member: %2, expected 403")
                                    .arg(route.key())
                                    .arg(asMember.status));
            const TestResponse anonymous = call(QString());
            if (anonymous.status != 401)
                wrong.push_back(QStringLiteral("%1 without a token: %2, expected 401")
                                    .arg(route.key())
                                    .arg(anonymous.status));
        }
        qInfo("%d requests over %lld routes", requests, static_cast<long long>(m_routes.size()));
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestAdminRoleMatrix)
#include "tst_admin_role_matrix.moc"
