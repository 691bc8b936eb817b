// LedgerView: filters on the left, the statement-like table on the right, fetch on demand.
#include "views/finance/ledgerview.h"

#include "client/api/apiclient.h"
#include "client/workspace/workspace.h"
#include "models/financetransferstore.h"
#include "models/transfersmodel.h"
#include "views/finance/apirequest.h"
#include "views/finance/financecsv.h"
#include "views/finance/linkopener.h"

#include <QApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPalette>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace skillex::views::finance {

namespace {

constexpr int kPageSize = 200;

// Pending transfers in grey italics (UI.md, Finance).
class PendingStyle : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::FontRole || role == Qt::ForegroundRole) {
            if (QIdentityProxyModel::data(index, models::TransfersModel::PendingRole).toBool()) {
                if (role == Qt::ForegroundRole)
                    return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
                QFont font;
                font.setItalic(true);
                return font;
            }
        }
        if (role == Qt::ToolTipRole && index.column() == models::TransfersModel::Kind &&
            QIdentityProxyModel::data(index, models::TransfersModel::PendingRole).toBool())
            return tr("Pending: held, not yet posted or voided");
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

LedgerView::LedgerView(client::Workspace *workspace, LinkOpener *links, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_links(links)
{
    setObjectName(QStringLiteral("ledgerView"));
    auto *layout = new QHBoxLayout(this);
    m_filters = new LedgerFilterPanel(this);
    layout->addWidget(m_filters);

    auto *right = new QVBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("ledgerStatus"));
    m_status->setWordWrap(true);
    right->addWidget(m_status);

    m_model = new models::TransfersModel(workspace->cache(), this);
    auto *styled = new PendingStyle(this);
    styled->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("ledgerTable"));
    m_table->setAccessibleName(tr("Ledger transfers"));
    m_table->setModel(styled);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(models::TransfersModel::Date, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(models::TransfersModel::Reference,
                                                      QHeaderView::Stretch);
    // Wide enough for a date and time, "booking_hold_voided" and "expense:bonus:referral".
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto width = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + metrics.horizontalAdvance(u'M') * 2;
    };
    m_table->setColumnWidth(
        models::TransfersModel::Date,
        width(QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 59, 59)),
                                 QLocale::ShortFormat)));
    m_table->setColumnWidth(models::TransfersModel::Code,
                            width(QStringLiteral("booking_hold_voided")));
    m_table->setColumnWidth(models::TransfersModel::From,
                            width(QStringLiteral("expense:bonus:referral")));
    m_table->setColumnWidth(models::TransfersModel::To,
                            width(QStringLiteral("expense:bonus:referral")));
    m_table->setColumnWidth(models::TransfersModel::Amount, width(QStringLiteral("1,000,000 cr")));
    right->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    m_open = new QPushButton(tr("&Open linked"), this);
    m_open->setObjectName(QStringLiteral("ledgerOpenLinked"));
    m_open->setToolTip(tr("Open the payment, adjustment, session or case of this transfer "
                          "(Enter)"));
    m_more = new QPushButton(tr("Load &more from server"), this);
    m_more->setObjectName(QStringLiteral("ledgerMore"));
    auto *exportCsv = new QPushButton(tr("E&xport CSV…"), this);
    exportCsv->setObjectName(QStringLiteral("ledgerExport"));
    buttons->addWidget(m_open);
    buttons->addStretch(1);
    buttons->addWidget(m_more);
    buttons->addWidget(exportCsv);
    right->addLayout(buttons);
    layout->addLayout(right, 1);

    connect(m_filters, &LedgerFilterPanel::applied, this, &LedgerView::applyFilter);
    connect(m_more, &QPushButton::clicked, this, &LedgerView::fetchMore);
    connect(m_open, &QPushButton::clicked, this, [this] {
        openRow(m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1);
    });
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { openRow(index.row()); });
    connect(exportCsv, &QPushButton::clicked, this,
            [this] { exportModelCsv(this, m_table->model(), QStringLiteral("ledger.csv")); });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_table->verticalScrollBar()->maximum() && !m_next.isEmpty())
            fetchMore();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &LedgerView::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LedgerView::updateStatus);
    applyFilter({});
}

