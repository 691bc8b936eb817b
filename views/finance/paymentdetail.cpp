// PaymentDetail: GET /admin/payments/{id}; refunds go through the outbox (financeactions.h).
#include "views/finance/paymentdetail.h"

#include "client/api/apiclient.h"
#include "client/outbox/financeactions.h"
#include "client/workspace/workspace.h"
#include "views/finance/actionrunner.h"
#include "views/finance/apirequest.h"
#include "views/finance/financeformat.h"
#include "views/finance/financetable.h"
#include "views/finance/jsonrowsmodel.h"
#include "views/finance/refunddialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace skillex::views::finance {

namespace {

QString field(const QJsonObject &o, const char *key)
{
    return scalarText(o.value(QLatin1String(key)));
}

const Qt::Alignment kRight = Qt::AlignRight | Qt::AlignVCenter;

} // namespace

PaymentDetail::PaymentDetail(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_runner(new ActionRunner(workspace->outbox(), this))
{
    setObjectName(QStringLiteral("paymentDetail"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    m_header = new QLabel(tr("Select a payment to see its webhooks, refunds and transfers."), this);
    m_header->setObjectName(QStringLiteral("paymentHeader"));
    QFont big = m_header->font();
    big.setBold(true);
    m_header->setFont(big);
    top->addWidget(m_header, 1);
    m_refund = new QPushButton(tr("&Refund…"), this);
    m_refund->setObjectName(QStringLiteral("paymentRefund"));
    m_refund->setEnabled(false);
    top->addWidget(m_refund);
    layout->addLayout(top);
    m_facts = new QLabel(this);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setWordWrap(true);
    layout->addWidget(m_facts);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("paymentStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_webhooks = new JsonRowsModel(
        {{tr("Received"),
          [](const QJsonObject &o) { return timeText(o.value(QStringLiteral("received_at"))); }},
         {tr("Event"), [](const QJsonObject &o) { return field(o, "event_type"); }},
         {tr("Outcome"), [](const QJsonObject &o) { return field(o, "outcome"); }},
         {tr("Event id"), [](const QJsonObject &o) { return field(o, "event_id"); }}},
        this);
    m_refunds = new JsonRowsModel(
        {{tr("Requested"),
          [](const QJsonObject &o) { return timeText(o.value(QStringLiteral("created_at"))); }},
         {tr("Credits"),
          [](const QJsonObject &o) {
              return credits(o.value(QStringLiteral("credits")).toInteger());
          },
          {},
          kRight},
         {tr("Money"),
          [](const QJsonObject &o) {
              return money(o.value(QStringLiteral("amount_minor")).toInteger(),
                           field(o, "currency"));
          },
          {},
          kRight},
         {tr("Status"), [](const QJsonObject &o) { return field(o, "status"); }},
         {tr("Asked by"), [](const QJsonObject &o) { return field(o, "requested_by"); }},
         {tr("Reason"), [](const QJsonObject &o) { return field(o, "reason"); }}},
        this);
    m_transfers = new JsonRowsModel(
        {{tr("Date"),
          [](const QJsonObject &o) { return timeText(o.value(QStringLiteral("created_at"))); }},
         {tr("Code"), [](const QJsonObject &o) { return field(o, "code"); }},
         {tr("From"), [](const QJsonObject &o) { return field(o, "debit_account"); }},
         {tr("To"), [](const QJsonObject &o) { return field(o, "credit_account"); }},
         {tr("Amount"),
          [](const QJsonObject &o) {
              return credits(o.value(QStringLiteral("amount")).toInteger());
          },
          {},
          kRight},
         {tr("Status"), [](const QJsonObject &o) { return field(o, "status"); }}},
        this);
    m_transfers->setItalic([](const QJsonObject &o) {
        return o.value(QStringLiteral("status")).toString() == QLatin1String("pending");
    });
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("paymentTabs"));
    auto *hooks = makeFinanceTable(m_webhooks, tr("Webhook history"), m_tabs);
    connect(hooks, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QJsonValue payload = m_webhooks->item(index.row()).value(QStringLiteral("payload"));
        m_status->setText(
            QString::fromUtf8(QJsonDocument(payload.toObject()).toJson(QJsonDocument::Compact)));
    });
    m_tabs->addTab(hooks, tr("&Webhooks"));
    m_tabs->addTab(makeFinanceTable(m_refunds, tr("Refunds"), m_tabs), tr("Re&funds"));
    m_tabs->addTab(makeFinanceTable(m_transfers, tr("Transfers of this payment"), m_tabs),
                   tr("&Transfers"));
    layout->addWidget(m_tabs, 1);

    connect(m_refund, &QPushButton::clicked, this, [this] { startRefund(); });
    connect(m_runner, &ActionRunner::notQueued, this, [this](const QString &error) {
        m_status->setText(tr("The refund was not queued: %1").arg(error));
    });
    connect(m_runner, &ActionRunner::queued, this,
            [this] { m_status->setText(tr("Refund queued; sending…")); });
    connect(m_runner, &ActionRunner::finished, this, [this](const client::OutboxEntry &entry) {
        if (entry.state == client::OutboxState::Done) {
            const QJsonObject refund =
                entry.result.toObject().value(QStringLiteral("refund")).toObject();
            m_status->setText(
                tr("Refund requested: %1 (%2). The credits move when %3 confirms it.")
                    .arg(credits(refund.value(QStringLiteral("credits")).toInteger()),
                         money(refund.value(QStringLiteral("amount_minor")).toInteger(),
                               refund.value(QStringLiteral("currency")).toString()),
                         m_payment.value(QStringLiteral("provider")).toString()));
            const QJsonObject payment =
                entry.result.toObject().value(QStringLiteral("payment")).toObject();
            if (!payment.isEmpty())
                display(payment);
            else
                reload();
            emit refunded(m_id);
        } else {
            m_status->setText(
                tr("Refund not made: %1")
                    .arg(refusalText(entry, tr("the purchase's credits left are fewer than "
                                               "asked (spent credits stay spent), or a "
                                               "refund is already in progress (HTTP 409)."))));
            reload();
        }
    });
}

void PaymentDetail::showPayment(qint64 paymentId)
{
    if (paymentId != m_id)
        m_status->clear();
    m_id = paymentId;
    reload();
}

void PaymentDetail::reload()
{
    if (m_id <= 0)
        return;
    m_header->setText(tr("Payment #%1").arg(m_id));
    m_facts->setText(tr("Loading…"));
    const qint64 id = m_id;
    m_workspace->api()->get(QStringLiteral("/api/v1/admin/payments/%1").arg(id), this,
                            [this, id](const client::ApiResult &result) {
                                if (id != m_id)
                                    return;
                                if (!result.ok) {
                                    m_facts->setText(failureText(tr("load the payment"), result));
                                    return;
                                }
                                display(result.object());
                            });
}

void PaymentDetail::display(const QJsonObject &p)
{
    m_payment = p;
    m_header->setText(
        tr("Payment #%1 · %2 · %3")
            .arg(field(p, "id"), field(p, "provider"), finance::statusText(field(p, "status"))));
    m_facts->setText(
        tr("Member #%1 · package %2 (%3) · %4 · refunded %5 · order %6 · provider payment %7 · "
           "created %8")
            .arg(field(p, "user_id"), field(p, "package_id"),
                 credits(p.value(QStringLiteral("credits")).toInteger()),
                 money(p.value(QStringLiteral("amount_minor")).toInteger(), field(p, "currency")),
                 money(p.value(QStringLiteral("refunded_minor")).toInteger(), field(p, "currency")),
                 field(p, "provider_order_id"), field(p, "provider_payment_id"),
                 timeText(p.value(QStringLiteral("created_at")))));
    m_webhooks->setItems(p.value(QStringLiteral("webhooks")).toArray());
    m_refunds->setItems(p.value(QStringLiteral("refunds")).toArray());
    m_transfers->setItems(p.value(QStringLiteral("transfers")).toArray());
    m_tabs->setTabText(0, tr("&Webhooks (%1)").arg(m_webhooks->rowCount()));
    m_tabs->setTabText(1, tr("Re&funds (%1)").arg(m_refunds->rowCount()));
    m_tabs->setTabText(2, tr("&Transfers (%1)").arg(m_transfers->rowCount()));
    const QString blocker = refundBlocker();
    m_refund->setEnabled(blocker.isEmpty());
    m_refund->setToolTip(blocker.isEmpty() ? tr("Ask the provider to refund this payment")
                                           : blocker);
    emit loaded();
}

QString PaymentDetail::refundBlocker() const
{
    if (m_payment.isEmpty())
        return tr("No payment selected.");
    if (!m_workspace->hasPermission(protocol::Permission::MoveMoney))
        return tr("Your role cannot refund payments.");
    const QString status = m_payment.value(QStringLiteral("status")).toString();
    if (status == QLatin1String("refund_requested"))
        return tr("A refund is in progress; it completes when the provider confirms it.");
    if (status != QLatin1String("captured") && status != QLatin1String("partially_refunded"))
        return tr("Only a captured payment can be refunded (this one is %1).").arg(status);
    if (m_runner->isRunning())
        return tr("A refund of this payment is being sent.");
    return {};
}

RefundDialog *PaymentDetail::startRefund()
{
    const QString blocker = refundBlocker();
    if (!blocker.isEmpty()) {
        m_status->setText(blocker);
        return nullptr;
    }
    auto *dialog = new RefundDialog(m_payment, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { submitRefund(dialog); });
    dialog->open();
    return dialog;
}

void PaymentDetail::submitRefund(RefundDialog *dialog)
{
    m_refund->setEnabled(false);
    m_runner->run(client::actions::refundPayment(m_id, dialog->credits(), dialog->reason()));
}

QString PaymentDetail::statusText() const
{
    return m_status->text();
}

} // namespace skillex::views::finance
