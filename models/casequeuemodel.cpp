// CaseQueueModel: columns, filters in SQL, counts from case_counts, SLA and age as text.
#include "models/casequeuemodel.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "models/timetext.h"

#include <QDateTime>
#include <QRegularExpression>

namespace skillex::models {

namespace {

// Extras selected after the columns: positions in a row's values.
enum Extra { ExtraVersion = CaseQueueModel::Status + 1, ExtraClosedAt };

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(u',');
}

void addIn(QStringList &where, QVariantList &values, const QString &column, const QStringList &set)
{
    if (set.isEmpty())
        return;
    where << QStringLiteral("%1 IN (%2)").arg(column, placeholders(set.size()));
    for (const QString &v : set)
        values << v;
}

QString humanise(const QString &wire)
{
    QString text = wire;
    text.replace(u'_', u' ');
    return text;
}

} // namespace

CaseQueueModel::CaseQueueModel(client::CacheDb *db, qint64 me, QObject *parent)
    : WindowedSqlModel(db, parent)
    , m_me(me)
{
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    QList<WindowedSqlModel::Column> columns{
        {tr("Case"), QStringLiteral("c.id"),
         [](const QVariantList &v) { return QStringLiteral("#%1").arg(v.at(Id).toLongLong()); },
         right, QStringLiteral("c.id")},
        {tr("Priority"), QStringLiteral("c.priority"),
         [](const QVariantList &v) { return QString::number(qRound(v.at(Priority).toDouble())); },
         right, QStringLiteral("c.priority")},
        {tr("SLA"), QStringLiteral("c.sla_due_at"),
         [](const QVariantList &v) {
             if (!v.at(ExtraClosedAt).isNull())
                 return QStringLiteral("\u2014");
             return timetext::countdown(v.at(Sla).toLongLong() -
                                        QDateTime::currentMSecsSinceEpoch());
         },
         right, QStringLiteral("c.sla_due_at")},
        {tr("Category"),
         QStringLiteral("c.category"),
         [](const QVariantList &v) { return humanise(v.at(Category).toString()); },
         {},
         {}},
        {tr("Severity"), QStringLiteral("c.severity"), {}, {}, {}},
        {tr("Subject"),
         QStringLiteral("CASE WHEN c.subject_label <> '' THEN c.subject_label ELSE "
                        "c.subject_type || ' ' || c.subject_id END"),
         {},
         {},
         {}},
        {tr("Reports"), QStringLiteral("c.report_count"), {}, right, {}},
        {tr("Age"), QStringLiteral("c.opened_at"),
         [](const QVariantList &v) {
             return timetext::age(QDateTime::currentMSecsSinceEpoch() - v.at(Age).toLongLong());
         },
         right, QStringLiteral("c.opened_at")},
        {tr("Assignee"),
         QStringLiteral("COALESCE((SELECT s.name FROM staff s WHERE s.id = c.assignee_id), "
                        "CASE WHEN c.assignee_id IS NULL THEN '' ELSE '#' || c.assignee_id END)"),
         {},
         {},
         {}},
        {tr("Status"),
         QStringLiteral("c.status"),
         [](const QVariantList &v) { return humanise(v.at(Status).toString()); },
         {},
         {}},
    };
    for (WindowedSqlModel::Column &column : columns)
        if (!column.alignment)
            column.alignment = Qt::AlignLeft | Qt::AlignVCenter;
    setSource(QStringLiteral("cases c"), QStringLiteral("cases"), QStringLiteral("c.id"), columns,
              {QStringLiteral("c.version"), QStringLiteral("c.closed_at")});
    setOverlay(QStringLiteral("case"), Status);
    m_filter = CaseFilter::openQueue();
    apply();
}

void CaseQueueModel::setFilter(const CaseFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    apply();
}

void CaseQueueModel::setCaseSort(CaseSort sort, std::optional<Qt::SortOrder> order)
{
    m_sort = sort;
    m_order = order.value_or(sort == CaseSort::Priority ? Qt::DescendingOrder : Qt::AscendingOrder);
    apply();
}

void CaseQueueModel::sort(int column, Qt::SortOrder order)
{
    if (column == Priority)
        setCaseSort(CaseSort::Priority, order);
    else if (column == Sla)
        setCaseSort(CaseSort::Sla, order);
    else if (column == Age)
        // Age grows as opened_at falls: "oldest first" is ascending opened_at.
        setCaseSort(CaseSort::Age, order);
}

void CaseQueueModel::apply()
{
    QString key;
    switch (m_sort) {
    case CaseSort::Priority:
        key = QStringLiteral("c.priority");
        break;
    case CaseSort::Age:
        key = QStringLiteral("c.opened_at");
        break;
    case CaseSort::Sla:
        key = QStringLiteral("c.sla_due_at");
        break;
    }
    bool joined = false;
    const QString fts = ftsQuery(m_filter.text);
    if (!fts.isEmpty() && cache()->hasFullTextSearch()) {
        // A narrow search ("member 1042": a few hundred cases) is fastest from the text index,
        // sorted; a broad one ("spam": a third of the cases) from the sort key's index.
        client::CacheReader *reader = cache()->reader();
        const qint64 matches =
            reader ? reader
                         ->scalar(QStringLiteral("SELECT COUNT(*) FROM cases_fts WHERE cases_fts "
                                                 "MATCH ?"),
                                  {fts})
                         .toLongLong()
                   : kFewMatches + 1;
        joined = matches <= kFewMatches;
    }
    const Sql sql = filterSql(m_filter, m_me, cache()->hasFullTextSearch(),
                              QDateTime::currentMSecsSinceEpoch(), joined);
    const QString source =
        joined ? QStringLiteral("cases_fts CROSS JOIN cases c ON c.id = cases_fts.rowid")
               : QStringLiteral("cases c");
    setQuery(source, SortSpec{key, m_order}, SqlFilter{sql.where, sql.values});
}

