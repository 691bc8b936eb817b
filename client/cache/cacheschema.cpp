// The cache's migrations. Each step is one transaction; a file is never left between two steps.
#include "client/cache/cacheschema.h"

#include "client/cache/cachewritetx.h"

#include <QStringList>

namespace skillex::client {

namespace {

void execAll(CacheWriteTx &tx, const QStringList &statements)
{
    for (const QString &sql : statements)
        execDirect(tx.db(), sql);
}

// Resources the console shows. Times are milliseconds since the epoch (UTC), as on the server;
// every wire object is also kept whole (json/detail) so a new field needs no migration to be
// shown. Sort keys are NOT NULL: the windowed models page on (key, id) row values.
void resources(CacheWriteTx &tx)
{
    execAll(
        tx,
        {
            QStringLiteral("CREATE TABLE cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) "
                           "WITHOUT ROWID"),
            QStringLiteral(R"(CREATE TABLE cases (
                id INTEGER PRIMARY KEY,
                status TEXT NOT NULL,
                priority REAL NOT NULL DEFAULT 0,
                severity TEXT NOT NULL,
                category TEXT NOT NULL,
                subject_type TEXT NOT NULL,
                subject_id INTEGER NOT NULL,
                subject_user_id INTEGER,
                subject_label TEXT NOT NULL DEFAULT '',
                report_count INTEGER NOT NULL DEFAULT 0,
                reporter_count INTEGER NOT NULL DEFAULT 0,
                assignee_id INTEGER,
                previous_case_id INTEGER,
                opened_at INTEGER NOT NULL,
                sla_due_at INTEGER NOT NULL,
                closed_at INTEGER,
                version INTEGER NOT NULL DEFAULT 1,
                search_text TEXT NOT NULL DEFAULT '',
                detail TEXT,
                detail_at INTEGER,
                synced_at INTEGER NOT NULL))"),
            // One index per sort key, so a page is an index walk, never a sort, and a small one
            // for the selective filter "My cases" is (its few rows are sorted as read). Status
            // filters walk the sort key's index. Every index costs each write of the sync, and
            // a priority refresh rewrites every index holding priority (bench_case_model).
            // status rides along after the id: it does not change the order, and the queue's
            // usual filter (the open statuses) is then checked without reading the row.
            QStringLiteral("CREATE INDEX cases_priority ON cases (priority, id, status)"),
            QStringLiteral("CREATE INDEX cases_opened ON cases (opened_at, id, status)"),
            QStringLiteral("CREATE INDEX cases_sla ON cases (sla_due_at, id, status)"),
            QStringLiteral("CREATE INDEX cases_assignee ON cases (assignee_id) WHERE assignee_id "
                           "IS NOT NULL"),
            // Counts per tab without a COUNT(*) over a million rows: triggers keep one row per
            // (status, severity, category, assignee) group; a tab sums a few dozen of them.
            QStringLiteral(R"(CREATE TABLE case_counts (
                status TEXT NOT NULL, severity TEXT NOT NULL, category TEXT NOT NULL,
                assignee_id INTEGER NOT NULL, n INTEGER NOT NULL,
                PRIMARY KEY (status, severity, category, assignee_id)) WITHOUT ROWID)"),
            // One UPSERT per change: the triggers run for every case the sync writes.
            QStringLiteral(R"(CREATE TRIGGER cases_count_insert AFTER INSERT ON cases BEGIN
                INSERT INTO case_counts VALUES
                    (NEW.status, NEW.severity, NEW.category, COALESCE(NEW.assignee_id, 0), 1)
                    ON CONFLICT DO UPDATE SET n = n + 1;
                END)"),
            QStringLiteral(R"(CREATE TRIGGER cases_count_delete AFTER DELETE ON cases BEGIN
                UPDATE case_counts SET n = n - 1 WHERE status = OLD.status
                    AND severity = OLD.severity AND category = OLD.category
                    AND assignee_id = COALESCE(OLD.assignee_id, 0);
                END)"),
            QStringLiteral(R"(CREATE TRIGGER cases_count_update
                AFTER UPDATE OF status, severity, category, assignee_id ON cases
                WHEN OLD.status IS NOT NEW.status OR OLD.severity IS NOT NEW.severity
                    OR OLD.category IS NOT NEW.category OR OLD.assignee_id IS NOT NEW.assignee_id
                BEGIN
                UPDATE case_counts SET n = n - 1 WHERE status = OLD.status
                    AND severity = OLD.severity AND category = OLD.category
                    AND assignee_id = COALESCE(OLD.assignee_id, 0);
                INSERT INTO case_counts VALUES
                    (NEW.status, NEW.severity, NEW.category, COALESCE(NEW.assignee_id, 0), 1)
                    ON CONFLICT DO UPDATE SET n = n + 1;
                END)"),
            QStringLiteral(R"(CREATE TABLE reports (
                id INTEGER PRIMARY KEY, case_id INTEGER, reporter_id INTEGER,
                category TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
                created_at INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL))"),
            QStringLiteral("CREATE INDEX reports_case ON reports (case_id, id)"),
            QStringLiteral(R"(CREATE TABLE evidence (
                id INTEGER PRIMARY KEY, case_id INTEGER, report_id INTEGER,
                kind TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL DEFAULT 0,
                json TEXT NOT NULL))"),
            QStringLiteral("CREATE INDEX evidence_case ON evidence (case_id, id)"),
            // Metadata apart from the bytes, so listing a case's files never reads megabytes.
            QStringLiteral(R"(CREATE TABLE attachments (
                sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, content_type TEXT NOT NULL,
                file_name TEXT NOT NULL DEFAULT '', fetched_at INTEGER) WITHOUT ROWID)"),
            QStringLiteral("CREATE TABLE attachment_blobs (sha256 TEXT NOT NULL UNIQUE, "
                           "bytes BLOB NOT NULL)"),
            QStringLiteral(R"(CREATE TABLE evidence_attachments (
                evidence_id INTEGER NOT NULL, sha256 TEXT NOT NULL,
                PRIMARY KEY (evidence_id, sha256)) WITHOUT ROWID)"),
            QStringLiteral(R"(CREATE TABLE users (
                id INTEGER PRIMARY KEY, name TEXT NOT NULL, sort_name TEXT NOT NULL,
                email TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
                created_at INTEGER NOT NULL, roles TEXT NOT NULL DEFAULT '[]',
                detail TEXT, detail_at INTEGER, synced_at INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX users_name ON users (sort_name, id)"),
            QStringLiteral("CREATE INDEX users_created ON users (created_at, id)"),
            QStringLiteral(R"(CREATE TABLE staff (
                id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL,
                status TEXT NOT NULL, roles TEXT NOT NULL DEFAULT '[]',
                synced_at INTEGER NOT NULL))"),
            QStringLiteral(R"(CREATE TABLE categories (
                id INTEGER PRIMARY KEY, slug TEXT NOT NULL, name TEXT NOT NULL,
                names TEXT NOT NULL DEFAULT '{}', position INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1, synced_at INTEGER NOT NULL))"),
            QStringLiteral(R"(CREATE TABLE skills (
                id INTEGER PRIMARY KEY, category_id INTEGER NOT NULL, slug TEXT NOT NULL,
                name TEXT NOT NULL, names TEXT NOT NULL DEFAULT '{}',
                aliases TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL DEFAULT 'active',
                merged_into INTEGER, position INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1, synced_at INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX skills_category ON skills (category_id, position, id)"),
            // Ledger pages already seen: the server's transfer seq is the row id, its text id
            // (the transfer's idempotency key) stays unique.
            QStringLiteral(R"(CREATE TABLE transfers (
                seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,
                debit TEXT NOT NULL, credit TEXT NOT NULL, amount INTEGER NOT NULL,
                code TEXT NOT NULL, kind TEXT NOT NULL, pending_id TEXT,
                ref_type TEXT NOT NULL DEFAULT '', ref_id TEXT NOT NULL DEFAULT '',
                json TEXT NOT NULL, seen_at INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX transfers_created ON transfers (created_at, seq)"),
            QStringLiteral(R"(CREATE TABLE audit_entries (
                id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor_id INTEGER,
                actor_label TEXT NOT NULL DEFAULT '', action TEXT NOT NULL,
                target_type TEXT NOT NULL DEFAULT '', target_id TEXT NOT NULL DEFAULT '',
                reason TEXT NOT NULL DEFAULT '', json TEXT NOT NULL, seen_at INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX audit_entries_at ON audit_entries (at, id)"),
            // The last answer of each dashboard query, shown with its age when offline.
            QStringLiteral(R"(CREATE TABLE metrics_snapshots (
                endpoint TEXT NOT NULL, range_key TEXT NOT NULL, fetched_at INTEGER NOT NULL,
                json TEXT NOT NULL, PRIMARY KEY (endpoint, range_key)) WITHOUT ROWID)"),
        });
}

