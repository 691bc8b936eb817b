// ApprovalsView: GET /admin/adjustments; decisions go through the outbox at the version shown.
#include "views/finance/approvalsview.h"

#include "client/outbox/financeactions.h"
#include "client/workspace/workspace.h"
#include "views/finance/actionrunner.h"
#include "views/finance/apirequest.h"
#include "views/finance/cachednames.h"
#include "views/finance/financecsv.h"
#include "views/finance/financeformat.h"
#include "views/finance/financetable.h"
#include "views/finance/jsonrowsmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace skillex::views::finance {

namespace {
const Qt::Alignment kRight = Qt::AlignRight | Qt::AlignVCenter;
qint64 number(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}
QString text(const QJsonObject &o, const char *key)
{
    return scalarText(o.value(QLatin1String(key)));
}
} // namespace

ApprovalsView::ApprovalsView(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_runner(new ActionRunner(workspace->outbox(), this))
{
    setObjectName(QStringLiteral("approvalsView"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_status = new QComboBox(this);
    m_status->setAccessibleName(tr("Adjustment status"));
    m_status->addItem(tr("Waiting for approval"), QStringLiteral("pending_approval"));
    m_status->addItem(tr("Posted"), QStringLiteral("posted"));
    m_status->addItem(tr("Rejected"), QStringLiteral("rejected"));
    m_status->addItem(tr("All"), QString());
    auto *refresh = new QPushButton(tr("Re&fresh"), this);
    auto *exportCsv = new QPushButton(tr("E&xport CSV…"), this);
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("approvalsInfo"));
    top->addWidget(new QLabel(tr("Adjustments:"), this));
    top->addWidget(m_status);
    top->addWidget(refresh);
    top->addWidget(m_info, 1);
    top->addWidget(exportCsv);
    layout->addLayout(top);

    client::Workspace *w = workspace;
    m_model = new JsonRowsModel(
        {{tr("Id"), [](const QJsonObject &o) { return text(o, "id"); },
          [](const QJsonObject &o) { return number(o, "id"); }, kRight},
         {tr("Asked"),
          [](const QJsonObject &o) { return timeText(o.value(QStringLiteral("created_at"))); },
          [](const QJsonObject &o) { return text(o, "created_at"); }},
         {tr("Maker"), [w](const QJsonObject &o) { return staffName(w, number(o, "maker_id")); }},
         {tr("Member"), [w](const QJsonObject &o) { return memberName(w, number(o, "user_id")); }},
         {tr("Amount"), [](const QJsonObject &o) { return credits(number(o, "amount")); },
          [](const QJsonObject &o) { return number(o, "amount"); }, kRight},
         {tr("Reason"), [](const QJsonObject &o) { return text(o, "reason"); }},
         {tr("Case"), [](const QJsonObject &o) { return text(o, "case_id"); }},
         {tr("Status"), [](const QJsonObject &o) { return statusText(text(o, "status")); }}},
        this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(JsonRowsModel::SortRole);
    m_table = makeFinanceTable(m_sorted, tr("Credit adjustments"), this, 5);
    m_table->setObjectName(QStringLiteral("approvalsTable"));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(1, Qt::DescendingOrder);
    layout->addWidget(m_table, 1);

    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("approvalDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_detail);
    auto *decide = new QHBoxLayout;
    m_decisionReason = new QLineEdit(this);
    m_decisionReason->setObjectName(QStringLiteral("approvalReason"));
    m_decisionReason->setAccessibleName(tr("Reason for the decision"));
    m_decisionReason->setPlaceholderText(tr("Reason for your decision (required to reject)"));
    m_approve = new QPushButton(tr("&Approve"), this);
    m_approve->setObjectName(QStringLiteral("approvalApprove"));
    m_reject = new QPushButton(tr("&Reject"), this);
    m_reject->setObjectName(QStringLiteral("approvalReject"));
    decide->addWidget(m_decisionReason, 1);
    decide->addWidget(m_approve);
    decide->addWidget(m_reject);
    layout->addLayout(decide);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("approvalMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    connect(m_status, &QComboBox::currentIndexChanged, this, &ApprovalsView::reload);
    connect(refresh, &QPushButton::clicked, this, &ApprovalsView::reload);
    connect(exportCsv, &QPushButton::clicked, this,
            [this] { exportModelCsv(this, m_sorted, QStringLiteral("adjustments.csv")); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ApprovalsView::showCurrent);
    connect(m_approve, &QPushButton::clicked, this, &ApprovalsView::approve);
    connect(m_reject, &QPushButton::clicked, this, &ApprovalsView::reject);
    connect(m_runner, &ActionRunner::notQueued, this, [this](const QString &error) {
        m_message->setText(tr("Not queued: %1").arg(error));
        updateButtons();
    });
    connect(m_runner, &ActionRunner::queued, this,
            [this] { m_message->setText(tr("Decision queued; sending…")); });
    connect(m_runner, &ActionRunner::finished, this, [this](const client::OutboxEntry &entry) {
        if (entry.state == client::OutboxState::Done) {
            const QJsonObject a = entry.result.toObject();
            m_message->setText(
                tr("Adjustment #%1 is %2.").arg(number(a, "id")).arg(text(a, "status")));
            m_decisionReason->clear();
            emit decided(a);
        } else {
            m_message->setText(
                tr("Decision not applied: %1")
                    .arg(refusalText(entry, tr("it was decided already, or the member's wallet no "
                                               "longer covers the debit (HTTP 409). The list is "
                                               "reloaded."))));
        }
        reload();
    });
    reload();
}

void ApprovalsView::setStatusFilter(const QString &status)
{
    const int index = m_status->findData(status);
    if (index >= 0)
        m_status->setCurrentIndex(index);
}

void ApprovalsView::reload()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    const QString status = m_status->currentData().toString();
    if (!status.isEmpty())
        query.addQueryItem(QStringLiteral("status"), status);
    const qint64 keep = current().value(QStringLiteral("id")).toInteger();
    if (m_selectAfterLoad == 0)
        m_selectAfterLoad = keep;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_info->setText(tr("Loading…"));
    getJson(m_workspace->api(), QStringLiteral("/api/v1/admin/adjustments"), query, this,
            [this, generation, status](const client::ApiResult &result) {
                if (generation != m_generation)
                    return;
                m_loading = false;
                if (!result.ok) {
                    m_info->setText(failureText(tr("load adjustments"), result) +
                                    tr(" Refresh to try again."));
                    return;
                }
                m_model->setItems(result.object().value(QStringLiteral("items")).toArray());
                int waiting = 0;
                for (const QJsonValue &v : m_model->items()) {
                    const QJsonObject a = v.toObject();
                    if (text(a, "status") == QLatin1String("pending_approval") &&
                        number(a, "maker_id") != m_workspace->me().id)
                        ++waiting;
                }
                if (status == QLatin1String("pending_approval"))
                    emit waitingChanged(waiting);
                m_info->setText(m_model->rowCount() == 0
                                    ? tr("Nothing here. Adjustments above %1 wait here for a "
                                         "second approver.")
                                          .arg(credits(500))
                                    : tr("%n adjustment(s)", nullptr, m_model->rowCount()));
                const qint64 select = m_selectAfterLoad;
                m_selectAfterLoad = 0;
                if (select <= 0 || !selectAdjustment(select))
                    showCurrent();
            });
}

bool ApprovalsView::selectAdjustment(qint64 id)
{
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        if (m_sorted->index(row, 0).data(JsonRowsModel::SortRole).toLongLong() == id) {
            m_table->selectRow(row);
            showCurrent();
            return true;
        }
    }
    if (m_loading)
        m_selectAfterLoad = id;
    return false;
}

QJsonObject ApprovalsView::current() const
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid())
        return {};
    return m_sorted->data(index, JsonRowsModel::ObjectRole).toJsonObject();
}

QString ApprovalsView::decisionBlocker(const QJsonObject &a) const
{
    if (a.isEmpty())
        return tr("Select an adjustment.");
    if (!m_workspace->hasPermission(protocol::Permission::MoveMoney))
        return tr("Your role cannot decide on adjustments.");
    if (text(a, "status") != QLatin1String("pending_approval"))
        return tr("This adjustment was decided already (%1).").arg(text(a, "status"));
    if (number(a, "maker_id") == m_workspace->me().id)
        return tr("You asked for this adjustment. Another finance person or an admin must "
                  "approve or reject it (four eyes).");
    if (m_runner->isRunning())
        return tr("Your last decision is still being sent.");
    return {};
}

void ApprovalsView::showCurrent()
{
    const QJsonObject a = current();
    if (a.isEmpty()) {
        m_detail->setText(m_model->rowCount() > 0 ? tr("Select an adjustment to decide on it.")
                                                  : QString());
    } else {
        QString linked = a.value(QStringLiteral("case_id")).isNull()
                             ? tr("no linked case")
                             : tr("linked case #%1").arg(number(a, "case_id"));
        m_detail->setText(tr("#%1: %2 asked on %3 to adjust %4 by %5 (%6). Why: “%7”")
                              .arg(number(a, "id"))
                              .arg(number(a, "maker_id") == m_workspace->me().id
                                       ? tr("You")
                                       : staffName(m_workspace, number(a, "maker_id")),
                                   timeText(a.value(QStringLiteral("created_at"))),
                                   memberName(m_workspace, number(a, "user_id")),
                                   credits(number(a, "amount")), linked, text(a, "reason")));
    }
    updateButtons();
}

void ApprovalsView::updateButtons()
{
    const QString blocker = decisionBlocker(current());
    m_approve->setEnabled(blocker.isEmpty());
    m_reject->setEnabled(blocker.isEmpty());
    m_approve->setToolTip(blocker.isEmpty() ? tr("Post this adjustment to the member's wallet")
                                            : blocker);
    m_reject->setToolTip(blocker.isEmpty() ? tr("Refuse it; nothing moves") : blocker);
}

void ApprovalsView::approve()
{
    const QJsonObject a = current();
    const QString blocker = decisionBlocker(a);
    if (!blocker.isEmpty()) {
        m_message->setText(blocker);
        return;
    }
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    m_runner->run(client::actions::approveAdjustmentAt(number(a, "id"), number(a, "version"),
                                                       m_decisionReason->text().trimmed()));
}

void ApprovalsView::reject()
{
    const QJsonObject a = current();
    QString blocker = decisionBlocker(a);
    if (blocker.isEmpty() && m_decisionReason->text().trimmed().isEmpty())
        blocker = tr("Give a reason for rejecting it.");
    if (!blocker.isEmpty()) {
        m_message->setText(blocker);
        return;
    }
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    m_runner->run(client::actions::rejectAdjustmentAt(number(a, "id"), number(a, "version"),
                                                      m_decisionReason->text().trimmed()));
}

QString ApprovalsView::messageText() const
{
    return m_message->text();
}

} // namespace skillex::views::finance
