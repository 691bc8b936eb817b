// WindowedSqlModel: paging by anchors, and live changes replayed from the change log between
// two snapshots of the cache (the old one for where rows were, the new one for where they go).
#include "models/windowed/windowedsqlmodel.h"

#include "client/cache/cachedb.h"
#include "client/cache/cacheerror.h"
#include "client/cache/cachereader.h"
#include "client/cache/tablechange.h"
#include "client/outbox/actions.h"
#include "client/outbox/outboxstore.h"
#include "common/logging.h"

#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlQuery>

#include <algorithm>

namespace skillex::models {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("client.models");
    return logger;
}

// Anchors every this many rows, built in idle time (Wireshark prefetches in 5 ms slices).
constexpr int kAnchorStride = 512;
constexpr qint64 kAnchorSliceMs = 5;
// More changed rows than this in one flush, and a whole reload is cheaper than the arithmetic.
constexpr int kMaxIncremental = 256;
// Counting more rows than this to place one changed row is not cheap: reload instead.
constexpr int kMaxCountSpan = 20'000;
// Flushes at most this often while changes pour in; one beginInsertRows per batch.
constexpr int kMinFlushIntervalMs = 30;
// In a burst (every flush a whole reload) a few reloads a second are plenty for a person, and
// leave the CPU to the writer.
constexpr int kBurstFlushIntervalMs = 250;
// Caught up and quiet this long, with a WAL this big, the model lets go of its snapshots: a
// read transaction held for good keeps SQLite from ever restarting the WAL, which then only
// grows. Not on every pause: after a release the next change is a whole reload (the old
// snapshot it would count from is gone), so it is done when the WAL asks for it.
constexpr int kReleaseAfterMs = 2000;
constexpr qint64 kReleaseWalBytes = 16 * 1024 * 1024;

using Direction = WindowedQuery::Direction;

} // namespace

WindowedSqlModel::WindowedSqlModel(client::CacheDb *db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
    m_pages.setMaxCost(64 * m_pageSize);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &WindowedSqlModel::flushPendingChanges);
    m_anchorTimer.setSingleShot(true);
    connect(&m_anchorTimer, &QTimer::timeout, this, [this] { buildAnchorSlice(kAnchorSliceMs); });
    m_releaseTimer.setSingleShot(true);
    m_releaseTimer.setInterval(kReleaseAfterMs);
    connect(&m_releaseTimer, &QTimer::timeout, this, &WindowedSqlModel::releaseSnapshotsIfIdle);
    m_overlayTimer.setSingleShot(true);
    connect(&m_overlayTimer, &QTimer::timeout, this, &WindowedSqlModel::refreshOverlays);
    connect(m_db, &client::CacheDb::changed, this, &WindowedSqlModel::onCacheChanged);
    m_sinceFlush.start();
}

WindowedSqlModel::~WindowedSqlModel()
{
    m_pages.clear();
}

bool WindowedSqlModel::ensureReaders()
{
    // The second connection is opened by the first flush: a model that never sees a change
    // (a dialog's list) costs one.
    auto &reader = m_readers[m_current];
    if (!reader)
        reader = m_db->openReader();
    return reader != nullptr;
}

bool WindowedSqlModel::ensureOtherReader()
{
    auto &reader = m_readers[1 - m_current];
    if (!reader)
        reader = m_db->openReader();
    return reader != nullptr;
}

void WindowedSqlModel::setSource(const QString &source, const QString &table,
                                 const QString &idColumn, const QList<Column> &columns,
                                 const QStringList &extras)
{
    m_source = source;
    m_table = table;
    m_idColumn = idColumn;
    m_columns = columns;
    m_extras = extras;
    m_configured = true;
}

void WindowedSqlModel::setPageSize(int rows)
{
    m_pageSize = qMax(8, rows);
    const int pages = m_pages.maxCost() / qMax(1, m_pageSize);
    m_pages.clear();
    m_pages.setMaxCost(qMax(4, pages) * m_pageSize);
}

void WindowedSqlModel::setCachedPages(int pages)
{
    m_pages.setMaxCost(qMax(2, pages) * m_pageSize);
}

void WindowedSqlModel::setOverlay(const QString &targetType, int column)
{
    m_overlayType = targetType;
    m_overlayColumn = column;
    refreshOverlays();
}

