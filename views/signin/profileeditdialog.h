// ProfileEditDialog: add or edit one server profile (name and address), validated before it closes.
#pragma once

#include "client/auth/serverprofile.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace skillex::client {
class ServerProfiles;
}

namespace skillex::views {

class ProfileEditDialog : public QDialog {
    Q_OBJECT

public:
    // index is the profile being edited, or -1 for a new one (names must stay unique).
    ProfileEditDialog(const client::ServerProfiles *profiles, const client::ServerProfile &profile,
                      int index, QWidget *parent = nullptr);

    client::ServerProfile profile() const;

    void accept() override;

private:
    const client::ServerProfiles *m_profiles;
    client::ServerProfile m_profile;
    int m_index;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace skillex::views
