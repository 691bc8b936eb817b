// Sign-up and sign-in through the real API, so tests exercise the same path as clients do.
#include "tests/testutils/testactors.h"

#include "tests/testutils/testhttp.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QUuid>

namespace skillex::testutils {

namespace {

QAtomicInteger<int> g_counter = 0;

QString uniqueEmail(const QString &prefix)
{
    // Unique across processes too (the PostgreSQL server is shared by the whole test run).
    return QStringLiteral("%1-%2-%3@example.com")
        .arg(prefix)
        .arg(++g_counter)
        .arg(QUuid::createUuid().toString(QUuid::Id128).left(10));
}

} // namespace

Actor signIn(TestServer &server, const QString &email, const QString &password)
{
    TestHttp http(server.baseUrl());
    const auto login =
        http.post(QStringLiteral("/api/v1/auth/login"),
                  {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    if (login.status != 200) {
        qWarning("signIn %s: login answered %d %s", qPrintable(email), login.status,
                 login.body.constData());
        return {};
    }
    Actor actor;
    actor.email = email;
    actor.password = password;
    actor.accessToken = login.json().value(QStringLiteral("access_token")).toString();
    actor.refreshToken = login.json().value(QStringLiteral("refresh_token")).toString();
    http.setBearer(actor.accessToken);
    const auto me = http.get(QStringLiteral("/api/v1/me"));
    if (me.status != 200) {
        qWarning("signIn %s: /me answered %d", qPrintable(email), me.status);
        return {};
    }
    actor.id = me.json().value(QStringLiteral("id")).toInteger();
    actor.name = me.json().value(QStringLiteral("name")).toString();
    return actor;
}

Actor signUpMember(TestServer &server, const QString &name)
{
    const int n = g_counter.loadRelaxed() + 1;
    const QString email = uniqueEmail(QStringLiteral("member"));
    const QString password = QStringLiteral("learning-is-fun");
    TestHttp http(server.baseUrl());
    const auto reg = http.post(
        QStringLiteral("/api/v1/auth/register"),
        {{QStringLiteral("email"), email},
         {QStringLiteral("password"), password},
         {QStringLiteral("name"), name.isEmpty() ? QStringLiteral("Member %1").arg(n) : name}});
    if (reg.status != 201) {
        qWarning("signUpMember: register answered %d %s", reg.status, reg.body.constData());
        return {};
    }
    return signIn(server, email, password);
}

Actor signInStaff(TestServer &server, const QString &role)
{
    const StaffAccount staff =
        server.createStaff(role, uniqueEmail(role), QStringLiteral("correct horse battery"));
    if (staff.email.isEmpty()) {
        qWarning("signInStaff %s: %s", qPrintable(role), qPrintable(server.error()));
        return {};
    }
    return signIn(server, staff.email, staff.password);
}

} // namespace skillex::testutils
