// Days are recomputed, never incremented: a pass deletes a day's rows and rebuilds them with
// INSERT ... SELECT from the source tables, so a rollup can only ever equal the sources.
// Every dated figure is dated by the moment its change happened (the booking's last update,
// the transfer's creation, the case's closing...), which is "now" for anything the server does
// live: today is always recomputed. Changes dated in the past (a simulator writing history)
// come with events, whose times mark their days dirty.
#include "server/domain/metrics/metricsrollup.h"

#include "common/logging.h"
#include "server/domain/metrics/metricsrange.h"
#include "server/storage/sqlquery.h"

#include <QDate>
#include <QElapsedTimer>

namespace skillex::server::metrics {
namespace {

constexpr qint64 kRollupLockKey = 7301000011;
// A change is dated by its own clock reading, a little before its event's: a day boundary
// between the two must not hide it, so the day a minute before an event is dirty too.
constexpr qint64 kClockSkewMs = 60000;

void exec(QSqlDatabase &tx, const QString &sql)
{
    SqlQuery::execDirect(tx, sql);
}

// Every figure as INSERT ... SELECT for the time window [a, b); {a} and {b} are replaced by a and
// b, {now} by the time of the pass, D by the day length. Integers only, so literals are safe and
// statements need no cache.
const QStringList &dailyFigures()
{
    static const QStringList sql = {
        // Sign-ups: members created.
        QStringLiteral(
            "SELECT created_at / D, 'signups', '', COUNT(*) FROM users WHERE kind = "
            "'member' AND created_at >= {a} AND created_at < {b} GROUP BY created_at / D"),
        // Bookings made, and bookings that reached an end state (dated by that change).
        QStringLiteral("SELECT created_at / D, 'booked', '', COUNT(*) FROM bookings WHERE "
                       "created_at >= {a} AND created_at < {b} GROUP BY created_at / D"),
        QStringLiteral("SELECT updated_at / D, status, '', COUNT(*) FROM bookings WHERE status IN "
                       "('completed', 'cancelled', 'no_show') AND updated_at >= {a} AND updated_at "
                       "< {b} GROUP BY updated_at / D, status"),
        // GMV: prices of completed bookings.
        QStringLiteral("SELECT updated_at / D, 'gmv', '', SUM(price) FROM bookings WHERE status = "
                       "'completed' AND updated_at >= {a} AND updated_at < {b} GROUP BY updated_at "
                       "/ D"),
        // Captured payments (dated by the purchase transfer) and completed refunds, in money.
        QStringLiteral("SELECT t.created_at / D, 'captured_minor', p.provider || '/' || "
                       "p.currency, SUM(p.amount_minor) FROM ledger_transfers t JOIN payments p ON "
                       "t.id = 'purchase:payment:' || CAST(p.id AS TEXT) WHERE t.code = "
                       "'purchase' AND t.created_at >= {a} AND t.created_at < {b} GROUP BY "
                       "t.created_at / D, p.provider, p.currency"),
        QStringLiteral("SELECT t.created_at / D, 'captured_count', p.provider || '/' || "
                       "p.currency, COUNT(*) FROM ledger_transfers t JOIN payments p ON t.id = "
                       "'purchase:payment:' || CAST(p.id AS TEXT) WHERE t.code = 'purchase' AND "
                       "t.created_at >= {a} AND t.created_at < {b} GROUP BY t.created_at / D, "
                       "p.provider, p.currency"),
        QStringLiteral("SELECT r.completed_at / D, 'refunded_minor', p.provider || '/' || "
                       "p.currency, SUM(r.amount_minor) FROM refunds r JOIN payments p ON p.id = "
                       "r.payment_id WHERE r.status = 'completed' AND r.completed_at >= {a} AND "
                       "r.completed_at < {b} GROUP BY r.completed_at / D, p.provider, p.currency"),
        // Credits minted into wallets, by source.
        QStringLiteral("SELECT created_at / D, 'minted', CASE WHEN debit_account LIKE "
                       "'clearing:%' THEN 'purchases' WHEN debit_account = 'equity:adjustments' "
                       "THEN 'adjustments' ELSE 'bonus_' || SUBSTR(debit_account, 15) END, "
                       "SUM(amount) FROM ledger_transfers WHERE kind = 'posted' AND "
                       "credit_account LIKE 'user:%' AND (debit_account LIKE 'clearing:%' OR "
                       "debit_account LIKE 'expense:bonus:%' OR debit_account = "
                       "'equity:adjustments') AND created_at >= {a} AND created_at < {b} GROUP BY "
                       "created_at / D, CASE WHEN debit_account LIKE 'clearing:%' THEN "
                       "'purchases' WHEN debit_account = 'equity:adjustments' THEN 'adjustments' "
                       "ELSE 'bonus_' || SUBSTR(debit_account, 15) END"),
        // Credits burned, by sink. Fees leave members' hands as they leave escrow.
        QStringLiteral("SELECT created_at / D, 'burned', CASE WHEN credit_account = "
                       "'income:breakage' THEN 'expiry' WHEN credit_account = 'income:fees' THEN "
                       "'fees' WHEN credit_account = 'equity:adjustments' THEN 'adjustments' ELSE "
                       "'refunds' END, SUM(amount) FROM ledger_transfers WHERE kind IN ('posted', "
                       "'post_pending') AND (credit_account IN ('income:breakage', "
                       "'income:fees', 'equity:adjustments') OR (credit_account LIKE "
                       "'clearing:%' AND debit_account LIKE 'user:%')) AND created_at >= {a} AND "
                       "created_at < {b} GROUP BY created_at / D, CASE WHEN credit_account = "
                       "'income:breakage' THEN 'expiry' WHEN credit_account = 'income:fees' THEN "
                       "'fees' WHEN credit_account = 'equity:adjustments' THEN 'adjustments' ELSE "
                       "'refunds' END"),
        // Credits spent: booking holds posted out of wallets (completions, late cancellations).
        QStringLiteral("SELECT created_at / D, 'spent', '', SUM(amount) FROM ledger_transfers "
                       "WHERE kind = 'post_pending' AND debit_account LIKE 'user:%' AND "
                       "created_at >= {a} AND created_at < {b} GROUP BY created_at / D"),
        // Escrow holds only pending amounts: holds in, resolved holds (their full amount) out.
        QStringLiteral("SELECT t.created_at / D, 'escrow_delta', '', SUM(CASE WHEN t.kind = "
                       "'pending' THEN t.amount ELSE -o.amount END) FROM ledger_transfers t LEFT "
                       "JOIN ledger_transfers o ON o.id = t.pending_id WHERE t.credit_account = "
                       "'escrow' AND t.kind IN ('pending', 'post_pending', 'void_pending') AND "
                       "t.created_at >= {a} AND t.created_at < {b} GROUP BY t.created_at / D"),
        // Wallets' available credits (posted credits - posted debits - pending debits).
        QStringLiteral("SELECT t.created_at / D, 'wallet_delta', '', SUM((CASE WHEN "
                       "t.credit_account LIKE 'user:%' AND t.kind IN ('posted', 'post_pending') "
                       "THEN t.amount ELSE 0 END) + (CASE WHEN t.debit_account LIKE 'user:%' THEN "
                       "(CASE t.kind WHEN 'posted' THEN -t.amount WHEN 'pending' THEN -t.amount "
                       "WHEN 'post_pending' THEN o.amount - t.amount ELSE t.amount END) ELSE 0 "
                       "END)) FROM ledger_transfers t LEFT JOIN ledger_transfers o ON o.id = "
                       "t.pending_id WHERE (t.credit_account LIKE 'user:%' OR t.debit_account "
                       "LIKE 'user:%') AND t.created_at >= {a} AND t.created_at < {b} GROUP BY "
                       "t.created_at / D"),
        // Moderation.
        QStringLiteral("SELECT created_at / D, 'reports_in', '', COUNT(*) FROM reports WHERE "
                       "created_at >= {a} AND created_at < {b} GROUP BY created_at / D"),
        QStringLiteral("SELECT opened_at / D, 'cases_opened', '', COUNT(*) FROM cases WHERE "
                       "opened_at >= {a} AND opened_at < {b} GROUP BY opened_at / D"),
        QStringLiteral("SELECT closed_at / D, 'cases_closed', '', COUNT(*) FROM cases WHERE "
                       "closed_at >= {a} AND closed_at < {b} GROUP BY closed_at / D"),
        QStringLiteral("SELECT closed_at / D, 'actions', 'dismissal', COUNT(*) FROM cases WHERE "
                       "status = 'dismissed' AND closed_at >= {a} AND closed_at < {b} GROUP BY "
                       "closed_at / D"),
        QStringLiteral("SELECT created_at / D, 'actions', kind, COUNT(*) FROM sanctions WHERE "
                       "created_at >= {a} AND created_at < {b} GROUP BY created_at / D, kind"),
        QStringLiteral("SELECT decided_at / D, 'appeals_overturned', '', COUNT(*) FROM appeals "
                       "WHERE status = 'overturned' AND decided_at >= {a} AND decided_at < {b} "
                       "GROUP BY decided_at / D"),
        // A breach is dated by the due time, once it has passed without a first action.
        QStringLiteral("SELECT sla_due_at / D, 'sla_breaches', '', COUNT(*) FROM cases WHERE "
                       "sla_due_at >= {a} AND sla_due_at < {b} AND sla_due_at < {now} AND "
                       "(first_action_at IS NULL OR first_action_at > sla_due_at) GROUP BY "
                       "sla_due_at / D"),
    };
    return sql;
}

// Active members: a sign-in, a booking, a message or a completed session (either side).
const QString kActivity = QStringLiteral(
    "INSERT INTO member_activity_days (day, user_id) SELECT d, u FROM ("
    "SELECT f.created_at / D AS d, f.user_id AS u FROM token_families f JOIN users m ON m.id = "
    "f.user_id WHERE m.kind = 'member' AND f.created_at >= {a} AND f.created_at < {b} "
    "UNION SELECT created_at / D, learner_id FROM bookings WHERE created_at >= {a} AND "
    "created_at < {b} "
    "UNION SELECT created_at / D, sender_id FROM messages WHERE created_at >= {a} AND created_at "
    "< {b} "
    "UNION SELECT updated_at / D, learner_id FROM bookings WHERE status = 'completed' AND "
    "updated_at >= {a} AND updated_at < {b} "
    "UNION SELECT b.updated_at / D, s.teacher_id FROM bookings b JOIN sessions s ON s.id = "
    "b.session_id WHERE b.status = 'completed' AND b.updated_at >= {a} AND b.updated_at < {b}) x");

QString withWindow(QString sql, qint64 a, qint64 b, qint64 now)
{
    sql.replace(QStringLiteral(" / D"), QStringLiteral(" / ") + QString::number(kDayMs));
    sql.replace(QStringLiteral("{a}"), QString::number(a));
    sql.replace(QStringLiteral("{b}"), QString::number(b));
    sql.replace(QStringLiteral("{now}"), QString::number(now));
    return sql;
}

} // namespace

MetricsRollup::MetricsRollup(Database &db, const Clock &clock, qint64 maxStalenessMs)
    : m_db(db)
    , m_clock(clock)
    , m_maxStalenessMs(maxStalenessMs)
{}

void MetricsRollup::recompute(QSqlDatabase &tx, qint64 first, qint64 last, qint64 nowMs)
{
    const qint64 a = first * kDayMs;
    const qint64 b = (last + 1) * kDayMs;
    exec(tx, QStringLiteral("DELETE FROM metrics_daily WHERE day >= %1 AND day <= %2")
                 .arg(first)
                 .arg(last));
    exec(tx, QStringLiteral("DELETE FROM member_activity_days WHERE day >= %1 AND day <= %2")
                 .arg(first)
                 .arg(last));
    for (const QString &select : dailyFigures())
        exec(tx, withWindow(QStringLiteral("INSERT INTO metrics_daily (day, metric, dimension, "
                                           "value) ") +
                                select,
                            a, b, nowMs));
    exec(tx, withWindow(kActivity, a, b, nowMs));
    exec(tx, QStringLiteral("INSERT INTO metrics_daily (day, metric, dimension, value) SELECT "
                            "day, 'active', '', COUNT(*) FROM member_activity_days WHERE day >= "
                            "%1 AND day <= %2 GROUP BY day")
                 .arg(first)
                 .arg(last));
    recomputeActiveWindows(tx, first, last, dayOfMs(nowMs));
}

void MetricsRollup::recomputeActiveWindows(QSqlDatabase &tx, qint64 first, qint64 last,
                                           qint64 today)
{
    // key: the day the figure is stored on; [from, to]: the days it counts distinct members of.
    auto put = [&tx](const QString &metric, qint64 key, qint64 from, qint64 to) {
        exec(tx, QStringLiteral("DELETE FROM metrics_daily WHERE metric = '%1' AND day = %2")
                     .arg(metric)
                     .arg(key));
        exec(tx, QStringLiteral("INSERT INTO metrics_daily (day, metric, dimension, value) "
                                "SELECT %2, '%1', '', COUNT(DISTINCT user_id) FROM "
                                "member_activity_days WHERE day >= %3 AND day <= %4")
                     .arg(metric)
                     .arg(key)
                     .arg(from)
                     .arg(to));
    };
    for (qint64 d = first; d <= std::max(last, std::min(last + 29, today)); ++d) {
        put(QStringLiteral("wau"), d, d - 6, d);
        put(QStringLiteral("mau"), d, d - 29, d);
    }
    qint64 week = first - (dateOfDay(first).dayOfWeek() - 1);
    for (; week <= last; week += 7)
        put(QStringLiteral("active_week"), week, week, week + 6);
    QDate month(dateOfDay(first).year(), dateOfDay(first).month(), 1);
    for (; dayOfDate(month) <= last; month = month.addMonths(1))
        put(QStringLiteral("active_month"), dayOfDate(month), dayOfDate(month),
            dayOfDate(month.addMonths(1)) - 1);
}

std::set<qint64> MetricsRollup::dirtyDays(QSqlDatabase &tx, qint64 nowMs, qint64 *head)
{
    std::set<qint64> days;
    const qint64 today = dayOfMs(nowMs);
    SqlQuery headQuery(tx, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"));
    *head = headQuery.exec().scalar().value_or(0).toLongLong();

    SqlQuery state(tx, QStringLiteral("SELECT event_seq, passed_at FROM metrics_rollup_state "
                                      "WHERE id = 1"));
    state.exec();
    if (!state.next()) {
        // First pass: all of history, from the oldest row any figure reads.
        SqlQuery oldest(
            tx, QStringLiteral("SELECT MIN(t) FROM (SELECT MIN(created_at) AS t FROM users UNION "
                               "ALL SELECT MIN(at) FROM events UNION ALL SELECT MIN(created_at) "
                               "FROM ledger_transfers UNION ALL SELECT MIN(opened_at) FROM "
                               "cases) x"));
        oldest.exec();
        const auto first = oldest.scalar();
        const qint64 from =
            first && !first->isNull() ? std::min(dayOfMs(first->toLongLong()), today) : today;
        for (qint64 d = from; d <= today; ++d)
            days.insert(d);
        return days;
    }
    const qint64 seenSeq = state.int64(0);
    const qint64 passedAt = state.int64(1);
    for (qint64 d = std::max(dayOfMs(passedAt - kClockSkewMs), today - kMaxRangeDays); d <= today;
         ++d)
        days.insert(d);
    if (*head > seenSeq) {
        SqlQuery changed(tx, QStringLiteral("SELECT DISTINCT at FROM events WHERE seq > :s"));
        changed.bind(QStringLiteral(":s"), seenSeq).exec();
        while (changed.next()) {
            days.insert(dayOfMs(changed.int64(0)));
            days.insert(dayOfMs(changed.int64(0) - kClockSkewMs));
        }
    }
    return days;
}

int MetricsRollup::refresh()
{
    std::lock_guard lock(m_passMutex);
    QElapsedTimer timer;
    timer.start();
    const qint64 now = m_clock.nowMs();
    qint64 head = 0;
    const int count = m_db.write([&](QSqlDatabase &tx) {
        if (m_db.dialect() == Dialect::Postgres) // one pass at a time across instances
            SqlQuery(tx, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kRollupLockKey))
                .exec();
        const std::set<qint64> days = dirtyDays(tx, now, &head);
        // Contiguous runs are recomputed together: one statement per figure per run.
        auto it = days.begin();
        while (it != days.end()) {
            const qint64 first = *it;
            qint64 last = first;
            while (++it != days.end() && *it == last + 1)
                last = *it;
            recompute(tx, first, last, now);
        }
        exec(tx, QStringLiteral("DELETE FROM metrics_rollup_state"));
        exec(tx, QStringLiteral("INSERT INTO metrics_rollup_state (id, event_seq, passed_at) "
                                "VALUES (1, %1, %2)")
                     .arg(head)
                     .arg(now));
        return static_cast<int>(days.size());
    });
    m_lastSeq = head;
    m_lastPassAt = now;
    m_lastPassDays = count;
    if (timer.elapsed() > 1000)
        logging::logger("server.metrics")
            ->info("rollup pass recomputed {} days in {} ms", count, timer.elapsed());
    return count;
}

void MetricsRollup::ensureFresh()
{
    const qint64 now = m_clock.nowMs();
    if (now - m_lastPassAt.load() <= m_maxStalenessMs) {
        const qint64 head = m_db.read([](QSqlDatabase &db) {
            SqlQuery q(db, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"));
            return q.exec().scalar().value_or(0).toLongLong();
        });
        if (head == m_lastSeq.load())
            return;
    }
    refresh();
}

} // namespace skillex::server::metrics
