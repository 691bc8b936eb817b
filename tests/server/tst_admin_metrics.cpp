// The dashboards against the real server on a simulated history: every figure equals the same
// metric computed here with SQL straight from the source tables (day, week and month buckets),
// the rollups follow live activity at once, roles and bad input are refused, and /metrics is
// valid Prometheus text that counts this test's requests.
#include "server/domain/metrics/dashboardmetrics.h"
#include "server/domain/metrics/metricsrollup.h"
#include "server/storage/database.h"
#include "server/storage/migrator.h"
#include "server/storage/sqlquery.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace skillex::testutils;

namespace {

constexpr qint64 kDay = 86400000;
const QDate kEpoch(1970, 1, 1);

qint64 dayOf(const QString &iso)
{
    return kEpoch.daysTo(QDate::fromString(iso, Qt::ISODate));
}
QString isoOf(qint64 day)
{
    return kEpoch.addDays(day).toString(Qt::ISODate);
}

// Members active in [a, b): a sign-in, a booking, a message or a completed session.
const QString kActiveSql = QStringLiteral(
    "SELECT COUNT(*) FROM (SELECT f.user_id AS u FROM token_families f JOIN users m ON m.id = "
    "f.user_id WHERE m.kind = 'member' AND f.created_at >= %1 AND f.created_at < %2 UNION SELECT "
    "learner_id FROM bookings WHERE created_at >= %1 AND created_at < %2 UNION SELECT sender_id "
    "FROM messages WHERE created_at >= %1 AND created_at < %2 UNION SELECT b.learner_id FROM "
    "bookings b WHERE b.status = 'completed' AND b.updated_at >= %1 AND b.updated_at < %2 UNION "
    "SELECT s.teacher_id FROM bookings b JOIN sessions s ON s.id = b.session_id WHERE b.status = "
    "'completed' AND b.updated_at >= %1 AND b.updated_at < %2) x");

struct ParsedMetrics {
    QHash<QString, double> samples; // "name{labels as sent}" -> value
    QString error;
};

// A small parser of the text exposition format 0.0.4: comments, TYPE before samples, names,
// label syntax with escapes, numeric values, cumulative histogram buckets.
ParsedMetrics parseExposition(const QByteArray &text)
{
    ParsedMetrics out;
    static const QRegularExpression name(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    static const QRegularExpression sample(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$"));
    static const QRegularExpression label(
        QStringLiteral("^([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\",?"));
    QHash<QString, QString> types;
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    if (!text.endsWith('\n'))
        out.error = QStringLiteral("no final newline");
    for (const QString &line : lines) {
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char('#'))) {
            const QStringList parts = line.split(QLatin1Char(' '));
            if (parts.size() < 3 ||
                (parts[1] != QStringLiteral("HELP") && parts[1] != QStringLiteral("TYPE")))
                continue;
            if (!name.match(parts[2]).hasMatch())
                out.error = QStringLiteral("bad name in ") + line;
            if (parts[1] == QStringLiteral("TYPE")) {
                if (types.contains(parts[2]))
                    out.error = QStringLiteral("TYPE twice: ") + line;
                types.insert(parts[2], parts.value(3));
            }
            continue;
        }
        const auto m = sample.match(line);
        if (!m.hasMatch()) {
            out.error = QStringLiteral("bad sample: ") + line;
            continue;
        }
        QString family = m.captured(1);
        for (const char *suffix : {"_bucket", "_sum", "_count"})
            if (!types.contains(family) && family.endsWith(QLatin1String(suffix)))
                family.chop(static_cast<int>(qstrlen(suffix)));
        if (!types.contains(family))
            out.error = QStringLiteral("sample before its TYPE: ") + line;
        QString labels = m.captured(3);
        while (!labels.isEmpty()) {
            const auto l = label.match(labels);
            if (!l.hasMatch()) {
                out.error = QStringLiteral("bad labels: ") + line;
                break;
            }
            labels = labels.mid(l.capturedLength());
        }
        bool ok = false;
        const QString v = m.captured(4);
        const double value = v == QStringLiteral("+Inf") ? INFINITY : v.toDouble(&ok);
        if (!ok && v != QStringLiteral("+Inf") && v != QStringLiteral("NaN"))
            out.error = QStringLiteral("bad value: ") + line;
        out.samples.insert(m.captured(1) + m.captured(2), value);
    }
    return out;
}

} // namespace

class TestAdminMetrics : public QObject {
    Q_OBJECT
    TestServer m_server;
    QString m_url;
    Actor m_admin;
    qint64 m_today = 0;

