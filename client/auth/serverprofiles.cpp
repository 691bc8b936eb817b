// ServerProfiles: persistence as a QSettings array, and the rules a profile must follow.
#include "client/auth/serverprofiles.h"

#include "client/api/serverurl.h"

#include <QCoreApplication>
#include <QSettings>

namespace skillex::client {

namespace {

// "http://h:8080", "http://h:8080/" and "HTTP://H:8080" are one server. StripTrailingSlash keeps
// a lone "/", so the path is trimmed by hand.
QString normalized(const QUrl &url)
{
    QString path = url.adjusted(QUrl::NormalizePathSegments).path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const int defaultPort = url.scheme().toLower() == QLatin1String("https") ? 443 : 80;
    return QStringLiteral("%1://%2:%3%4")
        .arg(url.scheme().toLower(), url.host().toLower())
        .arg(url.port(defaultPort))
        .arg(path);
}

} // namespace

ServerProfiles::ServerProfiles(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(settingsFile.isEmpty()
                     ? std::make_unique<QSettings>()
                     : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    load();
}

ServerProfiles::~ServerProfiles() = default;

void ServerProfiles::load()
{
    m_profiles.clear();
    const int size = m_settings->beginReadArray(QStringLiteral("serverProfiles"));
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        ServerProfile profile;
        profile.name = m_settings->value(QStringLiteral("name")).toString();
        profile.url = QUrl(m_settings->value(QStringLiteral("url")).toString());
        profile.lastEmail = m_settings->value(QStringLiteral("lastEmail")).toString();
        profile.keepSignedIn = m_settings->value(QStringLiteral("keepSignedIn"), false).toBool();
        // A hand-edited settings file may hold anything; keep only what we could have written.
        if (validate(profile).isEmpty())
            m_profiles.push_back(profile);
    }
    m_settings->endArray();
    m_lastUsed = m_settings->value(QStringLiteral("lastServerProfile")).toString();
}

void ServerProfiles::save()
{
    m_settings->remove(QStringLiteral("serverProfiles"));
    m_settings->beginWriteArray(QStringLiteral("serverProfiles"), int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        const auto &profile = m_profiles.at(i);
        m_settings->setValue(QStringLiteral("name"), profile.name);
        m_settings->setValue(QStringLiteral("url"), profile.url.toString());
        m_settings->setValue(QStringLiteral("lastEmail"), profile.lastEmail);
        m_settings->setValue(QStringLiteral("keepSignedIn"), profile.keepSignedIn);
    }
    m_settings->endArray();
    m_settings->setValue(QStringLiteral("lastServerProfile"), m_lastUsed);
    m_settings->sync();
}

int ServerProfiles::indexOf(const QString &name) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

std::optional<ServerProfile> ServerProfiles::find(const QString &name) const
{
    const int index = indexOf(name);
    if (index < 0)
        return std::nullopt;
    return m_profiles.at(index);
}

std::optional<ServerProfile> ServerProfiles::findByUrl(const QUrl &url) const
{
    for (const auto &profile : m_profiles) {
        if (normalized(profile.url) == normalized(url))
            return profile;
    }
    return std::nullopt;
}

QString ServerProfiles::validate(const ServerProfile &profile, int index) const
{
    const QString name = profile.name.trimmed();
    if (name.isEmpty())
        return tr("Give the server profile a name.");
    if (name.size() > 80)
        return tr("The profile name is too long (at most 80 characters).");
    const int existing = indexOf(name);
    if (existing >= 0 && existing != index)
        return tr("A server profile named \u201c%1\u201d exists already.").arg(name);
    return ServerUrl::problem(profile.url);
}

QString ServerProfiles::add(const ServerProfile &profile)
{
    const QString error = validate(profile);
    if (!error.isEmpty())
        return error;
    ServerProfile stored = profile;
    stored.name = stored.name.trimmed();
    m_profiles.push_back(stored);
    save();
    emit profileAdded(int(m_profiles.size()) - 1);
    return {};
}

QString ServerProfiles::update(int index, const ServerProfile &profile)
{
    if (index < 0 || index >= m_profiles.size())
        return tr("This server profile does not exist.");
    const QString error = validate(profile, index);
    if (!error.isEmpty())
        return error;
    ServerProfile stored = profile;
    stored.name = stored.name.trimmed();
    if (m_lastUsed == m_profiles.at(index).name)
        m_lastUsed = stored.name;
    m_profiles[index] = stored;
    save();
    emit profileChanged(index);
    return {};
}

bool ServerProfiles::remove(int index)
{
    if (index < 0 || index >= m_profiles.size())
        return false;
    if (m_lastUsed == m_profiles.at(index).name)
        m_lastUsed.clear();
    m_profiles.removeAt(index);
    save();
    emit profileRemoved(index);
    return true;
}

void ServerProfiles::rememberSignIn(const QString &name, const QString &email, bool keepSignedIn)
{
    const int index = indexOf(name);
    if (index < 0)
        return;
    m_profiles[index].lastEmail = email.trimmed();
    m_profiles[index].keepSignedIn = keepSignedIn;
    m_lastUsed = m_profiles.at(index).name;
    save();
    emit profileChanged(index);
}

void ServerProfiles::setLastUsed(const QString &name)
{
    m_lastUsed = name;
    save();
}

} // namespace skillex::client
