// SignInDialog without a server: what it says before sending anything, and adding a profile.
#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "client/auth/serverprofiles.h"
#include "guitest.h"
#include "views/signin/signindialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace skillex;

class TestSignInDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { tests::applyConsoleLook(); }
    void init();
    void cleanup();
    void asksForAProfileFirst();
    void checksTheFormBeforeSending();
    void addProfileValidatesAndSelects();
    void picksTheLastUsedProfileAndEmail();

private:
    QPushButton *button(const char *name) const
    {
        return m_dialog->findChild<QPushButton *>(QLatin1String(name));
    }
    QLineEdit *edit(const char *name) const
    {
        return m_dialog->findChild<QLineEdit *>(QLatin1String(name));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<client::ServerProfiles> m_profiles;
    std::unique_ptr<client::ApiClient> m_api;
    std::unique_ptr<client::AuthSession> m_session;
    std::unique_ptr<views::SignInDialog> m_dialog;
};

void TestSignInDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_profiles = std::make_unique<client::ServerProfiles>(m_dir->filePath(QStringLiteral("s.ini")));
    m_api = std::make_unique<client::ApiClient>();
    m_session = std::make_unique<client::AuthSession>(m_api.get(), nullptr);
}

void TestSignInDialog::cleanup()
{
    m_dialog.reset();
    m_session.reset();
    m_api.reset();
    m_profiles.reset();
    m_dir.reset();
}

void TestSignInDialog::asksForAProfileFirst()
{
    m_dialog = std::make_unique<views::SignInDialog>(m_profiles.get(), m_session.get());
    m_dialog->show();
    QVERIFY(!button("editProfileButton")->isEnabled());
    QVERIFY(!button("removeProfileButton")->isEnabled());
    QTest::mouseClick(button("signInButton"), Qt::LeftButton);
    QVERIFY(!m_dialog->isBusy());
    QCOMPARE(m_dialog->errorText(),
             QStringLiteral("Add a server profile first: its name and the server's address."));
    QVERIFY(tests::saveScreenshot(m_dialog.get(), QStringLiteral("signin-no-profile")));
}

void TestSignInDialog::checksTheFormBeforeSending()
{
    QVERIFY(
        m_profiles
            ->add({QStringLiteral("Local"), QUrl(QStringLiteral("http://127.0.0.1:9")), {}, false})
            .isEmpty());
    m_dialog = std::make_unique<views::SignInDialog>(m_profiles.get(), m_session.get());
    m_dialog->show();
    QTest::mouseClick(button("signInButton"), Qt::LeftButton);
    QCOMPARE(m_dialog->errorText(),
             QStringLiteral("Enter the email address of your staff account."));
    QTest::keyClicks(edit("emailEdit"), QStringLiteral("ada@example.com"));
    QCOMPARE(m_dialog->errorText(), QString()); // typing clears the old message
    QTest::mouseClick(button("signInButton"), Qt::LeftButton);
    QCOMPARE(m_dialog->errorText(), QStringLiteral("Enter your password."));
    QVERIFY(!m_dialog->isBusy());
}

void TestSignInDialog::addProfileValidatesAndSelects()
{
    m_dialog = std::make_unique<views::SignInDialog>(m_profiles.get(), m_session.get());
    m_dialog->show();
    QString firstError;
    bool driven = false;
    // The profile editor is modal: drive it from inside its own event loop.
    QTimer::singleShot(0, this, [&] {
        auto *editor = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!editor)
            return;
        auto *name = editor->findChild<QLineEdit *>(QStringLiteral("profileNameEdit"));
        auto *url = editor->findChild<QLineEdit *>(QStringLiteral("profileUrlEdit"));
        auto *save = editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        QTest::keyClicks(name, QStringLiteral("Staging"));
        QTest::keyClicks(url, QStringLiteral("staging.example.com"));
        QTest::mouseClick(save, Qt::LeftButton);
        firstError = editor->findChild<QLabel *>(QStringLiteral("profileError"))->text();
        tests::saveScreenshot(editor, QStringLiteral("profile-editor-error"));
        url->setText(QStringLiteral("https://staging.example.com"));
        QTest::mouseClick(save, Qt::LeftButton);
        driven = true;
    });
    QTest::mouseClick(button("addProfileButton"), Qt::LeftButton);
    QVERIFY(driven);
    QCOMPARE(firstError, QStringLiteral("The address must start with http:// or https://."));
    QCOMPARE(m_profiles->count(), 1);
    QCOMPARE(m_profiles->profiles().first().url,
             QUrl(QStringLiteral("https://staging.example.com")));
    QCOMPARE(m_dialog->selectedProfile(), QStringLiteral("Staging"));
    QVERIFY(button("editProfileButton")->isEnabled());
}

void TestSignInDialog::picksTheLastUsedProfileAndEmail()
{
    QVERIFY(
        m_profiles->add({QStringLiteral("A"), QUrl(QStringLiteral("https://a.example")), {}, false})
            .isEmpty());
    QVERIFY(
        m_profiles->add({QStringLiteral("B"), QUrl(QStringLiteral("https://b.example")), {}, false})
            .isEmpty());
    m_profiles->rememberSignIn(QStringLiteral("B"), QStringLiteral("bea@example.com"), false);
    m_dialog = std::make_unique<views::SignInDialog>(m_profiles.get(), m_session.get());
    QCOMPARE(m_dialog->selectedProfile(), QStringLiteral("B"));
    QCOMPARE(edit("emailEdit")->text(), QStringLiteral("bea@example.com"));
    m_dialog->findChild<QComboBox *>(QStringLiteral("profileCombo"))->setCurrentIndex(0);
    QCOMPARE(m_dialog->selectedProfile(), QStringLiteral("A"));
}

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
