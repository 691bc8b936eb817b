// WindowedSqlModel: a table model over a cache table that stays fast at millions of rows. Rows
// are read in pages by keyset on an indexed (key, id) order, formatted pages are kept in a
// bounded cache, and live changes are applied in batches from the model's snapshot.
#pragma once

#include "models/windowed/sortkey.h"
#include "models/windowed/windowedquery.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QElapsedTimer>
#include <QHash>
#include <QSqlQuery>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace skillex::client {
class CacheDb;
class CacheReader;
struct TableChange;
} // namespace skillex::client

namespace skillex::models {

class WindowedSqlModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // the row's id (qint64)
        RawRole,                   // the column's value as stored
        OverlayStateRole, // a pending outbox action's state ("queued", "conflict"), or null
        OverlayTextRole,  // "dismissing, queued"
        FirstSubclassRole = Qt::UserRole + 32,
    };

    struct Column {
        QString header;
        QString expr; // the SQL selected for it
        // Display text from the row's values (in column order); default: the value as text.
        std::function<QString(const QVariantList &values)> format;
        Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
        QString sortExpr; // non-empty: sorting on this column pages on (sortExpr, id)
    };

    // What the model did, for tests and benchmarks.
    struct Stats {
        int pagesFetched = 0;
        int wholeReloads = 0;
        int incrementalFlushes = 0;
        qint64 rowsInserted = 0;
        qint64 rowsRemoved = 0;
        qint64 rowsChanged = 0;
        double longestFlushMs = 0;       // the longest time one flush or reload held the thread
        double longestAnchorSliceMs = 0; // the longest idle slice of the anchor walk
    };

    explicit WindowedSqlModel(client::CacheDb *db, QObject *parent = nullptr);
    ~WindowedSqlModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Sorting is done by SQL on the column's index; columns without a sortExpr are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    qint64 idAt(int row) const;
    // Where a row is shown, or -1 when it is not (a query; for "select case 8812").
    int rowOfId(qint64 id);

    void setPageSize(int rows);
    void setCachedPages(int pages);
    // Applies the changes committed so far now rather than on the timer (tests, benchmarks).
    void flushPendingChanges();
    // Finishes the background anchor walk now (benchmarks measure both ways).
    void buildAnchorsNow();
    int anchorCount() const { return int(m_anchors.size()); }
    const Stats &stats() const { return m_stats; }
    // Re-formats every row (an SLA countdown moved with the clock) and repaints.
    void refreshText();

signals:
    void reloaded();
    // Live rows arrived in a flush (a view may show "3 new").
    void rowsArrived(int count);

protected:
    // source: the FROM clause; table: the name its rows have in the change log. Extras are
    // selected after the columns' values (for roles that are not a column).
    void setSource(const QString &source, const QString &table, const QString &idColumn,
                   const QList<Column> &columns, const QStringList &extras = {});
    // Each of these reloads (a model reset): the set of rows is a different one.
    void setSortSpec(const SortSpec &sort);
    void setSqlFilter(const SqlFilter &filter);
    void setQuery(const SortSpec &sort, const SqlFilter &filter);
    // The same over another FROM clause (a subclass picking a join that suits the filter).
    void setQuery(const QString &source, const SortSpec &sort, const SqlFilter &filter);
    const SortSpec &sortSpec() const { return m_query.sort(); }
    const SqlFilter &sqlFilter() const { return m_query.filter(); }
    // The row count of the current filter when a subclass can have it without COUNT(*) (the
    // case counts table), read from `reader`, which holds the snapshot the model shows.
    virtual std::optional<qint64> cheapCount(client::CacheReader &reader) const;
    // Rows of this outbox target type show their pending action in `column`.
    void setOverlay(const QString &targetType, int column);
    // Extra roles; return an invalid QVariant to fall back to the base.
    virtual QVariant rowData(qint64 id, const QVariantList &values, int column, int role) const;
    client::CacheDb *cache() const { return m_db; }

private:
    struct Row {
        qint64 id = 0;
        QVariant key;
        QVariantList values;
        QStringList text;
    };
    struct Page {
        QVector<Row> rows;
    };
    struct Anchor {
        int row = 0; // in the current snapshot, hidden rows counted
        RowKey key;
    };
    struct Overlay {
        QString state;
        QString text;
        bool operator==(const Overlay &) const = default;
    };

    client::CacheReader &current() const { return *m_readers[m_current]; }
    client::CacheReader &other() const { return *m_readers[1 - m_current]; }
    bool ensureReaders();
    bool ensureOtherReader();
    void rebuildQuery();
    void startSnapshot(client::CacheReader &reader);
    // Begins the current snapshot again after an idle release; when the cache moved on
    // meanwhile, asks for a whole reload (the old state is gone).
    void ensureSnapshot() const;
    void releaseSnapshotsIfIdle();
    qint64 countRows(client::CacheReader &reader) const;
    qint64 changeLogHead(client::CacheReader &reader) const;

    // Rows of the current snapshot <-> rows the views see (hidden rows are mid-flush).
    int toSnapshotRow(int row) const;
    int fromSnapshotRow(int snapshotRow) const;

    const Row *rowAt(int row) const;
    QVector<Row> fetchSnapshotRows(int first, int count) const;
    Row makeRow(const QSqlQuery &query) const;
    void addAnchor(int row, const RowKey &key) const;
    // The snapshot row of `key` (or where it would go), counted from the nearest anchors; no
    // value when the nearest anchors are too far apart to count cheaply.
    // The key must be in that snapshot. Anchors and row count default to the current ones.
    std::optional<int> snapshotRowOf(client::CacheReader &reader, const RowKey &key) const;
    std::optional<int> snapshotRowOf(client::CacheReader &reader, const RowKey &key,
                                     const std::vector<Anchor> &anchors, int rows) const;
    QHash<qint64, RowKey> members(client::CacheReader &reader, const QList<qint64> &ids) const;

    void onCacheChanged(const client::TableChange &change);
    void scheduleFlush();
    bool applyChanges(); // false: too much or too far; a whole reload is needed
    void reloadWhole();  // layoutChanged, persistent indexes kept where cheaply found
    void resetAll();     // begin/endResetModel (filter, sort)
    void buildAnchorSlice(qint64 budgetMs);
    void refreshOverlays();
    void emitRowChanged(qint64 id);

    client::CacheDb *m_db = nullptr;
    std::unique_ptr<client::CacheReader> m_readers[2];
    int m_current = 0;
    QString m_source;
    QString m_table; // the change log's name for the source's rows
    QString m_idColumn;
    QList<Column> m_columns;
    QStringList m_extras;
    WindowedQuery m_query;
    bool m_configured = false;

    qint64 m_logSeq = 0;       // the change log position the current snapshot includes
    int m_snapshotCount = 0;   // rows passing the filter in the current snapshot
    std::vector<int> m_hidden; // sorted snapshot rows not (yet / any more) visible
    int m_pageSize = 64;       // a screen and a half of 24 px rows
    mutable QCache<int, Page> m_pages;
    mutable std::vector<Anchor> m_anchors; // sorted by row
    int m_nextAnchorRow = 0;
    QTimer m_anchorTimer;

    QTimer m_flushTimer;
    QTimer m_releaseTimer;
    QElapsedTimer m_sinceFlush;
    mutable bool m_reloadWanted = false;
    bool m_burst = false; // the last flush saw more changes than row-by-row signals suit

    QString m_overlayType;
    int m_overlayColumn = -1;
    QHash<qint64, Overlay> m_overlays;
    QTimer m_overlayTimer;

    mutable Stats m_stats;
};

} // namespace skillex::models
