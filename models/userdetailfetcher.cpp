// UserDetailFetcher: one GET, one write job, one signal.
#include "models/userdetailfetcher.h"
#include "client/cache/onfinished.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "models/userdetailrecords.h"

#include <QDateTime>
#include <QFuture>
#include <QPointer>

namespace skillex::models {

UserDetailFetcher::UserDetailFetcher(client::CacheDb *cache, client::ApiClient *api,
                                     QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_api(api)
{}

void UserDetailFetcher::fetch(qint64 userId)
{
    if (m_running.contains(userId))
        return;
    m_running.insert(userId);
    m_api->get(QStringLiteral("/api/v1/admin/users/%1").arg(userId), this,
               [this, userId](const client::ApiResult &result) {
                   if (!result.ok) {
                       m_running.remove(userId);
                       emit failed(userId, result.error);
                       return;
                   }
                   const QJsonObject detail = result.object();
                   const qint64 now = QDateTime::currentMSecsSinceEpoch();
                   QPointer<UserDetailFetcher> self(this);
                   client::onFinished(m_cache
                       ->write([detail, now](client::CacheWriteTx &tx) {
                           userdetailrecords::store(tx, detail, now);
                       }), m_cache, [self, userId](const client::CacheWriteResult &w) {
                           if (!self)
                               return;
                           self->m_running.remove(userId);
                           if (w.ok)
                               emit self->fetched(userId);
                           else
                               emit self->failed(
                                   userId, client::ApiError::invalidResponse({}, 200, w.error));
                       });
               });
}

} // namespace skillex::models