void WindowedSqlModel::setSortSpec(const SortSpec &sort)
{
    setQuery(sort, sqlFilter());
}

void WindowedSqlModel::setSqlFilter(const SqlFilter &filter)
{
    setQuery(sortSpec(), filter);
}

void WindowedSqlModel::setQuery(const QString &source, const SortSpec &sort,
                                const SqlFilter &filter)
{
    m_source = source;
    setQuery(sort, filter);
}

void WindowedSqlModel::setQuery(const SortSpec &sort, const SqlFilter &filter)
{
    QStringList exprs;
    for (const Column &column : std::as_const(m_columns))
        exprs << column.expr;
    exprs << m_extras;
    m_query = WindowedQuery(m_source, m_idColumn, exprs, sort, filter);
    resetAll();
}

std::optional<qint64> WindowedSqlModel::cheapCount(client::CacheReader &) const
{
    return std::nullopt;
}

QVariant WindowedSqlModel::rowData(qint64, const QVariantList &, int, int) const
{
    return {};
}

// ---- snapshots ------------------------------------------------------------------------------

qint64 WindowedSqlModel::changeLogHead(client::CacheReader &reader) const
{
    return reader.scalar(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM change_log"))
        .toLongLong();
}

qint64 WindowedSqlModel::countRows(client::CacheReader &reader) const
{
    if (const std::optional<qint64> cheap = cheapCount(reader))
        return *cheap;
    return reader.scalar(m_query.count(), m_query.filterValues()).toLongLong();
}

void WindowedSqlModel::startSnapshot(client::CacheReader &reader)
{
    reader.endSnapshot();
    reader.beginSnapshot();
    m_logSeq = changeLogHead(reader);
    m_snapshotCount = int(countRows(reader));
    m_hidden.clear();
    m_pages.clear();
    m_anchors.clear();
    m_nextAnchorRow = kAnchorStride - 1;
    // In a burst the next reload is moments away and would throw the walk's anchors away.
    if (!m_burst)
        m_anchorTimer.start(0);
    m_releaseTimer.start();
}

void WindowedSqlModel::ensureSnapshot() const
{
    client::CacheReader &reader = current();
    // In a burst the model reads the latest state without holding it: the next flush (a
    // whole reload, at most 30 ms away) squares the row count with it. A snapshot held
    // through a burst would keep SQLite from restarting the WAL, which would grow by every
    // page the burst writes.
    if (reader.inSnapshot() || m_burst)
        return;
    reader.beginSnapshot();
    if (changeLogHead(reader) != m_logSeq) {
        // Rows are read from a newer state than the one the views were told about until the
        // reload that this asks for; it is at most one event-loop pass away.
        m_reloadWanted = true;
        const_cast<WindowedSqlModel *>(this)->scheduleFlush();
    }
    const_cast<QTimer &>(m_releaseTimer).start();
}

void WindowedSqlModel::releaseSnapshotsIfIdle()
{
    if (!m_configured || m_flushTimer.isActive() || !m_hidden.empty() || m_anchorTimer.isActive()) {
        m_releaseTimer.start();
        return;
    }
    if (QFileInfo(m_db->path() + QStringLiteral("-wal")).size() < kReleaseWalBytes)
        return;
    client::CacheReader *probe = m_db->reader(); // not in a snapshot: sees the latest commit
    if (!probe)
        return;
    const QVariant head =
        probe->scalar(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
    if (!head.isValid() || head.toLongLong() != m_logSeq) {
        scheduleFlush();
        return;
    }
    for (auto &reader : m_readers) {
        if (reader)
            reader->endSnapshot();
    }
}

void WindowedSqlModel::resetAll()
{
    if (!m_configured || !ensureReaders())
        return;
    beginResetModel();
    if (m_readers[1 - m_current])
        other().endSnapshot();
    startSnapshot(current());
    m_reloadWanted = false;
    ++m_stats.wholeReloads;
    endResetModel();
    emit reloaded();
}

void WindowedSqlModel::reloadWhole()
{
    if (!m_configured || !ensureReaders())
        return;
    emit layoutAboutToBeChanged();
    // Where the persistent indexes (selection, current row) were, by id.
    const QModelIndexList before = persistentIndexList();
    QList<qint64> ids;
    ids.reserve(before.size());
    for (const QModelIndex &index : before)
        ids << idAt(index.row());
    if (m_readers[1 - m_current])
        other().endSnapshot();
    startSnapshot(current());
    m_reloadWanted = false;
    QModelIndexList after;
    after.reserve(before.size());
    // Finding a row costs a count over the rows before it until the anchors are rebuilt: the
    // selection is worth it; thousands of indexes over a million rows are not.
    constexpr qint64 kFollowBudget = 4'000'000;
    const qint64 follow = qMax<qint64>(16, kFollowBudget / qMax(1, m_snapshotCount));
    QHash<qint64, RowKey> found;
    if (!ids.isEmpty() && ids.size() <= follow)
        found = members(current(), ids);
    QHash<qint64, int> rows;
    for (int i = 0; i < before.size(); ++i) {
        const auto it = found.constFind(ids.at(i));
        if (it == found.constEnd()) {
            after << QModelIndex();
            continue;
        }
        auto known = rows.constFind(it->id);
        if (known == rows.constEnd()) {
            std::optional<int> row = snapshotRowOf(current(), *it);
            if (!row)
                row = int(current()
                              .scalar(m_query.countBetween(false, true),
                                      m_query.countBetweenValues(nullptr, &*it))
                              .toLongLong());
            known = rows.insert(it->id, *row);
        }
        after << index(*known, before.at(i).column());
    }
    changePersistentIndexList(before, after);
    if (m_burst)
        current().endSnapshot();
    ++m_stats.wholeReloads;
    emit layoutChanged();
    emit reloaded();
}

// ---- rows -------------------------------------------------------------------------------------

int WindowedSqlModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_snapshotCount - int(m_hidden.size());
}

int WindowedSqlModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

int WindowedSqlModel::toSnapshotRow(int row) const
{
    int s = row;
    for (const int h : m_hidden) {
        if (h <= s)
            ++s;
        else
            break;
    }
    return s;
}

int WindowedSqlModel::fromSnapshotRow(int snapshotRow) const
{
    const auto before = std::lower_bound(m_hidden.begin(), m_hidden.end(), snapshotRow);
    return snapshotRow - int(before - m_hidden.begin());
}

WindowedSqlModel::Row WindowedSqlModel::makeRow(const QSqlQuery &query) const
{
    Row row;
    row.id = query.value(0).toLongLong();
    row.key = query.value(1);
    const qsizetype width = m_columns.size() + m_extras.size();
    row.values.reserve(width);
    for (int i = 0; i < width; ++i)
        row.values << query.value(2 + i);
    row.text.reserve(m_columns.size());
    for (int i = 0; i < m_columns.size(); ++i) {
        const Column &column = m_columns.at(i);
        row.text << (column.format ? column.format(row.values) : row.values.at(i).toString());
    }
    return row;
}

void WindowedSqlModel::addAnchor(int row, const RowKey &key) const
{
    const auto it = std::lower_bound(m_anchors.begin(), m_anchors.end(), row,
                                     [](const Anchor &a, int r) { return a.row < r; });
    if (it != m_anchors.end() && it->row == row)
        return;
    m_anchors.insert(it, Anchor{row, key});
}

QVector<WindowedSqlModel::Row> WindowedSqlModel::fetchSnapshotRows(int first, int count) const
{
    QVector<Row> rows;
    if (count <= 0)
        return rows;
    const int last = first + count - 1;
    // The cheapest starting point: the start, the end, or the nearest anchor on either side.
    enum class From { Start, End, AnchorBefore, AnchorAfter } from = From::Start;
    qint64 cost = first;
    const Anchor *anchor = nullptr;
    if (qint64(m_snapshotCount) - 1 - last < cost) {
        from = From::End;
        cost = qint64(m_snapshotCount) - 1 - last;
    }
    const auto after = std::lower_bound(m_anchors.begin(), m_anchors.end(), first,
                                        [](const Anchor &a, int r) { return a.row < r; });
    if (after != m_anchors.begin()) {
        const Anchor &a = *(after - 1);
        if (first - a.row - 1 < cost) {
            from = From::AnchorBefore;
            cost = first - a.row - 1;
            anchor = &a;
        }
    }
    const auto beyond = std::upper_bound(m_anchors.begin(), m_anchors.end(), last,
                                         [](int r, const Anchor &a) { return r < a.row; });
    if (beyond != m_anchors.end() && beyond->row - last - 1 < cost) {
        from = From::AnchorAfter;
        cost = beyond->row - last - 1;
        anchor = &*beyond;
    }

    QString sql;
    QVariantList values;
    const bool backward = from == From::End || from == From::AnchorAfter;
    switch (from) {
    case From::Start:
        sql = m_query.page(Direction::Forward, false);
        values = m_query.pageValues(nullptr, count, first);
        break;
    case From::End:
        sql = m_query.page(Direction::Backward, false);
        values = m_query.pageValues(nullptr, count, cost);
        break;
    case From::AnchorBefore:
        sql = m_query.page(Direction::Forward, true);
        values = m_query.pageValues(&anchor->key, count, cost);
        break;
    case From::AnchorAfter:
        sql = m_query.page(Direction::Backward, true);
        values = m_query.pageValues(&anchor->key, count, cost);
        break;
    }
    ensureSnapshot();
    QSqlQuery &query = current().run(sql, values);
    rows.reserve(count);
    while (query.next())
        rows.push_back(makeRow(query));
    query.finish();
    if (backward)
        std::reverse(rows.begin(), rows.end());
    ++m_stats.pagesFetched;
    if (!rows.isEmpty()) {
        addAnchor(first, RowKey{rows.constFirst().key, rows.constFirst().id});
        addAnchor(first + int(rows.size()) - 1, RowKey{rows.constLast().key, rows.constLast().id});
    }
    return rows;
}

const WindowedSqlModel::Row *WindowedSqlModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const int pageIndex = row / m_pageSize;
    Page *page = m_pages.object(pageIndex);
    if (!page) {
        const int first = pageIndex * m_pageSize;
        const int last = qMin(first + m_pageSize, rowCount()) - 1;
        auto fresh = std::make_unique<Page>();
        try {
            const int s0 = toSnapshotRow(first);
            const int s1 = toSnapshotRow(last);
            QVector<Row> rows = fetchSnapshotRows(s0, s1 - s0 + 1);
            fresh->rows.reserve(last - first + 1);
            for (int i = 0; i < rows.size(); ++i) {
                if (!std::binary_search(m_hidden.begin(), m_hidden.end(), s0 + i))
                    fresh->rows.push_back(std::move(rows[i]));
            }
        } catch (const client::CacheError &error) {
            log()->error("page {} of {} failed: {}", pageIndex, logging::str(m_table),
                         logging::str(error.message()));
        }
        page = fresh.get();
        m_pages.insert(pageIndex, fresh.release(), qMax<qsizetype>(1, page->rows.size()));
    }
    const int offset = row - pageIndex * m_pageSize;
    return offset < page->rows.size() ? &page->rows.at(offset) : nullptr;
}

