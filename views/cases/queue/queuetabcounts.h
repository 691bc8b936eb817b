// QueueTabCounts: the live number on every queue tab, from the cache (case_counts for most,
// "SLA breached" = its working cases less the few not due yet, a short index walk), re-read after each batch of case changes and each
// minute (cases pass their SLA with the clock). Ban approvals come from BanApprovalsView.
#pragma once

#include "views/cases/queue/queuetabs.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace skillex::client {
class CacheDb;
struct TableChange;
} // namespace skillex::client

namespace skillex::models {
class CaseTabCounts;
}

namespace skillex::views {

class QueueTabCounts : public QObject {
    Q_OBJECT

public:
    QueueTabCounts(client::CacheDb *db, qint64 me, QObject *parent = nullptr);

    // -1 when not known (yet).
    qint64 count(QueueTab tab) const { return m_counts.value(int(tab), -1); }
    void setBanApprovals(qint64 pending);
    void refresh();

signals:
    void changed();

private:
    void onCacheChanged(const client::TableChange &change);

    client::CacheDb *m_db = nullptr;
    qint64 m_me = 0;
    models::CaseTabCounts *m_source = nullptr;
    QHash<int, qint64> m_counts;
    QTimer m_coalesce;
    QTimer m_clock;
};

} // namespace skillex::views
