// CaseQueueModel: the moderation queue over the cache's cases, windowed; filters, sorts and
// text search run in SQL; pending outbox actions show in the Status column.
#pragma once

#include "models/casefilter.h"
#include "models/windowed/windowedsqlmodel.h"

namespace skillex::models {

class CaseQueueModel : public WindowedSqlModel {
    Q_OBJECT

public:
    enum Column { Id, Priority, Sla, Category, Severity, Subject, Reports, Age, Assignee, Status };
    Q_ENUM(Column)
    enum Role {
        SeverityRole = FirstSubclassRole, // "high" | "medium" | "low"
        SlaDueRole,                       // QDateTime (UTC)
        SlaBreachedRole,                  // bool
        VersionRole,                      // the case version, for If-Match
    };

    // me: the signed-in staff member's id, for the "mine" filter.
    CaseQueueModel(client::CacheDb *db, qint64 me, QObject *parent = nullptr);

    void setFilter(const CaseFilter &filter);
    const CaseFilter &filter() const { return m_filter; }
    void setCaseSort(CaseSort sort, std::optional<Qt::SortOrder> order = std::nullopt);
    CaseSort caseSort() const { return m_sort; }
    // A header click: Priority, SLA and Age sort; other columns keep the order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The SQL condition and values for a filter (shared with the tab counts).
    struct Sql {
        QString where;
        QVariantList values;
    };
    // ftsJoined: the source joins cases_fts itself, so the text is a MATCH on it.
    static Sql filterSql(const CaseFilter &filter, qint64 me, bool fullTextSearch, qint64 nowMs,
                         bool ftsJoined = false);
    // Text searches matching at most this many cases are read from the text index and sorted;
    // broader ones walk the sort key's index and look each case up in the matches.
    static constexpr qint64 kFewMatches = 5000;
    // The case_counts condition for a filter, when the counts table can answer it.
    static std::optional<Sql> countSql(const CaseFilter &filter, qint64 me);
    // The FTS5 query for what a person typed: each word a quoted prefix, all required.
    static QString ftsQuery(const QString &text);

protected:
    std::optional<qint64> cheapCount(client::CacheReader &reader) const override;
    QVariant rowData(qint64 id, const QVariantList &values, int column, int role) const override;

private:
    void apply();

    qint64 m_me = 0;
    CaseFilter m_filter;
    CaseSort m_sort = CaseSort::Priority;
    Qt::SortOrder m_order = Qt::DescendingOrder;
};

} // namespace skillex::models
