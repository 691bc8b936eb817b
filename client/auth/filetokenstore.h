// FileTokenStore: refresh tokens in a 0600 JSON file, for machines without an OS keychain.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace skillex::client {

class FileTokenStore {
    Q_DECLARE_TR_FUNCTIONS(FileTokenStore)

public:
    explicit FileTokenStore(QString directory);

    QString filePath() const;

    // Each returns false and sets *error when the file cannot be read or written.
    bool save(const QString &key, const QString &token, QString *error);
    // nullopt with an empty *error means "nothing stored under key".
    std::optional<QString> load(const QString &key, QString *error) const;
    bool remove(const QString &key, QString *error);

private:
    bool readAll(QJsonObject *tokens, QString *error) const;
    bool writeAll(const QJsonObject &tokens, QString *error);

    QString m_directory;
};

} // namespace skillex::client
