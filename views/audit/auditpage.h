// AuditPage: the Audit area — the log with filters (read through to the server into the cache),
// each entry's before and after, "Verify chain" with its result as a banner, and CSV export.
#pragma once

#include "models/auditfilter.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace skillex::client {
class Workspace;
}
namespace skillex::models {
class AuditFetcher;
class AuditModel;
} // namespace skillex::models

namespace skillex::views {

class AuditDetailView;
class AuditFilterBar;

class AuditPage : public QWidget {
    Q_OBJECT

public:
    explicit AuditPage(client::Workspace *workspace, QWidget *parent = nullptr);

    // Shows and fetches the entries of this filter (what Apply does).
    void applyFilter(const models::AuditFilter &filter);
    // GET /admin/audit/verify; the banner says the result, a broken entry is selected.
    void verifyChain();
    // Writes the filtered list (every row of it) as CSV; false with the reason on failure.
    bool exportCsv(const QString &path, QString *error = nullptr);

    models::AuditModel *model() const { return m_model; }
    models::AuditFetcher *fetcher() const { return m_fetcher; }
    QTableView *table() const { return m_table; }
    AuditDetailView *detail() const { return m_detail; }
    QLabel *banner() const { return m_banner; }
    // The id of the selected entry, 0 for none.
    qint64 selectedId() const;

signals:
    // The chain was checked: ok, or the first broken entry's id.
    void verified(bool ok, qint64 firstBrokenId);

private:
    void showSelected();
    void updateStatus();
    void selectEntry(qint64 id);
    void setBanner(const QString &text, const QString &color);
    void askExport();

    client::Workspace *m_workspace = nullptr;
    models::AuditModel *m_model = nullptr;
    models::AuditFetcher *m_fetcher = nullptr;
    AuditFilterBar *m_filters = nullptr;
    QLabel *m_banner = nullptr;
    QTableView *m_table = nullptr;
    AuditDetailView *m_detail = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_more = nullptr;
    QPushButton *m_retry = nullptr;
    QString m_fetchError;
};

} // namespace skillex::views