qint64 WindowedSqlModel::idAt(int row) const
{
    const Row *r = rowAt(row);
    return r ? r->id : 0;
}

QVariant WindowedSqlModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row *row = rowAt(index.row());
    if (!row)
        return {};
    const int column = index.column();
    const QVariant custom = rowData(row->id, row->values, column, role);
    if (custom.isValid())
        return custom;
    const auto overlay = m_overlays.constFind(row->id);
    const bool hasOverlay = overlay != m_overlays.constEnd();
    switch (role) {
    case Qt::DisplayRole:
        if (hasOverlay && column == m_overlayColumn)
            return overlay->text;
        return row->text.value(column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(m_columns.at(column).alignment);
    case IdRole:
        return row->id;
    case RawRole:
        return row->values.value(column);
    case OverlayStateRole:
        return hasOverlay ? QVariant(overlay->state) : QVariant();
    case OverlayTextRole:
        return hasOverlay ? QVariant(overlay->text) : QVariant();
    default:
        return {};
    }
}

QVariant WindowedSqlModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_columns.at(section).header;
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(m_columns.at(section).alignment);
    return {};
}

QHash<int, QByteArray> WindowedSqlModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "rowId");
    names.insert(RawRole, "raw");
    names.insert(OverlayStateRole, "overlayState");
    names.insert(OverlayTextRole, "overlayText");
    return names;
}

void WindowedSqlModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_columns.size() || m_columns.at(column).sortExpr.isEmpty())
        return;
    const SortSpec spec{m_columns.at(column).sortExpr, order};
    if (spec == sortSpec())
        return;
    setSortSpec(spec);
}

void WindowedSqlModel::refreshText()
{
    m_pages.clear();
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::DisplayRole});
}

// ---- positions --------------------------------------------------------------------------------

QHash<qint64, RowKey> WindowedSqlModel::members(client::CacheReader &reader,
                                                const QList<qint64> &ids) const
{
    QHash<qint64, RowKey> out;
    constexpr int kChunk = 64;
    for (qsizetype from = 0; from < ids.size(); from += kChunk) {
        const QList<qint64> chunk = ids.mid(from, kChunk);
        QSqlQuery &query = reader.run(m_query.members(kChunk), m_query.memberValues(chunk, kChunk));
        while (query.next()) {
            const qint64 id = query.value(0).toLongLong();
            out.insert(id, RowKey{query.value(1), id});
        }
        query.finish();
    }
    return out;
}

std::optional<int> WindowedSqlModel::snapshotRowOf(client::CacheReader &reader,
                                                   const RowKey &key) const
{
    return snapshotRowOf(reader, key, m_anchors, m_snapshotCount);
}

