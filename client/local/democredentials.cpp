// Reading demo-credentials.json strictly enough that a broken file gives a clear reason.
#include "client/local/democredentials.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace skillex::client {

std::optional<DemoAccount> DemoCredentials::accountFor(const QString &role) const
{
    for (const auto &account : staff) {
        if (account.role == role)
            return account;
    }
    return std::nullopt;
}

protocol::Decoded<DemoCredentials> DemoCredentials::fromJson(const QJsonObject &object)
{
    protocol::FieldReader reader(object);
    DemoCredentials credentials;
    credentials.serverUrl = QUrl(reader.requiredString(QStringLiteral("server_url"), 2048));
    const QJsonValue staffValue = object.value(QStringLiteral("staff"));
    if (!staffValue.isArray()) {
        reader.fail(QStringLiteral("staff"), QStringLiteral("must be an array"));
    } else {
        const QJsonArray array = staffValue.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            protocol::FieldReader entry(array.at(i).toObject());
            DemoAccount account;
            account.email = entry.requiredString(QStringLiteral("email"), 254);
            account.password = entry.requiredString(QStringLiteral("password"), 1024);
            account.role = entry.requiredString(QStringLiteral("role"), 64);
            account.name = entry.optionalString(QStringLiteral("name"), 256).value_or(QString());
            if (!entry.ok())
                reader.fail(QStringLiteral("staff[%1]").arg(i), entry.summary());
            else
                credentials.staff.push_back(account);
        }
    }
    return reader.finish(std::move(credentials));
}

protocol::Decoded<DemoCredentials> DemoCredentials::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return protocol::Decoded<DemoCredentials>::failure(
            QCoreApplication::translate("DemoCredentials", "Could not read %1: %2")
                .arg(path, file.errorString()));
    QJsonParseError error{};
    const auto document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return protocol::Decoded<DemoCredentials>::failure(
            QCoreApplication::translate("DemoCredentials", "%1 is not a JSON object: %2")
                .arg(path, error.errorString()));
    return fromJson(document.object());
}

} // namespace skillex::client
