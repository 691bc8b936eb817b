// ServerProfiles: the saved back ends (name and URL), kept in QSettings and validated on change.
#pragma once

#include "client/auth/serverprofile.h"

#include <QList>
#include <QObject>

#include <memory>
#include <optional>

class QSettings;

namespace skillex::client {

class ServerProfiles : public QObject {
    Q_OBJECT

public:
    // Reads and writes the application's QSettings; pass an .ini path to keep them elsewhere.
    explicit ServerProfiles(const QString &settingsFile = {}, QObject *parent = nullptr);
    ~ServerProfiles() override;

    const QList<ServerProfile> &profiles() const { return m_profiles; }
    int count() const { return int(m_profiles.size()); }
    int indexOf(const QString &name) const;
    std::optional<ServerProfile> find(const QString &name) const;
    // The first profile whose URL is url (ignoring a trailing slash), if any.
    std::optional<ServerProfile> findByUrl(const QUrl &url) const;

    // Empty when profile may be stored at index (-1 for a new one), else what is wrong.
    QString validate(const ServerProfile &profile, int index = -1) const;

    // Each returns the validation error, or an empty string once the change is saved.
    QString add(const ServerProfile &profile);
    QString update(int index, const ServerProfile &profile);
    bool remove(int index);

    // Remembers the email and "keep me signed in" without touching name or URL.
    void rememberSignIn(const QString &name, const QString &email, bool keepSignedIn);

    QString lastUsed() const { return m_lastUsed; }
    void setLastUsed(const QString &name);

signals:
    void profileAdded(int index);
    void profileChanged(int index);
    void profileRemoved(int index);

private:
    void load();
    void save();

    std::unique_ptr<QSettings> m_settings;
    QList<ServerProfile> m_profiles;
    QString m_lastUsed;
};

} // namespace skillex::client
