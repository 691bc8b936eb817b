// UserStatusDelegate: an account's status in the users list as a word a person reads
// ("Suspended") in its colour; the word is always there, so colour is not the only signal.
#pragma once

#include <QStyledItemDelegate>

namespace skillex::views {

class UserStatusDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QString displayText(const QVariant &value, const QLocale &locale) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace skillex::views
