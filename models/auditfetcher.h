// AuditFetcher: the read-through of the audit log. Pages of GET /admin/audit for a filter are
// written to the cache's audit_entries table, newest first, and AuditModel shows them from there
// (so what was fetched stays readable offline).
#pragma once

#include "client/api/apierror.h"
#include "models/auditfilter.h"

#include <QObject>

namespace skillex::client {
class ApiClient;
class CacheDb;
} // namespace skillex::client

namespace skillex::models {

class AuditFetcher : public QObject {
    Q_OBJECT

public:
    AuditFetcher(client::CacheDb *cache, client::ApiClient *api, QObject *parent = nullptr);

    // Starts over with this filter: up to `pages` pages of 500 (newest first). A fetch still
    // running for an earlier filter is forgotten (its answer is dropped).
    void fetch(const AuditFilter &filter, int pages = 4);
    // The next `pages` pages of the same filter, after the last one fetched.
    void fetchMore(int pages = 4);
    bool isRunning() const { return m_running; }
    // The server has older entries for the filter than those fetched so far.
    bool hasMore() const { return !m_next.isEmpty(); }
    int fetchedCount() const { return m_fetched; }
    const AuditFilter &filter() const { return m_filter; }

signals:
    void progress(int fetched);
    // Every page asked for is in the cache.
    void finished(int fetched, bool more);
    void failed(const skillex::client::ApiError &error);

private:
    void fetchPage(quint64 generation);

    client::CacheDb *m_cache = nullptr;
    client::ApiClient *m_api = nullptr;
    AuditFilter m_filter;
    QString m_next; // the server's cursor for the next page; empty when there is none
    int m_pagesLeft = 0;
    int m_fetched = 0;
    bool m_running = false;
    quint64 m_generation = 0; // bumped by each fetch(); answers of older ones are dropped
};

} // namespace skillex::models
