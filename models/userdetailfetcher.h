// UserDetailFetcher: brings a member's file (GET /admin/users/{id}) into the cache; the member
// page then reads it from there, online or not.
#pragma once

#include "client/api/apierror.h"

#include <QObject>
#include <QSet>

namespace skillex::client {
class ApiClient;
class CacheDb;
} // namespace skillex::client

namespace skillex::models {

class UserDetailFetcher : public QObject {
    Q_OBJECT

public:
    UserDetailFetcher(client::CacheDb *cache, client::ApiClient *api, QObject *parent = nullptr);

    // Ends in fetched() (the file is in the cache) or failed(); a fetch already running for
    // the same account is not repeated.
    void fetch(qint64 userId);
    bool isFetching(qint64 userId) const { return m_running.contains(userId); }

signals:
    void fetched(qint64 userId);
    void failed(qint64 userId, const skillex::client::ApiError &error);

private:
    client::CacheDb *m_cache = nullptr;
    client::ApiClient *m_api = nullptr;
    QSet<qint64> m_running;
};

} // namespace skillex::models
