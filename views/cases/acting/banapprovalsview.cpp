// BanApprovalsView: GET /admin/ban-approvals (a read of what waits); approve and reject go
// through the outbox like every change.
#include "views/cases/acting/banapprovalsview.h"

#include "client/api/apiclient.h"
#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/stream/eventstream.h"
#include "client/sync/syncengine.h"
#include "client/workspace/workspace.h"
#include "views/cases/detail/casehtml.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace skillex::views {

namespace {
enum Column { When, Proposer, Case, Member, Reason, State, ColumnCount };
}

BanApprovalsView::BanApprovalsView(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("banApprovalsView"));
    setAccessibleName(tr("Ban approvals"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto *top = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("banApprovalsStatus"));
    m_status->setWordWrap(true);
    top->addWidget(m_status, 1);
    m_refresh = new QPushButton(tr("Re&fresh"), this);
    m_refresh->setAccessibleName(tr("Refresh ban approvals"));
    top->addWidget(m_refresh);
    layout->addLayout(top);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("banApprovalsTable"));
    m_table->setAccessibleName(tr("Ban proposals waiting for approval"));
    m_table->setHorizontalHeaderLabels(
        {tr("Proposed"), tr("Proposer"), tr("Case"), tr("Member"), tr("Reason"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(Reason, QHeaderView::Stretch);
    m_table->setSortingEnabled(true);
    layout->addWidget(m_table, 1);

    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("banApprovalDetail"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::RichText);
    layout->addWidget(m_reason);
    auto *bottom = new QHBoxLayout;
    m_decisionReason = new QLineEdit(this);
    m_decisionReason->setObjectName(QStringLiteral("banDecisionReason"));
    m_decisionReason->setPlaceholderText(tr("Reason for your decision (optional)"));
    m_decisionReason->setAccessibleName(tr("Reason for the decision"));
    bottom->addWidget(m_decisionReason, 1);
    m_openCase = new QPushButton(tr("&Open case"), this);
    m_openCase->setAccessibleName(tr("Open the proposal's case"));
    m_approve = new QPushButton(tr("&Approve ban"), this);
    m_approve->setObjectName(QStringLiteral("approveBanButton"));
    m_approve->setAccessibleName(tr("Approve the ban"));
    m_reject = new QPushButton(tr("&Reject"), this);
    m_reject->setObjectName(QStringLiteral("rejectBanButton"));
    m_reject->setAccessibleName(tr("Reject the ban"));
    for (QPushButton *b : {m_openCase, m_reject, m_approve})
        bottom->addWidget(b);
    layout->addLayout(bottom);

    connect(m_refresh, &QPushButton::clicked, this, &BanApprovalsView::refresh);
    connect(m_approve, &QPushButton::clicked, this, &BanApprovalsView::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &BanApprovalsView::rejectSelected);
    connect(m_openCase, &QPushButton::clicked, this, [this] {
        const QJsonObject item = selectedItem();
        if (!item.isEmpty())
            emit openCaseRequested(item.value(QStringLiteral("case_id")).toInteger());
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &BanApprovalsView::updateButtons);
    connect(m_table, &QTableWidget::cellActivated, this, [this] { m_openCase->click(); });
    if (client::SyncEngine *sync = m_workspace->sync(); sync && sync->stream())
        connect(sync->stream(), &client::EventStream::eventReceived, this,
                [this](const QJsonObject &event) {
                    if (event.value(QStringLiteral("type"))
                            .toString()
                            .startsWith(QLatin1String("ban_approval.")))
                        refresh();
                });
    if (client::Outbox *outbox = m_workspace->outbox())
        connect(outbox, &client::Outbox::entriesChanged, this, &BanApprovalsView::updateButtons);
    refresh();
}

void BanApprovalsView::refresh()
{
    if (!m_workspace->api() || m_workspace->isOffline()) {
        m_status->setText(tr("Ban approvals are read from the server and it cannot be reached "
                             "now. Showing the list as last loaded."));
        return;
    }
    m_loading = true;
    m_status->setText(tr("Loading ban proposals…"));
    m_workspace->api()->get(QStringLiteral("/api/v1/admin/ban-approvals?status=pending&limit=500"),
                            this, [this](const client::ApiResult &result) {
                                m_loading = false;
                                if (!result.ok) {
                                    m_status->setText(tr("Could not load ban proposals: %1. Press "
                                                         "Refresh to try again.")
                                                          .arg(result.error.message()));
                                    return;
                                }
                                showItems(result.object().value(QStringLiteral("items")).toArray());
                            });
}

void BanApprovalsView::showItems(const QJsonArray &items)
{
    const qint64 selected = selectedApproval();
    m_items = items;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(items.size()));
    for (int row = 0; row < items.size(); ++row) {
        const QJsonObject a = items.at(row).toObject();
        const QJsonObject user = a.value(QStringLiteral("user")).toObject();
        const qint64 id = a.value(QStringLiteral("id")).toInteger();
        const QStringList texts{
            casehtml::when(a.value(QStringLiteral("created_at"))),
            a.value(QStringLiteral("proposed_by"))
                .toObject()
                .value(QStringLiteral("name"))
                .toString(),
            a.value(QStringLiteral("case_id")).isNull()
                ? tr("(no case)")
                : QStringLiteral("#%1").arg(a.value(QStringLiteral("case_id")).toInteger()),
            tr("%1 (%2)").arg(user.value(QStringLiteral("name")).toString(),
                              user.value(QStringLiteral("status")).toString()),
            a.value(QStringLiteral("reason")).toString(),
            casehtml::words(a.value(QStringLiteral("status")).toString())};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(texts.at(c));
            item->setData(Qt::UserRole, id);
            item->setToolTip(texts.at(c));
            m_table->setItem(row, c, item);
        }
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(Reason, QHeaderView::Stretch);
    if (m_pending != items.size()) {
        m_pending = int(items.size());
        emit pendingCountChanged(m_pending);
    }
    m_status->setText(items.isEmpty()
                          ? tr("No ban proposals are waiting. A ban proposed on a case appears "
                               "here for a senior moderator to decide.")
                          : tr("Ban proposals waiting: %1. A ban takes two people: the proposer "
                               "and a senior moderator who is not the proposer.")
                                .arg(items.size()));
    if (!selectApproval(selected) && m_table->rowCount() > 0)
        m_table->selectRow(0);
    updateButtons();
}

bool BanApprovalsView::selectApproval(qint64 approvalId)
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, 0)->data(Qt::UserRole).toLongLong() == approvalId) {
            m_table->selectRow(row);
            return true;
        }
    return false;
}

