// StaffInviteDialog: an admin creates a staff account (POST /admin/staff). The server makes a
// temporary password and returns it once; the dialog shows it once, with a Copy button, and
// never writes it anywhere. That is why this one change is sent directly (with an idempotency
// key kept across retries, so a lost answer still gets the password) instead of through the
// outbox, whose rows live in the cache file.
#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QMap>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace skillex::client {
class ApiClient;
}

namespace skillex::views {

class StaffInviteDialog : public QDialog {
    Q_OBJECT

public:
    explicit StaffInviteDialog(client::ApiClient *api, QWidget *parent = nullptr);

    void setEmail(const QString &email);
    void setName(const QString &name);
    void setRoles(const QStringList &roles);
    // Sends the invitation (the Invite button).
    void submit();

    // After success: the account as the server answered, and the one-time password.
    QJsonObject account() const { return m_account; }
    QString temporaryPassword() const;
    QString errorText() const;

signals:
    void created(const QJsonObject &account);

private:
    QStringList roles() const;
    void validate();

    client::ApiClient *m_api = nullptr;
    QString m_idempotencyKey; // the same for every retry of this one invitation
    QJsonObject m_account;
    QStackedWidget *m_pages = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_name = nullptr;
    QMap<QString, QCheckBox *> m_roles;
    QLabel *m_error = nullptr;
    QPushButton *m_invite = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_createdText = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace skillex::views
