// TaxonomyItemDelegate: the tree's rows at the console's 24 px, categories as headings,
// statuses as words ("Active", "Deprecated") and deprecated skills in grey italics.
#pragma once

#include <QStyledItemDelegate>

namespace skillex::views {

class TaxonomyItemDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QString displayText(const QVariant &value, const QLocale &locale) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace skillex::views