qint64 BanApprovalsView::selectedApproval() const
{
    const auto rows =
        m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty())
        return 0;
    return m_table->item(rows.first().row(), 0)->data(Qt::UserRole).toLongLong();
}

QJsonObject BanApprovalsView::selectedItem() const
{
    const qint64 id = selectedApproval();
    for (const QJsonValue v : m_items)
        if (v.toObject().value(QStringLiteral("id")).toInteger() == id)
            return v.toObject();
    return {};
}

QString BanApprovalsView::approveBlockedReason() const
{
    const QJsonObject item = selectedItem();
    if (item.isEmpty())
        return tr("Select a proposal.");
    if (item.value(QStringLiteral("proposed_by"))
            .toObject()
            .value(QStringLiteral("id"))
            .toInteger() == m_workspace->me().id)
        return tr("You proposed this ban. A second senior moderator must decide it.");
    if (!m_workspace->hasPermission(protocol::Permission::SeniorModeration))
        return tr("Only a senior moderator or an admin decides bans.");
    // Already decided from this console, waiting in the outbox.
    if (m_workspace->outbox())
        for (const client::OutboxEntry &e : m_workspace->outbox()->entries(60'000))
            if (e.action.targetType == QLatin1String("ban_approval") &&
                e.action.targetId == item.value(QStringLiteral("id")).toInteger() &&
                e.state != client::OutboxState::Cancelled &&
                e.state != client::OutboxState::Discarded)
                return e.state == client::OutboxState::Conflict ||
                               e.state == client::OutboxState::Failed
                           ? tr("Your decision was refused: %1").arg(e.lastError)
                           : tr("Your decision is %1.")
                                 .arg(e.state == client::OutboxState::Done ? tr("applied")
                                                                           : tr("queued"));
    return {};
}

void BanApprovalsView::updateButtons()
{
    const QJsonObject item = selectedItem();
    const QString why = approveBlockedReason();
    m_approve->setEnabled(why.isEmpty());
    m_reject->setEnabled(why.isEmpty());
    m_approve->setToolTip(why);
    m_reject->setToolTip(why);
    m_openCase->setEnabled(!item.isEmpty() && !item.value(QStringLiteral("case_id")).isNull());
    if (item.isEmpty()) {
        m_reason->clear();
        return;
    }
    m_reason->setText(tr("<b>%1</b> proposed banning <b>%2</b>: %3%4")
                          .arg(item.value(QStringLiteral("proposed_by"))
                                   .toObject()
                                   .value(QStringLiteral("name"))
                                   .toString()
                                   .toHtmlEscaped(),
                               item.value(QStringLiteral("user"))
                                   .toObject()
                                   .value(QStringLiteral("name"))
                                   .toString()
                                   .toHtmlEscaped(),
                               item.value(QStringLiteral("reason")).toString().toHtmlEscaped(),
                               why.isEmpty()
                                   ? QString()
                                   : QStringLiteral("<br/><span style='color:#b9770e'>%1</span>")
                                         .arg(why.toHtmlEscaped())));
}

void BanApprovalsView::approveSelected()
{
    if (!approveBlockedReason().isEmpty())
        return;
    client::Action action = client::actions::approveBan(selectedApproval());
    const QString reason = m_decisionReason->text().trimmed();
    if (!reason.isEmpty())
        action.body.insert(QStringLiteral("reason"), reason);
    m_workspace->outbox()->enqueue(action);
    m_decisionReason->clear();
}

void BanApprovalsView::rejectSelected()
{
    if (!approveBlockedReason().isEmpty())
        return;
    client::Action action = client::actions::approveBan(selectedApproval());
    action.kind = QStringLiteral("ban.reject");
    action.path.replace(QLatin1String("/approve"), QLatin1String("/reject"));
    action.summary = tr("Reject ban #%1").arg(selectedApproval());
    const QString reason = m_decisionReason->text().trimmed();
    if (!reason.isEmpty())
        action.body.insert(QStringLiteral("reason"), reason);
    m_workspace->outbox()->enqueue(action);
    m_decisionReason->clear();
}

} // namespace skillex::views
