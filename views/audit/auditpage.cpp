// AuditPage: the filter goes to the model (the cache, at once) and to the fetcher (the server,
// then the cache again); the list never reads the network itself.
#include "views/audit/auditpage.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/tablechange.h"
#include "client/workspace/workspace.h"
#include "models/auditfetcher.h"
#include "models/auditmodel.h"
#include "views/audit/auditcsv.h"
#include "views/audit/auditdetailview.h"
#include "views/audit/auditfilterbar.h"

#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace skillex::views {

AuditPage::AuditPage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("auditPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_filters = new AuditFilterBar(workspace->cache(), this);
    layout->addWidget(m_filters);

    auto *actions = new QHBoxLayout;
    actions->setContentsMargins(8, 0, 8, 6);
    actions->setSpacing(6); // the page's own layout has none (the banner sits flush)
    m_verify = new QPushButton(tr("&Verify chain"), this);
    m_verify->setObjectName(QStringLiteral("verifyChainButton"));
    m_verify->setAccessibleName(tr("Verify the audit log's hash chain"));
    m_verify->setToolTip(tr("Recompute the hash chain on the server: any changed, removed or "
                            "inserted entry is found"));
    auto *exportButton = new QPushButton(tr("E&xport CSV…"), this);
    exportButton->setAccessibleName(tr("Export the filtered entries as CSV"));
    m_more = new QPushButton(tr("Load &older"), this);
    m_more->setObjectName(QStringLiteral("auditLoadOlder"));
    m_more->setAccessibleName(tr("Fetch older entries of this filter"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatus"));
    actions->addWidget(m_verify);
    actions->addWidget(exportButton);
    actions->addWidget(m_more);
    m_retry = new QPushButton(tr("&Retry"), this);
    m_retry->setAccessibleName(tr("Fetch the entries of this filter again"));
    m_retry->hide();
    actions->addWidget(m_retry);
    actions->addWidget(m_progress);
    actions->addWidget(m_status, 1);
    layout->addLayout(actions);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("verifyBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    layout->addWidget(m_banner);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("auditSplitter"));
    m_model = new models::AuditModel(workspace->cache(), this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit entries"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(models::AuditModel::Time, Qt::DescendingOrder);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(models::AuditModel::Time, 150);
    m_table->setColumnWidth(models::AuditModel::Actor, 180);
    m_table->setColumnWidth(models::AuditModel::Action, 200);
    m_table->setColumnWidth(models::AuditModel::Target, 140);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_detail = new AuditDetailView(splitter);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    m_fetcher = new models::AuditFetcher(workspace->cache(), workspace->api(), this);
    connect(m_fetcher, &models::AuditFetcher::progress, this, &AuditPage::updateStatus);
    connect(m_fetcher, &models::AuditFetcher::finished, this, [this] {
        m_fetchError.clear();
        updateStatus();
    });
    connect(m_fetcher, &models::AuditFetcher::failed, this, [this](const client::ApiError &error) {
        m_fetchError = error.message();
        updateStatus();
    });
    connect(m_filters, &AuditFilterBar::applied, this, &AuditPage::applyFilter);
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verifyChain);
    connect(exportButton, &QPushButton::clicked, this, &AuditPage::askExport);
    connect(m_more, &QPushButton::clicked, this, [this] {
        m_fetcher->fetchMore();
        updateStatus();
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_fetchError.clear();
        m_fetcher->fetch(m_model->filter());
        updateStatus();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditPage::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditPage::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AuditPage::updateStatus);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &AuditPage::updateStatus);
    connect(workspace->cache(), &client::CacheDb::changed, this,
            [this](const client::TableChange &change) {
                if (change.table == QLatin1String("staff"))
                    m_filters->reloadActors();
                else if (change.table == QLatin1String("audit_entries") &&
                         change.ids().contains(selectedId()))
                    showSelected();
            });
    applyFilter({});
}

void AuditPage::applyFilter(const models::AuditFilter &filter)
{
    if (!(m_filters->filter() == std::optional(filter)))
        m_filters->setFilter(filter);
    m_model->setFilter(filter);
    m_fetchError.clear();
    if (!m_workspace->isOffline())
        m_fetcher->fetch(filter);
    updateStatus();
}

qint64 AuditPage::selectedId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->idAt(current.row()) : 0;
}

void AuditPage::showSelected()
{
    const qint64 id = selectedId();
    if (id <= 0) {
        m_detail->showEntry({});
        return;
    }
    const QString json =
        m_workspace->cache()
            ->reader()
            ->scalar(QStringLiteral("SELECT json FROM audit_entries WHERE id = ?"), {id})
            .toString();
    m_detail->showEntry(QJsonDocument::fromJson(json.toUtf8()).object());
}

void AuditPage::updateStatus()
{
    const int rows = m_model->rowCount();
    QString text;
    if (m_fetcher->isRunning())
        text = tr("Fetching from the server… entries so far: %1")
                   .arg(QLocale().toString(m_fetcher->fetchedCount()));
    else if (!m_fetchError.isEmpty())
        text = tr("Entries from the cache: %1. Could not fetch: %2")
                   .arg(QLocale().toString(rows), m_fetchError);
    else if (m_workspace->isOffline())
        text =
            tr("Offline: entries seen earlier, from the cache: %1").arg(QLocale().toString(rows));
    else if (rows == 0)
        text = tr("No audit entries match these filters. Clear a filter or widen the dates.");
    else
        text =
            tr("Entries: %1, newest first").arg(QLocale().toString(rows)) +
            (m_fetcher->hasMore() ? tr(" · older ones are on the server: Load older") : QString());
    m_status->setText(text);
    m_progress->setVisible(m_fetcher->isRunning());
    m_retry->setVisible(!m_fetcher->isRunning() && !m_fetchError.isEmpty());
    m_more->setEnabled(!m_fetcher->isRunning() && m_fetcher->hasMore());
}

void AuditPage::verifyChain()
{
    m_verify->setEnabled(false);
    setBanner(tr("Verifying the chain on the server…"), QStringLiteral("#607d8b"));
    m_workspace->api()->get(
        QStringLiteral("/api/v1/admin/audit/verify"), this,
        [this](const client::ApiResult &result) {
            m_verify->setEnabled(true);
            if (!result.ok) {
                setBanner(tr("✖ Could not verify the chain: %1").arg(result.error.message()),
                          QStringLiteral("#c0392b"));
                return;
            }
            const QJsonObject r = result.object();
            const qint64 checked = r.value(QStringLiteral("checked")).toInteger();
            if (r.value(QStringLiteral("ok")).toBool()) {
                setBanner(tr("✔ Chain verified: all %1 entries are intact (checked %2).")
                              .arg(QLocale().toString(checked),
                                   QLocale().toString(QDateTime::currentDateTime(),
                                                      QLocale::ShortFormat)),
                          QStringLiteral("#2e7d32"));
                emit verified(true, 0);
                return;
            }
            const QJsonObject broken = r.value(QStringLiteral("first_broken")).toObject();
            const qint64 id = broken.value(QStringLiteral("id")).toInteger();
            setBanner(tr("✖ Chain broken at entry #%1 (%2, %3): %4. Entries before it (%5 "
                         "checked) are intact.")
                          .arg(id)
                          .arg(broken.value(QStringLiteral("action")).toString(),
                               QLocale().toString(QDateTime::fromString(
                                                      broken.value(QStringLiteral("at")).toString(),
                                                      Qt::ISODateWithMs)
                                                      .toLocalTime(),
                                                  QLocale::ShortFormat),
                               broken.value(QStringLiteral("reason")).toString(),
                               QLocale().toString(checked)),
                      QStringLiteral("#c0392b"));
            // Bring that entry into the cache (its action at its time is a narrow query), show
            // the whole list again and select it.
            const QDateTime at = QDateTime::fromString(
                broken.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
            models::AuditFilter around;
            around.action = broken.value(QStringLiteral("action")).toString();
            around.from = at;
            around.to = at.addMSecs(1);
            auto *once = new QObject(this);
            auto select = [this, id, once] {
                if (once->property("done").toBool())
                    return;
                once->setProperty("done", true);
                once->deleteLater(); // not delete: this lambda belongs to its connections
                m_filters->clear();
                m_model->setFilter({});
                selectEntry(id);
                emit verified(false, id);
            };
            connect(m_fetcher, &models::AuditFetcher::finished, once, select);
            connect(m_fetcher, &models::AuditFetcher::failed, once, select);
            m_fetcher->fetch(around, 1);
        });
}

void AuditPage::selectEntry(qint64 id)
{
    m_model->flushPendingChanges();
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    showSelected();
}

void AuditPage::setBanner(const QString &text, const QString &color)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { border: 1px solid %1; border-left: 4px solid %1; padding: 8px; "
                       "margin: 0 8px 6px 8px; background: palette(base); }")
            .arg(color));
    m_banner->setVisible(!text.isEmpty());
}

bool AuditPage::exportCsv(const QString &path, QString *error)
{
    return auditcsv::write(m_model, path, error);
}

void AuditPage::askExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export audit entries"), QStringLiteral("audit.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export audit entries"), error);
    else
        m_status->setText(
            tr("Exported to %1 (entries: %2)").arg(path, QLocale().toString(m_model->rowCount())));
}

} // namespace skillex::views