    TestResponse get(const Actor &who, const QString &path)
    {
        TestHttp http(m_server.baseUrl());
        if (!who.accessToken.isEmpty())
            http.setBearer(who.accessToken);
        return http.get(path);
    }
    QJsonObject dashboard(const QString &name, qint64 first, qint64 last, const QString &g)
    {
        const auto r = get(m_admin, QStringLiteral("/api/v1/admin/metrics/%1?from=%2&to=%3&"
                                                   "granularity=%4")
                                        .arg(name, isoOf(first), isoOf(last), g));
        if (r.status != 200)
            qWarning() << r.status << r.body;
        return r.json();
    }
    qint64 sql(const QString &text, qint64 firstDay, qint64 lastDay)
    {
        QString error;
        const QVariant v = sqlScalar(
            m_url, QString(text).arg(firstDay * kDay).arg((lastDay + 1) * kDay), {}, &error);
        if (!error.isEmpty())
            qWarning() << error << text;
        return v.toLongLong();
    }
    qint64 sql(const QString &text)
    {
        QString error;
        const QVariant v = sqlScalar(m_url, text, {}, &error);
        if (!error.isEmpty())
            qWarning() << error << text;
        return v.toLongLong();
    }
    std::vector<qint64> durations(const QString &column, qint64 first, qint64 last)
    {
        // Read one by one through the scalar helper: the cases are few.
        std::vector<qint64> out;
        const qint64 n = sql(QStringLiteral("SELECT COUNT(*) FROM cases WHERE %3 >= %1 AND %3 < "
                                            "%2")
                                 .arg(first * kDay)
                                 .arg((last + 1) * kDay)
                                 .arg(column));
        for (qint64 i = 0; i < n; ++i)
            out.push_back(sql(QStringLiteral("SELECT %3 - opened_at FROM cases WHERE %3 >= %1 "
                                             "AND %3 < %2 ORDER BY id LIMIT 1 OFFSET %4")
                                  .arg(first * kDay)
                                  .arg((last + 1) * kDay)
                                  .arg(column)
                                  .arg(i)));
        return out;
    }
    static QJsonValue median(std::vector<qint64> v)
    {
        if (v.empty())
            return QJsonValue::Null;
        std::sort(v.begin(), v.end());
        const size_t n = v.size();
        const double m = n % 2 ? double(v[n / 2]) : (double(v[n / 2 - 1]) + double(v[n / 2])) / 2;
        return m / 1000.0;
    }

    QElapsedTimer m_testTimer;

private Q_SLOTS:
    void init() { m_testTimer.start(); }
    void cleanup() { qInfo("took %lld ms", m_testTimer.elapsed()); }

    void initTestCase()
    {
        const auto staff = m_server.createStaff(QStringLiteral("admin"));
        QVERIFY2(!staff.email.isEmpty(), qPrintable(m_server.error()));
        m_url = m_server.databaseUrl();
        QElapsedTimer timer;
        timer.start();
        QByteArray out;
        QByteArray err;
        const int code = m_server.runCommand(
            {QStringLiteral("simulate"), QStringLiteral("--db"), m_url, QStringLiteral("--members"),
             QStringLiteral("120"), QStringLiteral("--days"), QStringLiteral("12"),
             QStringLiteral("--seed"), QStringLiteral("5")},
            {}, &out, &err);
        QVERIFY2(code == 0, err.constData());
        qInfo("simulated 12 days of 120 members in %lld ms", timer.elapsed());
        // Moderation work the simulator does not do: first actions, closings, sanctions and an
        // overturned appeal, written before the server's first rollup pass.
        QVERIFY(sqlExec(
            m_url, QStringLiteral("UPDATE cases SET first_action_at = opened_at + (id * 7919 % "
                                  "600) * 60000 WHERE id % 3 <> 0")));
        QVERIFY(sqlExec(m_url, QStringLiteral("UPDATE cases SET status = 'dismissed', closed_at = "
                                              "first_action_at + 3600000 WHERE id % 3 = 1")));
        QVERIFY(sqlExec(
            m_url, QStringLiteral("INSERT INTO sanctions (user_id, kind, case_id, strike, "
                                  "reason, created_at) SELECT subject_user_id, CASE WHEN id % 2 "
                                  "= 0 THEN 'warning' ELSE 'suspension' END, id, 1, 'test', "
                                  "first_action_at FROM cases WHERE id % 3 = 2 AND "
                                  "subject_user_id IS NOT NULL")));
        QVERIFY(m_server.start());
        m_admin = signIn(m_server, staff.email, staff.password);
        QVERIFY(m_admin.isValid());
        m_today = QDateTime::currentMSecsSinceEpoch() / kDay;
    }

