// FinancePage: the Finance area — ledger, statements, ledger check, payments, credit
// adjustments with their approvals, and reconciliation — one tab each.
#pragma once

#include <QWidget>

class QTabWidget;

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

namespace finance {
class AdjustmentForm;
class ApprovalsView;
class LedgerCheckView;
class LedgerView;
class LinkOpener;
class PaymentsView;
class ReconciliationView;
class StatementView;
} // namespace finance

class FinancePage : public QWidget {
    Q_OBJECT

public:
    enum Tab { Ledger, Statement, Check, Payments, Adjustments, Reconciliation };

    explicit FinancePage(client::Workspace *workspace, QWidget *parent = nullptr);

    void showTab(Tab tab);
    QTabWidget *tabs() const { return m_tabs; }
    finance::LedgerView *ledger() const { return m_ledger; }
    finance::StatementView *statement() const { return m_statement; }
    finance::LedgerCheckView *check() const { return m_check; }
    finance::PaymentsView *payments() const { return m_payments; }
    finance::AdjustmentForm *adjustmentForm() const { return m_adjustmentForm; }
    finance::ApprovalsView *approvals() const { return m_approvals; }
    finance::ReconciliationView *reconciliation() const { return m_reconciliation; }
    finance::LinkOpener *links() const { return m_links; }

signals:
    // A transfer linked a case: the shell may show it in the Cases area.
    void caseRequested(qint64 caseId);
    // Adjustments waiting for this person's approval (the rail's badge).
    void approvalsWaiting(int count);

private:
    client::Workspace *m_workspace = nullptr;
    QTabWidget *m_tabs = nullptr;
    finance::LinkOpener *m_links = nullptr;
    finance::LedgerView *m_ledger = nullptr;
    finance::StatementView *m_statement = nullptr;
    finance::LedgerCheckView *m_check = nullptr;
    finance::PaymentsView *m_payments = nullptr;
    finance::AdjustmentForm *m_adjustmentForm = nullptr;
    finance::ApprovalsView *m_approvals = nullptr;
    finance::ReconciliationView *m_reconciliation = nullptr;
};

} // namespace skillex::views
