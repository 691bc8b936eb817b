// Shared by tst_case_queue and tst_case_keyboard: server look-ups (the counts endpoint, a page
// of GET /cases, SQL), a member reporting another, and the page under test.
#pragma once

#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testsql.h"
#include "consoleharness.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSettings>
#include <QUrlQuery>

namespace skillex::tests::casequeue {

// Settings of their own, so a remembered tab or column layout never leaks between runs.
inline void isolateSettings(const char *app)
{
    QCoreApplication::setOrganizationName(QStringLiteral("skillex-tests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(app));
    QSettings().clear();
}

inline QVariant sql(ConsoleHarness &h, const QString &statement, const QVariantMap &binds = {})
{
    QString error;
    const QVariant v = testutils::sqlScalar(h.databaseUrl(), statement, binds, &error);
    if (!error.isEmpty())
        qWarning("sql failed: %s (%s)", qPrintable(error), qPrintable(statement));
    return v;
}

// GET as a staff actor (another moderator: reads see the same cases).
inline QJsonObject getJson(ConsoleHarness &h, const testutils::Actor &staff, const QString &path)
{
    testutils::TestHttp http(h.server().baseUrl());
    http.setBearer(staff.accessToken);
    const testutils::TestResponse r = http.get(path);
    if (r.status != 200)
        qWarning("GET %s: %d %s", qPrintable(path), r.status, r.body.constData());
    return r.json();
}

// The ids of the first `limit` cases the server lists for `query` (GET /cases).
inline QList<qint64> serverCaseIds(ConsoleHarness &h, const testutils::Actor &staff,
                                   const QString &query, int limit)
{
    const QJsonObject page = getJson(
        h, staff, QStringLiteral("/api/v1/admin/cases?%1&limit=%2").arg(query).arg(limit));
    QList<qint64> ids;
    for (const QJsonValue &item : page.value(QStringLiteral("items")).toArray())
        ids << item.toObject().value(QStringLiteral("id")).toInteger();
    return ids;
}

// A member reports another (a new member with this name): a new open case about them.
// Returns the case id from the server's database, 0 on failure.
inline qint64 reportNewMember(ConsoleHarness &h, const QString &name, const QString &category)
{
    const testutils::Actor subject = testutils::signUpMember(h.server(), name);
    const testutils::Actor reporter = testutils::signUpMember(h.server());
    if (!subject.isValid() || !reporter.isValid())
        return 0;
    testutils::TestHttp http(h.server().baseUrl());
    http.setBearer(reporter.accessToken);
    const testutils::TestResponse r = http.post(
        QStringLiteral("/api/v1/reports"),
        {{QStringLiteral("subject"),
          QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                      {QStringLiteral("id"), subject.id}}},
         {QStringLiteral("category"), category},
         {QStringLiteral("description"), QStringLiteral("Keeps sending me rude messages.")}});
    if (r.status != 201) {
        qWarning("report failed: %d %s", r.status, r.body.constData());
        return 0;
    }
    return sql(h, QStringLiteral("SELECT case_id FROM reports WHERE id = :r"),
               {{QStringLiteral(":r"), r.json().value(QStringLiteral("id")).toInteger()}})
        .toLongLong();
}

} // namespace skillex::tests::casequeue