void LedgerView::applyFilter(const LedgerFilter &filter)
{
    // Each setter reloads the model (a COUNT over the cache): only what changed is set.
    // m_filter starts empty, as the model does.
    const LedgerFilter old = m_filter;
    m_filter = filter;
    if (filter.account != old.account)
        m_model->setAccount(filter.account);
    if (filter.code != old.code)
        m_model->setCode(filter.code);
    if (filter.ref != old.ref)
        m_model->setReference(filter.ref);
    if (filter.minAmount != old.minAmount || filter.maxAmount != old.maxAmount)
        m_model->setAmountRange(filter.minAmount, filter.maxAmount);
    const auto ms = [](const QDate &day) {
        return day.isValid() ? QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() : qint64(0);
    };
    if (filter.from != old.from || filter.to != old.to)
        m_model->setPeriod(ms(filter.from), filter.to.isValid() ? ms(filter.to.addDays(1)) : 0);
    ++m_generation;
    m_next.clear();
    m_pagesFetched = 0;
    m_fetching = false;
    m_error.clear();
    fetchMore();
}

void LedgerView::fetchMore()
{
    if (m_fetching || (m_pagesFetched > 0 && m_next.isEmpty()))
        return;
    if (m_workspace->isOffline()) {
        m_error = tr("Offline: showing the transfers seen before.");
        updateStatus();
        return;
    }
    m_fetching = true;
    updateStatus();
    QUrlQuery query = m_filter.serverQuery();
    query.addQueryItem(QStringLiteral("limit"), QString::number(kPageSize));
    if (!m_next.isEmpty())
        query.addQueryItem(QStringLiteral("after"), m_next);
    const quint64 generation = m_generation;
    getJson(m_workspace->api(), QStringLiteral("/api/v1/admin/ledger/transfers"), query, this,
            [this, generation](const client::ApiResult &result) {
                if (generation != m_generation)
                    return;
                if (!result.ok) {
                    m_fetching = false;
                    m_error = failureText(tr("load the ledger"), result);
                    updateStatus();
                    return;
                }
                const QJsonObject page = result.object();
                m_next = page.value(QStringLiteral("next")).toString();
                auto *watcher = new QFutureWatcher<client::CacheWriteResult>(this);
                connect(
                    watcher, &QFutureWatcher<client::CacheWriteResult>::finished, this,
                    [this, watcher, generation] {
                        watcher->deleteLater();
                        if (generation != m_generation)
                            return;
                        m_fetching = false;
                        ++m_pagesFetched;
                        const auto stored = watcher->result();
                        m_error =
                            stored.ok
                                ? QString()
                                : tr("Could not keep the page in the cache: %1").arg(stored.error);
                        m_model->flushPendingChanges();
                        updateStatus();
                    });
                watcher->setFuture(models::financetransfers::store(
                    m_workspace->cache(), page.value(QStringLiteral("items")).toArray()));
            });
}

void LedgerView::openRow(int row)
{
    if (row < 0) {
        m_status->setText(tr("Select a transfer first."));
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    const QJsonObject item =
        QJsonDocument::fromJson(
            m_model->data(index, models::TransfersModel::JsonRole).toString().toUtf8())
            .object();
    m_links->open(item.value(QStringLiteral("ref")).toObject());
}

void LedgerView::updateStatus()
{
    QString text = tr("%n transfer(s) shown", nullptr, m_model->rowCount());
    if (m_fetching)
        text += tr(" · loading from the server…");
    else if (atServerEnd())
        text += tr(" · all of the server's matching transfers are here");
    else if (m_pagesFetched > 0)
        text += tr(" · more on the server: scroll down or Load more");
    if (!m_error.isEmpty())
        text += QStringLiteral(" · ") + m_error;
    if (m_model->rowCount() == 0 && !m_fetching && m_error.isEmpty())
        text = tr("No transfers match these filters. Clear a filter to see more.");
    m_status->setText(text);
    m_more->setEnabled(!m_fetching && !atServerEnd());
}

} // namespace skillex::views::finance
