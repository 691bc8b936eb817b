// Workspace: opens the account's cache and starts the services around it, in the order they
// depend on each other, and stops them in the reverse order.
#include "client/workspace/workspace.h"

#include "client/api/apiclient.h"
#include "client/auth/authsession.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachepaths.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "client/connection/connectionstate.h"
#include "client/outbox/outbox.h"
#include "client/outbox/outboxdispatcher.h"
#include "client/sync/syncengine.h"
#include "client/workspace/casedetailfetcher.h"
#include "common/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace skillex::client {

namespace {

const auto &log()
{
    static const auto logger = logging::logger("workspace");
    return logger;
}

const QString kIdentityKey = QStringLiteral("identity");

} // namespace

Workspace::Workspace(AuthSession *session, ApiClient *api, ConnectionState *connection,
                     QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_api(api)
    , m_connection(connection)
{
}

Workspace::~Workspace()
{
    close();
}

bool Workspace::isOpen() const
{
    return m_cache && m_cache->isOpen();
}

QString Workspace::cachePath() const
{
    return m_cache ? m_cache->path() : QString();
}

bool Workspace::hasPermission(protocol::Permission permission) const
{
    return protocol::rolesAllow(m_me.roles, permission);
}

bool Workspace::openCache(const QString &path)
{
    m_cache = std::make_unique<CacheDb>();
    if (!m_cache->open(path)) {
        m_error = m_cache->errorString();
        log()->error("cache {}: {}", logging::str(path), logging::str(m_error));
        m_cache.reset();
        return false;
    }
    m_outbox = std::make_unique<Outbox>(m_cache.get());
    m_dispatcher = std::make_unique<OutboxDispatcher>(m_cache.get(), m_api);
    m_sync = std::make_unique<SyncEngine>(m_cache.get(), m_api);
    m_sync->setConnectionState(m_connection);
    m_details = std::make_unique<CaseDetailFetcher>(m_cache.get(), m_api);
    connect(m_outbox.get(), &Outbox::countsChanged, this, &Workspace::updateConnectionCounts);
    connect(m_connection, &ConnectionState::changed, this, [this](ConnectionState::State state) {
        if (m_dispatcher && !m_offline)
            m_dispatcher->setOnline(ConnectionState::allowsSending(state));
    });
    connect(m_dispatcher.get(), &OutboxDispatcher::sessionExpired, this, [this] {
        // The one refresh did not cure a 401: the sign-in flow asks for the password again.
        if (m_session->isSignedIn())
            m_session->refresh();
    });
    connect(m_session, &AuthSession::refreshed, this, [this] {
        if (m_dispatcher && !m_offline)
            m_dispatcher->setOnline(ConnectionState::allowsSending(m_connection->state()));
    });
    updateConnectionCounts();
    return true;
}

bool Workspace::open(const Options &options)
{
    close();
    m_error.clear();
    m_me = m_session->me();
    m_profile = m_session->profileName();
    const QString path = CachePaths::cacheFile(CachePaths::baseDir(options.cacheBase),
                                               m_session->profileName(), m_session->server(),
                                               m_me.id);
    if (!openCache(path))
        return false;
    storeIdentity();
    m_offline = options.offline;
    if (!m_dispatcher->start()) {
        m_error = tr("The outbox in the cache could not be read.");
        close();
        return false;
    }
    if (m_offline)
        m_connection->moveTo(ConnectionState::State::Offline);
    else
        startServices();
    emit opened();
    return true;
}

bool Workspace::openOffline(const QString &cacheBase, const QString &profile, const QUrl &server,
                            const QString &email)
{
    close();
    m_error.clear();
    // Every account of this profile has a file in the profile's folder; the identity kept in
    // each says whose it is.
    const QString folder =
        QFileInfo(CachePaths::cacheFile(CachePaths::baseDir(cacheBase), profile, server, 0))
            .absolutePath();
    const QFileInfoList files =
        QDir(folder).entryInfoList({QStringLiteral("staff-*.sqlite")}, QDir::Files, QDir::Time);
    for (const QFileInfo &file : files) {
        std::unique_ptr<CacheReader> reader = CacheReader::open(file.absoluteFilePath());
        if (!reader)
            continue;
        QVariant stored;
        try {
            stored = reader->scalar(QStringLiteral("SELECT value FROM cache_meta WHERE key = ?"),
                                    {kIdentityKey});
        } catch (...) {
            continue; // not a cache of ours (or from before identities were kept)
        }
        reader.reset();
        auto me = protocol::Me::fromJson(QJsonDocument::fromJson(stored.toByteArray()).object());
        if (!me || (!email.isEmpty() && me.value().email.compare(email, Qt::CaseInsensitive)))
            continue;
        m_me = std::move(me).value();
        m_profile = profile;
        if (!openCache(file.absoluteFilePath()))
            return false;
        m_offline = true;
        if (!m_dispatcher->start()) {
            m_error = tr("The outbox in the cache could not be read.");
            close();
            return false;
        }
        m_connection->moveTo(ConnectionState::State::Offline);
        emit opened();
        return true;
    }
    m_error = tr("There is no cached data for this profile yet: sign in once while online.");
    return false;
}

void Workspace::goOnline()
{
    if (!isOpen() || !m_offline)
        return;
    m_offline = false;
    m_me = m_session->me();
    m_profile = m_session->profileName();
    storeIdentity();
    startServices();
}

void Workspace::startServices()
{
    m_dispatcher->setOnline(ConnectionState::allowsSending(m_connection->state()));
    m_sync->start();
    m_started = true;
}

void Workspace::storeIdentity()
{
    const QByteArray json = QJsonDocument(m_me.toJson()).toJson(QJsonDocument::Compact);
    m_cache->write([json](CacheWriteTx &tx) {
        tx.run(QStringLiteral("INSERT INTO cache_meta (key, value) VALUES (?, ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
               {kIdentityKey, QString::fromUtf8(json)});
    });
}

void Workspace::updateConnectionCounts()
{
    if (!m_outbox)
        return;
    const auto counts = m_outbox->counts();
    m_connection->setOutbox(counts.queued, counts.conflicts + counts.failed);
}

void Workspace::close()
{
    if (!m_cache)
        return;
    emit closing();
    if (m_sync)
        m_sync->stop();
    m_details.reset();
    m_sync.reset();
    m_dispatcher.reset();
    m_outbox.reset();
    m_cache->close();
    m_cache.reset();
    m_started = false;
}

} // namespace skillex::client
