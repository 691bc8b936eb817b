// Filing a report is one transaction: the report, its evidence, the case it opens or joins with
// recomputed counts, severity, SLA and priority, and the events, or none of them.
#include "server/domain/moderation/cases.h"

#include "protocol/timestamps.h"
#include "server/domain/chat/memberstatus.h"
#include "server/domain/domainerror.h"
#include "server/domain/moderation/casehistory.h"
#include "server/domain/moderation/casepriority.h"
#include "server/domain/moderation/casesummary.h"
#include "server/domain/moderation/evidence.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <vector>

namespace skillex::server {

using namespace protocol;
using namespace moderation;

namespace {

constexpr int kRefreshChunk = 200;
constexpr int kSubjectLockNamespace = 7302; // pg_advisory_xact_lock(int, int): (namespace, key)

QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonValue optionalId(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue();
}

} // namespace

QJsonObject FiledReport::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("subject"), subject.toJson()},
            {QStringLiteral("category"), category},
            {QStringLiteral("description"), description},
            {QStringLiteral("status"), QStringLiteral("received")},
            {QStringLiteral("created_at"), toWireTime(createdAt)}};
}

Cases::Cases(Database &db, const Clock &clock, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_events(events)
{}

QMap<QString, QString> Cases::draftProblems(const ReportDraft &d)
{
    QMap<QString, QString> errors;
    if (!subjectTypes().contains(d.subject.type))
        errors.insert(QStringLiteral("subject.type"),
                      QStringLiteral("must be one of ") +
                          subjectTypes().join(QStringLiteral(", ")));
    if (d.subject.id <= 0)
        errors.insert(QStringLiteral("subject.id"), QStringLiteral("must be a positive id"));
    if (!categorySeverity(d.category))
        errors.insert(QStringLiteral("category"),
                      QStringLiteral("must be one of ") +
                          reportCategories().join(QStringLiteral(", ")));
    if (d.description.trimmed().isEmpty() || d.description.size() > kMaxTextLength)
        errors.insert(QStringLiteral("description"),
                      QStringLiteral("must be 1 to %1 characters").arg(kMaxTextLength));
    return errors;
}

void Cases::lockSubject(QSqlDatabase &tx, const SubjectRef &subject) const
{
    if (m_db.dialect() != Dialect::Postgres)
        return;
    // A stable key (not qHash, which is seeded per process): collisions only serialise two
    // unrelated subjects a little, never wrongly merge them.
    const auto typeIndex = static_cast<qint64>(subjectTypes().indexOf(subject.type));
    const auto key = static_cast<int>((subject.id * 8 + typeIndex) & 0x7fffffff);
    SqlQuery(tx, QStringLiteral("SELECT pg_advisory_xact_lock(%1, :k)").arg(kSubjectLockNamespace))
        .bind(QStringLiteral(":k"), key)
        .exec();
}

FiledReport Cases::fileReport(qint64 reporterId, const ReportDraft &draft)
{
    if (const auto errors = draftProblems(draft); !errors.isEmpty()) {
        QStringList parts;
        for (auto it = errors.begin(); it != errors.end(); ++it)
            parts.push_back(it.key() + QLatin1Char(' ') + it.value());
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid report"),
                          parts.join(QStringLiteral("; ")))
            .withFieldErrors(errors);
    }
    const Severity severity = *categorySeverity(draft.category);

    return m_db.write([&](QSqlDatabase &tx) {
        chat::requireActiveMember(tx, reporterId);
        const qint64 now = m_clock.nowMs();
        SqlQuery recent(tx, QStringLiteral("SELECT COUNT(*) FROM reports WHERE reporter_id = :r "
                                           "AND created_at > :since"));
        recent.bind(QStringLiteral(":r"), reporterId)
            .bind(QStringLiteral(":since"), now - kHourMs)
            .exec();
        if (recent.scalar().value_or(0).toLongLong() >= kMaxReportsPerHour)
            throw DomainError(429, problemtype::kRateLimited, QStringLiteral("Too many reports"),
                              QStringLiteral("A member may file %1 reports an hour; try again "
                                             "later.")
                                  .arg(kMaxReportsPerHour))
                .withHeader("Retry-After", "3600")
                .withExtension(QStringLiteral("retry_after"), 3600);
        const ResolvedSubject subject = resolveReportSubject(tx, reporterId, draft.subject);
        lockSubject(tx, draft.subject);

        FiledReport report;
        report.subject = draft.subject;
        report.category = draft.category;
        report.description = draft.description;
        report.createdAt = now;
        std::optional<qint64> previousCase;

        SqlQuery open(tx, QStringLiteral("SELECT id FROM cases WHERE subject_type = :t AND "
                                         "subject_id = :i AND status IN (%1) ORDER BY id DESC "
                                         "LIMIT 1")
                              .arg(sqlList(openCaseStatuses())));
        open.bind(QStringLiteral(":t"), draft.subject.type)
            .bind(QStringLiteral(":i"), draft.subject.id)
            .exec();
        if (open.next()) {
            report.caseId = open.int64(0);
        } else {
            SqlQuery previous(tx, QStringLiteral("SELECT id FROM cases WHERE subject_type = :t AND "
                                                 "subject_id = :i AND status IN (%1) ORDER BY id "
                                                 "DESC LIMIT 1")
                                      .arg(sqlList(closedCaseStatuses())));
            previous.bind(QStringLiteral(":t"), draft.subject.type)
                .bind(QStringLiteral(":i"), draft.subject.id)
                .exec();
            if (previous.next())
                previousCase = previous.int64(0);
            // Counts, severity and priority are filled in by refreshCase below, from the reports.
            SqlQuery insert(
                tx, QStringLiteral(
                        "INSERT INTO cases (subject_type, subject_id, subject_user_id, status, "
                        "category, severity, priority, report_count, reporter_count, "
                        "previous_case_id, opened_at, sla_due_at, updated_at, version) VALUES "
                        "(:t, :i, :u, 'open', :c, :s, 0, 0, 0, :p, :o, :d, :o2, 1) RETURNING id"));
            insert.bind(QStringLiteral(":t"), draft.subject.type)
                .bind(QStringLiteral(":i"), draft.subject.id)
                .bindOptional(QStringLiteral(":u"), subject.userId)
                .bind(QStringLiteral(":c"), draft.category)
                .bind(QStringLiteral(":s"), severityName(severity))
                .bindOptional(QStringLiteral(":p"), previousCase)
                .bind(QStringLiteral(":o"), now)
                .bind(QStringLiteral(":d"), now + slaMs(severity))
                .bind(QStringLiteral(":o2"), now)
                .exec();
            report.caseId = insert.scalar().value_or(0).toLongLong();
            report.caseOpened = true;
        }

        SqlQuery insertReport(tx, QStringLiteral("INSERT INTO reports (reporter_id, subject_type, "
                                                 "subject_id, category, description, case_id, "
                                                 "created_at) VALUES (:r, :t, :i, :c, :d, :k, :n) "
                                                 "RETURNING id"));
        insertReport.bind(QStringLiteral(":r"), reporterId)
            .bind(QStringLiteral(":t"), draft.subject.type)
            .bind(QStringLiteral(":i"), draft.subject.id)
            .bind(QStringLiteral(":c"), draft.category)
            .bind(QStringLiteral(":d"), draft.description)
            .bind(QStringLiteral(":k"), report.caseId)
            .bind(QStringLiteral(":n"), now)
            .exec();
        report.id = insertReport.scalar().value_or(0).toLongLong();

        const EvidenceSnapshot evidence = snapshotEvidence(tx, draft.subject, now);
        SqlQuery insertEvidence(tx,
                                QStringLiteral("INSERT INTO evidence (case_id, report_id, kind, "
                                               "snapshot, created_at) VALUES (:c, :r, :k, :s, "
                                               ":t) RETURNING id"));
        insertEvidence.bind(QStringLiteral(":c"), report.caseId)
            .bind(QStringLiteral(":r"), report.id)
            .bind(QStringLiteral(":k"), evidence.kind)
            .bind(QStringLiteral(":s"), jsonText(evidence.snapshot))
            .bind(QStringLiteral(":t"), now)
            .exec();
        const qint64 evidenceId = insertEvidence.scalar().value_or(0).toLongLong();
        for (const QString &hash : evidence.attachmentHashes)
            SqlQuery(tx, QStringLiteral("INSERT INTO evidence_attachments (evidence_id, sha256) "
                                        "VALUES (:e, :h)"))
                .bind(QStringLiteral(":e"), evidenceId)
                .bind(QStringLiteral(":h"), hash)
                .exec();

        const QJsonObject refreshed = refreshCase(tx, report.caseId, now, !report.caseOpened);
        const QString caseStatus = refreshed.value(QStringLiteral("status")).toString();
        const QJsonObject change = appendCaseHistory(
            tx, {report.caseId,
                 now,
                 reporterId,
                 report.caseOpened ? QStringLiteral("opened") : QStringLiteral("report_added"),
                 report.caseOpened ? QString() : caseStatus,
                 report.caseOpened ? caseStatus : caseStatus,
                 {{QStringLiteral("report_id"), report.id},
                  {QStringLiteral("category"), draft.category},
                  {QStringLiteral("previous_case_id"), optionalId(previousCase)}}});
        // Every case event carries the case summary, so a console cache can upsert it.
        QJsonObject caseJson = findCaseSummary(tx, report.caseId).value_or(refreshed);
        caseJson.insert(QStringLiteral("report_id"), report.id);
        caseJson.insert(QStringLiteral("change"), change);
        m_events.append(tx, {QStringLiteral("report.filed"),
                             reporterId,
                             QStringLiteral("report"),
                             QString::number(report.id),
                             {{QStringLiteral("case_id"), report.caseId},
                              {QStringLiteral("subject"), draft.subject.toJson()},
                              {QStringLiteral("category"), draft.category},
                              {QStringLiteral("evidence_id"), evidenceId}}});
        m_events.append(tx, {report.caseOpened ? QStringLiteral("case.opened")
                                               : QStringLiteral("case.report_added"),
                             reporterId, QStringLiteral("case"), QString::number(report.caseId),
                             caseJson});
        return report;
    });
}

