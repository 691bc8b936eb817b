// StaffRolesDialog: one check box per role; at least one must stay.
#include "views/users/staffrolesdialog.h"

#include "protocol/roles.h"
#include "views/common/roletext.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace skillex::views {

StaffRolesDialog::StaffRolesDialog(const QString &name, const QStringList &roles, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("staffRolesDialog"));
    setWindowTitle(tr("Roles of %1").arg(name));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The new roles replace the old ones and apply to %1's next "
                                    "request.")
                                     .arg(name),
                                 this));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Change roles"));
    for (protocol::Role role : protocol::allRoles()) {
        const QString key = protocol::roleName(role);
        auto *box = new QCheckBox(roleText(role), this);
        box->setObjectName(QStringLiteral("role_") + key);
        box->setAccessibleName(tr("Role %1").arg(roleText(role)));
        box->setChecked(roles.contains(key));
        layout->addWidget(box);
        m_boxes.insert(key, box);
        connect(box, &QCheckBox::toggled, this,
                [this] { m_ok->setEnabled(!this->roles().isEmpty()); });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_ok->setEnabled(!this->roles().isEmpty());
}

QStringList StaffRolesDialog::roles() const
{
    QStringList out;
    for (auto it = m_boxes.begin(); it != m_boxes.end(); ++it)
        if (it.value()->isChecked())
            out << it.key();
    return out;
}

} // namespace skillex::views
