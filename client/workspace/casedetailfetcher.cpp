// CaseDetailFetcher: one GET for the detail, then one per attachment not yet in the cache.
#include "client/workspace/casedetailfetcher.h"
#include "client/cache/onfinished.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/caserecords.h"
#include "client/cache/cachewritetx.h"

#include <QDateTime>
#include <QFuture>
#include <QPointer>
#include <QJsonArray>
#include <QSqlQuery>

namespace skillex::client {

CaseDetailFetcher::CaseDetailFetcher(CacheDb *cache, ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_api(api)
{
}

void CaseDetailFetcher::fetch(qint64 caseId, bool withAttachments)
{
    if (m_running.contains(caseId))
        return;
    m_running.insert(caseId);
    m_api->get(QStringLiteral("/api/v1/admin/cases/%1").arg(caseId), this,
               [this, caseId, withAttachments](const ApiResult &result) {
                   if (!result.ok) {
                       m_running.remove(caseId);
                       emit failed(caseId, result.error);
                       emit done(caseId);
                       return;
                   }
                   const QJsonObject detail = result.object();
                   const qint64 now = QDateTime::currentMSecsSinceEpoch();
                   QPointer<CaseDetailFetcher> self(this);
                   client::onFinished(m_cache->write([detail, now](CacheWriteTx &tx) {
                            caserecords::storeCaseDetail(tx, detail, now);
                        }), m_cache, [self, caseId, withAttachments](const CacheWriteResult &w) {
                           if (!self)
                               return;
                           if (!w.ok) {
                               self->m_running.remove(caseId);
                               emit self->failed(caseId, ApiError::invalidResponse(
                                                              {}, 200, w.error));
                               emit self->done(caseId);
                               return;
                           }
                           if (withAttachments)
                               self->fetchAttachments(caseId);
                           else {
                               self->m_running.remove(caseId);
                               emit self->fetched(caseId, 0, 0);
                               emit self->done(caseId);
                           }
                       });
               });
}

void CaseDetailFetcher::fetchAttachments(qint64 caseId)
{
    QStringList missing;
    {
        CacheReader *reader = m_cache->reader();
        QSqlQuery &query = reader->run(
            QStringLiteral("SELECT DISTINCT ea.sha256 FROM evidence e JOIN evidence_attachments ea "
                           "ON ea.evidence_id = e.id LEFT JOIN attachment_blobs b ON b.sha256 = "
                           "ea.sha256 WHERE e.case_id = ? AND b.sha256 IS NULL"),
            {caseId});
        while (query.next())
            missing << query.value(0).toString();
        query.finish();
    }
    Pending &pending = m_pending[caseId];
    pending = {};
    pending.attachmentsLeft = int(missing.size());
    if (missing.isEmpty()) {
        attachmentDone(caseId);
        return;
    }
    ApiClient::Options fileOptions;
    fileOptions.rawBody = true;
    for (const QString &sha : missing) {
        m_api->get(
            QStringLiteral("/api/v1/admin/attachments/%1").arg(sha), this, fileOptions,
            [this, caseId, sha](const ApiResult &result) {
                Pending &p = m_pending[caseId];
                if (!result.ok) {
                    if (!p.failed)
                        emit failed(caseId, result.error);
                    p.failed = true;
                    --p.attachmentsLeft;
                    attachmentDone(caseId);
                    return;
                }
                const QByteArray bytes = result.body;
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                QPointer<CaseDetailFetcher> self(this);
                client::onFinished(m_cache
                    ->write([sha, bytes, now](CacheWriteTx &tx) {
                        const QVariant type = tx.scalar(
                            QStringLiteral("SELECT content_type FROM attachments WHERE sha256 = ?"),
                            {sha});
                        caserecords::storeAttachment(tx, sha, bytes.size(), type.toString(), {},
                                                     &bytes, now);
                    }), m_cache, [self, caseId, size = bytes.size()](const CacheWriteResult &w) {
                        if (!self)
                            return;
                        Pending &p = self->m_pending[caseId];
                        if (w.ok) {
                            ++p.attachments;
                            p.bytes += size;
                        }
                        --p.attachmentsLeft;
                        self->attachmentDone(caseId);
                    });
            });
    }
}

void CaseDetailFetcher::attachmentDone(qint64 caseId)
{
    const Pending pending = m_pending.value(caseId);
    if (pending.attachmentsLeft > 0)
        return;
    m_pending.remove(caseId);
    m_running.remove(caseId);
    if (!pending.failed)
        emit fetched(caseId, pending.attachments, pending.bytes);
    emit done(caseId);
}

} // namespace skillex::client
