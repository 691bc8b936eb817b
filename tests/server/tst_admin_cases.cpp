// The admin case API against the real server: the case state table move by move (every
// allowed move, refused ones answer 409 naming the current state), If-Match (428, 412 with the
// current case), claim/release/escalate/notes with history, audit and events, the queue's
// filters, sorts and keyset pages, counts, detail and evidence attachments, bulk actions with
// partial failure, and canned reasons.
#include "protocol/problem.h"
#include "tests/server/admincasetestbase.h"

#include <QCryptographicHash>
#include <QSet>
#include <QUuid>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

class TestAdminCases : public QObject {
    Q_OBJECT
    AdminCaseFixture f;

    const Actor &who(const QString &name)
    {
        return name == QStringLiteral("senior") ? f.senior1 : f.mod1;
    }

    // Puts a fresh case in a state (as the moves before it would have left it).
    qint64 caseIn(const QString &status, const Actor &assignee)
    {
        const qint64 id = f.newCase();
        const bool assigned = status == QStringLiteral("assigned");
        const bool closed = status != QStringLiteral("open") &&
                            status != QStringLiteral("assigned") &&
                            status != QStringLiteral("escalated");
        f.exec(QStringLiteral("UPDATE cases SET status = :s, assignee_id = :a, closed_at = :t, "
                              "decided_by = :d WHERE id = :c"),
               {{QStringLiteral(":s"), status},
                {QStringLiteral(":a"),
                 assigned ? QVariant(assignee.id) : QVariant(QMetaType::fromType<qint64>())},
                {QStringLiteral(":t"), closed ? QVariant(QDateTime::currentMSecsSinceEpoch())
                                              : QVariant(QMetaType::fromType<qint64>())},
                {QStringLiteral(":d"),
                 closed ? QVariant(f.mod2.id) : QVariant(QMetaType::fromType<qint64>())},
                {QStringLiteral(":c"), id}});
        return id;
    }

private slots:
    void initTestCase() { QVERIFY(f.start()); }

