// TaxonomyFilterProxy: matching on every name the server's own `text` filter looks at.
#include "views/taxonomy/taxonomyfilterproxy.h"

#include "models/taxonomymodel.h"

namespace skillex::views {

using models::TaxonomyModel;

TaxonomyFilterProxy::TaxonomyFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A category is kept when any of its skills matches.
    setRecursiveFilteringEnabled(true);
}

void TaxonomyFilterProxy::setText(const QString &text)
{
    const QString folded = text.simplified().toCaseFolded();
    if (folded == m_text)
        return;
    m_text = folded;
    invalidateFilter();
}

bool TaxonomyFilterProxy::matches(const QModelIndex &i) const
{
    if (i.data(TaxonomyModel::IdRole).toString() == m_text)
        return true;
    QStringList haystack{i.siblingAtColumn(TaxonomyModel::Slug).data().toString()};
    const QVariantMap names = i.data(TaxonomyModel::NamesRole).toMap();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        haystack << it.value().toString();
    haystack << i.data(TaxonomyModel::AliasesRole).toStringList();
    haystack << i.data().toString();
    for (const QString &s : std::as_const(haystack))
        if (s.toCaseFolded().contains(m_text))
            return true;
    return false;
}

bool TaxonomyFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (matches(i))
        return true;
    // A skill under a matching category stays visible, so "Languages" shows its skills.
    return sourceParent.isValid() && matches(sourceParent);
}

} // namespace skillex::views
