// CaseTabCounts: four small sums over case_counts after each batch of case changes.
#include "models/casetabcounts.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/tablechange.h"
#include "models/casequeuemodel.h"

namespace skillex::models {

CaseTabCounts::CaseTabCounts(client::CacheDb *db, qint64 me, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_me(me)
{
    m_refresh.setSingleShot(true);
    connect(&m_refresh, &QTimer::timeout, this, &CaseTabCounts::refresh);
    connect(m_db, &client::CacheDb::changed, this, &CaseTabCounts::onCacheChanged);
    refresh();
}

void CaseTabCounts::onCacheChanged(const client::TableChange &change)
{
    if (change.table == QLatin1String("cases") && !m_refresh.isActive())
        m_refresh.start(0);
}

std::optional<qint64> CaseTabCounts::count(const CaseFilter &filter) const
{
    const auto sql = CaseQueueModel::countSql(filter, m_me);
    client::CacheReader *reader = m_db->reader();
    if (!sql || !reader)
        return std::nullopt;
    const QVariant n = reader->scalar(
        QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM case_counts WHERE %1").arg(sql->where),
        sql->values);
    return n.isValid() ? std::optional<qint64>(n.toLongLong()) : std::nullopt;
}

void CaseTabCounts::refresh()
{
    Counts fresh;
    fresh.mine = count(CaseFilter::mine()).value_or(0);
    fresh.unassigned = count(CaseFilter::unassigned()).value_or(0);
    fresh.high = count(CaseFilter::highSeverity()).value_or(0);
    fresh.open = count(CaseFilter::openQueue()).value_or(0);
    if (fresh == m_counts)
        return;
    m_counts = fresh;
    emit changed(m_counts);
}

} // namespace skillex::models