    void stateMachine_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QString>("move"); // claim, release, escalate, dismiss, warn, upheld
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("to");
        // Allowed moves.
        QTest::newRow("open -> assigned") << "open"
                                          << "mod"
                                          << "claim" << 200 << "assigned";
        QTest::newRow("open -> escalated") << "open"
                                           << "mod"
                                           << "escalate" << 200 << "escalated";
        QTest::newRow("open -> resolved") << "open"
                                          << "mod"
                                          << "warn" << 200 << "resolved";
        QTest::newRow("open -> dismissed") << "open"
                                           << "mod"
                                           << "dismiss" << 200 << "dismissed";
        QTest::newRow("assigned -> open") << "assigned"
                                          << "mod"
                                          << "release" << 200 << "open";
        QTest::newRow("assigned -> escalated") << "assigned"
                                               << "mod"
                                               << "escalate" << 200 << "escalated";
        QTest::newRow("assigned -> resolved") << "assigned"
                                              << "mod"
                                              << "warn" << 200 << "resolved";
        QTest::newRow("assigned -> dismissed") << "assigned"
                                               << "mod"
                                               << "dismiss" << 200 << "dismissed";
        QTest::newRow("escalated -> assigned") << "escalated"
                                               << "senior"
                                               << "claim" << 200 << "assigned";
        QTest::newRow("escalated -> resolved") << "escalated"
                                               << "senior"
                                               << "warn" << 200 << "resolved";
        QTest::newRow("escalated -> dismissed") << "escalated"
                                                << "senior"
                                                << "dismiss" << 200 << "dismissed";
        QTest::newRow("appealed -> appeal_upheld") << "appealed"
                                                   << "senior"
                                                   << "upheld" << 200 << "appeal_upheld";
        QTest::newRow("appealed -> appeal_overturned")
            << "appealed"
            << "senior"
            << "overturned" << 200 << "appeal_overturned";
        // Escalated cases are for seniors.
        QTest::newRow("escalated, moderator claims") << "escalated"
                                                     << "mod"
                                                     << "claim" << 403 << "escalated";
        QTest::newRow("escalated, moderator dismisses") << "escalated"
                                                        << "mod"
                                                        << "dismiss" << 403 << "escalated";
        // Refused moves: 409 naming the state.
        QTest::newRow("open -> open") << "open"
                                      << "mod"
                                      << "release" << 409 << "open";
        QTest::newRow("escalated -> escalated") << "escalated"
                                                << "senior"
                                                << "escalate" << 409 << "escalated";
        QTest::newRow("escalated -> open") << "escalated"
                                           << "senior"
                                           << "release" << 409 << "escalated";
        QTest::newRow("resolved -> assigned") << "resolved"
                                              << "mod"
                                              << "claim" << 409 << "resolved";
        QTest::newRow("resolved -> dismissed") << "resolved"
                                               << "mod"
                                               << "dismiss" << 409 << "resolved";
        QTest::newRow("resolved -> escalated") << "resolved"
                                               << "mod"
                                               << "escalate" << 409 << "resolved";
        QTest::newRow("dismissed -> assigned") << "dismissed"
                                               << "mod"
                                               << "claim" << 409 << "dismissed";
        QTest::newRow("dismissed -> resolved") << "dismissed"
                                               << "senior"
                                               << "warn" << 409 << "dismissed";
        QTest::newRow("appealed -> assigned") << "appealed"
                                              << "senior"
                                              << "claim" << 409 << "appealed";
        QTest::newRow("appealed -> resolved") << "appealed"
                                              << "senior"
                                              << "warn" << 409 << "appealed";
        QTest::newRow("open -> appeal_upheld") << "open"
                                               << "senior"
                                               << "upheld" << 409 << "open";
        QTest::newRow("resolved -> appeal_overturned") << "resolved"
                                                       << "senior"
                                                       << "overturned" << 409 << "resolved";
        QTest::newRow("appeal_upheld -> appeal_overturned")
            << "appeal_upheld"
            << "senior"
            << "overturned" << 409 << "appeal_upheld";
        QTest::newRow("appeal_overturned -> assigned") << "appeal_overturned"
                                                       << "senior"
                                                       << "claim" << 409 << "appeal_overturned";
    }

    void stateMachine()
    {
        QFETCH(QString, from);
        QFETCH(QString, actor);
        QFETCH(QString, move);
        QFETCH(int, expected);
        QFETCH(QString, to);
        const Actor &a = who(actor);
        const qint64 id = caseIn(from, a);
        QVERIFY(id > 0);
        TestResponse r;
        if (move == QStringLiteral("claim") || move == QStringLiteral("release"))
            r = f.caseCall(a, id, move);
        else if (move == QStringLiteral("escalate"))
            r = f.caseCall(a, id, move,
                           {{QStringLiteral("note"), QStringLiteral("Needs a senior.")}});
        else if (move == QStringLiteral("upheld") || move == QStringLiteral("overturned"))
            r = f.caseCall(a, id, QStringLiteral("appeal-decisions"),
                           {{QStringLiteral("decision"), move},
                            {QStringLiteral("reason"), QStringLiteral("Looked again.")}});
        else
            r = f.act(a, id, move);
        QVERIFY2(r.status == expected, r.body.constData());
        QCOMPARE(f.caseStatus(id), to);
        if (expected == 409) {
            QCOMPARE(r.problemType(), pt::kCaseState);
            QCOMPARE(r.json().value(QStringLiteral("current_state")).toString(), from);
            QVERIFY(r.json().value(QStringLiteral("detail")).toString().contains(from));
            QCOMPARE(r.json()
                         .value(QStringLiteral("current"))
                         .toObject()
                         .value(QStringLiteral("id"))
                         .toInteger(),
                     id);
        }
        if (expected == 200) {
            QCOMPARE(r.header("etag"), f.etag(id));
            QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM case_history WHERE case_id = :c "
                                            "AND to_status = :s AND from_status = :f"),
                             {{QStringLiteral(":c"), id},
                              {QStringLiteral(":s"), to},
                              {QStringLiteral(":f"), from}}),
                     1);
        }
    }

    void ifMatch()
    {
        const qint64 id = f.newCase();
        auto &http = f.as(f.mod1);
        const QString path = QStringLiteral("/api/v1/admin/cases/%1/claim").arg(id);
        const auto missing = http.post(path, {});
        QCOMPARE(missing.status, 428);
        QCOMPARE(missing.problemType(), pt::kPreconditionRequired);
        const auto stale = http.post(path, {}, {{"if-match", "\"999\""}});
        QCOMPARE(stale.status, 412);
        QCOMPARE(stale.problemType(), pt::kPreconditionFailed);
        QCOMPARE(stale.json()
                     .value(QStringLiteral("current"))
                     .toObject()
                     .value(QStringLiteral("version"))
                     .toInteger(),
                 f.caseVersion(id));
        QCOMPARE(stale.header("etag"), f.etag(id));
        const auto detail = http.get(QStringLiteral("/api/v1/admin/cases/%1").arg(id));
        QCOMPARE(detail.status, 200);
        const auto ok = http.post(path, {}, {{"if-match", detail.header("etag")}});
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json().value(QStringLiteral("version")).toInteger(),
                 detail.json().value(QStringLiteral("version")).toInteger() + 1);
        // The old ETag is stale now.
        QCOMPARE(http.post(QStringLiteral("/api/v1/admin/cases/%1/release").arg(id), {},
                           {{"if-match", detail.header("etag")}})
                     .status,
                 412);
    }

    void claimReleaseEscalateNotes()
    {
        Actor subject;
        const qint64 id = f.newCase(&subject);
        QCOMPARE(f.caseCall(f.mod1, id, QStringLiteral("claim")).status, 200);
        // Someone else's case: claiming again is not a move from assigned; releasing is theirs.
        const auto again = f.caseCall(f.mod2, id, QStringLiteral("claim"));
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json().value(QStringLiteral("current_state")).toString(),
                 QStringLiteral("assigned"));
        const auto notMine = f.caseCall(f.mod2, id, QStringLiteral("release"));
        QCOMPARE(notMine.status, 409);
        QCOMPARE(notMine.problemType(), pt::kCaseAssigned);
        QCOMPARE(f.act(f.mod2, id, QStringLiteral("dismiss")).problemType(), pt::kCaseAssigned);
        QCOMPARE(f.caseCall(f.mod1, id, QStringLiteral("release")).status, 200);
        QCOMPARE(f.caseCall(f.mod1, id, QStringLiteral("claim")).status, 200);
        // Escalation needs a note.
        QCOMPARE(f.caseCall(f.mod1, id, QStringLiteral("escalate")).status, 400);
        const auto esc =
            f.caseCall(f.mod1, id, QStringLiteral("escalate"),
                       {{QStringLiteral("note"), QStringLiteral("Looks like fraud.")}});
        QCOMPARE(esc.status, 200);
        QCOMPARE(esc.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("escalated"));
        QVERIFY(esc.json().value(QStringLiteral("assignee")).isNull());
        QCOMPARE(f.caseCall(f.mod1, id, QStringLiteral("claim")).status, 403);
        const auto senior = f.caseCall(f.senior1, id, QStringLiteral("claim"));
        QCOMPARE(senior.status, 200);
        QCOMPARE(senior.json()
                     .value(QStringLiteral("assignee"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 f.senior1.id);
        // Notes: bounded, internal, in the history.
        QCOMPARE(f.caseCall(f.mod1, id, QStringLiteral("notes"),
                            {{QStringLiteral("text"), QString(4001, QLatin1Char('x'))}})
                     .status,
                 400);
        QCOMPARE(f.caseCall(f.mod1, id, QStringLiteral("notes"),
                            {{QStringLiteral("text"), QStringLiteral("")}})
                     .status,
                 400);
        const auto note =
            f.caseCall(f.mod1, id, QStringLiteral("notes"),
                       {{QStringLiteral("text"), QStringLiteral("Called the reporter.")}});
        QCOMPARE(note.status, 201);
        // Viewers and finance cannot work cases.
        QCOMPARE(f.as(f.viewer).get(QStringLiteral("/api/v1/admin/cases/%1").arg(id)).status, 403);

        const QJsonObject detail =
            f.as(f.mod1).get(QStringLiteral("/api/v1/admin/cases/%1").arg(id)).json();
        const QJsonArray notes = detail.value(QStringLiteral("notes")).toArray();
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.at(0)
                     .toObject()
                     .value(QStringLiteral("details"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("Called the reporter."));
        QStringList actions;
        for (const QJsonValue &h : detail.value(QStringLiteral("history")).toArray())
            actions.push_back(h.toObject().value(QStringLiteral("action")).toString());
        QCOMPARE(actions, (QStringList{"opened", "claimed", "released", "claimed", "escalated",
                                       "claimed", "note"}));
        // Every staff change is audited with before and after, and an event carries the summary.
        QCOMPARE(
            f.count(
                QStringLiteral(
                    "SELECT COUNT(*) FROM audit_log WHERE target_type = 'case' AND target_id = :c"),
                {{QStringLiteral(":c"), QString::number(id)}}),
            6);
        QVERIFY(!f.sql(QStringLiteral("SELECT before_json FROM audit_log WHERE action = "
                                      "'case.escalate' AND target_id = :c"),
                       {{QStringLiteral(":c"), QString::number(id)}})
                     .toString()
                     .isEmpty());
        const QJsonObject event = f.lastEvent(QStringLiteral("case.claimed"), QString::number(id));
        QCOMPARE(event.value(QStringLiteral("status")).toString(), QStringLiteral("assigned"));
        QCOMPARE(event.value(QStringLiteral("assignee"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 f.senior1.name);
        QCOMPARE(event.value(QStringLiteral("subject_user"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 subject.id);
        for (const char *key :
             {"id", "priority", "severity", "category", "subject", "report_count", "reporter_count",
              "opened_at", "sla_due_at", "closed_at", "version"})
            QVERIFY2(event.contains(QLatin1String(key)), key);
        QCOMPARE(event.value(QStringLiteral("change"))
                     .toObject()
                     .value(QStringLiteral("action"))
                     .toString(),
                 QStringLiteral("claimed"));
        // Report intake writes the history and the summary in its events too.
        const QJsonObject opened = f.lastEvent(QStringLiteral("case.opened"), QString::number(id));
        QCOMPARE(opened.value(QStringLiteral("subject_user"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 subject.name);
    }

    void queueFiltersSortsAndPages()
    {
        const QString token =
            QStringLiteral("zq") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        QSet<qint64> mine;
        QList<qint64> ids;
        const QStringList categories{QStringLiteral("spam"), QStringLiteral("harassment"),
                                     QStringLiteral("impersonation")};
        for (int i = 0; i < 12; ++i) {
            const qint64 id = f.newCase(nullptr, categories.at(i % 3),
                                        QStringLiteral("Case %1 %2").arg(token).arg(i));
            QVERIFY(id > 0);
            ids.push_back(id);
        }
        // Spread the opening times and SLAs so that every sort has its own order, with ties.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < ids.size(); ++i)
            QVERIFY(f.exec(
                QStringLiteral("UPDATE cases SET opened_at = :o, sla_due_at = :s WHERE id = :c"),
                {{QStringLiteral(":o"), now - (i % 4) * 3600000LL},
                 {QStringLiteral(":s"), now + (i % 5 - 2) * 3600000LL},
                 {QStringLiteral(":c"), ids.at(i)}}));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(f.caseCall(f.mod1, ids.at(i), QStringLiteral("claim")).status, 200);
            mine.insert(ids.at(i));
        }
        auto page = [&](const QString &query) {
            QList<qint64> seen;
            QString next;
            QJsonArray all;
            for (int guard = 0; guard < 20; ++guard) {
                QString path =
                    QStringLiteral("/api/v1/admin/cases?text=%1&limit=5%2").arg(token, query);
                if (!next.isEmpty())
                    path += QStringLiteral("&after=") + next;
                const auto r = f.as(f.mod1).get(path);
                if (r.status != 200) {
                    qWarning("%s -> %d %s", qPrintable(path), r.status, r.body.constData());
                    return QJsonArray();
                }
                for (const QJsonValue &v : r.json().value(QStringLiteral("items")).toArray())
                    all.push_back(v);
                const QJsonValue n = r.json().value(QStringLiteral("next"));
                if (n.isNull())
                    break;
                next = n.toString();
            }
            return all;
        };
        for (const QString &sort :
             {QStringLiteral("priority"), QStringLiteral("age"), QStringLiteral("sla")}) {
            const QJsonArray all = page(QStringLiteral("&sort=") + sort);
            QCOMPARE(all.size(), ids.size());
            QSet<qint64> unique;
            for (int i = 0; i < all.size(); ++i) {
                const QJsonObject c = all.at(i).toObject();
                unique.insert(c.value(QStringLiteral("id")).toInteger());
                if (i == 0)
                    continue;
                const QJsonObject p = all.at(i - 1).toObject();
                if (sort == QStringLiteral("priority"))
                    QVERIFY(p.value(QStringLiteral("priority")).toDouble() >=
                            c.value(QStringLiteral("priority")).toDouble());
                else {
                    const QString key = sort == QStringLiteral("age")
                                            ? QStringLiteral("opened_at")
                                            : QStringLiteral("sla_due_at");
                    QVERIFY(p.value(key).toString() <= c.value(key).toString());
                }
            }
            QCOMPARE(unique.size(), ids.size()); // no duplicates, no gaps
        }
        QCOMPARE(page(QStringLiteral("&assignee=me")).size(), 3);
        QCOMPARE(page(QStringLiteral("&assignee=%1").arg(f.mod1.id)).size(), 3);
        QCOMPARE(page(QStringLiteral("&assignee=none")).size(), 9);
        QCOMPARE(page(QStringLiteral("&status=assigned")).size(), 3);
        QCOMPARE(page(QStringLiteral("&status=open,assigned")).size(), 12);
        QCOMPARE(page(QStringLiteral("&category=harassment")).size(), 4);
        QCOMPARE(page(QStringLiteral("&severity=high")).size(), 4);
        QCOMPARE(page(QStringLiteral("&severity=medium")).size(), 4);
        // SLA offsets -2h, -1h and 0 (due by the time we ask) are breached: i % 5 in {0, 1, 2},
        // 8 of the 12.
        QCOMPARE(page(QStringLiteral("&sla_breached=true")).size(), 8);
        QCOMPARE(page(QStringLiteral("&sla_breached=false")).size(), 4);
        const QJsonObject one = page(QStringLiteral("&sort=age")).at(0).toObject();
        const qint64 subjectId =
            one.value(QStringLiteral("subject")).toObject().value(QStringLiteral("id")).toInteger();
        QCOMPARE(page(QStringLiteral("&subject=user:%1").arg(subjectId)).size(), 1);
        QCOMPARE(page(QStringLiteral("&subject_user=%1").arg(subjectId)).size(), 1);
        // Items carry the summary shape.
        for (const char *key : {"id", "status", "priority", "severity", "category", "subject",
                                "subject_user", "report_count", "reporter_count", "assignee",
                                "opened_at", "sla_due_at", "closed_at", "version"})
            QVERIFY2(one.contains(QLatin1String(key)), key);
        // Bad input is a 400, never ignored.
        auto &http = f.as(f.mod1);
        for (const QString &q :
             {QStringLiteral("colour=red"), QStringLiteral("sort=random"),
              QStringLiteral("status=lost"), QStringLiteral("assignee=someone"),
              QStringLiteral("subject=planet:3"), QStringLiteral("sla_breached=maybe"),
              QStringLiteral("limit=501"), QStringLiteral("after=%%%"),
              QStringLiteral("sort=age&after=") +
                  QString::fromLatin1(QByteArray("x|y").toBase64(QByteArray::Base64UrlEncoding))})
            QVERIFY2(http.get(QStringLiteral("/api/v1/admin/cases?") + q).status == 400,
                     qPrintable(q));
        QCOMPARE(f.as(f.viewer).get(QStringLiteral("/api/v1/admin/cases")).status, 403);
    }

    void counts()
    {
        const auto before = f.as(f.mod2).get(QStringLiteral("/api/v1/admin/cases/counts"));
        QCOMPARE(before.status, 200);
        const qint64 id = f.newCase();
        QCOMPARE(f.caseCall(f.mod2, id, QStringLiteral("claim")).status, 200);
        const QJsonObject after =
            f.as(f.mod2).get(QStringLiteral("/api/v1/admin/cases/counts")).json();
        QCOMPARE(after.value(QStringLiteral("mine")).toInteger(),
                 before.json().value(QStringLiteral("mine")).toInteger() + 1);
        QCOMPARE(after.value(QStringLiteral("by_status"))
                     .toObject()
                     .value(QStringLiteral("assigned"))
                     .toInteger(),
                 before.json()
                         .value(QStringLiteral("by_status"))
                         .toObject()
                         .value(QStringLiteral("assigned"))
                         .toInteger() +
                     1);
        for (const char *key : {"unassigned", "high_severity", "escalated", "appealed",
                                "sla_breached", "ban_approvals_pending"})
            QVERIFY2(after.value(QLatin1String(key)).isDouble(), key);
        QCOMPARE(after.value(QStringLiteral("unassigned")).toInteger(),
                 f.count(QStringLiteral("SELECT COUNT(*) FROM cases WHERE status = 'open'")));
    }

    void detailAndAttachment()
    {
        Actor subject;
        const qint64 id =
            f.newCase(&subject, QStringLiteral("harassment"), QStringLiteral("Rude messages"));
        const QByteArray bytes =
            QByteArray("%PDF-1.4 evidence ") + QUuid::createUuid().toByteArray();
        const QString sha = QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        QVERIFY(f.exec(QStringLiteral("INSERT INTO attachments (sha256, mime, size, data, "
                                      "created_at) VALUES (:h, 'application/pdf', :s, :d, 0)"),
                       {{QStringLiteral(":h"), sha},
                        {QStringLiteral(":s"), bytes.size()},
                        {QStringLiteral(":d"), bytes}}));
        QVERIFY(
            f.exec(QStringLiteral("INSERT INTO evidence_attachments (evidence_id, sha256) VALUES "
                                  "((SELECT MIN(id) FROM evidence WHERE case_id = :c), :h)"),
                   {{QStringLiteral(":c"), id}, {QStringLiteral(":h"), sha}}));
        const auto r = f.as(f.mod1).get(QStringLiteral("/api/v1/admin/cases/%1").arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("etag"), f.etag(id));
        const QJsonObject d = r.json();
        const QJsonObject report = d.value(QStringLiteral("reports")).toArray().at(0).toObject();
        QCOMPARE(report.value(QStringLiteral("description")).toString(),
                 QStringLiteral("Rude messages"));
        QVERIFY(!report.value(QStringLiteral("reporter"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString()
                     .isEmpty());
        const QJsonObject evidence = d.value(QStringLiteral("evidence")).toArray().at(0).toObject();
        QCOMPARE(evidence.value(QStringLiteral("kind")).toString(), QStringLiteral("user"));
        const QJsonObject file =
            evidence.value(QStringLiteral("attachments")).toArray().at(0).toObject();
        QCOMPARE(file.value(QStringLiteral("sha256")).toString(), sha);
        QCOMPARE(file.value(QStringLiteral("size")).toInteger(), bytes.size());
        QCOMPARE(file.value(QStringLiteral("content_type")).toString(),
                 QStringLiteral("application/pdf"));
        const QJsonObject terms = d.value(QStringLiteral("priority_explanation")).toObject();
        QCOMPARE(terms.value(QStringLiteral("severity_weight")).toDouble(), 60.0);
        QVERIFY(terms.value(QStringLiteral("total")).toDouble() > 0);
        const QJsonObject context = d.value(QStringLiteral("subject_context")).toObject();
        QCOMPARE(context.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 subject.id);
        QCOMPARE(context.value(QStringLiteral("wallet"))
                     .toObject()
                     .value(QStringLiteral("available"))
                     .toInteger(),
                 f.available(subject.id));
        QCOMPARE(context.value(QStringLiteral("reports_against")).toInteger(), 1);
        QCOMPARE(context.value(QStringLiteral("live_strikes")).toInteger(), 0);
        for (const char *key :
             {"prior_cases", "sanctions", "sessions", "rating", "account_age_days", "reports_by"})
            QVERIFY2(context.contains(QLatin1String(key)), key);
        QCOMPARE(d.value(QStringLiteral("suggested_action"))
                     .toObject()
                     .value(QStringLiteral("action"))
                     .toString(),
                 QStringLiteral("warn"));
        QCOMPARE(d.value(QStringLiteral("history")).toArray().size(), 1);

        const auto download = f.as(f.mod1).get(QStringLiteral("/api/v1/admin/attachments/") + sha);
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body, bytes);
        QCOMPARE(download.header("content-type"), QByteArray("application/pdf"));
        QCOMPARE(f.as(f.viewer).get(QStringLiteral("/api/v1/admin/attachments/") + sha).status,
                 403);
        // Stored, but not evidence of any case: not served here.
        const QByteArray other = QUuid::createUuid().toByteArray();
        const QString otherSha = QString::fromLatin1(
            QCryptographicHash::hash(other, QCryptographicHash::Sha256).toHex());
        QVERIFY(f.exec(QStringLiteral("INSERT INTO attachments (sha256, mime, size, data, "
                                      "created_at) VALUES (:h, 'image/png', 1, :d, 0)"),
                       {{QStringLiteral(":h"), otherSha}, {QStringLiteral(":d"), other}}));
        QCOMPARE(f.as(f.mod1).get(QStringLiteral("/api/v1/admin/attachments/") + otherSha).status,
                 404);
        QCOMPARE(f.as(f.mod1).get(QStringLiteral("/api/v1/admin/attachments/not-a-hash")).status,
                 404);
        QCOMPARE(f.as(f.mod1).get(QStringLiteral("/api/v1/admin/cases/999999999")).status, 404);
    }

    void bulkActionsReportEachCase()
    {
        QList<qint64> open;
        for (int i = 0; i < 3; ++i)
            open.push_back(f.newCase());
        const qint64 closed = f.newCase();
        QCOMPARE(f.act(f.mod1, closed, QStringLiteral("dismiss")).status, 200);
        const qint64 claimed = f.newCase();
        QCOMPARE(f.caseCall(f.mod2, claimed, QStringLiteral("claim")).status, 200);
        QJsonArray ids;
        for (qint64 id : open)
            ids.push_back(id);
        ids.push_back(closed);
        ids.push_back(claimed);
        ids.push_back(999999999);
        const auto r = f.as(f.mod1).post(
            QStringLiteral("/api/v1/admin/cases/bulk-actions"),
            {{QStringLiteral("case_ids"), ids},
             {QStringLiteral("action"), QStringLiteral("dismiss")},
             {QStringLiteral("reason"), QStringLiteral("Duplicate spam reports.")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("succeeded")).toInt(), 3);
        QCOMPARE(r.json().value(QStringLiteral("failed")).toInt(), 3);
        const QJsonArray results = r.json().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 6);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(results.at(i).toObject().value(QStringLiteral("ok")).toBool());
            QCOMPARE(f.caseStatus(open.at(i)), QStringLiteral("dismissed"));
        }
        auto problem = [&](int i) {
            return results.at(i).toObject().value(QStringLiteral("problem")).toObject();
        };
        QCOMPARE(results.at(3).toObject().value(QStringLiteral("status")).toInt(), 409);
        QCOMPARE(problem(3).value(QStringLiteral("type")).toString(), pt::kCaseState);
        QCOMPARE(problem(4).value(QStringLiteral("type")).toString(), pt::kCaseAssigned);
        QCOMPARE(results.at(5).toObject().value(QStringLiteral("status")).toInt(), 404);
        QCOMPARE(f.caseStatus(claimed), QStringLiteral("assigned"));
        // Bounded and validated.
        QJsonArray tooMany;
        for (int i = 1; i <= 201; ++i)
            tooMany.push_back(i);
        QCOMPARE(f.as(f.mod1)
                     .post(QStringLiteral("/api/v1/admin/cases/bulk-actions"),
                           {{QStringLiteral("case_ids"), tooMany},
                            {QStringLiteral("action"), QStringLiteral("dismiss")},
                            {QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 400);
        QCOMPARE(f.as(f.mod1)
                     .post(QStringLiteral("/api/v1/admin/cases/bulk-actions"),
                           {{QStringLiteral("case_ids"), QJsonArray{1, 1}},
                            {QStringLiteral("action"), QStringLiteral("dismiss")},
                            {QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 400);
        QCOMPARE(f.as(f.mod1)
                     .post(QStringLiteral("/api/v1/admin/cases/bulk-actions"),
                           {{QStringLiteral("case_ids"), QJsonArray{1}},
                            {QStringLiteral("action"), QStringLiteral("vaporise")},
                            {QStringLiteral("reason"), QStringLiteral("x")}})
                     .status,
                 400);
    }

    void cannedReasons()
    {
        auto &mod = f.as(f.mod1);
        const auto list = mod.get(QStringLiteral("/api/v1/admin/canned-reasons"));
        QCOMPARE(list.status, 200);
        QVERIFY(list.json().value(QStringLiteral("items")).toArray().size() >= 5);
        const QJsonObject body{{QStringLiteral("title"), QStringLiteral("Spam warning")},
                               {QStringLiteral("template"),
                                QStringLiteral("{member_name}: {category} on case {case_id}.")},
                               {QStringLiteral("actions"), QJsonArray{QStringLiteral("warn")}}};
        QCOMPARE(mod.post(QStringLiteral("/api/v1/admin/canned-reasons"), body).status, 403);
        auto &admin = f.as(f.admin);
        const auto created = admin.post(QStringLiteral("/api/v1/admin/canned-reasons"), body);
        QCOMPARE(created.status, 201);
        const qint64 rid = created.json().value(QStringLiteral("id")).toInteger();
        const QString path = QStringLiteral("/api/v1/admin/canned-reasons/%1").arg(rid);
        const QByteArray patch = R"({"title": "Spam: formal warning"})";
        QCOMPARE(admin.send("PATCH", path, patch, {{"content-type", "application/json"}}).status,
                 428);
        const auto stale = admin.send(
            "PATCH", path, patch, {{"content-type", "application/json"}, {"if-match", "\"7\""}});
        QCOMPARE(stale.status, 412);
        QCOMPARE(stale.json()
                     .value(QStringLiteral("current"))
                     .toObject()
                     .value(QStringLiteral("version"))
                     .toInt(),
                 1);
        const auto patched = admin.send(
            "PATCH", path, patch,
            {{"content-type", "application/json"}, {"if-match", created.header("etag")}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json().value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(admin
                     .send("PATCH", path, R"({"actions": ["explode"]})",
                           {{"content-type", "application/json"}, {"if-match", "*"}})
                     .status,
                 400);

        // Used in an action: the placeholders are filled in.
        Actor subject;
        const qint64 id = f.newCase(&subject);
        QCOMPARE(f.act(f.mod1, id, QStringLiteral("dismiss"),
                       {{QStringLiteral("canned_reason_id"), rid}})
                     .status,
                 400); // warn only
        const auto warned =
            f.act(f.mod1, id, QStringLiteral("warn"), {{QStringLiteral("canned_reason_id"), rid}});
        QCOMPARE(warned.status, 200);
        QCOMPARE(warned.json().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("%1: spam on case %2.").arg(subject.name).arg(id));
        // A placeholder the server cannot fill must be given.
        const auto custom =
            admin.post(QStringLiteral("/api/v1/admin/canned-reasons"),
                       {{QStringLiteral("title"), QStringLiteral("Custom")},
                        {QStringLiteral("template"), QStringLiteral("See {link}.")}});
        const qint64 cid = custom.json().value(QStringLiteral("id")).toInteger();
        const qint64 other = f.newCase();
        QCOMPARE(f.act(f.mod1, other, QStringLiteral("dismiss"),
                       {{QStringLiteral("canned_reason_id"), cid}})
                     .status,
                 400);
        const auto filled =
            f.act(f.mod1, other, QStringLiteral("dismiss"),
                  {{QStringLiteral("canned_reason_id"), cid},
                   {QStringLiteral("placeholders"),
                    QJsonObject{{QStringLiteral("link"), QStringLiteral("rule 4")}}}});
        QCOMPARE(filled.status, 200);
        QCOMPARE(filled.json().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("See rule 4."));

        QCOMPARE(admin.send("DELETE", path, {}, {{"if-match", "\"1\""}}).status, 412);
        QCOMPARE(admin.send("DELETE", path, {}, {{"if-match", patched.header("etag")}}).status,
                 204);
        QCOMPARE(mod.get(path).status, 404);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE target_type = "
                                        "'canned_reason' AND target_id = :i"),
                         {{QStringLiteral(":i"), QString::number(rid)}}),
                 3);
    }

    void cleanupTestCase() { QVERIFY(f.server.stop()); }
};

QTEST_GUILESS_MAIN(TestAdminCases)
#include "tst_admin_cases.moc"
