// PaymentDetail: one payment as finance sees it — the payment, its webhook history (oldest
// first, with each outcome), its refunds and its ledger transfers — and the Refund button.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class ActionRunner;
class JsonRowsModel;
class RefundDialog;

class PaymentDetail : public QWidget {
    Q_OBJECT

public:
    explicit PaymentDetail(client::Workspace *workspace, QWidget *parent = nullptr);

    void showPayment(qint64 paymentId);
    void reload();
    qint64 paymentId() const { return m_id; }
    const QJsonObject &payment() const { return m_payment; }
    bool isLoaded() const { return !m_payment.isEmpty(); }
    // Opens the refund dialog (non-modal, so tests and the keyboard can fill it); null when the
    // payment cannot be refunded (the message says why).
    RefundDialog *startRefund();
    QString statusText() const;
    JsonRowsModel *webhooks() const { return m_webhooks; }

signals:
    void loaded();
    // A refund was requested and the server took it.
    void refunded(qint64 paymentId);

private:
    void display(const QJsonObject &payment);
    void submitRefund(RefundDialog *dialog);
    QString refundBlocker() const;

    client::Workspace *m_workspace = nullptr;
    ActionRunner *m_runner = nullptr;
    qint64 m_id = 0;
    QJsonObject m_payment;
    QLabel *m_header = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_refund = nullptr;
    QTabWidget *m_tabs = nullptr;
    JsonRowsModel *m_webhooks = nullptr;
    JsonRowsModel *m_refunds = nullptr;
    JsonRowsModel *m_transfers = nullptr;
};

} // namespace skillex::views::finance
