// QueueTabCounts: reads each tab's count; emits changed() only when a number moved.
#include "views/cases/queue/queuetabcounts.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/tablechange.h"
#include "models/casequeuemodel.h"
#include "models/casetabcounts.h"

#include <QDateTime>

namespace skillex::views {

QueueTabCounts::QueueTabCounts(client::CacheDb *db, qint64 me, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_me(me)
    , m_source(new models::CaseTabCounts(db, me, this))
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(100); // a burst of events is one re-read
    connect(&m_coalesce, &QTimer::timeout, this, &QueueTabCounts::refresh);
    m_clock.setInterval(60'000);
    connect(&m_clock, &QTimer::timeout, this, &QueueTabCounts::refresh);
    m_clock.start();
    connect(m_db, &client::CacheDb::changed, this, &QueueTabCounts::onCacheChanged);
    refresh();
}

void QueueTabCounts::onCacheChanged(const client::TableChange &change)
{
    if (change.table == QLatin1String("cases") && !m_coalesce.isActive())
        m_coalesce.start();
}

void QueueTabCounts::setBanApprovals(qint64 pending)
{
    if (m_counts.value(int(QueueTab::BanApprovals), -1) == pending)
        return;
    m_counts.insert(int(QueueTab::BanApprovals), pending);
    emit changed();
}

void QueueTabCounts::refresh()
{
    QHash<int, qint64> fresh = m_counts;
    client::CacheReader *reader = m_db->reader();
    for (const QueueTabSpec &spec : queueTabs()) {
        if (spec.tab == QueueTab::BanApprovals)
            continue;
        std::optional<qint64> n = m_source->count(spec.filter);
        if (!n && spec.filter.slaBreached && reader) {
            // Breached = the tab's cases (case_counts) minus those not due yet. Only recent
            // cases are due in the future, so that is a short walk of cases_sla (status rides in
            // the index), where "due in the past" would walk most of a million entries.
            models::CaseFilter all = spec.filter;
            all.slaBreached = false;
            const std::optional<qint64> total = m_source->count(all);
            const auto sql = models::CaseQueueModel::filterSql(
                all, m_me, false, QDateTime::currentMSecsSinceEpoch());
            QVariantList values{QDateTime::currentMSecsSinceEpoch()};
            values << sql.values;
            const QVariant notDue = reader->scalar(
                QStringLiteral("SELECT COUNT(*) FROM cases c WHERE c.sla_due_at >= ?%1")
                    .arg(sql.where.isEmpty() ? QString() : QStringLiteral(" AND ") + sql.where),
                values);
            if (total && notDue.isValid())
                n = *total - notDue.toLongLong();
        }
        fresh.insert(int(spec.tab), n.value_or(-1));
    }
    if (fresh == m_counts)
        return;
    m_counts = fresh;
    emit changed();
}

} // namespace skillex::views