std::optional<int> WindowedSqlModel::snapshotRowOf(client::CacheReader &reader, const RowKey &key,
                                                   const std::vector<Anchor> &anchors,
                                                   int rows) const
{
    const Qt::SortOrder order = sortSpec().order;
    // Anchors are in row order, hence in key order: the last one before the key, the first
    // one at or after it.
    const auto upper = std::lower_bound(
        anchors.begin(), anchors.end(), key,
        [order](const Anchor &a, const RowKey &k) { return rowKeyBefore(a.key, k, order); });
    if (upper != anchors.end() && compareRowKeys(upper->key, key) == 0)
        return upper->row;
    const Anchor *lo = upper == anchors.begin() ? nullptr : &*(upper - 1);
    const Anchor *hi = upper == anchors.end() ? nullptr : &*upper;
    const int loRow = lo ? lo->row : -1;
    const int hiRow = hi ? hi->row : rows;
    if (hiRow - loRow - 1 > kMaxCountSpan && rows > kMaxCountSpan)
        return std::nullopt;
    // Count from whichever bound is real; from the start when neither is.
    if (lo || !hi) {
        const qint64 between =
            reader
                .scalar(m_query.countBetween(lo != nullptr, true),
                        m_query.countBetweenValues(lo ? &lo->key : nullptr, &key))
                .toLongLong();
        return loRow + 1 + int(between);
    }
    const qint64 between =
        reader.scalar(m_query.countBetween(true, true), m_query.countBetweenValues(&key, &hi->key))
            .toLongLong();
    // Rows strictly between key and hi; key itself (if present) sits just before them.
    return hiRow - int(between) - 1;
}

int WindowedSqlModel::rowOfId(qint64 id)
{
    if (!ensureReaders())
        return -1;
    try {
        ensureSnapshot();
        const QHash<qint64, RowKey> found = members(current(), {id});
        if (found.isEmpty())
            return -1;
        std::optional<int> row = snapshotRowOf(current(), found.value(id));
        if (!row) {
            // Far from every anchor: count from the start, once.
            const RowKey key = found.value(id);
            row = int(current()
                          .scalar(m_query.countBetween(false, true),
                                  m_query.countBetweenValues(nullptr, &key))
                          .toLongLong());
        }
        if (std::binary_search(m_hidden.begin(), m_hidden.end(), *row))
            return -1;
        return fromSnapshotRow(*row);
    } catch (const client::CacheError &error) {
        log()->error("finding row {} failed: {}", id, logging::str(error.message()));
        return -1;
    }
}

// ---- anchors in idle time ---------------------------------------------------------------------

