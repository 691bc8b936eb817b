// UserStatusDelegate: text and colour from userformat, so the list and the member card agree.
#include "views/users/userstatusdelegate.h"

#include "views/users/userformat.h"

#include <QColor>
#include <QPalette>

namespace skillex::views {

QString UserStatusDelegate::displayText(const QVariant &value, const QLocale &) const
{
    return userformat::statusText(value.toString());
}

void UserStatusDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!(option->state & QStyle::State_Selected))
        option->palette.setColor(QPalette::Text,
                                 QColor(userformat::statusColor(index.data().toString())));
}

} // namespace skillex::views
