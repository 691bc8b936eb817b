// AuditFetcher: page after page, each page one write job, until the pages asked for are in.
#include "models/auditfetcher.h"
#include "client/cache/onfinished.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "models/auditrecords.h"

#include <QDateTime>
#include <QFuture>
#include <QJsonArray>
#include <QPointer>

namespace skillex::models {

namespace {
constexpr int kPageSize = 500;
}

AuditFetcher::AuditFetcher(client::CacheDb *cache, client::ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_api(api)
{}

void AuditFetcher::fetch(const AuditFilter &filter, int pages)
{
    m_filter = filter;
    m_next.clear();
    m_fetched = 0;
    m_pagesLeft = qMax(1, pages);
    m_running = true;
    fetchPage(++m_generation);
}

void AuditFetcher::fetchMore(int pages)
{
    if (m_running || m_next.isEmpty())
        return;
    m_pagesLeft = qMax(1, pages);
    m_running = true;
    fetchPage(m_generation);
}

void AuditFetcher::fetchPage(quint64 generation)
{
    QUrlQuery query = m_filter.toQuery();
    query.addQueryItem(QStringLiteral("limit"), QString::number(kPageSize));
    if (!m_next.isEmpty())
        query.addQueryItem(QStringLiteral("after"), m_next);
    const QString path =
        QStringLiteral("/api/v1/admin/audit?") + query.toString(QUrl::FullyEncoded);
    m_api->get(path, this, [this, generation](const client::ApiResult &result) {
        if (generation != m_generation)
            return;
        if (!result.ok) {
            m_running = false;
            emit failed(result.error);
            return;
        }
        const QJsonObject page = result.object();
        const QJsonArray items = page.value(QStringLiteral("items")).toArray();
        const QString next = page.value(QStringLiteral("next")).toString();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QPointer<AuditFetcher> self(this);
        client::onFinished(m_cache
            ->write([items, now](client::CacheWriteTx &tx) {
                for (const QJsonValue &item : items)
                    auditrecords::upsert(tx, item.toObject(), now);
            }), m_cache, [self, generation, next,
                         count = int(items.size())](const client::CacheWriteResult &w) {
                if (!self || generation != self->m_generation)
                    return;
                if (!w.ok) {
                    self->m_running = false;
                    emit self->failed(client::ApiError::invalidResponse({}, 200, w.error));
                    return;
                }
                self->m_fetched += count;
                self->m_next = next;
                emit self->progress(self->m_fetched);
                if (--self->m_pagesLeft > 0 && !next.isEmpty()) {
                    self->fetchPage(generation);
                    return;
                }
                self->m_running = false;
                emit self->finished(self->m_fetched, !next.isEmpty());
            });
    });
}

} // namespace skillex::models
