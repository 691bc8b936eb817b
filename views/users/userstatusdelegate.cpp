// UserStatusDelegate: text and colour from userformat, so the list and the member card agree.
#include "views/users/userstatusdelegate.h"

#include "models/windowed/windowedsqlmodel.h"
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
    if (option->state & QStyle::State_Selected)
        return;
    // A pending action ("suspending, queued") is in amber, with its words.
    const bool pending = index.data(models::WindowedSqlModel::OverlayStateRole).isValid();
    option->palette.setColor(QPalette::Text,
                             pending ? QColor(QStringLiteral("#b26a00"))
                                     : QColor(userformat::statusColor(index.data().toString())));
}

} // namespace skillex::views
