// ProfileEditDialog: keeps the dialog open with the reason shown until the profile is valid.
#include "views/signin/profileeditdialog.h"

#include "client/api/serverurl.h"
#include "client/auth/serverprofiles.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace skillex::views {

ProfileEditDialog::ProfileEditDialog(const client::ServerProfiles *profiles,
                                     const client::ServerProfile &profile, int index,
                                     QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_profile(profile)
    , m_index(index)
    , m_name(new QLineEdit(profile.name, this))
    , m_url(new QLineEdit(profile.url.toString(), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("profileEditDialog"));
    setWindowTitle(index < 0 ? tr("Add server profile") : tr("Edit server profile"));
    m_name->setObjectName(QStringLiteral("profileNameEdit"));
    m_name->setPlaceholderText(tr("Production"));
    m_url->setObjectName(QStringLiteral("profileUrlEdit"));
    m_url->setPlaceholderText(tr("https://console.example.com"));
    m_error->setObjectName(QStringLiteral("profileError"));
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Server &address:"), m_url);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfileEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProfileEditDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

client::ServerProfile ProfileEditDialog::profile() const
{
    return m_profile;
}

void ProfileEditDialog::accept()
{
    QString error;
    const QUrl url = client::ServerUrl::parse(m_url->text(), &error);
    client::ServerProfile edited = m_profile;
    edited.name = m_name->text().trimmed();
    edited.url = url;
    if (error.isEmpty())
        error = m_profiles->validate(edited, m_index);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    m_profile = edited;
    QDialog::accept();
}

} // namespace skillex::views
