// ArrivalWatch: the mark and the count of cases above it.
#include "views/cases/queue/arrivalwatch.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/tablechange.h"
#include "models/casequeuemodel.h"

#include <QDateTime>

namespace skillex::views {

ArrivalWatch::ArrivalWatch(client::CacheDb *db, qint64 me, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_me(me)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(50);
    connect(&m_coalesce, &QTimer::timeout, this, &ArrivalWatch::recount);
    connect(m_db, &client::CacheDb::changed, this, &ArrivalWatch::onCacheChanged);
}

void ArrivalWatch::setHolding(bool holding)
{
    m_holding = holding;
}

qint64 ArrivalWatch::newestId() const
{
    client::CacheReader *reader = m_db->reader();
    return reader ? reader->scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM cases"))
                        .toLongLong()
                  : 0;
}

models::CaseFilter ArrivalWatch::markedFilter(const models::CaseFilter &filter)
{
    m_filter = filter;
    m_filter.upToId = 0;
    m_mark = m_holding ? newestId() : 0;
    models::CaseFilter marked = m_filter;
    // An empty cache has nothing to protect; the first cases to arrive are simply the list.
    marked.upToId = m_mark;
    if (m_pending != 0) {
        m_pending = 0;
        emit pendingChanged(0);
    }
    return marked;
}

void ArrivalWatch::onCacheChanged(const client::TableChange &change)
{
    if (change.table != QLatin1String("cases"))
        return;
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void ArrivalWatch::recount()
{
    if (m_mark <= 0 || !m_holding)
        return;
    client::CacheReader *reader = m_db->reader();
    if (!reader)
        return;
    const auto sql = models::CaseQueueModel::filterSql(m_filter, m_me, m_db->hasFullTextSearch(),
                                                       QDateTime::currentMSecsSinceEpoch());
    QVariantList values{m_mark};
    values << sql.values;
    const int n = reader
                      ->scalar(QStringLiteral("SELECT COUNT(*) FROM cases c WHERE c.id > ?%1")
                                   .arg(sql.where.isEmpty() ? QString()
                                                            : QStringLiteral(" AND ") + sql.where),
                               values)
                      .toInt();
    if (n == m_pending)
        return;
    m_pending = n;
    emit pendingChanged(n);
}

} // namespace skillex::views