void WindowedSqlModel::buildAnchorSlice(qint64 budgetMs)
{
    if (!m_configured || !m_readers[m_current] || !m_hidden.empty())
        return;
    QElapsedTimer slice;
    slice.start();
    const auto noteSlice = qScopeGuard([&] {
        m_stats.longestAnchorSliceMs =
            qMax(m_stats.longestAnchorSliceMs, double(slice.nsecsElapsed()) / 1e6);
    });
    try {
        ensureSnapshot();
        while (m_nextAnchorRow < m_snapshotCount) {
            if (budgetMs >= 0 && slice.elapsed() >= budgetMs) {
                m_anchorTimer.start(0);
                return;
            }
            const int target = m_nextAnchorRow;
            m_nextAnchorRow += kAnchorStride;
            const auto after = std::upper_bound(m_anchors.begin(), m_anchors.end(), target,
                                                [](int r, const Anchor &a) { return r < a.row; });
            const Anchor *from = after == m_anchors.begin() ? nullptr : &*(after - 1);
            if (from && from->row == target)
                continue;
            const qint64 offset = target - (from ? from->row : -1) - 1;
            QSqlQuery &query =
                current().run(m_query.keys(Direction::Forward, from != nullptr),
                              m_query.pageValues(from ? &from->key : nullptr, 1, offset));
            if (query.next())
                addAnchor(target, RowKey{query.value(1), query.value(0).toLongLong()});
            query.finish();
        }
    } catch (const client::CacheError &error) {
        log()->error("anchor walk of {} stopped: {}", logging::str(m_table),
                     logging::str(error.message()));
    }
}

void WindowedSqlModel::buildAnchorsNow()
{
    buildAnchorSlice(-1);
    m_anchorTimer.stop();
}

// ---- live changes -----------------------------------------------------------------------------

void WindowedSqlModel::onCacheChanged(const client::TableChange &change)
{
    if (change.table == client::outboxstore::kTable) {
        if (!m_overlayType.isEmpty() && !m_overlayTimer.isActive())
            m_overlayTimer.start(0);
        return;
    }
    if (change.table != m_table || !m_configured)
        return;
    if (change.everything)
        m_reloadWanted = true;
    scheduleFlush();
}

void WindowedSqlModel::scheduleFlush()
{
    if (m_flushTimer.isActive())
        return;
    const qint64 since = m_sinceFlush.elapsed();
    const int interval = m_burst ? kBurstFlushIntervalMs : kMinFlushIntervalMs;
    m_flushTimer.start(int(qMax<qint64>(0, interval - since)));
}

void WindowedSqlModel::flushPendingChanges()
{
    m_flushTimer.stop();
    m_sinceFlush.restart();
    if (!m_configured || !ensureReaders())
        return;
    QElapsedTimer took;
    took.start();
    bool applied = false;
    try {
        if (m_burst) {
            // While changes pour in, every flush is a whole reload and no snapshot is kept
            // between flushes (see ensureSnapshot). Back to row by row once they calm down.
            client::CacheReader *probe = m_db->reader();
            const qint64 changed =
                probe ? probe
                            ->scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT DISTINCT row_id "
                                                    "FROM change_log WHERE tbl = ? AND seq > ? "
                                                    "LIMIT ?)"),
                                     {m_table, m_logSeq, kMaxIncremental + 1})
                            .toLongLong()
                      : 0;
            m_burst = changed > kMaxIncremental;
        } else {
            applied = !m_reloadWanted && applyChanges();
        }
    } catch (const client::CacheError &error) {
        log()->error("applying changes to {} failed: {}", logging::str(m_table),
                     logging::str(error.message()));
    }
    if (!applied)
        reloadWhole();
    m_stats.longestFlushMs = qMax(m_stats.longestFlushMs, double(took.nsecsElapsed()) / 1e6);
}