QJsonObject Cases::refreshCase(QSqlDatabase &tx, qint64 caseId, qint64 now, bool bumpVersion)
{
    // The case takes the highest severity among its reports, and the category of the first
    // report with that severity (so the category does not flip between equal severities).
    SqlQuery byCategory(tx, QStringLiteral("SELECT category, COUNT(*), MIN(id) FROM reports "
                                           "WHERE case_id = :c GROUP BY category"));
    byCategory.bind(QStringLiteral(":c"), caseId).exec();
    int reports = 0;
    Severity top = Severity::Low;
    QString category;
    qint64 firstOfTop = 0;
    while (byCategory.next()) {
        const Severity s = categorySeverity(byCategory.string(0)).value_or(Severity::Low);
        reports += static_cast<int>(byCategory.int64(1));
        const qint64 first = byCategory.int64(2);
        if (category.isEmpty() || s > top || (s == top && first < firstOfTop)) {
            top = s;
            category = byCategory.string(0);
            firstOfTop = first;
        }
    }
    SqlQuery distinct(tx, QStringLiteral("SELECT COUNT(DISTINCT reporter_id) FROM reports WHERE "
                                         "case_id = :c"));
    distinct.bind(QStringLiteral(":c"), caseId).exec();
    const int reporters = static_cast<int>(distinct.scalar().value_or(0).toLongLong());
    SqlQuery current(tx, QStringLiteral("SELECT opened_at, subject_user_id, subject_type, "
                                        "subject_id, status, previous_case_id, version FROM cases "
                                        "WHERE id = :c"));
    current.bind(QStringLiteral(":c"), caseId).exec();
    current.next();
    const qint64 openedAt = current.int64(0);
    const std::optional<qint64> subjectUser = current.optionalInt64(1);
    const SubjectRef subject{current.string(2), current.int64(3)};
    const QString status = current.string(4);
    const std::optional<qint64> previousCase = current.optionalInt64(5);
    const qint64 version = current.int64(6) + (bumpVersion ? 1 : 0);

    // The SLA always runs from the opening: a rise in severity tightens it, possibly into the
    // past (the case is then overdue at once, which is what the queue should show).
    const qint64 slaDue = openedAt + slaMs(top);
    const double priority = priorityOf(tx, caseId, top, reporters, openedAt, subjectUser, now);
    SqlQuery(tx, QStringLiteral("UPDATE cases SET category = :cat, severity = :sev, report_count "
                                "= :rc, reporter_count = :pc, sla_due_at = :sla, priority = :p, "
                                "updated_at = :t, version = :v WHERE id = :c"))
        .bind(QStringLiteral(":cat"), category)
        .bind(QStringLiteral(":sev"), severityName(top))
        .bind(QStringLiteral(":rc"), reports)
        .bind(QStringLiteral(":pc"), reporters)
        .bind(QStringLiteral(":sla"), slaDue)
        .bind(QStringLiteral(":p"), priority)
        .bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":v"), version)
        .bind(QStringLiteral(":c"), caseId)
        .exec();
    return {{QStringLiteral("id"), caseId},
            {QStringLiteral("status"), status},
            {QStringLiteral("subject"), subject.toJson()},
            {QStringLiteral("subject_user_id"), optionalId(subjectUser)},
            {QStringLiteral("category"), category},
            {QStringLiteral("severity"), severityName(top)},
            {QStringLiteral("priority"), priority},
            {QStringLiteral("report_count"), reports},
            {QStringLiteral("reporter_count"), reporters},
            {QStringLiteral("previous_case_id"), optionalId(previousCase)},
            {QStringLiteral("opened_at"), toWireTime(openedAt)},
            {QStringLiteral("sla_due_at"), toWireTime(slaDue)},
            {QStringLiteral("version"), version}};
}

