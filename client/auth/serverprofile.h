// ServerProfile: one back end the console can sign in to, as the person named it.
#pragma once

#include <QString>
#include <QUrl>

namespace skillex::client {

struct ServerProfile {
    QString name;      // "Production", "Staging", "Local demo"
    QUrl url;          // base URL; the API lives under /api/v1
    QString lastEmail; // prefilled in the sign-in dialog
    bool keepSignedIn = false;

    bool operator==(const ServerProfile &) const = default;
};

} // namespace skillex::client
