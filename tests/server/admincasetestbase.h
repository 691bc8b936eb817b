// Shared set-up for the admin moderation tests: a real server, staff of every moderation role,
// members who file reports and book sessions, and helpers for cases and If-Match.
#pragma once

#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <map>
#include <memory>

namespace skillex::testutils {

class AdminCaseFixture {
public:
    TestServer server;
    Actor mod1, mod2, senior1, senior2, admin, viewer;
    qint64 skill = 0;

    bool start(const QStringList &arguments = {})
    {
        if (!server.start(arguments)) {
            qWarning("server did not start: %s", qPrintable(server.error()));
            return false;
        }
        mod1 = signInStaff(server, QStringLiteral("moderator"));
        mod2 = signInStaff(server, QStringLiteral("moderator"));
        senior1 = signInStaff(server, QStringLiteral("senior_moderator"));
        senior2 = signInStaff(server, QStringLiteral("senior_moderator"));
        admin = signInStaff(server, QStringLiteral("admin"));
        viewer = signInStaff(server, QStringLiteral("viewer"));
        skill =
            sql(QStringLiteral("SELECT MIN(id) FROM skills WHERE status = 'active'")).toLongLong();
        return mod1.isValid() && mod2.isValid() && senior1.isValid() && senior2.isValid() &&
               admin.isValid() && viewer.isValid() && skill > 0;
    }

    TestHttp &as(const Actor &a)
    {
        auto &client = m_clients[a.id];
        if (!client)
            client = std::make_unique<TestHttp>(server.baseUrl());
        client->setBearer(a.accessToken);
        return *client;
    }

    QVariant sql(const QString &statement, const QVariantMap &bindings = {})
    {
        QString error;
        const QVariant v = sqlScalar(server.databaseUrl(), statement, bindings, &error);
        if (!error.isEmpty())
            qWarning("sql failed: %s (%s)", qPrintable(error), qPrintable(statement));
        return v;
    }

    bool exec(const QString &statement, const QVariantMap &bindings = {})
    {
        QString error;
        const bool ok = sqlExec(server.databaseUrl(), statement, bindings, &error);
        if (!ok)
            qWarning("sql failed: %s (%s)", qPrintable(error), qPrintable(statement));
        return ok;
    }

    Actor member(const QString &name = {}) { return signUpMember(server, name); }

    // A reporter with reports to spare (30 an hour each).
    Actor &reporter()
    {
        if (m_reporterUses++ % 25 == 0)
            m_reporter = member(QStringLiteral("Reporter %1").arg(m_reporterUses));
        return m_reporter;
    }

