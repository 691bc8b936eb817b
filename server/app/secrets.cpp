// Demo secrets file: random values made once, readable only by the owner.
#include "server/app/secrets.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sodium.h>

namespace skillex::server {
namespace {

QByteArray randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), static_cast<size_t>(raw.size()));
    return raw.toHex();
}

} // namespace

bool fillMissingFromDataDir(Secrets &secrets, const QString &dataDir, QString *error)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium failed to initialise");
        return false;
    }
    const QString path = QDir(dataDir).filePath(QStringLiteral("secrets.json"));
    QJsonObject stored;
    QFile in(path);
    if (in.exists()) {
        if (!in.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read ") + path;
            return false;
        }
        stored = QJsonDocument::fromJson(in.readAll()).object();
    }
    bool changed = false;
    auto fill = [&](QByteArray &value, const QString &key) {
        if (!value.isEmpty())
            return;
        if (!stored.value(key).toString().isEmpty()) {
            value = stored.value(key).toString().toUtf8();
            return;
        }
        value = randomHex(32);
        stored.insert(key, QString::fromLatin1(value));
        changed = true;
    };
    fill(secrets.jwt, QStringLiteral("jwt"));
    fill(secrets.stripeWebhook, QStringLiteral("stripe_webhook"));
    fill(secrets.razorpayWebhook, QStringLiteral("razorpay_webhook"));
    fill(secrets.razorpayKey, QStringLiteral("razorpay_key"));
    if (!changed)
        return true;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(stored).toJson()) < 0 ||
        !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || !out.commit()) {
        *error = QStringLiteral("cannot write ") + path;
        return false;
    }
    return true;
}

} // namespace skillex::server
