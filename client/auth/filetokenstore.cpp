// The fallback token file: written atomically, owner read/write only, in an owner-only folder.
#include "client/auth/filetokenstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace skillex::client {

namespace {
constexpr auto kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
const QString kTokensKey = QStringLiteral("tokens");
} // namespace

FileTokenStore::FileTokenStore(QString directory)
    : m_directory(std::move(directory))
{}

QString FileTokenStore::filePath() const
{
    return QDir(m_directory).filePath(QStringLiteral("session-tokens.json"));
}

bool FileTokenStore::readAll(QJsonObject *tokens, QString *error) const
{
    QFile file(filePath());
    if (!file.exists()) {
        *tokens = {};
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Could not read %1: %2").arg(filePath(), file.errorString());
        return false;
    }
    // Someone loosened the permissions: tighten them before trusting the file further.
    if ((file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) != 0)
        file.setPermissions(kOwnerOnly);
    const auto document = QJsonDocument::fromJson(file.readAll());
    *tokens = document.object().value(kTokensKey).toObject();
    return true;
}

bool FileTokenStore::writeAll(const QJsonObject &tokens, QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        *error = tr("Could not create the folder %1.").arg(m_directory);
        return false;
    }
    QFile::setPermissions(m_directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Could not write %1: %2").arg(filePath(), file.errorString());
        return false;
    }
    // Restrict the temporary file before a single byte of a token is in it.
    if (!file.setPermissions(kOwnerOnly)) {
        file.cancelWriting();
        *error = tr("Could not restrict the permissions of %1.").arg(filePath());
        return false;
    }
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(kTokensKey, tokens);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = tr("Could not write %1: %2").arg(filePath(), file.errorString());
        return false;
    }
    QFile::setPermissions(filePath(), kOwnerOnly);
    return true;
}

bool FileTokenStore::save(const QString &key, const QString &token, QString *error)
{
    QJsonObject tokens;
    if (!readAll(&tokens, error))
        return false;
    tokens.insert(key, token);
    return writeAll(tokens, error);
}

std::optional<QString> FileTokenStore::load(const QString &key, QString *error) const
{
    error->clear();
    QJsonObject tokens;
    if (!readAll(&tokens, error))
        return std::nullopt;
    const QString token = tokens.value(key).toString();
    if (token.isEmpty())
        return std::nullopt;
    return token;
}

bool FileTokenStore::remove(const QString &key, QString *error)
{
    QJsonObject tokens;
    if (!readAll(&tokens, error))
        return false;
    if (!tokens.contains(key))
        return true;
    tokens.remove(key);
    return writeAll(tokens, error);
}

} // namespace skillex::client
