// CaseDetailFetcher: brings a case's detail (reports, evidence, subject context, history, notes)
// and its attachments' bytes into the cache, so the case opens from the cache online or not.
// "Prepare for offline" uses it for a whole queue.
#pragma once

#include "client/api/apierror.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace skillex::client {

class ApiClient;
class CacheDb;

class CaseDetailFetcher : public QObject {
    Q_OBJECT

public:
    CaseDetailFetcher(CacheDb *cache, ApiClient *api, QObject *parent = nullptr);

    // GET /admin/cases/{id} into the cache; then, with attachments, every file of its evidence
    // not yet cached. Ends in fetched() or failed(); a fetch already running is not repeated.
    void fetch(qint64 caseId, bool withAttachments = true);
    bool isFetching(qint64 caseId) const { return m_running.contains(caseId); }

signals:
    // The detail is in the cache (attachments counts the files fetched, bytes their size).
    void fetched(qint64 caseId, int attachments, qint64 bytes);
    void failed(qint64 caseId, const skillex::client::ApiError &error);
    // The fetch is over, after fetched() or failed(): whichever way it went.
    void done(qint64 caseId);

private:
    struct Pending {
        int attachmentsLeft = 0;
        int attachments = 0;
        qint64 bytes = 0;
        bool failed = false;
    };
    void fetchAttachments(qint64 caseId);
    void attachmentDone(qint64 caseId);

    CacheDb *m_cache = nullptr;
    ApiClient *m_api = nullptr;
    QSet<qint64> m_running;
    QHash<qint64, Pending> m_pending;
};

} // namespace skillex::client
