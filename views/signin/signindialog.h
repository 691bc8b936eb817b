// SignInDialog: pick a server profile, enter email and password, and sign in without ever freezing.
#pragma once

#include "client/api/apierror.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace skillex::client {
class AuthSession;
class ServerProfiles;
} // namespace skillex::client

namespace skillex::models {
class ServerProfilesModel;
}

namespace skillex::views {

class SignInDialog : public QDialog {
    Q_OBJECT

public:
    SignInDialog(client::ServerProfiles *profiles, client::AuthSession *session,
                 QWidget *parent = nullptr);

    void selectProfile(const QString &name);
    QString selectedProfile() const;
    void setEmail(const QString &email);
    // Shows why the person is here again, e.g. "Your session has expired. Sign in again."
    void showError(const QString &message);
    QString errorText() const;
    bool isBusy() const { return m_busy; }

    // Closing while a sign-in runs cancels it rather than leaving it to finish unseen.
    void reject() override;

private:
    void startSignIn();
    void onSignedIn();
    void onSignInFailed(const client::ApiError &error);
    void setBusy(bool busy, const QString &status = {});
    void clearError();
    void onProfileSelected();
    void addProfile();
    void editProfile();
    void removeProfile();

    client::ServerProfiles *m_profiles;
    client::AuthSession *m_session;
    models::ServerProfilesModel *m_model;
    bool m_busy = false;

    QComboBox *m_profileCombo = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_keepSignedIn = nullptr;
    QFrame *m_errorArea = nullptr;
    QLabel *m_errorLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_statusLabel = nullptr;
    QPushButton *m_signInButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
};

} // namespace skillex::views