// The write path and the sync position. The outbox row is the action itself: it is written
// before anything is sent, and records each attempt (as Nextcloud's journal records retries).
void outboxAndCursor(CacheWriteTx &tx)
{
    execAll(tx,
            {
                QStringLiteral(R"(CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                idempotency_key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                method TEXT NOT NULL,
                path TEXT NOT NULL,
                body TEXT NOT NULL DEFAULT '',
                if_match TEXT NOT NULL DEFAULT '',
                target_type TEXT NOT NULL DEFAULT '',
                target_id INTEGER NOT NULL DEFAULT 0,
                summary TEXT NOT NULL DEFAULT '',
                state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'conflict',
                    'failed', 'cancelled', 'discarded')),
                created_at INTEGER NOT NULL,
                hold_until INTEGER NOT NULL DEFAULT 0,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_try_at INTEGER,
                next_try_at INTEGER NOT NULL DEFAULT 0,
                last_status INTEGER NOT NULL DEFAULT 0,
                last_error TEXT NOT NULL DEFAULT '',
                conflict_current TEXT,
                result TEXT,
                finished_at INTEGER))"),
                QStringLiteral("CREATE INDEX outbox_state ON outbox (state, id)"),
                QStringLiteral("CREATE INDEX outbox_target ON outbox (target_type, target_id, id)"),
                // One row: the last event applied (advanced in the same transaction as the
                // event's own changes) and the server's head when it was last heard.
                QStringLiteral(R"(CREATE TABLE event_cursor (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last_seq INTEGER NOT NULL DEFAULT 0,
                head INTEGER NOT NULL DEFAULT 0,
                last_event_at INTEGER,
                updated_at INTEGER NOT NULL DEFAULT 0))"),
                QStringLiteral("INSERT INTO event_cursor (id) VALUES (1)"),
                // Snapshot pages done per resource, so an interrupted first sync resumes.
                QStringLiteral(R"(CREATE TABLE sync_progress (
                resource TEXT PRIMARY KEY, after TEXT NOT NULL DEFAULT '',
                done INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL DEFAULT 0,
                head INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL DEFAULT 0)
                WITHOUT ROWID)"),
            });
}

