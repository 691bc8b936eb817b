// DemoCredentials: the demo-credentials.json that `skillex-server --demo` writes for the console.
#pragma once

#include "protocol/decode.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace skillex::client {

struct DemoAccount {
    QString email;
    QString password;
    QString role; // "viewer", "moderator", "senior_moderator", "finance", "admin"
    QString name;
};

struct DemoCredentials {
    QUrl serverUrl;
    QList<DemoAccount> staff;

    std::optional<DemoAccount> accountFor(const QString &role) const;

    static protocol::Decoded<DemoCredentials> fromJson(const QJsonObject &object);
    static protocol::Decoded<DemoCredentials> fromFile(const QString &path);
};

} // namespace skillex::client