double Cases::priorityOf(QSqlDatabase &tx, qint64 caseId, Severity severity, int reporters,
                         qint64 openedAt, std::optional<qint64> subjectUser, qint64 now) const
{
    // Each distinct reporter's trust: account age and the outcomes of their reports on other,
    // closed cases (counted per case, so many reports on one case weigh as one).
    SqlQuery trust(
        tx,
        QStringLiteral(
            "SELECT u.created_at, "
            "(SELECT COUNT(DISTINCT p.case_id) FROM reports p JOIN cases c ON c.id = p.case_id "
            "WHERE p.reporter_id = u.id AND p.case_id <> :c1 AND c.status IN ('resolved', "
            "'appeal_upheld')), "
            "(SELECT COUNT(DISTINCT q.case_id) FROM reports q JOIN cases d ON d.id = q.case_id "
            "WHERE q.reporter_id = u.id AND q.case_id <> :c2 AND d.status IN ('dismissed', "
            "'appeal_overturned')) "
            "FROM users u WHERE u.id IN (SELECT reporter_id FROM reports WHERE case_id = :c3)"));
    trust.bind(QStringLiteral(":c1"), caseId)
        .bind(QStringLiteral(":c2"), caseId)
        .bind(QStringLiteral(":c3"), caseId)
        .exec();
    QList<double> trusts;
    while (trust.next())
        trusts.push_back(reporterTrust(now - trust.int64(0), static_cast<int>(trust.int64(1)),
                                       static_cast<int>(trust.int64(2))));
    int strikes = 0;
    if (subjectUser) {
        // Live strikes: not lifted, younger than 90 days, and not from this case itself.
        SqlQuery s(tx,
                   QStringLiteral("SELECT COALESCE(SUM(strike), 0) FROM sanctions WHERE "
                                  "user_id = :u AND strike > 0 AND lifted_at IS NULL AND "
                                  "created_at > :since AND (case_id IS NULL OR case_id <> :c)"));
        s.bind(QStringLiteral(":u"), *subjectUser)
            .bind(QStringLiteral(":since"), now - kStrikeLifetimeMs)
            .bind(QStringLiteral(":c"), caseId)
            .exec();
        strikes = static_cast<int>(s.scalar().value_or(0).toLongLong());
    }
    return casePriority({severity, reporters, meanTrust(trusts), strikes, now - openedAt});
}