bool WindowedSqlModel::applyChanges()
{
    if (!ensureOtherReader() || !current().inSnapshot())
        return false; // the old snapshot was let go while idle: nothing to count from
    client::CacheReader &oldReader = current();
    client::CacheReader &newReader = other();
    newReader.endSnapshot();
    newReader.beginSnapshot();
    const qint64 head = changeLogHead(newReader);
    if (head == m_logSeq) {
        newReader.endSnapshot();
        return true;
    }
    const qint64 oldest =
        newReader.scalar(QStringLiteral("SELECT COALESCE(MIN(seq), 0) FROM change_log"))
            .toLongLong();
    if (oldest > m_logSeq + 1)
        return false; // pruned past us
    QList<qint64> ids;
    {
        QSqlQuery &query = newReader.run(
            QStringLiteral("SELECT DISTINCT row_id FROM change_log WHERE tbl = ? AND seq > ? "
                           "AND seq <= ? LIMIT ?"),
            {m_table, m_logSeq, head, kMaxIncremental + 1});
        while (query.next())
            ids << query.value(0).toLongLong();
        query.finish();
    }
    if (ids.size() > kMaxIncremental) {
        m_burst = true;
        return false;
    }
    if (ids.isEmpty()) {
        // Only other tables changed: move to the new snapshot; none of our rows moved.
        oldReader.endSnapshot();
        m_current = 1 - m_current;
        m_logSeq = head;
        return true;
    }

    // Everything is worked out before the first signal, so a change that cannot be placed
    // cheaply turns into a whole reload with the views never having seen half of it.
    const QHash<qint64, RowKey> oldKeys = members(oldReader, ids);
    const QHash<qint64, RowKey> newKeys = members(newReader, ids);
    QList<qint64> stays;
    std::vector<int> gone; // old snapshot rows
    QList<RowKey> inserted;
    for (qint64 id : std::as_const(ids)) {
        const auto was = oldKeys.constFind(id);
        const auto is = newKeys.constFind(id);
        if (was != oldKeys.constEnd() && is != newKeys.constEnd() &&
            compareRowKeys(*was, *is) == 0) {
            stays << id;
            continue;
        }
        if (was != oldKeys.constEnd()) {
            const std::optional<int> row = snapshotRowOf(oldReader, *was);
            if (!row)
                return false;
            gone.push_back(*row);
        }
        if (is != newKeys.constEnd())
            inserted << *is;
    }
    const int newCount = m_snapshotCount - int(gone.size()) + int(inserted.size());
    if (const std::optional<qint64> cheap = cheapCount(newReader); cheap && *cheap != newCount)
        return false;

    // Anchors in the new snapshot: a removed row's anchor goes; the others shift up by the
    // removals above them and down by the arrivals before them.
    const Qt::SortOrder order = sortSpec().order;
    const auto before = [order](const RowKey &a, const RowKey &b) {
        return rowKeyBefore(a, b, order);
    };
    std::sort(inserted.begin(), inserted.end(), before);
    std::sort(gone.begin(), gone.end());
    std::vector<Anchor> moved;
    moved.reserve(m_anchors.size());
    for (const Anchor &a : m_anchors) {
        if (std::binary_search(gone.begin(), gone.end(), a.row))
            continue;
        const int above = int(std::lower_bound(gone.begin(), gone.end(), a.row) - gone.begin());
        const int arrivalsBefore = int(
            std::lower_bound(inserted.begin(), inserted.end(), a.key, before) - inserted.begin());
        moved.push_back(Anchor{a.row - above + arrivalsBefore, a.key});
    }
    std::vector<int> arrivals;
    arrivals.reserve(inserted.size());
    for (const RowKey &key : std::as_const(inserted)) {
        const std::optional<int> row = snapshotRowOf(newReader, key, moved, newCount);
        if (!row)
            return false;
        arrivals.push_back(*row);
    }
    std::sort(arrivals.begin(), arrivals.end());

    // Removals, bottom up, in runs of adjacent rows: the views see the old snapshot minus what
    // is gone (data() reads the old snapshot, skipping hidden rows).
    for (auto i = gone.rbegin(); i != gone.rend();) {
        const int hi = *i;
        int lo = hi;
        auto j = i + 1;
        while (j != gone.rend() && *j == lo - 1) {
            lo = *j;
            ++j;
        }
        const int first = fromSnapshotRow(lo);
        beginRemoveRows({}, first, first + (hi - lo));
        for (int r = lo; r <= hi; ++r)
            m_hidden.insert(std::lower_bound(m_hidden.begin(), m_hidden.end(), r), r);
        m_pages.clear();
        endRemoveRows();
        m_stats.rowsRemoved += hi - lo + 1;
        i = j;
    }

    // Over to the new snapshot, with the arrivals hidden until they are announced: the same
    // rows as the views see now.
    m_anchors = std::move(moved);
    m_current = 1 - m_current;
    m_snapshotCount = newCount;
    m_logSeq = head;
    m_hidden = arrivals;
    m_pages.clear();
    oldReader.endSnapshot();
    m_nextAnchorRow = qMin(m_nextAnchorRow, m_snapshotCount);

    // Arrivals, top down, one beginInsertRows per run of adjacent rows.
    int announced = 0;
    for (size_t i = 0; i < arrivals.size();) {
        const int lo = arrivals[i];
        int hi = lo;
        size_t j = i + 1;
        while (j < arrivals.size() && arrivals[j] == hi + 1) {
            hi = arrivals[j];
            ++j;
        }
        const int first = fromSnapshotRow(lo);
        beginInsertRows({}, first, first + (hi - lo));
        m_hidden.erase(std::lower_bound(m_hidden.begin(), m_hidden.end(), lo),
                       std::upper_bound(m_hidden.begin(), m_hidden.end(), hi));
        m_pages.clear();
        endInsertRows();
        announced += hi - lo + 1;
        i = j;
    }
    m_stats.rowsInserted += announced;

    // Rows that changed in place.
    for (qint64 id : std::as_const(stays)) {
        const std::optional<int> row = snapshotRowOf(current(), newKeys.value(id));
        if (row) {
            emit dataChanged(index(*row, 0), index(*row, columnCount() - 1));
        } else if (rowCount() > 0) {
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
            break;
        }
    }
    m_stats.rowsChanged += stays.size();
    ++m_stats.incrementalFlushes;
    m_releaseTimer.start();
    m_anchorTimer.start(0);
    if (announced > 0)
        emit rowsArrived(announced);
    return true;
}

