// ArrivalWatch: keeps live arrivals out of the moderator's list until asked. New cases get
// higher ids than every case the list was built from, so the list's filter carries a mark
// (CaseFilter::upToId, the highest case id in the cache when the list was built) and this
// counts the cases above it that pass the filter: the "3 new" banner. Showing them moves the
// mark to the newest case. During the first sync (not live yet) nothing is held.
#pragma once

#include "models/casefilter.h"

#include <QObject>
#include <QTimer>

namespace skillex::client {
class CacheDb;
struct TableChange;
} // namespace skillex::client

namespace skillex::views {

class ArrivalWatch : public QObject {
    Q_OBJECT

public:
    ArrivalWatch(client::CacheDb *db, qint64 me, QObject *parent = nullptr);

    // Whether arrivals are held (the sync is live); when not, the mark follows the cache.
    void setHolding(bool holding);
    bool isHolding() const { return m_holding; }

    // The filter the person chose, without a mark; the result is the one the model shows.
    models::CaseFilter markedFilter(const models::CaseFilter &filter);
    // The highest case id in the cache now.
    qint64 newestId() const;
    qint64 mark() const { return m_mark; }
    int pending() const { return m_pending; }
    // Re-counts the held arrivals.
    void recount();

signals:
    void pendingChanged(int count);

private:
    void onCacheChanged(const client::TableChange &change);

    client::CacheDb *m_db = nullptr;
    qint64 m_me = 0;
    bool m_holding = false;
    qint64 m_mark = 0;
    models::CaseFilter m_filter; // without a mark
    int m_pending = 0;
    QTimer m_coalesce;
};

} // namespace skillex::views