    void figuresEqualTheSourceTables_data()
    {
        QTest::addColumn<QString>("granularity");
        QTest::addColumn<int>("days");
        QTest::newRow("day") << QStringLiteral("day") << 21;
        QTest::newRow("week") << QStringLiteral("week") << 21;
        QTest::newRow("month") << QStringLiteral("month") << 46; // two months at least
    }
    void figuresEqualTheSourceTables()
    {
        QFETCH(QString, granularity);
        QFETCH(int, days);
        const qint64 first = m_today - days + 1;
        const qint64 last = m_today;
        const QJsonObject active = dashboard(QStringLiteral("active"), first, last, granularity);
        const QJsonObject sessions =
            dashboard(QStringLiteral("sessions"), first, last, granularity);
        const QJsonObject revenue = dashboard(QStringLiteral("revenue"), first, last, granularity);
        const QJsonObject credits = dashboard(QStringLiteral("credits"), first, last, granularity);
        const QJsonObject moderation =
            dashboard(QStringLiteral("moderation"), first, last, granularity);
        const QJsonArray series = active.value(QStringLiteral("series")).toArray();
        QVERIFY(series.size() > 1);
        QCOMPARE(series.size(), sessions.value(QStringLiteral("series")).toArray().size());
        qint64 seenBookings = 0;
        qint64 seenReports = 0;
        for (int i = 0; i < series.size(); ++i) {
            const QJsonObject a = series[i].toObject();
            const qint64 s = dayOf(a.value(QStringLiteral("start")).toString());
            const qint64 e = dayOf(a.value(QStringLiteral("end")).toString());
            QVERIFY(s >= first && e <= last && s <= e);
            const QString at = QStringLiteral(" in bucket %1").arg(isoOf(s));
            QVERIFY2(a.value(QStringLiteral("active")).toInteger() == sql(kActiveSql, s, e),
                     qPrintable(QStringLiteral("active") + at));
            QCOMPARE(a.value(QStringLiteral("wau")).toInteger(), sql(kActiveSql, e - 6, e));
            QCOMPARE(a.value(QStringLiteral("mau")).toInteger(), sql(kActiveSql, e - 29, e));
            double dailySum = 0;
            for (qint64 d = s; d <= e; ++d)
                dailySum += double(sql(kActiveSql, d, d));
            QVERIFY(std::abs(a.value(QStringLiteral("dau")).toDouble() -
                             dailySum / double(e - s + 1)) < 1e-3);
            QCOMPARE(a.value(QStringLiteral("signups")).toInteger(),
                     sql(QStringLiteral("SELECT COUNT(*) FROM users WHERE kind = 'member' AND "
                                        "created_at >= %1 AND created_at < %2"),
                         s, e));

            const QJsonObject se = sessions.value(QStringLiteral("series")).toArray()[i].toObject();
            const qint64 booked =
                sql(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE created_at >= %1 AND "
                                   "created_at < %2"),
                    s, e);
            seenBookings += booked;
            QCOMPARE(se.value(QStringLiteral("booked")).toInteger(), booked);
            qint64 ended = 0;
            for (const QString &st : {QStringLiteral("completed"), QStringLiteral("cancelled"),
                                      QStringLiteral("no_show")}) {
                const qint64 n = sql(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE status "
                                                    "= '%3' AND updated_at >= %1 AND updated_at "
                                                    "< %2")
                                         .replace(QStringLiteral("%3"), st),
                                     s, e);
                QVERIFY2(se.value(st).toInteger() == n, qPrintable(st + at));
                ended += n;
            }
            const qint64 completed = se.value(QStringLiteral("completed")).toInteger();
            if (ended == 0)
                QVERIFY(se.value(QStringLiteral("completion_rate")).isNull());
            else
                QVERIFY(std::abs(se.value(QStringLiteral("completion_rate")).toDouble() -
                                 double(completed) / double(ended)) < 1e-3);

