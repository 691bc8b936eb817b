// OfflinePreparer: a few case fetches at a time; the summary is counted from the cache itself
// at the end, so it says what is really there to read offline.
#include "client/workspace/offlinepreparer.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/workspace/casedetailfetcher.h"
#include "client/workspace/workspace.h"

#include <QLocale>
#include <QSqlQuery>

namespace skillex::client {

namespace {

// Side by side: enough to hide the round trips, few enough not to crowd out the live sync.
constexpr int kParallelFetches = 4;

const QString kOpenStatuses =
    QStringLiteral("('open', 'assigned', 'escalated', 'appealed')");

} // namespace

QString OfflinePreparer::Summary::line() const
{
    QString text = tr("%1 cases, %2 evidence items, %3 attachments, %4 bytes in %5 s")
                       .arg(cases)
                       .arg(evidenceItems)
                       .arg(attachments)
                       .arg(bytes)
                       .arg(QString::number(double(milliseconds) / 1000.0, 'f', 1));
    if (failures > 0)
        text += tr("; %1 cases could not be fetched (%2)").arg(failures).arg(firstError);
    return text;
}

OfflinePreparer::OfflinePreparer(Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    CaseDetailFetcher *fetcher = m_workspace->caseDetails();
    connect(fetcher, &CaseDetailFetcher::failed, this,
            [this](qint64 caseId, const ApiError &error) {
                if (!m_running)
                    return;
                ++m_summary.failures;
                if (m_summary.firstError.isEmpty())
                    m_summary.firstError = tr("case %1: %2").arg(caseId).arg(error.message());
            });
    connect(fetcher, &CaseDetailFetcher::done, this, [this](qint64) {
        if (!m_running)
            return;
        --m_inFlight;
        next();
    });
}

QList<qint64> OfflinePreparer::chooseCases(int limit) const
{
    QList<qint64> ids;
    CacheReader *reader = m_workspace->cache()->reader();
    QSqlQuery &query = reader->run(
        QStringLiteral("SELECT id FROM cases WHERE status IN %1 AND (assignee_id = ? OR "
                       "assignee_id IS NULL) ORDER BY assignee_id IS NULL, priority DESC, id "
                       "LIMIT ?")
            .arg(kOpenStatuses),
        {m_workspace->me().id, limit});
    while (query.next())
        ids << query.value(0).toLongLong();
    query.finish();
    return ids;
}

void OfflinePreparer::start(int limit)
{
    if (m_running)
        return;
    m_summary = {};
    m_queue = chooseCases(limit);
    m_chosen = m_queue;
    m_total = int(m_queue.size());
    m_inFlight = 0;
    m_running = true;
    m_timer.start();
    emit progress(0, m_total, tr("Preparing %1 cases for offline\u2026").arg(m_total));
    next();
}

void OfflinePreparer::cancel()
{
    m_running = false;
    m_queue.clear();
}

void OfflinePreparer::next()
{
    const int done = m_total - int(m_queue.size()) - m_inFlight;
    if (m_total > 0)
        emit progress(done, m_total, tr("%1 of %2 cases ready for offline").arg(done).arg(m_total));
    while (m_running && m_inFlight < kParallelFetches && !m_queue.isEmpty()) {
        ++m_inFlight;
        m_workspace->caseDetails()->fetch(m_queue.takeFirst(), true);
    }
    if (m_running && m_inFlight == 0 && m_queue.isEmpty())
        finish();
}

void OfflinePreparer::finish()
{
    m_running = false;
    const QList<qint64> &ids = m_chosen;
    QStringList placeholders;
    QVariantList values;
    for (qint64 id : ids) {
        placeholders << QStringLiteral("?");
        values << id;
    }
    m_summary.milliseconds = m_timer.elapsed();
    if (!ids.isEmpty()) {
        CacheReader *reader = m_workspace->cache()->reader();
        const QString in = placeholders.join(QLatin1Char(','));
        m_summary.cases = reader
                              ->scalar(QStringLiteral("SELECT COUNT(*) FROM cases WHERE id IN "
                                                      "(%1) AND detail IS NOT NULL")
                                           .arg(in),
                                       values)
                              .toInt();
        m_summary.evidenceItems =
            reader
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM evidence WHERE case_id IN (%1)")
                             .arg(in),
                         values)
                .toInt();
        QSqlQuery &files = reader->run(
            QStringLiteral("SELECT COUNT(*), COALESCE(SUM(LENGTH(b.bytes)), 0) FROM (SELECT "
                           "DISTINCT ea.sha256 FROM evidence e JOIN evidence_attachments ea ON "
                           "ea.evidence_id = e.id WHERE e.case_id IN (%1)) f JOIN "
                           "attachment_blobs b ON b.sha256 = f.sha256")
                .arg(in),
            values);
        if (files.next()) {
            m_summary.attachments = files.value(0).toInt();
            m_summary.bytes = files.value(1).toLongLong();
        }
        files.finish();
    }
    emit progress(m_total, m_total, m_summary.line());
    emit finished(m_summary);
}

} // namespace skillex::client
