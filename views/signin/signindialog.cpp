// SignInDialog: the form, its busy state, and turning the session's answers into words on screen.
#include "views/signin/signindialog.h"

#include "client/auth/authsession.h"
#include "client/auth/serverprofiles.h"
#include "models/serverprofilesmodel.h"
#include "views/common/iconfactory.h"
#include "views/signin/profileeditdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace skillex::views {

SignInDialog::SignInDialog(client::ServerProfiles *profiles, client::AuthSession *session,
                           QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_session(session)
    , m_model(new models::ServerProfilesModel(profiles, this))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in \u2014 Skillex Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/skillex.svg")));

    // Header: the mark and what this window is.
    auto *mark = new QLabel(this);
    mark->setPixmap(QIcon(QStringLiteral(":/icons/skillex.svg")).pixmap(48, 48));
    auto *title = new QLabel(tr("Sign in to Skillex"), this);
    title->setObjectName(QStringLiteral("signInTitle"));
    auto *subtitle =
        new QLabel(tr("Staff console for moderation, finance and the skills taxonomy."), this);
    subtitle->setObjectName(QStringLiteral("signInSubtitle"));
    subtitle->setWordWrap(true);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(title);
    titles->addWidget(subtitle);
    auto *header = new QHBoxLayout;
    header->setSpacing(14);
    header->addWidget(mark, 0, Qt::AlignTop);
    header->addLayout(titles, 1);

    // Server profile picker.
    m_profileCombo = new QComboBox(this);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    m_profileCombo->setModel(m_model);
    m_profileCombo->setPlaceholderText(tr("No server yet \u2014 add one"));
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profileCombo->setMinimumContentsLength(18);
    m_addButton = new QPushButton(tr("Add\u2026"), this);
    m_addButton->setObjectName(QStringLiteral("addProfileButton"));
    m_editButton = new QPushButton(tr("Edit\u2026"), this);
    m_editButton->setObjectName(QStringLiteral("editProfileButton"));
    m_removeButton = new QPushButton(tr("Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("removeProfileButton"));
    for (auto *button : {m_addButton, m_editButton, m_removeButton})
        button->setAutoDefault(false);
    auto *profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profileCombo, 1);
    profileRow->addWidget(m_addButton);
    profileRow->addWidget(m_editButton);
    profileRow->addWidget(m_removeButton);
    m_urlLabel = new QLabel(this);
    m_urlLabel->setObjectName(QStringLiteral("statusLabel"));
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_keepSignedIn = new QCheckBox(tr("&Keep me signed in"), this);
    m_keepSignedIn->setObjectName(QStringLiteral("keepSignedInCheck"));
    m_keepSignedIn->setToolTip(
        tr("Keeps a sign-in token in the system keychain, so the console opens signed in."));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    // A row holding a layout gets no buddy by itself; without one "&" would show literally.
    auto *serverLabel = new QLabel(tr("&Server:"), this);
    serverLabel->setBuddy(m_profileCombo);
    form->addRow(serverLabel, profileRow);
    form->addRow(QString(), m_urlLabel);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_keepSignedIn);

    // Error area: an icon and words, never colour alone.
    m_errorArea = new QFrame(this);
    m_errorArea->setObjectName(QStringLiteral("errorArea"));
    auto *errorIcon = new QLabel(m_errorArea);
    const QColor red(0xc0, 0x39, 0x2b);
    errorIcon->setPixmap(
        IconFactory::tinted(QStringLiteral(":/icons/alert.svg"), red, red).pixmap(20, 20));
    m_errorLabel = new QLabel(m_errorArea);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setAccessibleName(tr("Sign-in error"));
    auto *errorLayout = new QHBoxLayout(m_errorArea);
    errorLayout->setContentsMargins(10, 8, 10, 8);
    errorLayout->addWidget(errorIcon, 0, Qt::AlignTop);
    errorLayout->addWidget(m_errorLabel, 1);
    m_errorArea->hide();

    // Progress: shown while connecting, so a slow server never looks like a frozen window.
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("signInProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->hide();
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_signInButton = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAutoDefault(false);
    connect(m_signInButton, &QPushButton::clicked, this, &SignInDialog::startSignIn);
    connect(m_cancelButton, &QPushButton::clicked, this, &SignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_errorArea);
    layout->addWidget(m_progress);
    layout->addWidget(m_statusLabel);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    connect(m_profileCombo, &QComboBox::currentIndexChanged, this,
            &SignInDialog::onProfileSelected);
    connect(m_addButton, &QPushButton::clicked, this, &SignInDialog::addProfile);
    connect(m_editButton, &QPushButton::clicked, this, &SignInDialog::editProfile);
    connect(m_removeButton, &QPushButton::clicked, this, &SignInDialog::removeProfile);
    connect(m_email, &QLineEdit::textEdited, this, &SignInDialog::clearError);
    connect(m_password, &QLineEdit::textEdited, this, &SignInDialog::clearError);
    connect(m_session, &client::AuthSession::signedIn, this, &SignInDialog::onSignedIn);
    connect(m_session, &client::AuthSession::signInFailed, this, &SignInDialog::onSignInFailed);

    const QString last = m_profiles->lastUsed();
    if (m_model->rowOf(last) >= 0)
        selectProfile(last);
    else if (m_model->rowCount() > 0)
        m_profileCombo->setCurrentIndex(0);
    onProfileSelected();
}

void SignInDialog::selectProfile(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_profileCombo->setCurrentIndex(row);
}

QString SignInDialog::selectedProfile() const
{
    return m_profileCombo->currentIndex() >= 0 ? m_profileCombo->currentText() : QString();
}

void SignInDialog::setEmail(const QString &email)
{
    m_email->setText(email);
}

void SignInDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorArea->setVisible(!message.isEmpty());
}