            const QJsonObject re = revenue.value(QStringLiteral("series")).toArray()[i].toObject();
            const qint64 gmv = sql(QStringLiteral("SELECT COALESCE(SUM(price), 0) FROM bookings "
                                                  "WHERE status = 'completed' AND updated_at >= "
                                                  "%1 AND updated_at < %2"),
                                   s, e);
            const qint64 fees = sql(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM "
                                                   "ledger_transfers WHERE credit_account = "
                                                   "'income:fees' AND created_at >= %1 AND "
                                                   "created_at < %2"),
                                    s, e);
            QCOMPARE(re.value(QStringLiteral("gmv")).toInteger(), gmv);
            QCOMPARE(re.value(QStringLiteral("fees")).toInteger(), fees);
            const QJsonObject net = re.value(QStringLiteral("net_minor")).toObject();
            for (auto it = net.begin(); it != net.end(); ++it) {
                const QStringList pc = it.key().split(QLatin1Char('/'));
                const QString filter =
                    QStringLiteral(" AND p.provider = '%1' AND p.currency = '%2'")
                        .arg(pc[0], pc[1]);
                const qint64 captured = sql(
                    QStringLiteral("SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p WHERE "
                                   "p.id IN (SELECT CAST(ref_id AS BIGINT) FROM ledger_transfers "
                                   "WHERE code = 'purchase' AND created_at >= %1 AND created_at "
                                   "< %2)") +
                        filter,
                    s, e);
                const qint64 refunded =
                    sql(QStringLiteral("SELECT COALESCE(SUM(r.amount_minor), 0) FROM refunds r "
                                       "JOIN payments p ON p.id = r.payment_id WHERE r.status = "
                                       "'completed' AND r.completed_at >= %1 AND r.completed_at "
                                       "< %2") +
                            filter,
                        s, e);
                QVERIFY2(it.value().toInteger() == captured - refunded, qPrintable(it.key() + at));
            }

            const QJsonObject cr = credits.value(QStringLiteral("series")).toArray()[i].toObject();
            const QJsonObject minted = cr.value(QStringLiteral("minted_by_source")).toObject();
            const auto mintedFrom = [&](const QString &debitFilter) {
                return sql(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM ledger_transfers "
                                          "WHERE kind = 'posted' AND credit_account LIKE 'user:%' "
                                          "AND created_at >= %1 AND created_at < %2 AND ") +
                               debitFilter,
                           s, e);
            };
            QCOMPARE(minted.value(QStringLiteral("purchases")).toInteger(),
                     mintedFrom(QStringLiteral("debit_account LIKE 'clearing:%'")));
            for (const QString &kind :
                 {QStringLiteral("starter"), QStringLiteral("referral"), QStringLiteral("promo")})
                QCOMPARE(minted.value(QStringLiteral("bonus_") + kind).toInteger(),
                         mintedFrom(QStringLiteral("debit_account = 'expense:bonus:") + kind +
                                    QLatin1Char('\'')));
            const QJsonObject burned = cr.value(QStringLiteral("burned_by_sink")).toObject();
            QCOMPARE(burned.value(QStringLiteral("expiry")).toInteger(),
                     sql(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM ledger_transfers "
                                        "WHERE credit_account = 'income:breakage' AND created_at "
                                        ">= %1 AND created_at < %2"),
                         s, e));
            QCOMPARE(burned.value(QStringLiteral("refunds")).toInteger(),
                     sql(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM ledger_transfers "
                                        "WHERE code = 'refund' AND created_at >= %1 AND "
                                        "created_at < %2"),
                         s, e));
            QCOMPARE(burned.value(QStringLiteral("fees")).toInteger(), fees);

            const QJsonObject mo =
                moderation.value(QStringLiteral("series")).toArray()[i].toObject();
            const qint64 reports = sql(QStringLiteral("SELECT COUNT(*) FROM reports WHERE "
                                                      "created_at >= %1 AND created_at < %2"),
                                       s, e);
            seenReports += reports;
            QCOMPARE(mo.value(QStringLiteral("reports_in")).toInteger(), reports);
            QCOMPARE(mo.value(QStringLiteral("cases_opened")).toInteger(),
                     sql(QStringLiteral("SELECT COUNT(*) FROM cases WHERE opened_at >= %1 AND "
                                        "opened_at < %2"),
                         s, e));
            QCOMPARE(mo.value(QStringLiteral("cases_closed")).toInteger(),
                     sql(QStringLiteral("SELECT COUNT(*) FROM cases WHERE closed_at >= %1 AND "
                                        "closed_at < %2"),
                         s, e));
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            QCOMPARE(mo.value(QStringLiteral("sla_breaches")).toInteger(),
                     sql(QStringLiteral("SELECT COUNT(*) FROM cases WHERE sla_due_at >= %1 AND "
                                        "sla_due_at < %2 AND sla_due_at < ") +
                             QString::number(now) +
                             QStringLiteral(" AND (first_action_at IS NULL OR first_action_at > "
                                            "sla_due_at)"),
                         s, e));
            const QJsonObject rungs = mo.value(QStringLiteral("actions_by_rung")).toObject();
            QCOMPARE(rungs.value(QStringLiteral("warning")).toInteger(),
                     sql(QStringLiteral("SELECT COUNT(*) FROM sanctions WHERE kind = 'warning' "
                                        "AND created_at >= %1 AND created_at < %2"),
                         s, e));
            QCOMPARE(rungs.value(QStringLiteral("dismissal")).toInteger(),
                     sql(QStringLiteral("SELECT COUNT(*) FROM cases WHERE status = 'dismissed' "
                                        "AND closed_at >= %1 AND closed_at < %2"),
                         s, e));
            const QJsonValue m1 = median(durations(QStringLiteral("first_action_at"), s, e));
            const QJsonValue m2 = mo.value(QStringLiteral("median_first_action_seconds"));
            QVERIFY2(m1.isNull() == m2.isNull() && std::abs(m1.toDouble() - m2.toDouble()) < 1e-3,
                     qPrintable(QStringLiteral("median first action") + at));
            const QJsonValue r1 = median(durations(QStringLiteral("closed_at"), s, e));
            const QJsonValue r2 = mo.value(QStringLiteral("median_resolution_seconds"));
            QVERIFY2(r1.isNull() == r2.isNull() && std::abs(r1.toDouble() - r2.toDouble()) < 1e-3,
                     qPrintable(QStringLiteral("median resolution") + at));
        }
        QVERIFY(seenBookings > 0); // the history is not empty
        QVERIFY(seenReports > 0);

        // Levels at the range's end (today) equal the ledger's accounts now.
        const QJsonObject totals = credits.value(QStringLiteral("totals")).toObject();
        QCOMPARE(totals.value(QStringLiteral("escrow")).toObject().value("value").toInteger(),
                 sql(QStringLiteral("SELECT COALESCE(SUM(credits_pending), 0) FROM "
                                    "ledger_accounts WHERE id = 'escrow'")));
        QCOMPARE(totals.value(QStringLiteral("outstanding")).toObject().value("value").toInteger(),
                 sql(QStringLiteral("SELECT COALESCE(SUM(credits_posted - debits_posted - "
                                    "debits_pending), 0) FROM ledger_accounts WHERE id LIKE "
                                    "'user:%'")));
        // Totals and the previous period: the same definitions over whole periods.
        const qint64 span = last - first + 1;
        const QJsonObject booked =
            sessions.value(QStringLiteral("totals")).toObject().value("booked").toObject();
        const auto bookedIn = [&](qint64 a, qint64 b) {
            return sql(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE created_at >= %1 AND "
                                      "created_at < %2"),
                       a, b);
        };
        QCOMPARE(booked.value("value").toInteger(), bookedIn(first, last));
        QCOMPARE(booked.value("previous").toInteger(), bookedIn(first - span, first - 1));
        const QJsonObject activeTotal =
            active.value(QStringLiteral("totals")).toObject().value("active").toObject();
        QCOMPARE(activeTotal.value("value").toInteger(), sql(kActiveSql, first, last));
        QCOMPARE(activeTotal.value("previous").toInteger(),
                 sql(kActiveSql, first - span, first - 1));
    }

    void overviewHasTilesWithChange()
    {
        const QJsonObject o =
            dashboard(QStringLiteral("overview"), m_today - 6, m_today, QStringLiteral("day"));
        const QJsonObject tiles = o.value(QStringLiteral("tiles")).toObject();
        for (const char *key :
             {"active_members", "dau", "mau", "dau_mau", "signups", "sessions_completed",
              "completion_rate", "gmv", "take_rate", "credits_minted", "credits_outstanding",
              "reports_in", "sla_breaches"}) {
            const QJsonObject t = tiles.value(QLatin1String(key)).toObject();
            QVERIFY2(t.contains(QStringLiteral("value")) && t.contains(QStringLiteral("change")),
                     key);
        }
        const QJsonObject signups = tiles.value(QStringLiteral("signups")).toObject();
        const qint64 now = sql(QStringLiteral("SELECT COUNT(*) FROM users WHERE kind = 'member' "
                                              "AND created_at >= %1 AND created_at < %2"),
                               m_today - 6, m_today);
        const qint64 before = sql(QStringLiteral("SELECT COUNT(*) FROM users WHERE kind = "
                                                 "'member' AND created_at >= %1 AND created_at "
                                                 "< %2"),
                                  m_today - 13, m_today - 7);
        QCOMPARE(signups.value("value").toInteger(), now);
        QCOMPARE(signups.value("previous").toInteger(), before);
        if (before > 0)
            QVERIFY(std::abs(signups.value("change").toDouble() -
                             double(now - before) / double(before)) < 1e-3);
        QVERIFY(o.value(QStringLiteral("as_of")).isString());
    }

    void rollupsFollowLiveActivityAtOnce()
    {
        const auto today = [&](const QString &name, const QString &field) {
            const QJsonObject d = dashboard(name, m_today, m_today, QStringLiteral("day"));
            return d.value(QStringLiteral("series")).toArray()[0].toObject().value(field);
        };
        const qint64 signups =
            today(QStringLiteral("active"), QStringLiteral("signups")).toInteger();
        const qint64 active = today(QStringLiteral("active"), QStringLiteral("active")).toInteger();
        const qint64 booked =
            today(QStringLiteral("sessions"), QStringLiteral("booked")).toInteger();
        const qint64 starter = today(QStringLiteral("credits"), QStringLiteral("minted_by_source"))
                                   .toObject()
                                   .value(QStringLiteral("bonus_starter"))
                                   .toInteger();
        const Actor teacher = signUpMember(m_server);
        const Actor learner = signUpMember(m_server);
        QVERIFY(teacher.isValid() && learner.isValid());
        // The next request sees them: no waiting for the job.
        QCOMPARE(today(QStringLiteral("active"), QStringLiteral("signups")).toInteger(),
                 signups + 2);
        QCOMPARE(today(QStringLiteral("credits"), QStringLiteral("minted_by_source"))
                     .toObject()
                     .value(QStringLiteral("bonus_starter"))
                     .toInteger(),
                 starter + 2 * sql(QStringLiteral("SELECT amount FROM ledger_transfers WHERE "
                                                  "debit_account = 'expense:bonus:starter' "
                                                  "ORDER BY seq DESC LIMIT 1")));

        const qint64 skill = sql(QStringLiteral("SELECT MIN(id) FROM skills WHERE status = "
                                                "'active'"));
        TestHttp t(m_server.baseUrl());
        t.setBearer(teacher.accessToken);
        const auto offer = t.post(QStringLiteral("/api/v1/sessions"),
                                  {{QStringLiteral("skill_id"), skill},
                                   {QStringLiteral("starts_at"),
                                    QDateTime::fromMSecsSinceEpoch(
                                        QDateTime::currentMSecsSinceEpoch() + 3 * kDay, Qt::UTC)
                                        .toString(Qt::ISODateWithMs)},
                                   {QStringLiteral("duration_minutes"), 60},
                                   {QStringLiteral("capacity"), 1},
                                   {QStringLiteral("title"), QStringLiteral("Metrics")}});
        QVERIFY2(offer.status == 201, offer.body.constData());
        TestHttp l(m_server.baseUrl());
        l.setBearer(learner.accessToken);
        const auto book = l.post(QStringLiteral("/api/v1/sessions/%1/book")
                                     .arg(offer.json().value(QStringLiteral("id")).toInteger()),
                                 {});
        QVERIFY2(book.status == 201, book.body.constData());
        QCOMPARE(today(QStringLiteral("sessions"), QStringLiteral("booked")).toInteger(),
                 booked + 1);
        // Both signed in, one booked: both active today (they may already have been counted
        // only if they existed before, which they did not).
        QCOMPARE(today(QStringLiteral("active"), QStringLiteral("active")).toInteger(), active + 2);
    }

    void everyStaffRoleMayReadMembersMayNot()
    {
        const QStringList paths = {QStringLiteral("/api/v1/admin/metrics/overview"),
                                   QStringLiteral("/api/v1/admin/metrics/active"),
                                   QStringLiteral("/api/v1/admin/metrics/sessions"),
                                   QStringLiteral("/api/v1/admin/metrics/revenue"),
                                   QStringLiteral("/api/v1/admin/metrics/credits"),
                                   QStringLiteral("/api/v1/admin/metrics/moderation"),
                                   QStringLiteral("/api/v1/admin/system")};
        for (const QString &role : {QStringLiteral("viewer"), QStringLiteral("moderator"),
                                    QStringLiteral("senior_moderator"), QStringLiteral("finance"),
                                    QStringLiteral("admin")}) {
            const Actor staff = signInStaff(m_server, role);
            QVERIFY(staff.isValid());
            for (const QString &p : paths)
                QVERIFY2(get(staff, p).status == 200, qPrintable(role + QLatin1Char(' ') + p));
        }
        const Actor member = signUpMember(m_server);
        for (const QString &p : paths) {
            QCOMPARE(get(member, p).status, 403);
            QCOMPARE(get(Actor{}, p).status, 401);
        }
    }

    void badRangesAreRefused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("not a date") << QStringLiteral("from=yesterday") << QStringLiteral("from");
        QTest::newRow("no such day") << QStringLiteral("from=2025-02-30") << QStringLiteral("from");
        QTest::newRow("with a time")
            << QStringLiteral("to=2025-02-03T10:00:00Z") << QStringLiteral("to");
        QTest::newRow("to before from")
            << QStringLiteral("from=2025-03-02&to=2025-03-01") << QStringLiteral("to");
        QTest::newRow("over three years")
            << QStringLiteral("from=2020-01-01&to=2025-01-01") << QStringLiteral("from");
        QTest::newRow("granularity")
            << QStringLiteral("granularity=hour") << QStringLiteral("granularity");
        QTest::newRow("unknown parameter")
            << QStringLiteral("currency=usd") << QStringLiteral("currency");
    }
    void badRangesAreRefused()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const auto r = get(m_admin, QStringLiteral("/api/v1/admin/metrics/sessions?") + query);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field), r.body);
    }

    void aYearAnswersInMilliseconds()
    {
        for (const QString &name :
             {QStringLiteral("overview"), QStringLiteral("active"), QStringLiteral("sessions"),
              QStringLiteral("revenue"), QStringLiteral("credits"), QStringLiteral("moderation")}) {
            for (const QString &g : {QStringLiteral("day"), QStringLiteral("month")}) {
                dashboard(name, m_today - 364, m_today, g); // warm
                QElapsedTimer timer;
                timer.start();
                const QJsonObject d = dashboard(name, m_today - 364, m_today, g);
                const qint64 us = timer.nsecsElapsed() / 1000;
                QVERIFY(!d.isEmpty());
                qInfo("%s: GET %s a year by %s: %.1f ms (round trip)",
                      qPrintable(m_server.backendName()), qPrintable(name), qPrintable(g),
                      double(us) / 1000.0);
            }
        }
    }

    // The same dashboards over a year of production-sized rollups (1,500 active members a day
    // out of 20,000; every metric every day), called in-process: the figure printed is the
    // query and assembly time, the part that grows with history.
    void aYearOfRollupsAtScale()
    {
        // About 45 s (most of it writing the rows), so only on request: SKILLEX_BENCH=1.
        if (m_server.backend() != TestServer::Backend::Sqlite || qgetenv("SKILLEX_BENCH") != "1")
            QSKIP("a benchmark: run with SKILLEX_BENCH=1 (SQLite)");
        using namespace skillex::server;
        QTemporaryDir dir;
        const auto url =
            DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("year.db")));
        QVERIFY(url);
        Database db(url.value());
        Migrator(db).migrate();
        const qint64 last = m_today;
        const qint64 first = last - 2 * 366;
        QElapsedTimer timer;
        timer.start();
        db.write([&](QSqlDatabase &tx) {
            QRandomGenerator rng(7);
            SqlQuery act(tx, QStringLiteral("INSERT INTO member_activity_days (day, user_id) "
                                            "VALUES (:d, :u)"));
            SqlQuery fig(tx, QStringLiteral("INSERT INTO metrics_daily (day, metric, dimension, "
                                            "value) VALUES (:d, :m, :x, :v)"));
            const QStringList plain = {
                "signups",      "booked",       "completed",    "cancelled",         "no_show",
                "gmv",          "spent",        "escrow_delta", "wallet_delta",      "reports_in",
                "cases_opened", "cases_closed", "sla_breaches", "appeals_overturned"};
            const QList<QPair<QString, QStringList>> split = {
                {"minted", {"purchases", "bonus_starter", "bonus_referral", "bonus_promo"}},
                {"burned", {"expiry", "refunds", "fees"}},
                {"captured_minor", {"stripe/USD", "razorpay/INR"}},
                {"captured_count", {"stripe/USD", "razorpay/INR"}},
                {"refunded_minor", {"stripe/USD", "razorpay/INR"}},
                {"actions", {"dismissal", "warning", "suspension"}}};
            for (qint64 d = first; d <= last; ++d) {
                QSet<qint64> today;
                while (today.size() < 1500)
                    today.insert(rng.bounded(20000) + 1);
                for (qint64 u : today)
                    act.bind(QStringLiteral(":d"), d).bind(QStringLiteral(":u"), u).exec();
                auto put = [&](const QString &m, const QString &x) {
                    fig.bind(QStringLiteral(":d"), d)
                        .bind(QStringLiteral(":m"), m)
                        .bind(QStringLiteral(":x"), x)
                        .bind(QStringLiteral(":v"), qint64(rng.bounded(1000)))
                        .exec();
                };
                for (const QString &m : plain)
                    put(m, QString());
                for (const auto &[m, xs] : split)
                    for (const QString &x : xs)
                        put(m, x);
            }
        });
        qInfo("year bench: wrote %lld days of rollups in %lld ms", last - first + 1,
              timer.elapsed());
        timer.restart();
        db.write([&](QSqlDatabase &tx) {
            SqlQuery::execDirect(
                tx, QStringLiteral("INSERT INTO users (email, name, password_hash, kind, "
                                   "created_at, updated_at) SELECT DISTINCT 'm' || CAST(user_id "
                                   "AS TEXT) || '@bench', 'm', 'x', 'member', 0, 0 FROM "
                                   "member_activity_days"));
            SqlQuery::execDirect(tx, QStringLiteral("INSERT INTO metrics_daily (day, metric, "
                                                    "dimension, value) SELECT day, 'active', '', "
                                                    "COUNT(*) FROM member_activity_days GROUP BY "
                                                    "day"));
            metrics::MetricsRollup::recomputeActiveWindows(tx, first, last, last);
        });
        qInfo("year bench: computed the distinct-active windows of %lld days in %lld ms",
              last - first + 1, timer.elapsed());
        metrics::DashboardMetrics dashboards(db);
        for (const auto g :
             {metrics::Granularity::Day, metrics::Granularity::Week, metrics::Granularity::Month}) {
            const metrics::MetricsRange range{last - 364, last, g};
            for (const auto &[name, call] :
                 std::vector<std::pair<const char *, QJsonObject (metrics::DashboardMetrics::*)(
                                                         const metrics::MetricsRange &)>>{
                     {"overview", &metrics::DashboardMetrics::overview},
                     {"active", &metrics::DashboardMetrics::active},
                     {"sessions", &metrics::DashboardMetrics::sessions},
                     {"revenue", &metrics::DashboardMetrics::revenue},
                     {"credits", &metrics::DashboardMetrics::credits},
                     {"moderation", &metrics::DashboardMetrics::moderation}}) {
                (dashboards.*call)(range); // warm the statement cache
                timer.restart();
                const QJsonObject out = (dashboards.*call)(range);
                const double ms = double(timer.nsecsElapsed()) / 1e6;
                QVERIFY(!out.isEmpty());
                qInfo("year bench: %s a year by %s: %.1f ms", name,
                      qPrintable(range.granularityName()), ms);
            }
        }
        Database::closeThreadConnections();
    }

    void systemSummaryHasItsShape()
    {
        const auto r = get(m_admin, QStringLiteral("/api/v1/admin/system"));
        QCOMPARE(r.status, 200);
        const QJsonObject s = r.json();
        QVERIFY(!s.value(QStringLiteral("version")).toString().isEmpty());
        const QJsonObject db = s.value(QStringLiteral("database")).toObject();
        QCOMPARE(db.value(QStringLiteral("dialect")).toString(),
                 m_server.backend() == TestServer::Backend::Postgres ? QStringLiteral("postgres")
                                                                     : QStringLiteral("sqlite"));
        QCOMPARE(db.value(QStringLiteral("schema_level")).toInt(),
                 db.value(QStringLiteral("schema_expected")).toInt());
        QVERIFY(s.value(QStringLiteral("uptime_seconds")).toInteger() >= 0);
        QVERIFY(s.value(QStringLiteral("requests")).toObject().value("count").toInteger() > 0);
        QVERIFY(s.value(QStringLiteral("requests")).toObject().contains("error_rate"));
        QCOMPARE(s.value(QStringLiteral("events")).toObject().value("head").toInteger(),
                 sql(QStringLiteral("SELECT MAX(seq) FROM events")));
        QCOMPARE(s.value(QStringLiteral("consoles_connected")).toInt(), 0);
        bool rollupRan = false;
        for (const auto &job : s.value(QStringLiteral("jobs")).toArray())
            rollupRan |= job.toObject().value("name").toString() == QStringLiteral("metrics "
                                                                                   "rollup") &&
                         job.toObject().value("ok").toBool();
        QVERIFY2(rollupRan, r.body.constData());
    }

    void prometheusTextCountsRequests()
    {
        const QString key = QStringLiteral(
            "skillex_http_requests_total{route=\"/api/v1/admin/system\",method=\"GET\","
            "status=\"401\"}");
        TestHttp http(m_server.baseUrl());
        const double before =
            parseExposition(http.get(QStringLiteral("/metrics")).body).samples.value(key);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(get(Actor{}, QStringLiteral("/api/v1/admin/system")).status, 401);
        const auto r = http.get(QStringLiteral("/metrics"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/plain; version=0.0.4"));
        const ParsedMetrics m = parseExposition(r.body);
        QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
        // This test's own requests: three anonymous calls answered 401.
        QCOMPARE(m.samples.value(key), before + 3);
        const QString h = QStringLiteral(
            "skillex_http_request_duration_seconds%1{route=\"/api/v1/admin/system\"%2}");
        QVERIFY(m.samples.value(h.arg("_count", "")) >= 3);
        QCOMPARE(m.samples.value(h.arg("_bucket", ",le=\"+Inf\"")),
                 m.samples.value(h.arg("_count", "")));
        QVERIFY(m.samples.value(h.arg("_bucket", ",le=\"0.001\"")) <=
                m.samples.value(h.arg("_bucket", ",le=\"10\"")));
        QCOMPARE(m.samples.value(QStringLiteral("skillex_events_head")),
                 double(sql(QStringLiteral("SELECT MAX(seq) FROM events"))));
        QVERIFY(m.samples.contains(QStringLiteral("skillex_uptime_seconds")));
        QVERIFY(m.samples.contains(QStringLiteral("skillex_websocket_clients")));
        QCOMPARE(m.samples.value(QStringLiteral("skillex_database_up")), 1.0);
        bool buildInfo = false;
        for (auto it = m.samples.begin(); it != m.samples.end(); ++it)
            buildInfo |= it.key().startsWith(QStringLiteral("skillex_build_info{version="));
        QVERIFY(buildInfo);
        // Escaping, checked on a label value with every special character.
        QVERIFY(parseExposition("# TYPE x counter\nx{a=\"q\\\"b\\\\n\\n\"} 1\n").error.isEmpty());
        QVERIFY(!parseExposition("# TYPE x counter\nx{a=\"q\"b\"} 1\n").error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAdminMetrics)
#include "tst_admin_metrics.moc"