// Case text search. FTS5 with the cases table as its content, kept in step by triggers. When
// the SQLite in use has no FTS5 the step still succeeds and the models search with LIKE.
void caseTextSearch(CacheWriteTx &tx)
{
    if (!tx.fullTextSearch())
        return;
    execAll(tx, {
                    QStringLiteral("CREATE VIRTUAL TABLE cases_fts USING fts5(search_text, "
                                   "content='cases', content_rowid='id', "
                                   "tokenize='unicode61 remove_diacritics 2')"),
                    QStringLiteral("INSERT INTO cases_fts (cases_fts) VALUES ('rebuild')"),
                    QStringLiteral(R"(CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
                INSERT INTO cases_fts (rowid, search_text) VALUES (NEW.id, NEW.search_text);
                END)"),
                    QStringLiteral(R"(CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
                INSERT INTO cases_fts (cases_fts, rowid, search_text)
                    VALUES ('delete', OLD.id, OLD.search_text);
                END)"),
                    QStringLiteral(R"(CREATE TRIGGER cases_fts_update AFTER UPDATE OF search_text
                ON cases WHEN OLD.search_text IS NOT NEW.search_text BEGIN
                INSERT INTO cases_fts (cases_fts, rowid, search_text)
                    VALUES ('delete', OLD.id, OLD.search_text);
                INSERT INTO cases_fts (rowid, search_text) VALUES (NEW.id, NEW.search_text);
                END)"),
                });
}

// Which rows changed, in commit order, written by triggers in the changing transaction. A
// windowed model reads it from its new snapshot to learn exactly what changed since its old
// one: change notices are only a wake-up, since by the time one is handled the cache may hold
// later commits too. The writer prunes old entries; a model that fell behind them reloads.
void changeLog(CacheWriteTx &tx)
{
    QStringList statements{
        QStringLiteral("CREATE TABLE change_log (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, "
                       "row_id INTEGER NOT NULL)")};
    const QList<std::pair<QString, QString>> tables{
        {QStringLiteral("cases"), QStringLiteral("id")},
        {QStringLiteral("users"), QStringLiteral("id")},
        {QStringLiteral("transfers"), QStringLiteral("seq")},
        {QStringLiteral("audit_entries"), QStringLiteral("id")}};
    for (const auto &[table, id] : tables) {
        for (const auto &[when, row] :
             {std::pair{QStringLiteral("INSERT"), QStringLiteral("NEW")},
              std::pair{QStringLiteral("UPDATE"), QStringLiteral("NEW")},
              std::pair{QStringLiteral("DELETE"), QStringLiteral("OLD")}}) {
            statements << QStringLiteral("CREATE TRIGGER %1_log_%2 AFTER %3 ON %1 BEGIN INSERT "
                                         "INTO change_log (tbl, row_id) VALUES ('%1', %4.%5); END")
                              .arg(table, when.toLower(), when, row, id);
        }
    }
    execAll(tx, statements);
}

} // namespace

QList<CacheMigration> cacheMigrations()
{
    return {
        {1, QStringLiteral("resources"), resources},
        {2, QStringLiteral("outbox and event cursor"), outboxAndCursor},
        {3, QStringLiteral("case text search"), caseTextSearch},
        {4, QStringLiteral("change log for the windowed models"), changeLog},
    };
}

int latestCacheVersion()
{
    return cacheMigrations().constLast().version;
}

} // namespace skillex::client