    // Files a report and returns the case it went into.
    qint64 reportCase(qint64 subjectId, const QString &type = QStringLiteral("user"),
                      const QString &category = QStringLiteral("spam"),
                      const QString &description = QStringLiteral("Please look at this."))
    {
        const auto r =
            as(reporter())
                .post(QStringLiteral("/api/v1/reports"),
                      {{QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), type},
                                                               {QStringLiteral("id"), subjectId}}},
                       {QStringLiteral("category"), category},
                       {QStringLiteral("description"), description}});
        if (r.status != 201) {
            qWarning("report answered %d %s", r.status, r.body.constData());
            return 0;
        }
        return sql(QStringLiteral("SELECT case_id FROM reports WHERE id = :r"),
                   {{QStringLiteral(":r"), r.json().value(QStringLiteral("id")).toInteger()}})
            .toLongLong();
    }

    // A case about a fresh member.
    qint64 newCase(Actor *subject = nullptr, const QString &category = QStringLiteral("spam"),
                   const QString &description = QStringLiteral("Please look at this."))
    {
        const Actor m = member();
        if (subject)
            *subject = m;
        return reportCase(m.id, QStringLiteral("user"), category, description);
    }

    QByteArray etag(qint64 caseId) { return '"' + QByteArray::number(caseVersion(caseId)) + '"'; }
    qint64 caseVersion(qint64 caseId)
    {
        return sql(QStringLiteral("SELECT version FROM cases WHERE id = :c"),
                   {{QStringLiteral(":c"), caseId}})
            .toLongLong();
    }
    QString caseStatus(qint64 caseId)
    {
        return sql(QStringLiteral("SELECT status FROM cases WHERE id = :c"),
                   {{QStringLiteral(":c"), caseId}})
            .toString();
    }
    QString userStatus(qint64 userId)
    {
        return sql(QStringLiteral("SELECT status FROM users WHERE id = :u"),
                   {{QStringLiteral(":u"), userId}})
            .toString();
    }

    // POST to a case endpoint with the case's current ETag.
    TestResponse caseCall(const Actor &who, qint64 caseId, const QString &what,
                          const QJsonObject &body = {})
    {
        return as(who).post(QStringLiteral("/api/v1/admin/cases/%1/%2").arg(caseId).arg(what), body,
                            {{"if-match", etag(caseId)}});
    }

    TestResponse act(const Actor &who, qint64 caseId, const QString &action, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("action"), action);
        if (!extra.contains(QStringLiteral("reason")) &&
            !extra.contains(QStringLiteral("canned_reason_id")))
            extra.insert(QStringLiteral("reason"), QStringLiteral("Breaks the rules."));
        return caseCall(who, caseId, QStringLiteral("actions"), extra);
    }

    // An upcoming session offered by teacher, and optionally booked by learner.
    qint64 offer(const Actor &teacher, qint64 inHours = 72)
    {
        const QString startsAt =
            QDateTime::currentDateTimeUtc().addSecs(inHours * 3600).toString(Qt::ISODateWithMs);
        const auto r = as(teacher).post(QStringLiteral("/api/v1/sessions"),
                                        {{QStringLiteral("skill_id"), skill},
                                         {QStringLiteral("starts_at"), startsAt},
                                         {QStringLiteral("price"), 10}});
        if (r.status != 201)
            qWarning("offer answered %d %s", r.status, r.body.constData());
        return r.json().value(QStringLiteral("id")).toInteger();
    }
    qint64 book(const Actor &learner, qint64 session)
    {
        const auto r =
            as(learner).post(QStringLiteral("/api/v1/sessions/%1/book").arg(session), {});
        if (r.status != 201 && r.status != 200)
            qWarning("book answered %d %s", r.status, r.body.constData());
        return r.json().value(QStringLiteral("id")).toInteger();
    }
    qint64 available(qint64 userId)
    {
        return sql(QStringLiteral("SELECT credits_posted - debits_posted - debits_pending FROM "
                                  "ledger_accounts WHERE id = :a"),
                   {{QStringLiteral(":a"), QStringLiteral("user:%1").arg(userId)}})
            .toLongLong();
    }
    bool ledgerHolds()
    {
        QByteArray out, err;
        const int code = server.runCommand({QStringLiteral("admin"), QStringLiteral("check-ledger"),
                                            QStringLiteral("--db"), server.databaseUrl()},
                                           {}, &out, &err);
        if (code != 0)
            qWarning("check-ledger: %s %s", out.constData(), err.constData());
        return code == 0;
    }
    int count(const QString &statement, const QVariantMap &bindings = {})
    {
        return sql(statement, bindings).toInt();
    }
    // The newest event of a type about a case, decoded.
    QJsonObject lastEvent(const QString &type, const QString &subjectId)
    {
        return QJsonDocument::fromJson(
                   sql(QStringLiteral("SELECT data FROM events WHERE type = :t AND subject_id = :s "
                                      "ORDER BY seq DESC LIMIT 1"),
                       {{QStringLiteral(":t"), type}, {QStringLiteral(":s"), subjectId}})
                       .toString()
                       .toUtf8())
            .object();
    }

private:
    std::map<qint64, std::unique_ptr<TestHttp>> m_clients;
    Actor m_reporter;
    int m_reporterUses = 0;
};

} // namespace skillex::testutils