// ---- outbox overlay ---------------------------------------------------------------------------

void WindowedSqlModel::refreshOverlays()
{
    if (m_overlayType.isEmpty())
        return;
    client::CacheReader *reader = m_db->reader();
    if (!reader)
        return;
    QHash<qint64, Overlay> fresh;
    try {
        // The latest open action per row; a finished one shows briefly ("dismissed, done").
        QSqlQuery &query = reader->run(
            QStringLiteral("SELECT target_id, kind, state, attempts FROM outbox WHERE "
                           "target_type = ? AND (state IN ('queued', 'sending', 'conflict', "
                           "'failed') OR (state = 'done' AND finished_at >= ?)) ORDER BY id"),
            {m_overlayType, QDateTime::currentMSecsSinceEpoch() - 30'000});
        while (query.next()) {
            const qint64 id = query.value(0).toLongLong();
            const QString verb = client::actions::progressiveVerb(query.value(1).toString());
            const QString state = query.value(2).toString();
            const int attempts = query.value(3).toInt();
            QString text;
            if (state == QLatin1String("queued"))
                text = attempts > 0 ? tr("%1, retrying").arg(verb) : tr("%1, queued").arg(verb);
            else if (state == QLatin1String("sending"))
                text = tr("%1, sending").arg(verb);
            else if (state == QLatin1String("conflict"))
                text = tr("%1: conflict").arg(verb);
            else if (state == QLatin1String("failed"))
                text = tr("%1: refused").arg(verb);
            else
                text = tr("%1, sent").arg(verb);
            if (state == QLatin1String("done") && fresh.contains(id))
                continue; // an open action wins over an earlier finished one
            fresh.insert(id, Overlay{state, text});
        }
        query.finish();
    } catch (const client::CacheError &error) {
        log()->error("outbox overlay failed: {}", logging::str(error.message()));
        return;
    }
    QSet<qint64> touched;
    for (auto it = m_overlays.constBegin(); it != m_overlays.constEnd(); ++it) {
        if (fresh.value(it.key()) != it.value())
            touched.insert(it.key());
    }
    for (auto it = fresh.constBegin(); it != fresh.constEnd(); ++it) {
        if (!m_overlays.contains(it.key()))
            touched.insert(it.key());
    }
    m_overlays = std::move(fresh);
    for (qint64 id : std::as_const(touched))
        emitRowChanged(id);
}

void WindowedSqlModel::emitRowChanged(qint64 id)
{
    // Only rows in cached pages can be on screen; the others are formatted when fetched.
    const QList<int> keys = m_pages.keys();
    for (int pageIndex : keys) {
        const Page *page = m_pages.object(pageIndex);
        for (int i = 0; i < page->rows.size(); ++i) {
            if (page->rows.at(i).id == id) {
                const int row = pageIndex * m_pageSize + i;
                emit dataChanged(index(row, 0), index(row, columnCount() - 1));
                return;
            }
        }
    }
}

} // namespace skillex::models