QString CaseQueueModel::ftsQuery(const QString &text)
{
    QStringList terms;
    static const QRegularExpression words(QStringLiteral("[\\p{L}\\p{N}]+"));
    for (auto it = words.globalMatch(text); it.hasNext();)
        terms << QStringLiteral("\"%1\"*").arg(it.next().captured(0));
    return terms.join(u' ');
}

CaseQueueModel::Sql CaseQueueModel::filterSql(const CaseFilter &filter, qint64 me,
                                              bool fullTextSearch, qint64 nowMs, bool ftsJoined)
{
    QStringList where;
    Sql sql;
    addIn(where, sql.values, QStringLiteral("c.status"), filter.statuses);
    addIn(where, sql.values, QStringLiteral("c.severity"), filter.severities);
    addIn(where, sql.values, QStringLiteral("c.category"), filter.categories);
    switch (filter.assignee) {
    case CaseFilter::Assignee::Any:
        break;
    case CaseFilter::Assignee::Me:
        where << QStringLiteral("c.assignee_id = ?");
        sql.values << me;
        break;
    case CaseFilter::Assignee::Unassigned:
        where << QStringLiteral("c.assignee_id IS NULL");
        break;
    case CaseFilter::Assignee::Staff:
        where << QStringLiteral("c.assignee_id = ?");
        sql.values << filter.staffId;
        break;
    }
    if (filter.upToId > 0) {
        where << QStringLiteral("c.id <= ?");
        sql.values << filter.upToId;
    }
    if (filter.slaBreached) {
        where << QStringLiteral("c.sla_due_at < ? AND c.closed_at IS NULL");
        sql.values << nowMs;
    }
    const QString query = ftsQuery(filter.text);
    if (!query.isEmpty()) {
        if (fullTextSearch && ftsJoined) {
            where << QStringLiteral("cases_fts MATCH ?");
            sql.values << query;
        } else if (fullTextSearch) {
            where << QStringLiteral(
                "c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)");
            sql.values << query;
        } else {
            // Without FTS5: every word somewhere in the stored text (a scan, but correct).
            static const QRegularExpression words(QStringLiteral("[\\p{L}\\p{N}]+"));
            for (auto it = words.globalMatch(filter.text); it.hasNext();) {
                where << QStringLiteral("c.search_text LIKE ?");
                sql.values << QStringLiteral("%%1%").arg(it.next().captured(0));
            }
        }
    }
    sql.where = where.join(QStringLiteral(" AND "));
    return sql;
}

std::optional<CaseQueueModel::Sql> CaseQueueModel::countSql(const CaseFilter &filter, qint64 me)
{
    if (filter.slaBreached || !ftsQuery(filter.text).isEmpty())
        return std::nullopt;
    QStringList where;
    Sql sql;
    addIn(where, sql.values, QStringLiteral("status"), filter.statuses);
    addIn(where, sql.values, QStringLiteral("severity"), filter.severities);
    addIn(where, sql.values, QStringLiteral("category"), filter.categories);
    switch (filter.assignee) {
    case CaseFilter::Assignee::Any:
        break;
    case CaseFilter::Assignee::Me:
        where << QStringLiteral("assignee_id = ?");
        sql.values << me;
        break;
    case CaseFilter::Assignee::Unassigned:
        where << QStringLiteral("assignee_id = 0");
        break;
    case CaseFilter::Assignee::Staff:
        where << QStringLiteral("assignee_id = ?");
        sql.values << filter.staffId;
        break;
    }
    sql.where = where.isEmpty() ? QStringLiteral("1") : where.join(QStringLiteral(" AND "));
    return sql;
}

std::optional<qint64> CaseQueueModel::cheapCount(client::CacheReader &reader) const
{
    const std::optional<Sql> sql = countSql(m_filter, m_me);
    if (!sql)
        return std::nullopt;
    const QVariant n = reader.scalar(
        QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM case_counts WHERE %1").arg(sql->where),
        sql->values);
    if (!n.isValid())
        return std::nullopt;
    if (m_filter.upToId <= 0)
        return n.toLongLong();
    // Held arrivals are counted in case_counts but not shown: take them off (a short walk of
    // the primary key above the mark).
    CaseFilter above = m_filter;
    above.upToId = 0;
    const Sql held = filterSql(above, m_me, false, QDateTime::currentMSecsSinceEpoch());
    QVariantList values{m_filter.upToId};
    values << held.values;
    const QVariant h = reader.scalar(
        QStringLiteral("SELECT COUNT(*) FROM cases c WHERE c.id > ?%1")
            .arg(held.where.isEmpty() ? QString() : QStringLiteral(" AND ") + held.where),
        values);
    if (!h.isValid())
        return std::nullopt;
    return n.toLongLong() - h.toLongLong();
}

QVariant CaseQueueModel::rowData(qint64, const QVariantList &values, int, int role) const
{
    switch (role) {
    case SeverityRole:
        return values.value(Severity);
    case SlaDueRole:
        return QDateTime::fromMSecsSinceEpoch(values.value(Sla).toLongLong(), Qt::UTC);
    case SlaBreachedRole:
        return values.value(ExtraClosedAt).isNull() &&
               values.value(Sla).toLongLong() < QDateTime::currentMSecsSinceEpoch();
    case VersionRole:
        return values.value(ExtraVersion);
    default:
        return {};
    }
}

} // namespace skillex::models
