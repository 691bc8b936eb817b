// TokenStore: "keep me signed in" — the refresh token in the OS keychain, or a 0600 file without
// one.
#pragma once

#include "client/auth/filetokenstore.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace skillex::client {

class TokenStore : public QObject {
    Q_OBJECT

public:
    enum class Backend {
        Automatic, // the keychain, falling back to the file the first time the keychain fails
        Keychain,
        File,
    };

    using LoadCallback = std::function<void(std::optional<QString> token, const QString &error)>;
    using DoneCallback = std::function<void(bool ok, const QString &error)>;

    // directory holds the fallback file (the app data folder). SKILLEX_TOKEN_STORE=file or
    // =keychain in the environment overrides Automatic, for tests and for locked-down desktops.
    explicit TokenStore(const QString &directory, Backend backend = Backend::Automatic,
                        QObject *parent = nullptr);

    // Callbacks run later on this thread, and not at all once context is destroyed.
    void save(const QString &profile, const QString &email, const QString &token, QObject *context,
              DoneCallback done);
    void load(const QString &profile, const QString &email, QObject *context, LoadCallback done);
    void remove(const QString &profile, const QString &email, QObject *context, DoneCallback done);

    // The store in use now: Keychain, or File once the keychain has failed or was never tried.
    Backend activeBackend() const { return m_active; }
    QString filePath() const { return m_file.filePath(); }

    static QString keyFor(const QString &profile, const QString &email);
    static QString serviceName();

private:
    enum class Operation { Save, Load, Remove };
    void runKeychain(Operation operation, const QString &key, const QString &token,
                     QObject *context,
                     std::function<void(bool, std::optional<QString>, QString)> done);
    void runFile(Operation operation, const QString &key, const QString &token, QObject *context,
                 std::function<void(bool, std::optional<QString>, QString)> done);
    void run(Operation operation, const QString &key, const QString &token, QObject *context,
             std::function<void(bool, std::optional<QString>, QString)> done);
    void fallBackToFile(const QString &reason);
    void announce();

    FileTokenStore m_file;
    Backend m_active = Backend::Keychain;
    bool m_fallbackAllowed = true;
    bool m_announced = false;
};

} // namespace skillex::client
