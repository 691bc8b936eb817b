// Server secrets, and their generation into the data folder for demo mode.
#pragma once

#include <QByteArray>
#include <QString>

namespace skillex::server {

struct Secrets {
    QByteArray jwt;
    QByteArray stripeWebhook;
    QByteArray razorpayWebhook;
    QByteArray razorpayKey;
};

// Fills every empty secret from DIR/secrets.json, generating and saving (mode 0600) any
// that the file lacks, so a demo keeps its tokens valid across restarts.
bool fillMissingFromDataDir(Secrets &secrets, const QString &dataDir, QString *error);

} // namespace skillex::server
