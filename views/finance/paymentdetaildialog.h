// PaymentDetailDialog: PaymentDetail in a window, for a payment opened from a ledger transfer.
#pragma once

#include <QDialog>

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class PaymentDetail;

class PaymentDetailDialog : public QDialog {
    Q_OBJECT

public:
    PaymentDetailDialog(client::Workspace *workspace, qint64 paymentId, QWidget *parent = nullptr);
    PaymentDetail *detail() const { return m_detail; }

private:
    PaymentDetail *m_detail = nullptr;
};

} // namespace skillex::views::finance
