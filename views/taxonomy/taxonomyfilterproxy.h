// TaxonomyFilterProxy: the filter box over the tree. A node matches by its name in any
// language, its slug or an alias (case folded); a category stays when one of its skills
// matches, and a matching category shows all its skills.
#pragma once

#include <QSortFilterProxyModel>

namespace skillex::views {

class TaxonomyFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit TaxonomyFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matches(const QModelIndex &sourceIndex) const;

    QString m_text;
};

} // namespace skillex::views