QString SignInDialog::errorText() const
{
    return m_errorArea->isVisible() ? m_errorLabel->text() : QString();
}

void SignInDialog::clearError()
{
    showError({});
}

void SignInDialog::onProfileSelected()
{
    const int row = m_profileCombo->currentIndex();
    const bool hasProfile = row >= 0;
    m_editButton->setEnabled(hasProfile && !m_busy);
    m_removeButton->setEnabled(hasProfile && !m_busy);
    if (!hasProfile) {
        m_urlLabel->setText(tr("Add the address of a Skillex server to sign in."));
        return;
    }
    const QModelIndex index = m_model->index(row);
    m_urlLabel->setText(index.data(models::ServerProfilesModel::UrlRole).toUrl().toString());
    const QString email = index.data(models::ServerProfilesModel::LastEmailRole).toString();
    if (!email.isEmpty())
        m_email->setText(email);
    m_keepSignedIn->setChecked(index.data(models::ServerProfilesModel::KeepSignedInRole).toBool());
}

void SignInDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    for (QWidget *widget : std::initializer_list<QWidget *>{
             m_profileCombo, m_addButton, m_email, m_password, m_keepSignedIn, m_signInButton})
        widget->setEnabled(!busy);
    m_editButton->setEnabled(!busy && m_profileCombo->currentIndex() >= 0);
    m_removeButton->setEnabled(!busy && m_profileCombo->currentIndex() >= 0);
    m_signInButton->setText(busy ? tr("Signing in\u2026") : tr("Sign in"));
    m_progress->setVisible(busy);
    m_statusLabel->setText(status);
    m_statusLabel->setVisible(busy && !status.isEmpty());
    if (busy)
        QApplication::setOverrideCursor(Qt::BusyCursor);
    else if (QApplication::overrideCursor())
        QApplication::restoreOverrideCursor();
}

void SignInDialog::startSignIn()
{
    if (m_busy)
        return;
    clearError();
    const int row = m_profileCombo->currentIndex();
    if (row < 0) {
        showError(tr("Add a server profile first: its name and the server's address."));
        m_addButton->setFocus();
        return;
    }
    const QString email = m_email->text().trimmed();
    if (email.isEmpty() || !email.contains(QLatin1Char('@'))) {
        showError(tr("Enter the email address of your staff account."));
        m_email->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter your password."));
        m_password->setFocus();
        return;
    }
    const QModelIndex index = m_model->index(row);
    const QUrl url = index.data(models::ServerProfilesModel::UrlRole).toUrl();
    setBusy(true, tr("Connecting to %1\u2026").arg(url.toString()));
    m_session->signIn({url, index.data(models::ServerProfilesModel::NameRole).toString(), email,
                       m_password->text(), m_keepSignedIn->isChecked()});
}

void SignInDialog::onSignedIn()
{
    if (!m_busy)
        return;
    setBusy(false);
    m_profiles->rememberSignIn(m_session->profileName(), m_session->me().email,
                               m_keepSignedIn->isChecked());
    m_password->clear();
    accept();
}

void SignInDialog::onSignInFailed(const client::ApiError &error)
{
    if (!m_busy)
        return;
    setBusy(false);
    showError(error.message());
    if (error.problemType() == protocol::problemtype::kInvalidCredentials) {
        m_password->setFocus();
        m_password->selectAll();
    }
}

void SignInDialog::reject()
{
    if (m_busy) {
        m_session->cancel();
        setBusy(false);
    }
    QDialog::reject();
}

void SignInDialog::addProfile()
{
    ProfileEditDialog dialog(m_profiles, {}, -1, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto profile = dialog.profile();
    const QString error = m_profiles->add(profile);
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    selectProfile(profile.name);
}

void SignInDialog::editProfile()
{
    const int row = m_profileCombo->currentIndex();
    if (row < 0)
        return;
    const int index = m_profiles->indexOf(m_profileCombo->currentText());
    if (index < 0)
        return;
    ProfileEditDialog dialog(m_profiles, m_profiles->profiles().at(index), index, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString error = m_profiles->update(index, dialog.profile());
    if (!error.isEmpty())
        showError(error);
    onProfileSelected();
}

void SignInDialog::removeProfile()
{
    const int index = m_profiles->indexOf(m_profileCombo->currentText());
    if (index < 0)
        return;
    const QString name = m_profiles->profiles().at(index).name;
    const auto answer = QMessageBox::question(
        this, tr("Remove server profile"),
        tr("Remove the server profile \u201c%1\u201d? Nothing on the server changes.").arg(name),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes)
        m_profiles->remove(index);
}

} // namespace skillex::views
