// PaymentsView: GET /admin/payments pages into a sortable table; selection shows the detail.
#include "views/finance/paymentsview.h"

#include "client/workspace/workspace.h"
#include "views/finance/apirequest.h"
#include "views/finance/financecsv.h"
#include "views/finance/financeformat.h"
#include "views/finance/financetable.h"
#include "views/finance/jsonrowsmodel.h"
#include "views/finance/paymentdetail.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace skillex::views::finance {

namespace {
const Qt::Alignment kRight = Qt::AlignRight | Qt::AlignVCenter;
QString text(const QJsonObject &o, const char *key)
{
    return scalarText(o.value(QLatin1String(key)));
}
qint64 number(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}
} // namespace

PaymentsView::PaymentsView(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("paymentsView"));
    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    m_provider = new QComboBox(this);
    m_provider->setAccessibleName(tr("Provider"));
    m_provider->addItem(tr("All providers"), QString());
    m_provider->addItem(QStringLiteral("Stripe"), QStringLiteral("stripe"));
    m_provider->addItem(QStringLiteral("Razorpay"), QStringLiteral("razorpay"));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("paymentsStatusFilter"));
    m_status->setAccessibleName(tr("Payment status"));
    m_status->addItem(tr("Any status"), QString());
    for (const char *s :
         {"captured", "created", "failed", "refund_requested", "partially_refunded", "refunded"})
        m_status->addItem(QString::fromLatin1(s), QString::fromLatin1(s));
    m_member = new QLineEdit(this);
    m_member->setPlaceholderText(tr("member id"));
    m_member->setAccessibleName(tr("Member id"));
    m_member->setClearButtonEnabled(true);
    m_member->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), this));
    m_member->setMaximumWidth(140);
    auto *refresh = new QPushButton(tr("Re&fresh"), this);
    auto *exportCsv = new QPushButton(tr("E&xport CSV…"), this);
    filters->addWidget(new QLabel(tr("Payments:"), this));
    filters->addWidget(m_provider);
    filters->addWidget(m_status);
    filters->addWidget(m_member);
    filters->addWidget(refresh);
    filters->addStretch(1);
    filters->addWidget(exportCsv);
    layout->addLayout(filters);

    m_model = new JsonRowsModel(
        {{tr("Id"), [](const QJsonObject &o) { return text(o, "id"); },
          [](const QJsonObject &o) { return number(o, "id"); }, kRight},
         {tr("Created"),
          [](const QJsonObject &o) { return timeText(o.value(QStringLiteral("created_at"))); },
          [](const QJsonObject &o) { return text(o, "created_at"); }},
         {tr("Member"), [](const QJsonObject &o) { return text(o, "user_id"); },
          [](const QJsonObject &o) { return number(o, "user_id"); }, kRight},
         {tr("Provider"), [](const QJsonObject &o) { return text(o, "provider"); }},
         {tr("Credits"), [](const QJsonObject &o) { return credits(number(o, "credits")); },
          [](const QJsonObject &o) { return number(o, "credits"); }, kRight},
         {tr("Amount"),
          [](const QJsonObject &o) {
              return money(number(o, "amount_minor"), text(o, "currency"));
          },
          [](const QJsonObject &o) { return number(o, "amount_minor"); }, kRight},
         {tr("Status"), [](const QJsonObject &o) { return statusText(text(o, "status")); }},
         {tr("Refunded"),
          [](const QJsonObject &o) {
              return money(number(o, "refunded_minor"), text(o, "currency"));
          },
          [](const QJsonObject &o) { return number(o, "refunded_minor"); }, kRight}},
        this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(JsonRowsModel::SortRole);

    auto *splitter = new QSplitter(this);
    splitter->setChildrenCollapsible(false);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_table = makeFinanceTable(m_sorted, tr("Payments"), left);
    m_table->setObjectName(QStringLiteral("paymentsTable"));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(1, Qt::DescendingOrder);
    leftLayout->addWidget(m_table, 1);
    auto *bottom = new QHBoxLayout;
    m_info = new QLabel(left);
    m_info->setObjectName(QStringLiteral("paymentsInfo"));
    m_more = new QPushButton(tr("Load &more"), left);
    bottom->addWidget(m_info, 1);
    bottom->addWidget(m_more);
    leftLayout->addLayout(bottom);
    m_detail = new PaymentDetail(workspace, splitter);
    splitter->addWidget(left);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({760, 520}); // the list's columns fit at 1280 px
    layout->addWidget(splitter, 1);

    connect(m_provider, &QComboBox::currentIndexChanged, this, &PaymentsView::reload);
    connect(m_status, &QComboBox::currentIndexChanged, this, &PaymentsView::reload);
    connect(m_member, &QLineEdit::returnPressed, this, &PaymentsView::reload);
    connect(refresh, &QPushButton::clicked, this, &PaymentsView::reload);
    connect(m_more, &QPushButton::clicked, this, &PaymentsView::loadMore);
    connect(exportCsv, &QPushButton::clicked, this,
            [this] { exportModelCsv(this, m_sorted, QStringLiteral("payments.csv")); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                const QJsonObject item =
                    m_sorted->data(current, JsonRowsModel::ObjectRole).toJsonObject();
                const qint64 id = number(item, "id");
                if (id != m_detail->paymentId())
                    m_detail->showPayment(id);
            });
    connect(m_detail, &PaymentDetail::refunded, this, [this] { reload(); });
    reload();
}

void PaymentsView::reload()
{
    fetch(false);
}

void PaymentsView::loadMore()
{
    if (!m_next.isEmpty())
        fetch(true);
}

void PaymentsView::setStatusFilter(const QString &status)
{
    const int index = m_status->findData(status);
    m_status->setCurrentIndex(index < 0 ? 0 : index);
}

void PaymentsView::showPayment(qint64 paymentId)
{
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        if (m_sorted->index(row, 0).data(JsonRowsModel::SortRole).toLongLong() == paymentId) {
            m_table->selectRow(row);
            return;
        }
    }
    m_detail->showPayment(paymentId);
}

void PaymentsView::fetch(bool more)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("200"));
    if (!m_provider->currentData().toString().isEmpty())
        query.addQueryItem(QStringLiteral("provider"), m_provider->currentData().toString());
    if (!m_status->currentData().toString().isEmpty())
        query.addQueryItem(QStringLiteral("status"), m_status->currentData().toString());
    if (!m_member->text().isEmpty())
        query.addQueryItem(QStringLiteral("user"), m_member->text());
    if (more)
        query.addQueryItem(QStringLiteral("after"), m_next);
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_more->setEnabled(false);
    m_info->setText(tr("Loading payments…"));
    getJson(m_workspace->api(), QStringLiteral("/api/v1/admin/payments"), query, this,
            [this, more, generation](const client::ApiResult &result) {
                if (generation != m_generation)
                    return;
                m_loading = false;
                if (!result.ok) {
                    m_info->setText(failureText(tr("load payments"), result) +
                                    tr(" Refresh to try again."));
                    return;
                }
                const QJsonArray items = result.object().value(QStringLiteral("items")).toArray();
                m_next = result.object().value(QStringLiteral("next")).toString();
                if (more)
                    m_model->appendItems(items);
                else
                    m_model->setItems(items);
                m_more->setEnabled(!m_next.isEmpty());
                m_info->setText(
                    m_model->rowCount() == 0
                        ? tr("No payments match. Members' purchases appear here once "
                             "they check out.")
                        : tr("%n payment(s)%1", nullptr, m_model->rowCount())
                              .arg(m_next.isEmpty() ? QString() : tr(", more on the server")));
            });
}

} // namespace skillex::views::finance
