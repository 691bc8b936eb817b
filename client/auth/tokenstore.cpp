// TokenStore: tries the keychain, remembers when it is missing, and says once which store it uses.
#include "client/auth/tokenstore.h"

#include "common/logging.h"

#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace skillex::client {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("client.auth");
    return logger;
}

} // namespace

TokenStore::TokenStore(const QString &directory, Backend backend, QObject *parent)
    : QObject(parent)
    , m_file(directory)
{
    const QByteArray forced = qgetenv("SKILLEX_TOKEN_STORE").trimmed().toLower();
    if (backend == Backend::Automatic && forced == "file")
        backend = Backend::File;
    else if (backend == Backend::Automatic && forced == "keychain")
        backend = Backend::Keychain;

    m_fallbackAllowed = backend == Backend::Automatic;
    m_active = backend == Backend::File ? Backend::File : Backend::Keychain;
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // Without a session bus no secret service can answer; asking would only add a delay.
    if (m_fallbackAllowed && qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        m_active = Backend::File;
        log()->info("token store: no D-Bus session, so no OS keychain; using the file {} (0600)",
                    logging::str(m_file.filePath()));
        m_announced = true;
    }
#endif
    if (backend == Backend::File) {
        log()->info("token store: using the file {} (0600)", logging::str(m_file.filePath()));
        m_announced = true;
    }
}

QString TokenStore::serviceName()
{
    return QStringLiteral("skillex-console");
}

QString TokenStore::keyFor(const QString &profile, const QString &email)
{
    // Several back ends are kept side by side, and one person may have accounts on each.
    return profile + QLatin1Char('/') + email.trimmed().toLower();
}

void TokenStore::announce()
{
    if (m_announced)
        return;
    m_announced = true;
    log()->info("token store: using the OS keychain (service {})", logging::str(serviceName()));
}

void TokenStore::fallBackToFile(const QString &reason)
{
    m_active = Backend::File;
    m_announced = true;
    log()->info("token store: OS keychain unavailable ({}); using the file {} (0600)",
                logging::str(reason), logging::str(m_file.filePath()));
}

void TokenStore::save(const QString &profile, const QString &email, const QString &token,
                      QObject *context, DoneCallback done)
{
    run(Operation::Save, keyFor(profile, email), token, context,
        [done = std::move(done)](bool ok, std::optional<QString>, const QString &error) {
            if (done)
                done(ok, error);
        });
}

void TokenStore::load(const QString &profile, const QString &email, QObject *context,
                      LoadCallback done)
{
    run(Operation::Load, keyFor(profile, email), {}, context,
        [done = std::move(done)](bool, std::optional<QString> token, const QString &error) {
            if (done)
                done(std::move(token), error);
        });
}

void TokenStore::remove(const QString &profile, const QString &email, QObject *context,
                        DoneCallback done)
{
    run(Operation::Remove, keyFor(profile, email), {}, context,
        [done = std::move(done)](bool ok, std::optional<QString>, const QString &error) {
            if (done)
                done(ok, error);
        });
}

void TokenStore::run(Operation operation, const QString &key, const QString &token,
                     QObject *context,
                     std::function<void(bool, std::optional<QString>, QString)> done)
{
    if (m_active == Backend::File)
        runFile(operation, key, token, context, std::move(done));
    else
        runKeychain(operation, key, token, context, std::move(done));
}

void TokenStore::runFile(Operation operation, const QString &key, const QString &token,
                         QObject *context,
                         std::function<void(bool, std::optional<QString>, QString)> done)
{
    QString error;
    bool ok = true;
    std::optional<QString> loaded;
    switch (operation) {
    case Operation::Save:
        ok = m_file.save(key, token, &error);
        break;
    case Operation::Load:
        loaded = m_file.load(key, &error);
        ok = error.isEmpty();
        break;
    case Operation::Remove:
        ok = m_file.remove(key, &error);
        break;
    }
    if (!ok)
        log()->warn("token store: {}", logging::str(error));
    // Answer asynchronously like the keychain does, so callers have one code path.
    QPointer<QObject> guard(context);
    const bool guarded = context != nullptr;
    QTimer::singleShot(0, this, [=, done = std::move(done)] {
        if (!guarded || guard)
            done(ok, loaded, error);
    });
}

void TokenStore::runKeychain(Operation operation, const QString &key, const QString &token,
                             QObject *context,
                             std::function<void(bool, std::optional<QString>, QString)> done)
{
    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Save: {
        auto *write = new QKeychain::WritePasswordJob(serviceName(), this);
        write->setTextData(token);
        job = write;
        break;
    }
    case Operation::Load:
        job = new QKeychain::ReadPasswordJob(serviceName(), this);
        break;
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(serviceName(), this);
        break;
    }
    job->setKey(key);
    job->setAutoDelete(true);
    QPointer<QObject> guard(context);
    const bool guarded = context != nullptr;
    connect(job, &QKeychain::Job::finished, this,
            [=, this, done = std::move(done)](QKeychain::Job *finished) {
                const auto error = finished->error();
                if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
                    announce();
                    if (guarded && !guard)
                        return;
                    std::optional<QString> loaded;
                    if (operation == Operation::Load && error == QKeychain::NoError)
                        loaded = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
                    done(true, loaded, QString());
                    return;
                }
                if (m_fallbackAllowed && error != QKeychain::AccessDeniedByUser) {
                    fallBackToFile(finished->errorString());
                    runFile(operation, key, token, context, done);
                    return;
                }
                log()->warn("token store: keychain error {}: {}", int(error),
                            logging::str(finished->errorString()));
                if (!guarded || guard)
                    done(false, std::nullopt, finished->errorString());
            });
    job->start();
}

} // namespace skillex::client
