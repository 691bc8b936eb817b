// StaffRolesDialog: picks a staff account's roles (they replace the old set).
#pragma once

#include <QDialog>
#include <QMap>

class QCheckBox;
class QPushButton;

namespace skillex::views {

class StaffRolesDialog : public QDialog {
    Q_OBJECT

public:
    StaffRolesDialog(const QString &name, const QStringList &roles, QWidget *parent = nullptr);
    QStringList roles() const;

private:
    QMap<QString, QCheckBox *> m_boxes;
    QPushButton *m_ok = nullptr;
};

} // namespace skillex::views