int Cases::recomputePriorities(qint64 now)
{
    struct Row {
        qint64 id;
        Severity severity;
        int reporters;
        qint64 openedAt;
        std::optional<qint64> subjectUser;
        double priority;
    };
    int changedTotal = 0;
    qint64 lastId = 0;
    for (;;) {
        const bool more = m_db.write([&](QSqlDatabase &tx) {
            std::vector<Row> rows;
            // On PostgreSQL the rows are locked, so a report joining one of them meanwhile
            // either lands before (and is counted here) or after (and recomputes it itself).
            const QString lock =
                m_db.dialect() == Dialect::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
            SqlQuery q(tx, QStringLiteral("SELECT id, severity, reporter_count, opened_at, "
                                          "subject_user_id, priority FROM cases WHERE status IN "
                                          "(%1) AND id > :last ORDER BY id LIMIT %2%3")
                               .arg(sqlList(openCaseStatuses()))
                               .arg(kRefreshChunk)
                               .arg(lock));
            q.bind(QStringLiteral(":last"), lastId).exec();
            while (q.next())
                rows.push_back({q.int64(0), severityFromName(q.string(1)).value_or(Severity::Low),
                                static_cast<int>(q.int64(2)), q.int64(3), q.optionalInt64(4),
                                q.value(5).toDouble()});
            QJsonArray changed;
            for (const Row &row : rows) {
                lastId = row.id;
                const double p = priorityOf(tx, row.id, row.severity, row.reporters, row.openedAt,
                                            row.subjectUser, now);
                if (std::fabs(p - row.priority) < 1e-9)
                    continue;
                SqlQuery(tx, QStringLiteral("UPDATE cases SET priority = :p WHERE id = :c"))
                    .bind(QStringLiteral(":p"), p)
                    .bind(QStringLiteral(":c"), row.id)
                    .exec();
                changed.push_back(row.id);
            }
            if (!changed.isEmpty()) {
                // One event per chunk, not per case: the console refreshes the listed cases.
                m_events.append(tx, {QStringLiteral("case.priorities_refreshed"),
                                     std::nullopt,
                                     QStringLiteral("case"),
                                     QString(),
                                     {{QStringLiteral("case_ids"), changed}}});
            }
            changedTotal += static_cast<int>(changed.size());
            return rows.size() == static_cast<size_t>(kRefreshChunk);
        });
        if (!more)
            break;
    }
    return changedTotal;
}

} // namespace skillex::server
