// FinancePage: builds the tabs; the views talk to each other only through signals here.
#include "views/finance/financepage.h"

#include "client/stream/eventstream.h"
#include "client/sync/syncengine.h"
#include "client/workspace/workspace.h"
#include "views/finance/adjustmentform.h"
#include "views/finance/approvalsview.h"
#include "views/finance/ledgercheckview.h"
#include "views/finance/ledgerview.h"
#include "views/finance/linkopener.h"
#include "views/finance/paymentsview.h"
#include "views/finance/reconciliationview.h"
#include "views/finance/statementview.h"

#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace skillex::views {

FinancePage::FinancePage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("financePage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (!workspace || !workspace->cache() ||
        !workspace->hasPermission(protocol::Permission::ViewFinance)) {
        auto *label = new QLabel(tr("Finance is for the finance team and admins. Your role "
                                    "does not include the ledger, payments or statements."),
                                 this);
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        layout->addWidget(label);
        return;
    }
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("financeTabs"));
    m_tabs->setDocumentMode(true);
    m_links = new finance::LinkOpener(workspace, this);
    m_ledger = new finance::LedgerView(workspace, m_links, m_tabs);
    m_statement = new finance::StatementView(workspace, m_tabs);
    m_check = new finance::LedgerCheckView(workspace, m_tabs);
    m_payments = new finance::PaymentsView(workspace, m_tabs);
    auto *adjustments = new QSplitter(m_tabs);
    adjustments->setObjectName(QStringLiteral("adjustmentsSplitter"));
    adjustments->setChildrenCollapsible(false);
    m_adjustmentForm = new finance::AdjustmentForm(workspace, adjustments);
    m_approvals = new finance::ApprovalsView(workspace, adjustments);
    adjustments->addWidget(m_adjustmentForm);
    adjustments->addWidget(m_approvals);
    adjustments->setStretchFactor(0, 1);
    adjustments->setStretchFactor(1, 3);
    m_reconciliation = new finance::ReconciliationView(workspace, m_tabs);

    m_tabs->addTab(m_ledger, tr("&Ledger"));
    m_tabs->addTab(m_statement, tr("&Statement"));
    m_tabs->addTab(m_check, tr("Ledger c&heck"));
    m_tabs->addTab(m_payments, tr("&Payments"));
    m_tabs->addTab(adjustments, tr("A&djustments"));
    m_tabs->addTab(m_reconciliation, tr("Re&conciliation"));
    layout->addWidget(m_tabs);

    connect(m_links, &finance::LinkOpener::caseRequested, this, &FinancePage::caseRequested);
    connect(m_adjustmentForm, &finance::AdjustmentForm::created, m_approvals,
            [this] { m_approvals->reload(); });
    connect(m_approvals, &finance::ApprovalsView::waitingChanged, this, [this](int count) {
        m_tabs->setTabText(Adjustments, count > 0 ? tr("A&djustments (%1 to approve)").arg(count)
                                                  : tr("A&djustments"));
        emit approvalsWaiting(count);
    });
    connect(m_check, &finance::LedgerCheckView::checked, this, [this](bool ok) {
        m_tabs->setTabText(Check, ok ? tr("Ledger c&heck ✔") : tr("Ledger c&heck ✖"));
    });
    // Live: someone else's adjustment request or decision shows in Approvals without a Refresh
    // (a burst of events is one reload; the selection is kept).
    auto *approvalsRefresh = new QTimer(this);
    approvalsRefresh->setSingleShot(true);
    approvalsRefresh->setInterval(300);
    connect(approvalsRefresh, &QTimer::timeout, m_approvals, &finance::ApprovalsView::reload);
    if (workspace->sync() && workspace->sync()->stream()) {
        connect(workspace->sync()->stream(), &client::EventStream::eventReceived, this,
                [approvalsRefresh](const QJsonObject &event) {
                    if (event.value(QStringLiteral("type"))
                            .toString()
                            .startsWith(QLatin1String("adjustment.")))
                        approvalsRefresh->start();
                });
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        // The check reads the whole ledger: run it when first looked at, not at start-up.
        if (index == Check && m_check->result().isEmpty() && !m_check->isRunning())
            m_check->runCheck();
    });
}

void FinancePage::showTab(Tab tab)
{
    if (m_tabs)
        m_tabs->setCurrentIndex(tab);
}

} // namespace skillex::views
