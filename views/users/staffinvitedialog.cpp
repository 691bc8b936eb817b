// StaffInviteDialog: a form, then the one-time password.
#include "views/users/staffinvitedialog.h"

#include "client/api/apiclient.h"
#include "client/outbox/outbox.h"
#include "protocol/roles.h"
#include "views/common/roletext.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace skillex::views {

StaffInviteDialog::StaffInviteDialog(client::ApiClient *api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_idempotencyKey(client::Outbox::newIdempotencyKey())
{
    setObjectName(QStringLiteral("staffInviteDialog"));
    setWindowTitle(tr("Invite staff"));
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);

    auto *form = new QWidget(m_pages);
    auto *formLayout = new QFormLayout(form);
    m_email = new QLineEdit(form);
    m_email->setObjectName(QStringLiteral("inviteEmail"));
    m_email->setAccessibleName(tr("Email"));
    m_email->setPlaceholderText(tr("name@company.example"));
    formLayout->addRow(tr("&Email"), m_email);
    m_name = new QLineEdit(form);
    m_name->setObjectName(QStringLiteral("inviteName"));
    m_name->setAccessibleName(tr("Name"));
    formLayout->addRow(tr("&Name"), m_name);
    auto *roleBox = new QWidget(form);
    auto *roleLayout = new QVBoxLayout(roleBox);
    roleLayout->setContentsMargins(0, 0, 0, 0);
    for (protocol::Role role : protocol::allRoles()) {
        const QString name = protocol::roleName(role);
        auto *box = new QCheckBox(roleText(role), roleBox);
        box->setObjectName(QStringLiteral("inviteRole_") + name);
        box->setAccessibleName(tr("Role %1").arg(roleText(role)));
        roleLayout->addWidget(box);
        m_roles.insert(name, box);
        connect(box, &QCheckBox::toggled, this, &StaffInviteDialog::validate);
    }
    formLayout->addRow(tr("Roles"), roleBox);
    m_error = new QLabel(form);
    m_error->setObjectName(QStringLiteral("inviteError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    formLayout->addRow(m_error);
    m_pages->addWidget(form);

    auto *done = new QWidget(m_pages);
    auto *doneLayout = new QVBoxLayout(done);
    m_createdText = new QLabel(done);
    m_createdText->setWordWrap(true);
    doneLayout->addWidget(m_createdText);
    auto *pwRow = new QHBoxLayout;
    m_password = new QLineEdit(done);
    m_password->setObjectName(QStringLiteral("temporaryPassword"));
    m_password->setAccessibleName(tr("Temporary password"));
    m_password->setReadOnly(true);
    m_password->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    pwRow->addWidget(m_password, 1);
    auto *copy = new QPushButton(tr("&Copy"), done);
    copy->setObjectName(QStringLiteral("copyPassword"));
    copy->setAccessibleName(tr("Copy the temporary password"));
    connect(copy, &QPushButton::clicked, this, [this, copy] {
        QApplication::clipboard()->setText(m_password->text());
        copy->setText(tr("Copied"));
    });
    pwRow->addWidget(copy);
    doneLayout->addLayout(pwRow);
    auto *warning = new QLabel(tr("This password is shown only now: it is not stored anywhere "
                                  "and cannot be shown again. Hand it over out of band and ask "
                                  "them to change it."),
                               done);
    warning->setWordWrap(true);
    warning->setStyleSheet(QStringLiteral("color: #b26a00;"));
    doneLayout->addWidget(warning);
    doneLayout->addStretch();
    m_pages->addWidget(done);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_invite = m_buttons->addButton(tr("&Invite"), QDialogButtonBox::AcceptRole);
    m_invite->setObjectName(QStringLiteral("inviteButton"));
    connect(m_invite, &QPushButton::clicked, this, &StaffInviteDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    connect(m_email, &QLineEdit::textChanged, this, &StaffInviteDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &StaffInviteDialog::validate);
    validate();
    resize(460, sizeHint().height());
}

void StaffInviteDialog::setEmail(const QString &email)
{
    m_email->setText(email);
}

void StaffInviteDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void StaffInviteDialog::setRoles(const QStringList &roles)
{
    for (auto it = m_roles.begin(); it != m_roles.end(); ++it)
        it.value()->setChecked(roles.contains(it.key()));
}

QStringList StaffInviteDialog::roles() const
{
    QStringList out;
    for (auto it = m_roles.begin(); it != m_roles.end(); ++it)
        if (it.value()->isChecked())
            out << it.key();
    return out;
}

QString StaffInviteDialog::temporaryPassword() const
{
    return m_password->text();
}

QString StaffInviteDialog::errorText() const
{
    return m_error->text();
}

void StaffInviteDialog::validate()
{
    if (!m_invite)
        return; // the form is done: the password page is showing
    const QString email = m_email->text().trimmed();
    const bool ok =
        email.contains(u'@') && !m_name->text().trimmed().isEmpty() && !roles().isEmpty();
    m_invite->setEnabled(ok);
}

void StaffInviteDialog::submit()
{
    if (!m_invite || !m_invite->isEnabled())
        return;
    m_invite->setEnabled(false);
    m_error->setText(tr("Creating the account…"));
    client::ApiClient::Call call;
    call.method = QByteArrayLiteral("POST");
    call.path = QStringLiteral("/api/v1/admin/staff");
    call.body = QJsonObject{{QStringLiteral("email"), m_email->text().trimmed()},
                            {QStringLiteral("name"), m_name->text().trimmed()},
                            {QStringLiteral("roles"), QJsonArray::fromStringList(roles())}};
    call.headers = {{QByteArrayLiteral("Idempotency-Key"), m_idempotencyKey.toUtf8()}};
    m_api->request(call, this, [this](const client::ApiResult &result) {
        if (!result.ok) {
            // A refusal that changes the request (another email) needs a new key; a network
            // failure keeps it, so trying again cannot make a second account.
            if (result.error.httpStatus() >= 400 && result.error.httpStatus() < 500)
                m_idempotencyKey = client::Outbox::newIdempotencyKey();
            m_error->setText(result.error.httpStatus() == 409
                                 ? tr("An account with this email exists already.")
                                 : result.error.message());
            validate();
            return;
        }
        m_account = result.object();
        m_account.remove(QStringLiteral("temporary_password"));
        m_password->setText(result.object().value(QStringLiteral("temporary_password")).toString());
        m_createdText->setText(
            tr("<b>%1</b> (%2) can now sign in as %3 with this temporary password:")
                .arg(m_account.value(QStringLiteral("name")).toString().toHtmlEscaped(),
                     m_account.value(QStringLiteral("email")).toString().toHtmlEscaped(),
                     roles().join(QStringLiteral(", "))));
        m_pages->setCurrentIndex(1);
        m_buttons->clear();
        m_invite = nullptr;
        QPushButton *close = m_buttons->addButton(QDialogButtonBox::Close);
        connect(close, &QPushButton::clicked, this, &QDialog::accept);
        emit created(m_account);
    });
}

} // namespace skillex::views
