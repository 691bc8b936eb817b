// TaxonomyItemDelegate: presentation only; the model keeps the server's raw values.
#include "views/taxonomy/taxonomyitemdelegate.h"

#include "models/taxonomymodel.h"

#include <QApplication>

namespace skillex::views {

using models::TaxonomyModel;

QSize TaxonomyItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), 24));
    return size;
}

QString TaxonomyItemDelegate::displayText(const QVariant &value, const QLocale &locale) const
{
    const QString text = value.toString();
    if (text == QLatin1String("active"))
        return tr("Active");
    if (text == QLatin1String("deprecated"))
        return tr("Deprecated");
    return QStyledItemDelegate::displayText(value, locale);
}

void TaxonomyItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.parent().isValid()) {
        // Categories read as headings over their skills.
        option->font.setWeight(QFont::DemiBold);
        return;
    }
    if (index.column() != TaxonomyModel::Status && index.column() != TaxonomyModel::Name &&
        index.column() != TaxonomyModel::Slug)
        return;
    const bool deprecated = index.siblingAtColumn(TaxonomyModel::Status).data().toString() ==
                            QLatin1String("deprecated");
    if (!deprecated)
        return;
    option->font.setItalic(true);
    option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
}

} // namespace skillex::views
