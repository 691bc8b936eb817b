// CaseTabCounts: the numbers on the queue's tabs (My, Unassigned, High, All open), read from the
// counts table the cache keeps by trigger, so they cost a few dozen rows, never a COUNT(*).
#pragma once

#include "models/casefilter.h"

#include <QObject>
#include <QTimer>

namespace skillex::client {
class CacheDb;
struct TableChange;
} // namespace skillex::client

namespace skillex::models {

class CaseTabCounts : public QObject {
    Q_OBJECT

public:
    struct Counts {
        qint64 mine = 0;
        qint64 unassigned = 0;
        qint64 high = 0;
        qint64 open = 0;
        bool operator==(const Counts &) const = default;
    };

    CaseTabCounts(client::CacheDb *db, qint64 me, QObject *parent = nullptr);

    const Counts &counts() const { return m_counts; }
    // Any filter the counts table can answer (no text, no SLA condition).
    std::optional<qint64> count(const CaseFilter &filter) const;
    // Reads now (also done after each change of the cases, coalesced).
    void refresh();

signals:
    void changed(const skillex::models::CaseTabCounts::Counts &counts);

private:
    void onCacheChanged(const client::TableChange &change);

    client::CacheDb *m_db = nullptr;
    qint64 m_me = 0;
    Counts m_counts;
    QTimer m_refresh;
};

} // namespace skillex::models
